"""Hypothesis strategies built by walking pydantic models, so they follow the profile as it grows.

`model_strategy(Profile)` generates ANY valid profile: every optional field is either None or a
value; literals are sampled from their choices; numbers stay inside the ge/gt/le/lt bounds read
from the field's metadata; lists hold 0-3 items; nested sections are built recursively. Computed
fields are not model fields, so they are never generated (pydantic derives them).
"""

from __future__ import annotations

import types
import typing
from datetime import date
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from readiness.lang.dates import PartialDate

MAX_LIST = 3


def _bounds(metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in metadata:
        if isinstance(m, FieldInfo):
            out.update(_bounds(m.metadata))
        elif isinstance(m, annotated_types.Ge):
            out["ge"] = m.ge
        elif isinstance(m, annotated_types.Gt):
            out["gt"] = m.gt
        elif isinstance(m, annotated_types.Le):
            out["le"] = m.le
        elif isinstance(m, annotated_types.Lt):
            out["lt"] = m.lt
        elif isinstance(m, annotated_types.MinLen):
            out["min_len"] = m.min_length
        elif isinstance(m, annotated_types.MaxLen):
            out["max_len"] = m.max_length
    return out


def _number(kind: type, bounds: dict[str, Any]) -> st.SearchStrategy:
    if kind is int:
        low = bounds.get("ge", bounds["gt"] + 1 if "gt" in bounds else None)
        high = bounds.get("le", bounds["lt"] - 1 if "lt" in bounds else None)
        return st.integers(min_value=low, max_value=high)
    return st.floats(
        min_value=bounds.get("ge", bounds.get("gt")), max_value=bounds.get("le", bounds.get("lt")),
        exclude_min="gt" in bounds, exclude_max="lt" in bounds, allow_nan=False, allow_infinity=False,
    )


def for_annotation(annotation: Any, metadata: list[Any] | None = None) -> st.SearchStrategy:
    """A strategy for any value pydantic accepts for `annotation` (with field `metadata`)."""
    metadata = list(metadata or [])
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = get_args(annotation)
        return for_annotation(inner, metadata + list(extra))
    if origin in (Union, types.UnionType):
        return st.one_of([for_annotation(a, metadata) for a in get_args(annotation)])
    if annotation is type(None):
        return st.none()
    if origin is Literal:
        return st.sampled_from(get_args(annotation))
    if origin is list:
        bounds = _bounds(metadata)
        return st.lists(for_annotation(get_args(annotation)[0]), min_size=bounds.get("min_len", 0),
                        max_size=max(bounds.get("min_len", 0), MAX_LIST))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_strategy(annotation)
    if annotation is bool:
        return st.booleans()
    if annotation in (int, float):
        return _number(annotation, _bounds(metadata))
    if annotation is PartialDate:  # a day, a month or a year, as sources give them
        return st.one_of(st.dates(), st.integers(1900, 2100),
                         st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1900, 2100), st.integers(1, 12)))
    if annotation is date:
        return st.dates()
    if annotation is str:
        bounds = _bounds(metadata)
        return st.text(min_size=bounds.get("min_len", 0), max_size=20)
    raise TypeError(f"no strategy for {annotation!r}")


@cache
def model_strategy(model: type[BaseModel]) -> st.SearchStrategy:
    """Valid instances of `model`, validated by pydantic itself."""
    fields = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        fields[key] = for_annotation(info.annotation, info.metadata)
    return st.fixed_dictionaries(fields).map(_valid_or_none(model)).filter(lambda v: v is not None)


def _valid_or_none(model: type[BaseModel]):
    """Some models check fields together (a feedback item needs a group): drop combinations they refuse."""
    def build(data: dict[str, Any]) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError:
            return None
    return build
