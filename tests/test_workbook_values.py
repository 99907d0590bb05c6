"""What a cell holds, as a spreadsheet stores what people type, read as the profile value; and
values written so that they read back the same."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("openpyxl")

from readiness.io.workbook.layout import Slot  # noqa: E402
from readiness.io.workbook.values import Unwritable, from_cell, join_items, split_items, to_cell  # noqa: E402
from readiness.lang.dates import PartialDate  # noqa: E402

NUMBER, INTEGER = Slot(("x",), "number", ""), Slot(("x",), "integer", "")
DATE, WHEN, TEXT = Slot(("x",), "date", ""), Slot(("x",), "when", ""), Slot(("x",), "text", "")
YES_NO = Slot(("x",), "yes-no", "", ("yes", "no"))
JUDGEMENT = Slot(("x",), "judgement", "", ("yes", "no", "partly", "in-progress"))
CHOICE = Slot(("x",), "choice", "", ("rising", "stable", "falling"))
TOPICS = Slot(("x",), "choice-list", "", ("carers", "workforce"))
LIST = Slot(("x",), "text-list", "", (), none_is_empty=True)


@pytest.mark.parametrize("slot, value, fmt, expected", [
    (NUMBER, "67.9%", None, 67.9),
    (NUMBER, 0.679, "0.0%", 67.9),
    (NUMBER, 0.679, "0.00%;[Red]-0.00%", 67.9),
    (NUMBER, 67.9, "General", 67.9),
    (NUMBER, " 1,234.5 ", None, 1234.5),
    (NUMBER, "12", None, 12),
    (NUMBER, "high", None, "high"),  # passed on: the model refuses it, located at the cell
    (INTEGER, "1,200", None, 1200),
    (INTEGER, 12.0, None, 12),
    (INTEGER, 12.5, None, 12.5),
    (DATE, datetime(2024, 5, 1), "yyyy-mm-dd", date(2024, 5, 1)),
    (DATE, 45413, "General", date(2024, 5, 1)),  # a date serial number
    (DATE, "2024-05-01", None, date(2024, 5, 1)),
    (DATE, "01/05/2024", None, date(2024, 5, 1)),  # day first, as in the UK
    (DATE, "1 May 2024", None, date(2024, 5, 1)),
    (DATE, "next week", None, "next week"),
    (WHEN, "May 2024", None, "2024-05"),
    (WHEN, "Sept 2024", None, "2024-09"),
    (WHEN, 2024, "General", 2024),  # a year
    (WHEN, 45413, "General", date(2024, 5, 1)),
    (WHEN, datetime(2024, 5, 1), "mmm yyyy", "2024-05"),  # Excel keeps "May 2024" typed as a date
    (WHEN, datetime(2024, 5, 1), "yyyy-mm-dd", date(2024, 5, 1)),
    (WHEN, "2024-05", None, "2024-05"),
    (YES_NO, "Yes", None, True), (YES_NO, True, None, True), (YES_NO, "FALSE", None, False), (YES_NO, "n", None, False),
    (JUDGEMENT, "Partly", None, "partly"), (JUDGEMENT, "in progress", None, "in-progress"), (JUDGEMENT, "no", None, False),
    (CHOICE, "Rising", None, "rising"), (CHOICE, "up", None, "up"),
    (TEXT, 2023, None, "2023"), (TEXT, 2.5, None, "2.5"), (TEXT, datetime(2024, 5, 1), None, "2024-05-01"),
    (TOPICS, "carers; Workforce", None, ["carers", "workforce"]),
    (LIST, "(none)", None, []),
    (LIST, "nursing care;  home care ; ", None, ["nursing care", "home care"]),
    (LIST, '["a; b", "c"]', None, ["a; b", "c"]),
    (LIST, "[draft] plan", None, ["[draft] plan"]),
])
def test_what_people_type_is_understood(slot, value, fmt, expected):
    got = from_cell(slot, value, fmt)
    assert got == expected and type(got) is type(expected)


def test_values_are_written_so_they_read_back():
    assert to_cell(JUDGEMENT, True) == "yes" and to_cell(JUDGEMENT, "partly") == "partly"
    assert to_cell(WHEN, PartialDate(2024, 5)) == "May 2024" and to_cell(WHEN, PartialDate(2024)) == "2024"
    assert to_cell(WHEN, PartialDate(2024, 5, 1)) == date(2024, 5, 1)
    assert to_cell(WHEN, PartialDate(1850, 5, 1)) == "1850-05-01"  # no spreadsheet date before 1900
    assert to_cell(LIST, []) == "(none)" and to_cell(TOPICS, []) is None  # [] is the default: nothing to say
    assert to_cell(NUMBER, 14.745882655957246) == "14.745882655957246"  # over 15 digits: text keeps them
    assert to_cell(NUMBER, 67.9) == 67.9
    assert to_cell(INTEGER, 2**60) == str(2**60)
    assert to_cell(TEXT, "a\r\nb") == "a\nb"


@pytest.mark.parametrize("text", ["bell\x07", "x" * 32_768])
def test_text_no_cell_can_hold_is_refused(text):
    with pytest.raises(Unwritable):
        to_cell(TEXT, text)


ITEM = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@given(st.lists(ITEM, min_size=1, max_size=5))
def test_any_list_of_items_survives_one_cell(items):
    assert split_items(join_items(items)) == items


def test_plain_items_are_written_plainly():
    assert join_items(["carers", "workforce"]) == "carers; workforce"
    assert join_items(["a; b"]) == '["a; b"]'
