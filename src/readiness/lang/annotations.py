"""Reading type annotations of the pydantic models: the one helper for Optional / Annotated / unions."""

from __future__ import annotations

import types
import typing
from typing import Any, Union, get_args, get_origin


def members(annotation: Any, keep_none: bool = True) -> list[Any]:
    """The alternatives of a (possibly Optional / Annotated) annotation, Annotated metadata removed."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for a in get_args(annotation) for m in members(a, keep_none) if keep_none or m is not type(None)]
    return [annotation]


def unwrap(annotation: Any) -> Any:
    """The annotation without Annotated metadata and without Optional; a real union stays a union."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation
