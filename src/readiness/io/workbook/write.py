"""The profile workbook: the blank template (`readiness init --format xlsx`) and a profile written
out as one (`readiness export`), both laid out by layout.py and read back by read.py.

Sheets: README (how to fill it in), Council (one row per single fact), one sheet per list, and
'Allowed values' (the long lists the dropdowns offer).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ...lang.text import dotted
from ...model.errors import Problem, ProfileError
from ...model.profile import Profile
from . import cells
from .layout import (COUNCIL, COUNCIL_COLUMNS, KIND_WORDS, LIST_SEPARATOR, NONE_MARKER, README, ListSheet, Slot,
                     layout)
from .values import Unwritable, to_cell

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

ALLOWED = "Allowed values"
DROPDOWN_ROWS = 1000  # rows below the header that get dropdowns on a list sheet
INLINE_LIMIT = 255  # Excel's limit for a dropdown's choices written in the rule itself


def template_workbook(today: date) -> bytes:
    """The blank workbook an officer fills in: only the council's name to replace and the date the
    profile describes (`today`, so a profile whose date nobody changed is at least current)."""
    return _build(Profile.model_validate({"format_version": 2, "council": {"name": "Your Council", "as_of": today}}))


def profile_workbook(profile: Profile, source: str | None = None) -> bytes:
    """`profile` (read from the file `source`) as a workbook that reads back as the same profile
    (read.read_workbook). Text no cell can hold is a ProfileError naming its field."""
    return _build(profile, source)


def _build(profile: Profile | None, source: str | None = None) -> bytes:
    wb = cells.workbook()
    plan = layout()
    readme = wb.create_sheet(README)
    council = wb.create_sheet(COUNCIL)
    sheets = {s.title: wb.create_sheet(s.title) for s in plan.sheets}
    allowed = wb.create_sheet(ALLOWED)
    lists = _AllowedValues(allowed)
    problems: list[Problem] = []
    _write_council(council, plan.facts, profile, lists, problems)
    rows: dict[int, int] = {}  # id(item) -> its row, for child sheets
    for sheet in plan.sheets:
        _write_list(sheets[sheet.title], sheet, profile, lists, rows, problems)
    if problems:
        raise ProfileError([Problem(f"cannot be written to a spreadsheet: it {p.message}", file=source,
                                    field=p.field) for p in problems])
    _write_readme(readme, plan)
    lists.finish()
    wb.active = wb.sheetnames.index(COUNCIL)
    return cells.to_bytes(wb)


# --- the Council sheet -----------------------------------------------------------------------


def section_words(slot: Slot) -> str:
    """'Governance: scrutiny' for governance.scrutiny.effectiveness; 'Profile' for a top-level fact."""
    parts = [p.replace("_", " ") for p in slot.path[:-1]]
    if not parts:
        return "Profile"
    return ": ".join([parts[0].capitalize(), *parts[1:]])


def _write_council(ws: Worksheet, facts: list[Slot], profile: Profile | None, lists: _AllowedValues,
                   problems: list[Problem]) -> None:
    cells.header(ws, COUNCIL_COLUMNS, [
        "The part of the profile the fact belongs to.",
        "The fact's name, as the profile uses it: import reads this column, so do not change it.",
        "Your value: leave it blank where you have no evidence (blank is 'not evidenced', never 'no').",
        "What the fact means.",
        "What to type: the allowed values, or the kind of value.",
    ], widths=[28, 46, 30, 70, 40])
    for row, slot in enumerate(facts, start=2):
        value = _value_at(profile, slot.path) if profile is not None else None
        cells.put(ws, row, 1, section_words(slot))
        cells.put(ws, row, 2, slot.name)
        _put_value(ws, row, 3, slot, value, problems, COUNCIL, slot.path)
        cells.put(ws, row, 4, slot.meaning + (" (required)" if slot.required else ""))
        cells.put(ws, row, 5, _allowed_words(slot))
        if slot.kind in ("date", "when"):
            ws.cell(row=row, column=3).number_format = cells.DATE_FORMAT
        if slot.kind in ("choice", "judgement", "yes-no"):
            lists.dropdown(ws, 3, slot, row, row)
    cells.wrap(ws, [4, 5])


def _allowed_words(slot: Slot) -> str:
    words = slot.allowed()
    if slot.kind in ("text-list", "choice-list"):
        if slot.kind == "choice-list":
            words += " (in one cell, separated by semicolons"
        words += f", or {NONE_MARKER} for none" if slot.none_is_empty else ""
        words += ")" if slot.kind == "choice-list" else ""
    return words


# --- list sheets -----------------------------------------------------------------------------


def _write_list(ws: Worksheet, sheet: ListSheet, profile: Profile | None, lists: _AllowedValues,
                rows: dict[int, int], problems: list[Problem]) -> None:
    meanings = []
    if sheet.parent is not None:
        meanings.append(f"The row number, on the '{sheet.parent.title}' sheet, of the {sheet.parent.item_words} "
                        f"this belongs to (or its exact {sheet.parent.marker_column.name}).")
    meanings += [_column_meaning(c) for c in sheet.columns]
    cells.header(ws, sheet.headers, meanings, widths=[_width(h, c) for h, c in _header_slots(sheet)])
    offset = 2 if sheet.parent is not None else 1
    row = 2
    for owner_row, loc, items in _lists_of(sheet, profile, rows):
        if items is None:
            continue
        if not items:  # evidence of none
            if owner_row is not None:
                cells.put(ws, row, 1, owner_row)
            cells.put(ws, row, offset + sheet.columns.index(sheet.marker_column), NONE_MARKER)
            row += 1
            continue
        for index, item in enumerate(items):
            rows[id(item)] = row
            if owner_row is not None:
                cells.put(ws, row, 1, owner_row)
            for column, slot in enumerate(sheet.columns, start=offset):
                _put_value(ws, row, column, slot, _value_at(item, slot.path), problems, sheet.title,
                           loc + (index,) + slot.path)
            row += 1
    last = max(DROPDOWN_ROWS, row)
    for column, slot in enumerate(sheet.columns, start=offset):
        if slot.kind in ("choice", "judgement", "yes-no"):
            lists.dropdown(ws, column, slot, 2, last)
        if slot.kind in ("date", "when"):
            from openpyxl.utils import get_column_letter

            ws.column_dimensions[get_column_letter(column)].number_format = cells.DATE_FORMAT
    long_text = [offset + i for i, s in enumerate(sheet.columns) if s.kind in ("text", "text-list")]
    cells.wrap(ws, long_text)


def _lists_of(sheet: ListSheet, profile: Profile | None, rows: dict[int, int]):
    """(the parent item's row or None, the list's location in the profile, its items) for every
    list this sheet holds: one for a list in a section, one per parent item for a child sheet."""
    if profile is None:
        return
    if sheet.parent is None:
        yield None, sheet.path, _value_at(profile, sheet.path)
        return
    for parent_row, parent_loc, parent_items in _lists_of(sheet.parent, profile, rows):
        for index, item in enumerate(parent_items or []):
            yield rows[id(item)], parent_loc + (index,) + sheet.path, _value_at(item, sheet.path)


def _header_slots(sheet: ListSheet) -> list[tuple[str, Slot | None]]:
    return ([(sheet.parent_column, None)] if sheet.parent else []) + [(c.name, c) for c in sheet.columns]


def _width(header: str, slot: Slot | None) -> int:
    if slot is None:
        return len(header) + 4
    if slot.kind in ("text", "text-list"):
        return 36  # wraps
    return max(14, min(30, len(header) + 4, max((len(str(c)) for c in slot.choices), default=0) + 4))


def _column_meaning(slot: Slot) -> str:
    words = f"{slot.meaning}\n\nType: {_allowed_words(slot)}."
    if slot.required:
        words += " Required for every row."
    return words


# --- values ----------------------------------------------------------------------------------


def _value_at(obj: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _put_value(ws: Worksheet, row: int, column: int, slot: Slot, value: Any, problems: list[Problem],
               sheet: str, loc: tuple[Any, ...]) -> None:
    try:
        cells.put(ws, row, column, to_cell(slot, value))
    except Unwritable as exc:
        problems.append(Problem(str(exc), field=dotted(loc)))


# --- README and the allowed values -----------------------------------------------------------


class _AllowedValues:
    """Dropdowns: short lists inline, long ones (topics, roles ...) as columns of the 'Allowed
    values' sheet that the dropdown points at (visible, so an officer can read them too)."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.columns: dict[tuple[Any, ...], str] = {}  # choices -> the range holding them
        self.rules: dict[tuple[Any, ...], Any] = {}

    def dropdown(self, ws: Worksheet, column: int, slot: Slot, first_row: int, last_row: int) -> None:
        """A dropdown on rows first_row..last_row of `column`; one rule per sheet and list of
        choices (the Council sheet's rows share them)."""
        from openpyxl.utils import get_column_letter

        choices = [str(c) for c in slot.choices]
        key = (ws.title, tuple(choices), first_row == last_row)
        letter = get_column_letter(column)
        if key in self.rules:
            self.rules[key].add(f"{letter}{first_row}:{letter}{last_row}")
            return
        inline = len(",".join(choices)) <= INLINE_LIMIT
        prompt = slot.allowed() if inline else None
        listed_in = None if inline else self._range(slot)
        self.rules[key] = cells.dropdown(ws, column, choices, first_row, last_row, prompt=prompt, listed_in=listed_in)

    def _range(self, slot: Slot) -> str:
        from openpyxl.utils import get_column_letter

        key = tuple(slot.choices)
        if key not in self.columns:
            column = len(self.columns) + 1
            cells.put(self.ws, 1, column, slot.path[-1])
            for row, choice in enumerate(slot.choices, start=2):
                cells.put(self.ws, row, column, str(choice))
            letter = get_column_letter(column)
            self.columns[key] = f"'{ALLOWED}'!${letter}$2:${letter}${len(slot.choices) + 1}"
        return self.columns[key]

    def finish(self) -> None:
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        for column in range(1, len(self.columns) + 1):
            self.ws.cell(row=1, column=column).font = Font(bold=True)
            self.ws.column_dimensions[get_column_letter(column)].width = 34
        self.ws.freeze_panes = "A2"


def readme_lines(plan: Any) -> list[tuple[str, str]]:
    """(style, text) lines of the README sheet: title, heading, text or sheet."""
    lines = [
        ("title", "Council adult social care profile (readiness)"),
        ("text", "This workbook is a profile: the evidence your council holds about its adult social care, "
                 "which readiness reads to predict CQC scores for the nine quality statements, with the reasons."),
        ("text", "Check it at any time with:  readiness check THIS-FILE.xlsx  (readiness reads the workbook "
                 "directly; `readiness import THIS-FILE.xlsx` turns it into a YAML profile if you need one)."),
        ("heading", "How to fill it in"),
        ("text", "Council sheet: one row per single fact. Type your value in the Value column; leave the Fact "
                 "column as it is (it is the name readiness reads)."),
        ("text", "Every other sheet is a list: one row per item (one document, one role, one piece of feedback). "
                 "Row 1 holds the field names; hover over a header to see what it means and what to type."),
        ("text", "Leave a cell blank when you do not know: blank means 'not evidenced', never 'no'. To record "
                 f"that there are none (no documents, an empty list), write {NONE_MARKER} in the first cell of a "
                 "row, or in a list cell."),
        ("text", "Dates: type a date (2024-05-01 or 01/05/2024, the day first); where a field allows a month or a "
                 "year, type May 2024 or 2024."),
        ("text", "Percentages: 67.9 or 67.9% both mean 67.9 per cent (a cell formatted as a percentage is read "
                 "the same way)."),
        ("text", f"Several values in one cell (topics, statements, partners): separate them with "
                 f"'{LIST_SEPARATOR.strip()} ', e.g. carers; workforce. Choices come from the dropdowns or the "
                 f"'{ALLOWED}' sheet."),
        ("text", "yes / no facts also accept partly or in-progress where the dropdown offers them."),
        ("text", "The source column (and each section's source row on the Council sheet) says where a fact "
                 "comes from: the document and passage. Fill it in: a finding that rests on an unsourced fact "
                 "is flagged."),
        ("text", "A sheet whose name ends in 'recommendations' (or another list inside a list) has a first "
                 "column such as 'Peer review row': the row number of the item it belongs to on the parent "
                 "sheet (export writes row numbers: keep them right if you insert or sort rows there), or that "
                 "item's exact title, which stays right whatever you sort."),
        ("text", "Values are read, formulas are not run: a formula cell counts by the value it last showed, so "
                 "save the workbook in your spreadsheet application before checking it. Merged cells and hidden "
                 "sheets are refused (unmerge, unhide), so that nothing counts that you cannot see."),
        ("heading", "The sheets"),
        ("sheet", f"{COUNCIL}: single facts (the council, governance, workforce, waiting lists, access, "
                  "safeguarding, partnerships, market, experience) and their sources."),
    ]
    for sheet in plan.sheets:
        meaning = sheet.meaning
        if sheet.parent is not None:
            meaning += f" Each row names its {sheet.parent.item_words} in '{sheet.parent_column}'."
        lines.append(("sheet", f"{sheet.title}: {meaning}"))
    lines.append(("sheet", f"{ALLOWED}: the long lists of values the dropdowns offer (read only)."))
    lines.append(("text", "Every kind of value: " + "; ".join(f"{k}: {w}" for k, w in KIND_WORDS.items()) + "."))
    return lines


def _write_readme(ws: Worksheet, plan: Any) -> None:
    from openpyxl.styles import Alignment, Font

    ws.column_dimensions["A"].width = 110
    for row, (style, text) in enumerate(readme_lines(plan), start=1):
        cells.put(ws, row, 1, text)
        cell = ws.cell(row=row, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style == "title":
            cell.font = Font(bold=True, size=16)
        elif style == "heading":
            cell.font = Font(bold=True, size=13)
