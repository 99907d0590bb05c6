"""Writing workbooks: the template carries meanings, dropdowns and date cells; an export writes
every value so that it reads back, text that looks like a formula as text, and refuses what no
cell can hold."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

openpyxl = pytest.importorskip("openpyxl")

from clihelp import run  # noqa: E402
from readiness import load_profile  # noqa: E402
from readiness.io.workbook.layout import COUNCIL as COUNCIL_SHEET, COUNCIL_COLUMNS, README, layout  # noqa: E402
from readiness.io.workbook.write import ALLOWED, profile_workbook, template_workbook  # noqa: E402
from readiness.model.errors import ProfileError  # noqa: E402


@pytest.fixture(scope="module")
def template():
    return openpyxl.load_workbook(io.BytesIO(template_workbook(date(2025, 3, 31))))


def test_the_template_reads_as_an_officer_expects(template):
    assert template.sheetnames[:2] == [README, COUNCIL_SHEET] and template.sheetnames[-1] == ALLOWED
    readme = "\n".join(str(c.value) for c in template[README]["A"] if c.value)
    assert "readiness check" in readme and "blank means 'not evidenced'" in readme and "Peer review row" in readme
    council = template[COUNCIL_SHEET]
    assert [c.value for c in council[1]] == list(COUNCIL_COLUMNS)
    assert council.freeze_panes == "A2"
    rows = {r[1].value: r for r in council.iter_rows(min_row=2)}
    assert rows["council.name"][2].value == "Your Council"
    assert rows["council.as_of"][2].value.date() == date(2025, 3, 31)
    assert rows["council.as_of"][2].number_format == "yyyy-mm-dd"
    assert rows["workforce.turnover_trend"][3].value == "Which way turnover is going."
    assert "rising, stable, falling" in rows["workforce.turnover_trend"][4].value


def _validated(ws, coordinate: str) -> list[str]:
    return [dv.formula1 for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]


def test_every_enumerated_cell_has_a_dropdown(template):
    plan = layout()
    council = template[COUNCIL_SHEET]
    for row, fact in enumerate(plan.facts, start=2):
        found = _validated(council, f"C{row}")
        assert bool(found) == (fact.kind in ("choice", "judgement", "yes-no")), fact.name
    assert _validated(council, f"C{[f.name for f in plan.facts].index('workforce.turnover_trend') + 2}") == [
        '"rising,stable,falling"']
    from openpyxl.utils import get_column_letter

    for sheet in plan.sheets:
        ws = template[sheet.title]
        assert [c.value for c in ws[1]] == sheet.headers
        assert ws.freeze_panes == "A2"
        offset = 2 if sheet.parent else 1
        for i, column in enumerate(sheet.columns):
            letter = get_column_letter(offset + i)
            assert bool(_validated(ws, f"{letter}500")) == (column.kind in ("choice", "judgement", "yes-no")), column.name
            assert ws[f"{letter}1"].comment is not None and column.meaning in ws[f"{letter}1"].comment.text
            if column.kind in ("date", "when"):
                assert ws.column_dimensions[letter].number_format == "yyyy-mm-dd"
    # a long list (topics) is listed on the Allowed values sheet, which the dropdown points at
    [formula] = _validated(template["Known risks"], "B2")
    assert formula.startswith(f"'{ALLOWED}'!$")
    allowed = template[ALLOWED]
    letter = formula.split("!")[1].split(":")[0].strip("$").rstrip("0123456789").strip("$")
    assert "carers" in [c.value for c in allowed[letter]]


def _exported(data: dict):
    return openpyxl.load_workbook(io.BytesIO(profile_workbook(load_profile(data))))


def test_an_export_writes_formula_like_text_as_text_and_lists_in_their_sheets(minimal):
    data = {**minimal, "council": {**minimal["council"], "source": "=1+1"},
            "market": {"sufficiency_gaps": []},
            "documents": [],
            "governance": {"peer_reviews": [
                {"title": "First", "held_on": "2023"},
                {"title": "Second", "held_on": "2024-05", "recommendations": [{"title": "-fix it"}, {"title": "b"}]}]}}
    wb = _exported(data)
    rows = {r[1].value: r for r in wb[COUNCIL_SHEET].iter_rows(min_row=2)}
    source = rows["council.source"][2]
    assert source.value == "=1+1" and source.data_type == "s" and source.quotePrefix
    assert rows["market.sufficiency_gaps"][2].value == "(none)"
    assert wb["Documents"]["A2"].value == "(none)"  # evidence of no documents, in the title column
    reviews = wb["Peer reviews"]
    assert [reviews["A2"].value, reviews["A3"].value] == ["First", "Second"]
    assert reviews["B2"].value == "2023" and reviews["B3"].value == "May 2024"
    recommendations = wb["Peer review recommendations"]
    assert [[c.value for c in row[:2]] for row in recommendations.iter_rows(min_row=2)] == [[3, "-fix it"], [3, "b"]]
    assert recommendations["B2"].quotePrefix


def test_text_no_cell_can_hold_is_refused_by_field(minimal, capsys, tmp_path):
    data = {**minimal, "council": {**minimal["council"], "name": "bell\u0007"}}
    with pytest.raises(ProfileError) as caught:
        profile_workbook(load_profile(data), "council.json")
    [problem] = caught.value.problems
    assert str(problem).startswith("council.json: field 'council.name': cannot be written to a spreadsheet: it holds "
                                   "a control character")
    profile = tmp_path / "council.json"
    profile.write_text(json.dumps(data))
    out = tmp_path / "out.xlsx"
    r = run(capsys, "export", profile, "-o", out)
    assert r.code == 2 and "field 'council.name'" in r.err and not out.exists()
