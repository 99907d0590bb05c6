"""Turn pydantic's validation errors into Problems in a council officer's words."""

from __future__ import annotations

import types
import typing
from typing import Any, Callable, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError

from ..lang.annotations import members
from ..lang.text import bounded, dotted, suggest
from ..model.errors import FileLine, Location, Problem
from .yamlfile import line_of


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names a model accepts at `loc` (for 'did you mean' hints)."""
    _, current = _walk(model, loc)
    models = [m for a in current for m in members(a) if isinstance(m, type) and issubclass(m, BaseModel)]
    return [f.alias or name for m in models for name, f in m.model_fields.items()]


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind, loc, value = err["type"], err["loc"], err.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return f"is not a field readiness knows{suggest(loc[-1], _fields_at(model, err['raw_loc'][:-1])) if loc else ''}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"got {bounded(value)}; expected one of {expected}{_literal_hint(value, expected)}"
    if kind.startswith("date") or kind == "date_type":
        return f"got {bounded(value)}; expected a date written YYYY-MM-DD"
    if kind in {"bool_type", "bool_parsing"}:
        return f"got {bounded(value)}; expected true or false"
    if kind == "judgement":
        return f"got {bounded(value)}; expected true or false (or partly, in-progress, where the source says so)"
    if kind in {"int_type", "int_parsing", "float_type", "float_parsing", "int_from_float"}:
        return f"got {bounded(value)}; expected a number"
    if kind == "finite_number":
        return f"got {bounded(value)}; expected a finite number (not infinity or NaN)"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return f"got {bounded(value)}; {err['msg'].lower().replace('input should be', 'expected a value')}"
    if kind in {"list_type"}:
        return f"got {bounded(value)}; expected a list (lines starting with '- ')"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"got {bounded(value)}; expected a section of named fields"
    if kind == "string_type":
        return f"got {bounded(value)}; expected text"
    if kind == "value_error":  # our own validators: the message says it all; a whole section is noise
        message = err["msg"].removeprefix("Value error, ")
        return message if isinstance(value, (dict, list)) else f"{message} (got {bounded(value)})"
    return f"{err['msg']} (got {bounded(value)})"


def _literal_hint(value: Any, expected: str) -> str:
    options = [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",")]
    return suggest(value, options) if isinstance(value, str) else ""


def problems_from(
    exc: ValidationError, model: type[BaseModel], *, text: str | None = None, file: str | None = None,
    prefix: tuple[Any, ...] = (), rule_id: str | None = None,
    locate: Callable[[tuple[Any, ...]], Location] | None = None,
) -> list[Problem]:
    """One Problem per pydantic error, located in the source where possible: by `locate` (a key path
    -> a Location, for any kind of source), else by the line of the key path in the YAML `text`."""
    if locate is None:
        def locate(loc: tuple[Any, ...]) -> Location:
            return FileLine(file, line_of(text, loc) if text is not None else None)
    out = []
    for err in exc.errors():
        # pydantic inserts union-branch and function names into loc; keep only real keys.
        raw_loc = tuple(p for p in err["loc"] if isinstance(p, int) or not _is_internal(p))
        loc, _ = _walk(model, raw_loc)
        err = {**err, "loc": loc, "raw_loc": raw_loc}
        full = prefix + loc
        out.append(Problem(_message(err, model), location=locate(full), field=dotted(full), rule_id=rule_id))
    return out


def _walk(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], list[Any]]:
    """Follow `loc` through the model: the location without the tags pydantic puts in it inside a
    tagged union (the condition language: ('when', 'all', 'all', 0, 'fact', 'op') is really
    ('when', 'all', 0, 'op')), and the annotations the value found there may have."""
    out: list[Any] = []
    current: list[Any] = [model]  # the annotations the value at this point may have
    for part in loc:
        tagged = {t.tag: get_args(m)[0] for a in current for m in _union_parts(a)
                  if get_origin(m) is typing.Annotated for t in get_args(m)[1:] if isinstance(t, Tag)}
        if isinstance(part, str) and part in tagged:
            current = [tagged[part]]
            continue
        out.append(part)
        nxt: list[Any] = []
        for a in (m for c in current for m in members(c)):
            if isinstance(part, int) and get_origin(a) is list:
                nxt.append(get_args(a)[0])
            elif isinstance(part, str) and isinstance(a, type) and issubclass(a, BaseModel):
                nxt += [f.annotation for name, f in a.model_fields.items() if part in (name, f.alias)]
        current = nxt
    return tuple(out), current


def _union_parts(annotation: Any) -> list[Any]:
    """Like annotations.members, but keeps each alternative's own Annotated metadata (where tags live)."""
    while get_origin(annotation) is typing.Annotated and not any(isinstance(t, Tag) for t in get_args(annotation)[1:]):
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for a in get_args(annotation) for m in _union_parts(a)]
    return [annotation]


def _is_internal(part: str) -> bool:
    return part.startswith("function-") or "[" in part or part in {"tagged-union"}
