"""Where each profile field goes in a workbook, derived from the profile model (never hand-listed).

- the Council sheet holds one row per single-valued fact reachable without passing through a
  list (council.name, waiting.assessment.longest_days, each section's `source` ...);
- every list of sections (documents, the risk register, feedback ...) gets its own sheet with
  one row per item and one column per scalar field of the item (a section inside an item is
  flattened with dots);
- a list of sections inside a list item (a peer review's recommendations) gets its own sheet
  too, whose first column names the row of the parent item on the parent's sheet.

Template, export and import all read this one layout, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ...lang.annotations import members
from ...lang.dates import PartialDate
from ...model.profile import Profile

README = "README"
COUNCIL = "Council"
COUNCIL_COLUMNS = ("Section", "Fact", "Value", "Meaning", "Allowed values")
FACT_COLUMN, VALUE_COLUMN = 2, 3  # the columns import reads on the Council sheet
MAX_SHEET_NAME = 31  # Excel's limit
LIST_SEPARATOR = "; "
NONE_MARKER = "(none)"  # an empty list: evidence of none, which a blank (not evidenced) is not
JUDGEMENT_WORDS = ("yes", "no", "partly", "in-progress")
YES_NO = ("yes", "no")

# The kinds of value a cell can hold, and what an officer types for each.
KIND_WORDS = {
    "text": "text",
    "integer": "a whole number",
    "number": "a number (67.9, or 67.9%)",
    "date": "a date",
    "when": "a date, a month (May 2024) or a year (2024)",
    "yes-no": "yes or no",
    "judgement": "yes, no, partly or in-progress",
    "choice": "one of the listed values",
    "text-list": "text items separated by '; '",
    "choice-list": "listed values separated by '; '",
}


@dataclass(frozen=True)
class Slot:
    """One scalar field (or list of plain values): a Council row or a column of a list sheet."""

    path: tuple[str, ...]  # from the profile root (Council) or from the list item (a column)
    kind: str  # a key of KIND_WORDS
    meaning: str
    choices: tuple[Any, ...] = ()
    required: bool = False
    none_is_empty: bool = False  # a list whose absence means "not evidenced" (so [] is written (none))

    @property
    def name(self) -> str:
        return ".".join(self.path)

    @property
    def enumerated(self) -> bool:
        return bool(self.choices)

    def allowed(self) -> str:
        """The allowed values in words, for the Council sheet and header comments."""
        if self.kind in ("choice", "choice-list", "judgement", "yes-no"):
            return ", ".join(str(c) for c in self.choices)
        return KIND_WORDS[self.kind]


@dataclass
class ListSheet:
    """A sheet of one list of sections: one row per item."""

    title: str
    path: tuple[str, ...]  # from the profile root, or (for a child sheet) from the parent item
    meaning: str
    parent: ListSheet | None = None
    columns: list[Slot] = field(default_factory=list)
    children: list[ListSheet] = field(default_factory=list)

    @property
    def item_words(self) -> str:
        """One item in words: 'peer review' for the Peer reviews sheet."""
        return _singular(self.title.lower())

    @property
    def parent_column(self) -> str | None:
        """The header of the column naming the parent item's row, e.g. 'Peer review row'."""
        return f"{_singular(self.parent.title)} row" if self.parent else None

    @property
    def marker_column(self) -> Slot:
        """The column where "(none)" records an empty list: the first required text column (title,
        name, about ...), else the first text column."""
        texts = [c for c in self.columns if c.kind == "text" and c.name != "source"]
        return next((c for c in texts if c.required), texts[0] if texts else self.columns[0])

    @property
    def headers(self) -> list[str]:
        return ([self.parent_column] if self.parent else []) + [c.name for c in self.columns]


@dataclass
class Layout:
    facts: list[Slot]
    sheets: list[ListSheet]  # parents before their children

    def sheet(self, title: str) -> ListSheet | None:
        return next((s for s in self.sheets if s.title.lower() == title.lower()), None)

    def fact(self, name: str) -> Slot | None:
        if not hasattr(self, "_by_name"):
            self._by_name = {f.name: f for f in self.facts}
        return self._by_name.get(name)

    def sheet_titles(self) -> list[str]:
        return [README, COUNCIL] + [s.title for s in self.sheets]


@cache
def layout() -> Layout:
    """The layout of the profile workbook (built once from the model)."""
    out = Layout([], [])
    _walk(Profile, (), None, out, ())
    titles = [t.lower() for t in out.sheet_titles()]
    assert len(titles) == len(set(titles)), f"sheet names must be unique: {titles}"
    assert all(len(t) <= MAX_SHEET_NAME for t in titles), titles
    return out


def _walk(model: type[BaseModel], prefix: tuple[str, ...], sheet: ListSheet | None, out: Layout,
          where: tuple[str, ...]) -> None:
    """Place every field of `model` (at `prefix` from the root, or from `sheet`'s item)."""
    for name, info in model.model_fields.items():
        path = prefix + (name,)
        annotation = info.annotation
        nested = _model_of(annotation)
        if nested is not None:
            _walk(nested, path, sheet, out, where + (name,))
            continue
        item = _list_item_model(annotation)
        if item is not None:
            child = ListSheet(_sheet_title(name, where, sheet), path, info.description or "", parent=sheet)
            out.sheets.append(child)
            if sheet is not None:
                sheet.children.append(child)
            _walk(item, (), child, out, ())
            child.columns.sort(key=lambda c: c.name == "source")  # where a row comes from, after what it says
            continue
        slot = _slot(path, annotation, info)
        if sheet is None:
            out.facts.append(slot)
        else:
            sheet.columns.append(slot)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for m in members(annotation, keep_none=False):
        if isinstance(m, type) and issubclass(m, BaseModel):
            return m
    return None


def _list_item_model(annotation: Any) -> type[BaseModel] | None:
    for m in members(annotation, keep_none=False):
        if get_origin(m) is list:
            return _model_of(get_args(m)[0])
    return None


def _slot(path: tuple[str, ...], annotation: Any, info: Any) -> Slot:
    meaning = info.description or ""
    required = info.is_required()
    alternatives = members(annotation, keep_none=False)
    optional = type(None) in members(annotation)
    if len(alternatives) == 1 and get_origin(alternatives[0]) is list:
        items = members(get_args(alternatives[0])[0], keep_none=False)
        choices = _literal_choices(items)
        kind = "choice-list" if choices else "text-list"
        return Slot(path, kind, meaning, choices, required, none_is_empty=optional)
    if bool in alternatives and len(alternatives) > 1:  # a Judgement: yes/no or a state between
        return Slot(path, "judgement", meaning, JUDGEMENT_WORDS, required)
    if alternatives == [bool]:
        return Slot(path, "yes-no", meaning, YES_NO, required)
    choices = _literal_choices(alternatives)
    if choices:
        return Slot(path, "choice", meaning, choices, required)
    [kind] = alternatives
    if kind is PartialDate:
        return Slot(path, "when", meaning, (), required)
    if kind is date:
        return Slot(path, "date", meaning, (), required)
    if kind is int:
        return Slot(path, "integer", meaning, (), required)
    if kind is float:
        return Slot(path, "number", meaning, (), required)
    if kind is str:
        return Slot(path, "text", meaning, (), required)
    raise TypeError(f"no workbook cell for {'.'.join(path)}: {annotation!r}")  # a new kind of field


def _literal_choices(alternatives: list[Any]) -> tuple[Any, ...]:
    return tuple(c for a in alternatives if get_origin(a) is Literal for c in get_args(a))


def _words(name: str) -> str:
    return name.replace("_", " ")


def _singular(words: str) -> str:
    return words[:-1] if words.endswith("s") and not words.endswith("ss") else words


def _sheet_title(name: str, where: tuple[str, ...], parent: ListSheet | None) -> str:
    """Plain English: the list's own name ('Risk register', 'Peer reviews'); a one-word name takes
    the name of what holds it in front ('Peer review recommendations', 'Safeguarding reviews')."""
    words = _words(name)
    if "_" not in name:
        holder = _words(where[-1]) if where else (parent.title.lower() if parent is not None else "")
        if holder:
            words = f"{_singular(holder)} {words}"
    return (words[:1].upper() + words[1:])[:MAX_SHEET_NAME]
