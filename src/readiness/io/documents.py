"""The one path every YAML input takes: read the text, parse it, validate it against a model.

Profiles, rule files, fixture files, scoring policies and waivers all come in through here, so a
file that cannot be read, YAML that does not parse and a value that does not fit the model are
reported the same way whatever the file is: with the file, the line and the field.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..model.errors import FileLine, Location, Problem, ReadinessError, dotted
from ..lang.text import bounded, clip
from .validation import problems_from
from .yamlfile import gc_paused, line_in, line_of, parse_located, read_text

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Document:
    """Parsed data, with what is needed to say where in the source a value came from."""

    data: Any
    text: str | None = None  # the source text (None: built in memory, e.g. a dict)
    file: str | None = None
    # the YAML node tree the data was built from, so a line is found without parsing again
    root: Any = field(default=None, compare=False, repr=False)

    def line(self, loc: tuple[Any, ...] | list[Any]) -> int | None:
        if self.root is not None:
            return line_in(self.root, loc)
        return line_of(self.text, loc) if self.text is not None else None

    def at(self, loc: tuple[Any, ...] | list[Any]) -> Location:
        """The location of the value at `loc` (keys and list indexes). A source that is not text
        (a workbook) subclasses Document and answers with its own kind of Location (a Cell)."""
        return FileLine(self.file, self.line(loc))

    def problems(self, exc: ValidationError, model: type[BaseModel], prefix: tuple[Any, ...] = (),
                 rule_id: str | None = None) -> list[Problem]:
        return problems_from(exc, model, prefix=prefix, rule_id=rule_id, locate=self.at)

    def _cannot_hold_surrogates(self) -> bool:
        """Whether the data's texts cannot hold a lone surrogate, from the source text alone: it has
        no backslash (in YAML and JSON an escape such as '\\ud83c' is the only way to write one
        that the text itself does not hold) and no surrogate of its own (none can be in a file read
        as UTF-8). Then none of the data needs looking at (`_lone_surrogate`), which for a profile
        took a sixth of its load."""
        text = self.text
        return text is not None and "\\" not in text and (text.isascii() or _SURROGATE.search(text) is None)

    def validate(self, model: type[M], error: type[ReadinessError], raw: Any = None,
                 prefix: tuple[Any, ...] = ()) -> M:
        """`raw` (default: the whole document) as a `model`, or `error` listing every problem."""
        data = self.data if raw is None else raw
        with gc_paused():  # like the parse: many objects made (a walk, then the models), no cycles
            surrogate = None if self._cannot_hold_surrogates() else _lone_surrogate(data)
            if surrogate is None:
                try:
                    return model.model_validate(data)
                except ValidationError as exc:
                    failed = exc
        if surrogate is not None:
            loc, text = surrogate
            raise error(Problem(f"{bounded(text)} holds a lone surrogate (half of an emoji or other character, "
                                "e.g. '\\ud83c' without the half that follows): write the whole character",
                                location=self.at(prefix + loc), field=dotted(prefix + loc) or None))
        raise error(self.problems(failed, model, prefix)) from None


def read_yaml(path: str | Path, error: type[ReadinessError]) -> Document:
    """Read and parse a YAML (or JSON) file; errors are raised as `error`, located."""
    path = Path(path)
    text = read_text(path, error)
    data, root = parse_located(text, str(path), error)
    return Document(data, text, str(path), root)


def load_yaml(path: str | Path, model: type[M], error: type[ReadinessError]) -> tuple[M, Document]:
    """Read, parse and validate in one step: the model, and the document it came from."""
    doc = read_yaml(path, error)
    return doc.validate(model, error), doc


def _lone_surrogate(data: Any) -> tuple[tuple[Any, ...], str] | None:
    """The first text (value or key) holding a lone surrogate, and where it is; None if none does."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return loc, value
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and _SURROGATE.search(k):
                    return loc + (k,), k
                stack.append((loc + (k,), v))
        elif isinstance(value, list):
            stack.extend((loc + (i,), v) for i, v in enumerate(value))
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")


@dataclass(frozen=True)
class JsonDocument(Document):
    """A document parsed by the json module; its lines are found in the same text read as YAML
    (with \\u escapes blanked, which YAML may refuse and which never change a line)."""

    def line(self, loc: tuple[Any, ...] | list[Any]) -> int | None:
        return line_of(_ESCAPE.sub("_", self.text), loc) if self.text is not None else None


class _JsonRefused(ValueError):
    def __init__(self, message: str, token: str):
        super().__init__(message)
        self.token = token


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _JsonRefused(f"'{clip(key)}' appears twice in the same section; merge the two or delete one",
                               json.dumps(key))
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise _JsonRefused(f"{name} is not a finite number (infinity and NaN are not accepted)", name)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _JsonRefused(f"{bounded(text)} is too large a number (it reads as infinity)", text)
    return value


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise _JsonRefused(f"a number of {len(text):,} digits is too long to read (over 4,300 digits)",
                           text[:50]) from None


def parse_json(text: str, file: str | None, error: type[ReadinessError]) -> Any:
    """Parse JSON with the json module (so every escape json.dumps writes is read), refusing
    duplicate keys, NaN, infinity and huge integers; syntax errors keep their line."""
    try:
        with gc_paused():
            return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_constant,
                              parse_float=_float, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise error(Problem(f"not valid JSON: {exc.msg} (column {exc.colno})", file=file, line=exc.lineno)) from None
    except _JsonRefused as exc:
        at = text.find(exc.token)
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise error(Problem(f"not valid JSON: {exc}", file=file, line=line)) from None
    except RecursionError:
        raise error(Problem("sections and lists are nested too deeply to read", file=file)) from None


def read_json(path: str | Path, error: type[ReadinessError]) -> Document:
    """Read and parse a JSON file; errors are raised as `error`, located."""
    path = Path(path)
    text = read_text(path, error)
    return JsonDocument(parse_json(text, str(path), error), text, str(path))
