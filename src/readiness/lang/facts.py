"""Fact paths: reading a value from a profile, and knowing its type before any profile exists.

A path is dotted names, e.g. `workforce.supervision.compliance_percent`. Reading a name
through a list reads it from every item (`governance.risk_register.topics` is every topic
of every register entry). Inside a quantifier's `where`, paths start at the item; a path
that starts with `profile.` always starts at the whole profile.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .annotations import unwrap

ROOT = "profile"


class Missing:
    """The fact is not in the profile: not evidenced."""

    _instance: Missing | None = None

    def __new__(cls) -> Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING = Missing()


def split(path: str) -> tuple[bool, list[str]]:
    """(starts at profile root?, names)."""
    names = path.split(".")
    if names[0] == ROOT:
        return True, names[1:]
    return False, names


def read(path: str, item: Any, root: Any) -> Any:
    """The value at `path`, or MISSING. Lists are read item by item and flattened."""
    return reader(path)(item, root)


def sources(path: str, item: Any, root: Any) -> list[str]:
    """Where the fact at `path` comes from: the `source` of the most specific profile entries
    the path passes through (an item's own source, else its section's)."""
    return source_reader(path)(item, root)


Reader = Callable[[Any, Any], Any]  # (item, root) -> the value at a path, or its sources


@lru_cache(maxsize=4096)
def reader(path: str) -> Reader:
    """`read` for one path, split once: what the compiled conditions and messages call per item."""
    from_root, names = split(path)
    steps = tuple(names)

    def read_path(item: Any, root: Any) -> Any:
        current = root if from_root else item
        for name in steps:
            if name in READABLE.get(type(current), ()):  # a profile entry with this field: _step's last line
                current = getattr(current, name, MISSING)
                if current is None:
                    return MISSING
            else:
                current = _step(current, name)
            if current is MISSING:
                return MISSING
        return current
    return read_path


@lru_cache(maxsize=4096)
def source_reader(path: str) -> Reader:
    """`sources` for one path, split once. The sources depend only on the entries the path passes
    through, not on the field it ends at, so every field of a section shares one reader (and a cache
    of what one reader found serves them all)."""
    from_root, names = split(path)
    return _source_reader(from_root, tuple(names[:-1]))


@lru_cache(maxsize=4096)
def _source_reader(from_root: bool, through: tuple[str, ...]) -> Reader:
    def sources_of(item: Any, root: Any) -> list[str]:
        value = root if from_root else item
        found = _sources_of([value])
        for at, name in enumerate(through):  # one entry after another, until a step reads a list
            got = _step(value, name)
            if got is MISSING:
                return found
            if isinstance(got, list):
                return _sources_through(got, through[at + 1:], _sources_of(got) or found)
            value = got
            found = _sources_of([value]) or found
        return found
    return sources_of


def _sources_through(current: list[Any], names: tuple[str, ...], found: list[str]) -> list[str]:
    """`sources` from a list onwards: every item's source, at each step."""
    for name in names:
        nxt: list[Any] = []
        for value in current:
            got = _step(value, name)
            if got is not MISSING:
                nxt.extend(got if isinstance(got, list) else [got])
        current = nxt
        found = _sources_of(current) or found
    return found


def _sources_of(values: list[Any]) -> list[str]:
    seen: list[str] = []
    for value in values:
        source = source_of(value) if isinstance(value, BaseModel) else None
        if source and source not in seen:
            seen.append(source)
    return seen


def source_of(value: Any) -> Any:
    """`value.source`, or None: asked only of an entry that can hold one (a miss through pydantic
    costs microseconds, and sources are asked for every fact read)."""
    return getattr(value, "source", None) if may_hold(type(value), "source") else None


@cache
def may_hold(cls: type, name: str) -> bool:
    """Whether an instance of `cls` can answer `name`: not a profile entry (no extra keys) without such a
    field, derived field or class attribute."""
    if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.model_config.get("extra") != "allow":
        return name in cls.model_fields or name in cls.model_computed_fields or hasattr(cls, name)
    return True


def _step(value: Any, name: str) -> Any:
    if value is None or value is MISSING:
        return MISSING
    if isinstance(value, list):
        out: list[Any] = []
        for element in value:
            got = _step(element, name)
            if got is MISSING:
                continue
            out.extend(got if isinstance(got, list) else [got])
        return out
    kind = type(value)
    names = READABLE.get(kind)
    if names is None:
        names = READABLE[kind] = _readable(kind)
    if name not in names:
        return MISSING  # only profile facts can be read, never Python attributes (e.g. __class__)
    got = getattr(value, name, MISSING)
    return MISSING if got is None else got


READABLE: dict[type, frozenset[str]] = {}  # _readable by type, as types are met: looked up without a call


@cache
def _readable(cls: type) -> frozenset[str]:
    """The names a fact path may read on an instance of `cls` (stored and derived fields)."""
    return frozenset(fields_of(cls)) if isinstance(cls, type) and issubclass(cls, BaseModel) else frozenset()


# --- static types --------------------------------------------------------------------------

Kind = Literal["number", "text", "bool", "date", "enum", "object"]


@dataclass(frozen=True)
class FactType:
    kind: Kind
    many: bool = False  # a list of values (a collection, or read through one)
    choices: tuple[str, ...] = ()
    model: type[BaseModel] | None = None

    def describe(self) -> str:
        base = {"enum": "one of " + ", ".join(self.choices)}.get(self.kind, self.kind)
        if self.kind == "object" and self.model is not None:
            base = f"a {self.model.__name__} section"
        return f"a list of {base}" if self.many else base


def type_of(annotation: Any) -> FactType:
    annotation = unwrap(annotation)
    many = False
    if get_origin(annotation) is list:
        many = True
        annotation = unwrap(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType) and bool in get_args(annotation):
        # a Judgement: true / false, or a state between them ("partly", "in-progress")
        extra = [str(v) for a in get_args(annotation) if get_origin(a) is Literal for v in get_args(a)]
        return FactType("bool", many, tuple(extra))
    if get_origin(annotation) is Literal:
        return FactType("enum", many, tuple(str(a) for a in get_args(annotation)))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FactType("object", many, model=annotation)
    if annotation is bool:
        return FactType("bool", many)
    if annotation in (int, float):
        return FactType("number", many)
    if isinstance(annotation, type) and issubclass(annotation, date):
        return FactType("date", many)
    return FactType("text", many)


def fields_of(model: type[BaseModel]) -> dict[str, Any]:
    """Every readable name of a model (stored and derived) with its annotation."""
    out: dict[str, Any] = {name: f.annotation for name, f in model.model_fields.items()}
    out.update({name: f.return_type for name, f in model.model_computed_fields.items()})
    return out


class UnknownPath(ValueError):
    def __init__(self, path: str, at: str, known: list[str]):
        self.path, self.at, self.known = path, at, known
        super().__init__(f"unknown fact '{path}': '{at}' is not a field here")


def type_at(model: type[BaseModel], path: str, root: type[BaseModel]) -> FactType:
    """The type of the fact at `path`, read from `model` (or from `root` for profile.* paths)."""
    from_root, names = split(path)
    current = FactType("object", model=root if from_root else model)
    for name in names:
        if current.kind != "object" or current.model is None:
            raise UnknownPath(path, name, [])
        fields = fields_of(current.model)
        if name not in fields:
            raise UnknownPath(path, name, list(fields))
        step = type_of(fields[name])
        current = FactType(step.kind, current.many or step.many, step.choices, step.model)
    return current


def model_at(model: type[BaseModel], names: list[str]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for name in names:
        if current is None:
            return None
        annotation = fields_of(current).get(name)
        if annotation is None:
            return None
        current = type_of(annotation).model
    return current


def all_paths(model: type[BaseModel], prefix: str = "") -> list[tuple[str, FactType]]:
    """Every fact path under a model, for documentation and editor help."""
    out = []
    for name, annotation in fields_of(model).items():
        ftype = type_of(annotation)
        path = f"{prefix}{name}"
        out.append((path, ftype))
        if ftype.kind == "object" and ftype.model is not None:
            out.extend(all_paths(ftype.model, path + "."))
    return out


_UNITS = {"_days": "in days", "_weeks": "in weeks", "_months": "in months", "_percent": "as a percentage",
          "_count": "a count", "_per_100k": "per 100,000"}


def _sentence_piece(text: str) -> str:
    text = text.strip().split(". ")[0].rstrip(".")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


@lru_cache(maxsize=4096)  # the same facts are asked for in every assessment
def words_for(model: type[BaseModel], path: str) -> str:
    """A fact in the model's own words: its field description (with its unit), then its section's,
    e.g. 'longest wait so far, in days (waiting for a Care Act assessment)'. Falls back to the names."""
    _, names = split(path)
    pieces: list[str] = []
    current: type[BaseModel] | None = model
    for name in names:
        field = current.model_fields.get(name) if current is not None else None
        described = field.description if field is not None and field.description else name.replace("_", " ")
        pieces.append(_sentence_piece(described.split(" (")[0] if "(" in described[:3] else described))
        annotation = fields_of(current).get(name) if current is not None else None
        current = type_of(annotation).model if annotation is not None else None
    if not pieces:
        return path
    leaf = pieces[-1]
    unit = next((u for suffix, u in _UNITS.items() if names[-1].endswith(suffix)), None)
    if unit and unit not in leaf:
        leaf += f", {unit}"
    return f"{leaf} ({pieces[-2]})" if len(pieces) > 1 else leaf
