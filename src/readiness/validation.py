"""Turn pydantic's validation errors into Problems in a council officer's words."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem, dotted, suggest
from .yamlfile import line_of


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names a model accepts at `loc` (for 'did you mean' hints)."""
    from .facts import model_at  # local import: facts depends on profile, not the reverse

    target = model_at(model, [p for p in loc if not isinstance(p, int)])
    return list(target.model_fields) if target else []


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind, loc, value = err["type"], err["loc"], err.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return f"is not a field readiness knows{suggest(loc[-1], _fields_at(model, loc[:-1]))}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"got {value!r}; expected one of {expected}{_literal_hint(value, expected)}"
    if kind.startswith("date") or kind == "date_type":
        return f"got {value!r}; expected a date written YYYY-MM-DD"
    if kind in {"bool_type", "bool_parsing"}:
        return f"got {value!r}; expected true or false"
    if kind in {"int_type", "int_parsing", "float_type", "float_parsing", "int_from_float"}:
        return f"got {value!r}; expected a number"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return f"got {value!r}; {err['msg'].lower().replace('input should be', 'expected a value')}"
    if kind in {"list_type"}:
        return f"got {value!r}; expected a list (lines starting with '- ')"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"got {value!r}; expected a section of named fields"
    if kind == "string_type":
        return f"got {value!r}; expected text"
    return f"{err['msg']} (got {value!r})"


def _literal_hint(value: Any, expected: str) -> str:
    options = [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",")]
    return suggest(value, options) if isinstance(value, str) else ""


def problems_from(
    exc: ValidationError, model: type[BaseModel], *, text: str | None, file: str | None,
    prefix: tuple[Any, ...] = (), rule_id: str | None = None,
) -> list[Problem]:
    """One Problem per pydantic error, located in the source file where possible."""
    out = []
    for err in exc.errors():
        # pydantic inserts union-branch and function names into loc; keep only real keys.
        loc = tuple(p for p in err["loc"] if isinstance(p, int) or not _is_internal(p))
        err = {**err, "loc": loc}
        full = prefix + loc
        line = line_of(text, full) if text is not None else None
        out.append(Problem(_message(err, model), file=file, line=line, field=dotted(full), rule_id=rule_id))
    return out


def _is_internal(part: str) -> bool:
    return part.startswith("function-") or "[" in part or part in {"tagged-union"}
