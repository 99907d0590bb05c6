"""How this tool writes a cell: text that can never run as a formula, dates as date cells,
bold frozen headers with their meaning as a comment, dropdowns for enumerated fields.

Every workbook the tool writes (the profile template and export, the action plan) goes
through these helpers, so they all look alike and none can carry a formula.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@")  # what a spreadsheet may read as the start of a formula
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60  # columns wider than this wrap instead
HEADER_FILL = "DDEBF7"
# What an .xlsx cell cannot hold (the C0 controls but tab, newline and carriage return, as openpyxl
# refuses them) and what cannot be written as XML at all (lone surrogates).
# What no .xlsx cell can hold (XML 1.0): C0 controls but tab, newline and carriage return; lone
# surrogates; the non-characters U+FFFE and U+FFFF. Writing a profile refuses them (values.py),
# writing a report shows them as escapes (writable).
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def writable(text: str) -> str:
    """`text` with each character a cell cannot hold shown as its escape (ESC as ``\\u001b``, as the
    other reports show it), so odd input is visible in the cell and never fails the whole workbook."""
    return UNWRITABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def workbook() -> Workbook:
    """A new, empty workbook (no default sheet)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    return wb


def put(ws: Worksheet, row: int, column: int, value: Any) -> None:
    """Write one value. Text is always a text cell, and text that begins like a formula is also
    marked as typed-in text (Excel's leading apostrophe), so no spreadsheet runs it; dates are
    date cells; None leaves the cell empty."""
    cell = ws.cell(row=row, column=column)
    if value is None:
        return
    if isinstance(value, bool) or isinstance(value, (int, float)):
        cell.value = value
    elif isinstance(value, (date, datetime)):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        text = writable(str(value))
        cell.value = text
        cell.data_type = "s"  # never "f": openpyxl would otherwise store "=..." as a formula
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


def header(ws: Worksheet, names: Sequence[str], meanings: Sequence[str | None] = (),
           widths: Sequence[int | None] = ()) -> None:
    """Row 1: bold column names on a tinted, frozen row, each with its meaning as a cell comment;
    columns sized to their name and meaning (wider ones wrap)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    for i, name in enumerate(names, start=1):
        put(ws, 1, i, name)
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        meaning = meanings[i - 1] if i - 1 < len(meanings) else None
        if meaning:
            cell.comment = Comment(meaning, "readiness", width=300, height=120)
    column_widths(ws, [(widths[i] if i < len(widths) else None) or min(MAX_WIDTH, max(12, len(name) + 4))
                       for i, name in enumerate(names)])
    ws.freeze_panes = "A2"


def column_widths(ws: Worksheet, widths: Sequence[int]) -> None:
    """Column widths, in characters, from column A on."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def dropdown(ws: Worksheet, column: int, choices: Iterable[str], first_row: int = 2,
             last_row: int = 1000, prompt: str | None = None, listed_in: str | None = None) -> Any:
    """A list dropdown on one column (rows first_row..last_row) that refuses other values.
    The choices go in a formula string, so they must not hold commas or quotes (enum values
    are lower-case words with hyphens) and together stay under Excel's 255 characters; a
    longer list is written in cells elsewhere and named by `listed_in` (e.g. "'Allowed values'!$A$2:$A$70").
    Returns the rule, to which more cells can be added (`rule.add("C9")`)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    values = [str(v) for v in choices]
    listed = ",".join(values)
    if listed_in is None and (any("," in v or '"' in v for v in values) or len(listed) > 255):
        raise ValueError(f"dropdown choices cannot be listed inline: {listed[:80]}")
    letter = get_column_letter(column)
    error = f"Choose one of: {', '.join(values)}"
    if len(error) > 225:  # Excel's limit for the message
        error = "Choose one of the values in the list (they are also on the 'Allowed values' sheet)."
    rule = DataValidation(type="list", formula1=listed_in or f'"{listed}"', allow_blank=True, showErrorMessage=True,
                          errorTitle="Not one of the allowed values", error=error)
    if prompt:
        rule.promptTitle, rule.prompt, rule.showInputMessage = "Allowed values", prompt[:255], True
    rule.add(f"{letter}{first_row}:{letter}{last_row}")
    ws.add_data_validation(rule)
    return rule


def wrap(ws: Worksheet, columns: Iterable[int], first_row: int = 2) -> None:
    """Wrap long text in these columns, top-aligned, for every filled row."""
    from openpyxl.styles import Alignment

    style = Alignment(wrap_text=True, vertical="top")
    for column in columns:
        for row in range(first_row, ws.max_row + 1):
            ws.cell(row=row, column=column).alignment = style


def to_bytes(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes, for io.atomic.write_atomic (never half a file on disk)."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def date_column(ws: Worksheet, column: int, first_row: int = 2, last_row: int = 1000) -> None:
    """A column meant for dates typed in later: its cells show as dates (yyyy-mm-dd) and refuse
    anything that is not a date, so a tracker can be sorted and filtered by it."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column)
    ws.column_dimensions[letter].number_format = DATE_FORMAT  # rows added later, without making empty cells
    for row in range(first_row, min(last_row, ws.max_row) + 1):
        ws.cell(row=row, column=column).number_format = DATE_FORMAT
    rule = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True, showErrorMessage=True,
                          errorTitle="Not a date", error="Type a date, e.g. 2025-03-31")
    rule.add(f"{letter}{first_row}:{letter}{last_row}")
    ws.add_data_validation(rule)


def autofilter(ws: Worksheet) -> None:
    """A filter dropdown on every header cell, over every filled row."""
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, ws.max_column))}{max(1, ws.max_row)}"


def label(ws: Worksheet, row: int, column: int, value: Any) -> None:
    """A value in bold: a label beside the value it names, on a sheet that is not one table."""
    from openpyxl.styles import Font

    put(ws, row, column, value)
    ws.cell(row=row, column=column).font = Font(bold=True)
