"""The cell helpers every workbook goes through: text never becomes a formula, dates are dates."""

from __future__ import annotations

import io
from datetime import date

import pytest

openpyxl = pytest.importorskip("openpyxl")

from readiness.io.workbook import cells  # noqa: E402


def _round_trip(wb):
    return openpyxl.load_workbook(io.BytesIO(cells.to_bytes(wb)))


@pytest.mark.parametrize("text", ["=1+1", "+44 1234", "-5 days", "@SUM(A1)", "=HYPERLINK(\"http://x\")"])
def test_text_that_looks_like_a_formula_stays_text(text):
    wb = cells.workbook()
    ws = wb.create_sheet("S")
    cells.put(ws, 1, 1, text)
    cell = _round_trip(wb)["S"]["A1"]
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix


@pytest.mark.parametrize("text", ["bell\x07", "esc\x1b[31m", "nul\x00", "surrogate \ud83c"])
def test_characters_a_cell_cannot_hold_are_shown_not_fatal(text):
    wb = cells.workbook()
    ws = wb.create_sheet("S")
    cells.put(ws, 1, 1, text)
    cells.put(ws, 1, 2, "tab\tand\nnewline")
    row = _round_trip(wb)["S"][1]
    assert "\\u00" in row[0].value or "\\ud83c" in row[0].value
    assert row[0].value.split("\\u")[0] == text[:row[0].value.index("\\u")]
    assert row[1].value == "tab\tand\nnewline"


def test_plain_text_numbers_and_dates():
    wb = cells.workbook()
    ws = wb.create_sheet("S")
    for column, value in enumerate(["plain", 67.9, 3, date(2024, 5, 1), None], start=1):
        cells.put(ws, 1, column, value)
    row = _round_trip(wb)["S"][1]
    assert [c.value for c in row[:3]] == ["plain", 67.9, 3]
    assert not row[0].quotePrefix
    assert row[3].value.date() == date(2024, 5, 1) and row[3].is_date
    assert len(row) < 5 or row[4].value is None


def test_header_is_frozen_with_meanings_and_dropdown_refuses_others():
    wb = cells.workbook()
    ws = wb.create_sheet("S")
    cells.header(ws, ["status", "title"], ["Where it stands.", None])
    cells.dropdown(ws, 1, ["draft", "approved"], prompt="draft or approved")
    ws2 = _round_trip(wb)["S"]
    assert ws2.freeze_panes == "A2"
    assert ws2["A1"].font.bold and ws2["A1"].comment.text.startswith("Where it stands.")
    assert ws2["B1"].comment is None
    (rule,) = ws2.data_validations.dataValidation
    assert rule.formula1 == '"draft,approved"' and rule.showErrorMessage and "A2:A1000" in str(rule.sqref)


def test_dropdown_choices_that_cannot_be_listed_inline_are_refused():
    ws = cells.workbook().create_sheet("S")
    with pytest.raises(ValueError):
        cells.dropdown(ws, 1, ["a,b"])
    with pytest.raises(ValueError):
        cells.dropdown(ws, 1, [f"value-{i}" for i in range(40)])


def test_date_column_autofilter_widths_and_labels():
    wb = cells.workbook()
    ws = wb.create_sheet("S")
    cells.header(ws, ["name", "due"], widths=[30])
    cells.put(ws, 2, 1, "first")
    cells.put(ws, 3, 1, "second")
    cells.autofilter(ws)
    cells.date_column(ws, 2, last_row=50)
    cells.label(ws, 5, 1, "Council")
    ws2 = _round_trip(wb)["S"]
    assert ws2.auto_filter.ref == "A1:B3"
    assert ws2.column_dimensions["A"].width == 30 and ws2.column_dimensions["B"].width == 12
    assert ws2.column_dimensions["B"].number_format == cells.DATE_FORMAT
    assert ws2["B2"].number_format == cells.DATE_FORMAT and ws2["B3"].number_format == cells.DATE_FORMAT
    (rule,) = ws2.data_validations.dataValidation
    assert rule.type == "date" and "B2:B50" in str(rule.sqref) and rule.showErrorMessage
    assert ws2["A5"].value == "Council" and ws2["A5"].font.bold
    assert ws2.max_row == 5  # formatting the date column made no empty rows
