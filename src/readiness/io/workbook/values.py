"""How one profile value is written in a cell, and how a cell an officer typed is read back.

Writing is exact (what is written reads back as the same value). Reading understands what a
spreadsheet stores when people type: "67.9%" text or 0.679 in a %-formatted cell (both 67.9),
a number stored as text, a date cell, a date serial number, "2024-05-01" or "01/05/2024" text,
"May 2024" where a month is allowed, yes/no/TRUE/FALSE. A value it does not understand is passed
on as typed, so that the profile model refuses it with its own message, located at the cell.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ...lang.dates import PartialDate
from .cells import UNWRITABLE
from .layout import LIST_SEPARATOR, NONE_MARKER, Slot

EXACT_INTEGERS = 2**53  # beyond this a spreadsheet number (a double) is not exact: written as text
MAX_CELL_TEXT = 32_767  # the most characters a spreadsheet cell holds
# Characters an .xlsx file cannot hold (XML 1.0): C0 controls but tab and newline (carriage returns
# become newlines: a spreadsheet line break is a newline).
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")


class Unwritable(ValueError):
    """A value no spreadsheet cell can hold as it is."""


# --- writing ---------------------------------------------------------------------------------


def to_cell(slot: Slot, value: Any) -> Any:
    """The cell value for a profile value (None: leave the cell blank)."""
    if value is None:
        return None
    kind = slot.kind
    if kind in ("text-list", "choice-list"):
        if not value:
            return NONE_MARKER if slot.none_is_empty else None
        return join_items([_text(str(v)) for v in value])
    if isinstance(value, bool):
        return "yes" if value else "no"
    if kind == "when" and isinstance(value, PartialDate):
        if value.precision == "day":
            return date(value.year, value.month, value.day) if value.year >= 1900 else value.isoformat()
        if value.precision == "month":
            return f"{MONTHS[value.month - 1].capitalize()} {value.year}"
        return f"{value.year:04d}"
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, float) and float(f"{value:.15g}") != value:
        return repr(value)  # spreadsheets keep 15 significant digits: text keeps every digit
    if isinstance(value, int) and abs(value) > EXACT_INTEGERS:
        return str(value)  # a spreadsheet number would round it
    if isinstance(value, date) and value.year < 1900:
        return value.isoformat()  # spreadsheets have no dates before 1900
    return value


def _text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = UNWRITABLE.search(text)
    if bad:
        raise Unwritable(f"holds a control character ({ascii(bad.group())}) that a spreadsheet cannot store: "
                         "remove it")
    if len(text) > MAX_CELL_TEXT:
        raise Unwritable(f"is {len(text):,} characters long, over the {MAX_CELL_TEXT:,} a spreadsheet cell "
                         "holds: shorten it")
    return text


def join_items(items: list[str]) -> str:
    """Items as one cell, "a; b; c"; written as a JSON list (["a; b", "c"]) when that would not
    read back as the same items (an item with ';' in it, or spaces at either end)."""
    joined = LIST_SEPARATOR.join(items)
    return joined if split_items(joined) == items else json.dumps(items, ensure_ascii=False)


def split_items(text: str) -> list[str]:
    """The items of a list cell: "(none)" is an empty list; a JSON list is read as one."""
    text = text.strip()
    if text == NONE_MARKER:
        return []
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            return items
    return [part.strip() for part in text.split(";") if part.strip()]


# --- reading ---------------------------------------------------------------------------------


def from_cell(slot: Slot, value: Any, number_format: str | None = None) -> Any:
    """The profile value for what a cell holds (never None: the caller skips blank cells)."""
    reader = _READERS[slot.kind]
    return reader(slot, value, number_format or "General")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_text(slot: Slot, value: Any, fmt: str) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _read_integer(slot: Slot, value: Any, fmt: str) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if re.fullmatch(r"[+-]?\d{1,400}", text):
            return int(text)
    return value


def _read_number(slot: Slot, value: Any, fmt: str) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return _times_100(value) if _is_percent_format(fmt) else value
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        percent = text.endswith("%")
        text = text.removesuffix("%").strip()
        if re.fullmatch(r"[+-]?(\d{1,20}(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?", text):
            number = float(text)
            return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
        if percent:
            return value
    return value


def _times_100(value: float) -> float:
    """0.679 in a %-formatted cell is 67.9, not 67.900000001."""
    try:
        return float(Decimal(repr(value)) * 100)
    except InvalidOperation:  # pragma: no cover - repr of a finite float is always a decimal
        return value * 100


def _is_percent_format(fmt: str) -> bool:
    return "%" in _format_codes(fmt)


def _format_codes(fmt: str) -> str:
    """A number format without its quoted text, escapes and [colour]/[$locale] parts."""
    return re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt).lower()


def _read_date(slot: Slot, value: Any, fmt: str) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value)
    if isinstance(value, str):
        return _date_text(value.strip()) or value
    return value


def _read_when(slot: Slot, value: Any, fmt: str) -> Any:
    if isinstance(value, (datetime, date)):
        day = value.date() if isinstance(value, datetime) else value
        codes = _format_codes(fmt)
        if "d" not in codes and "m" in codes and "y" in codes:  # typed "May 2024": Excel keeps a month
            return f"{day.year:04d}-{day.month:02d}"
        if codes.strip() in ("yyyy", "yy"):
            return f"{day.year:04d}"
        return day
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return value  # a year
    if isinstance(value, float) and value.is_integer() and 1000 <= value <= 9999:
        return int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value)
    if isinstance(value, str):
        text = value.strip()
        month = _month_text(text)
        if month:
            return month
        return _date_text(text) or text
    return value


def _serial(value: float) -> Any:
    """A date serial number (days since 1899-12-30, as spreadsheets count) as a date."""
    from openpyxl.utils.datetime import from_excel

    if not 1 <= value < 2_958_466:  # 9999-12-31
        return value
    try:
        return from_excel(value).date()
    except (ValueError, OverflowError):
        return value


_MONTH = re.compile(r"^([A-Za-z]{3,9})\.?[\s\-/]+(\d{4})$")


def _month_text(text: str) -> str | None:
    """'May 2024', 'Sept 2024', 'may-2024' as '2024-05'."""
    match = _MONTH.match(text)
    if not match:
        return None
    word, year = match.group(1).lower(), match.group(2)
    for number, name in enumerate(MONTHS, start=1):
        if name == word or (len(word) >= 3 and name.startswith(word)):
            return f"{year}-{number:02d}"
    return None


_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_D_MONTH_Y = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")


def _date_text(text: str) -> date | None:
    """'2024-05-01', '01/05/2024' (day first, as in the UK), '1 May 2024' as a date."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _D_MONTH_Y.match(text)
        if not match:
            return None
        month_text = _month_text(f"{match.group(2)} {match.group(3)}")
        if month_text is None:
            return None
        day, month, year = int(match.group(1)), int(month_text[5:]), int(match.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _read_yes_no(slot: Slot, value: Any, fmt: str) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("yes", "y", "true"):
            return True
        if word in ("no", "n", "false"):
            return False
    return value


def _read_judgement(slot: Slot, value: Any, fmt: str) -> Any:
    if isinstance(value, str):
        word = re.sub(r"\s+", "-", value.strip().lower())
        if word in ("partly", "in-progress"):
            return word
    return _read_yes_no(slot, value, fmt)


def _read_choice(slot: Slot, value: Any, fmt: str) -> Any:
    return _one_choice(slot, value)


def _one_choice(slot: Slot, value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    for choice in slot.choices:
        if value == choice:
            return choice
    if isinstance(value, (str, int)):
        word = re.sub(r"\s+", "-", str(value).strip().lower())
        for choice in slot.choices:
            if str(choice).lower() == word:
                return choice
    return value


def _read_list(slot: Slot, value: Any, fmt: str) -> Any:
    if isinstance(value, str):
        items: list[Any] = split_items(value)
    else:
        items = [_read_text(slot, value, fmt)]
    if slot.kind == "choice-list":
        items = [_one_choice(slot, i) for i in items]
    return items


_READERS = {
    "text": _read_text, "integer": _read_integer, "number": _read_number, "date": _read_date,
    "when": _read_when, "yes-no": _read_yes_no, "judgement": _read_judgement, "choice": _read_choice,
    "text-list": _read_list, "choice-list": _read_list,
}
