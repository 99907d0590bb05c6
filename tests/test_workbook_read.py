"""Reading a profile workbook: what an officer types becomes the profile, and every problem is
named by its sheet and cell, as Excel shows them, all at once."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from readiness import load_profile  # noqa: E402
from readiness.io.workbook.read import WorkbookDocument  # noqa: E402
from readiness.io.workbook.write import template_workbook  # noqa: E402
from readiness.model.errors import Cell, ProfileError  # noqa: E402


@cache
def _template() -> bytes:
    return template_workbook(date(2025, 3, 31))


def filled(tmp_path: Path, council: dict | None = None, sheets: dict | None = None, name: str = "profile.xlsx",
           edit=None) -> Path:
    """The template filled in as an officer would: Council values by fact name, list rows by header."""
    wb = openpyxl.load_workbook(io.BytesIO(_template()))
    rows = {r[1].value: r for r in wb["Council"].iter_rows(min_row=2)}
    for fact, value in (council or {}).items():
        rows[fact][2].value = value
    for title, items in (sheets or {}).items():
        ws = wb[title]
        headers = [c.value for c in ws[1]]
        for r, item in enumerate(items, start=2):
            for header, value in item.items():
                ws.cell(row=r, column=headers.index(header) + 1, value=value)
    if edit:
        edit(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return [str(p) for p in caught.value.problems]


def _typed_text(fact: str, text: str):
    """Text typed with a leading apostrophe (a formula-like text kept as text)."""
    def edit(wb):
        for row in wb["Council"].iter_rows(min_row=2):
            if row[1].value == fact:
                row[2].value, row[2].data_type, row[2].quotePrefix = text, "s", True
    return edit


def test_an_officers_workbook_becomes_the_profile(tmp_path):
    path = filled(tmp_path, council={
        "council.name": "Testshire", "council.as_of": datetime(2025, 3, 31),
        "workforce.turnover_percent": "12.5%", "workforce.vacancy_percent": 0.081,
        "governance.self_assessment.updated_on": "May 2024", "governance.scrutiny.adult_social_care_committee": "Yes",
        "market.sufficiency_gaps": "nursing care; home care", "waiting.assessment.people": "1,204",
    }, sheets={
        "Documents": [{"title": "Carers strategy", "kind": "strategy", "topics": "carers; coproduction",
                       "approved_on": datetime(2023, 6, 1), "coproduced": "partly", "source": "Cabinet, June 2023"}],
        "Peer reviews": [{"title": "LGA challenge", "held_on": "2024"}, {"title": "Second", "held_on": "Oct 2024"}],
        "Peer review recommendations": [{"Peer review row": 3, "title": "Fix the front door"},
                                        {"Peer review row": 2, "title": "Carers offer", "status": "in progress"}],
    }, edit=_typed_text("council.source", "=our own records"))
    profile = load_profile(path)
    assert profile.council.name == "Testshire" and profile.council.as_of == date(2025, 3, 31)
    assert profile.council.source == "=our own records"
    assert profile.workforce.turnover_percent == 12.5
    assert profile.waiting.assessment.people == 1204
    assert profile.governance.self_assessment.updated_on.isoformat() == "2024-05"
    assert profile.governance.scrutiny.adult_social_care_committee is True
    assert profile.market.sufficiency_gaps == ["nursing care", "home care"]
    [doc] = profile.documents
    assert (doc.title, doc.topics, doc.approved_on, doc.coproduced) == (
        "Carers strategy", ["carers", "coproduction"], date(2023, 6, 1), "partly")
    first, second = profile.governance.peer_reviews
    assert [r.title for r in first.recommendations] == ["Carers offer"] and first.held_on.isoformat() == "2024"
    assert [r.title for r in second.recommendations] == ["Fix the front door"]
    assert first.recommendations[0].status == "in-progress"
    assert profile.feedback is None  # an empty sheet is not evidenced, never "none"


def test_a_percent_formatted_cell_counts_in_percent(tmp_path):
    def percent(wb):
        for row in wb["Council"].iter_rows(min_row=2):
            if row[1].value == "workforce.vacancy_percent":
                row[2].value, row[2].number_format = 0.081, "0.0%"
    profile = load_profile(filled(tmp_path, edit=percent))
    assert profile.workforce.vacancy_percent == 8.1


def test_none_records_an_empty_list(tmp_path):
    profile = load_profile(filled(tmp_path, council={"market.sufficiency_gaps": "(none)"},
                                  sheets={"Documents": [{"title": "(none)"}]}))
    assert profile.documents == [] and profile.market.sufficiency_gaps == []


def test_blank_rows_and_trailing_blanks_are_ignored(tmp_path):
    def gaps(wb):
        ws = wb["Feedback"]
        ws["A9"], ws["C9"], ws["G9"] = "staff", "Supervision is regular", "positive"
        ws["Z40"] = "   "  # spaces only: blank
    profile = load_profile(filled(tmp_path, edit=gaps))
    assert [f.about for f in profile.feedback] == ["Supervision is regular"]


def test_problems_name_sheet_cell_and_field_all_at_once(tmp_path):
    path = filled(tmp_path, council={"council.as_of": "soon", "workforce.turnover_percent": "high"}, sheets={
        "Feedback": [{"group": "staff", "about": "ok", "sentiment": "positive"}] * 5
        + [{"group": "staff", "about": "x", "sentiment": "sometimes"}],
        "Risk register": [{"title": "Workforce", "net_score": 30}],
    })
    found = problems(path)
    assert f"{path}: Feedback!G7: field 'feedback[5].sentiment': got 'sometimes'; expected one of 'positive'" in "\n".join(found)
    assert any(p.startswith(f"{path}: 'Risk register'!F2: field 'governance.risk_register[0].net_score'") for p in found)
    assert any(p.startswith(f"{path}: Council!C") and "council.as_of" in p for p in found)
    assert any("workforce.turnover_percent" in p and "expected a number" in p for p in found)
    assert len(found) == 4


def test_a_missing_required_value_points_at_its_cell(tmp_path):
    path = filled(tmp_path, sheets={"Documents": [{"kind": "strategy"}]}, council={"council.name": None})
    found = problems(path)
    assert any(p.startswith(f"{path}: Documents!A2: field 'documents[0].title': is required") for p in found)
    assert any(re.match(rf"{re.escape(str(path))}: Council!C\d+: field 'council.name': is required", p) for p in found)


def test_another_templates_sheets_and_columns_are_named_with_a_suggestion(tmp_path):
    def other(wb):
        wb.create_sheet("Feedbak")
        wb["Documents"]["Z1"] = "titel"
        rows = list(wb["Council"].iter_rows(min_row=2))
        rows[3][1].value = "council.nmae"
    found = problems(filled(tmp_path, edit=other))
    assert any("Feedbak!A1: a sheet readiness does not know (did you mean 'Feedback'?)" in p for p in found)
    assert any("Documents!Z1: a column readiness does not know: 'titel' (did you mean 'title'?)" in p for p in found)
    assert any("a fact readiness does not know: 'council.nmae' (did you mean 'council.name'?)" in p for p in found)


def test_a_child_row_must_name_a_parent_row(tmp_path):
    path = filled(tmp_path, sheets={"Peer reviews": [{"title": "LGA", "held_on": 2024}, {"title": "Twice", "held_on": 2024},
                                                     {"title": "Twice", "held_on": 2025}],
                                    "Peer review recommendations": [{"Peer review row": 7, "title": "x"},
                                                                    {"Peer review row": "LGX", "title": "y"},
                                                                    {"Peer review row": "Twice", "title": "z"},
                                                                    {"Peer review row": True, "title": "w"}]})
    found = problems(path)
    assert any("'Peer review recommendations'!A2: row 7 of the 'Peer reviews' sheet holds no peer review" in p
               for p in found)
    assert any("'Peer review recommendations'!A3: no peer review on the 'Peer reviews' sheet has the title 'LGX' "
               "(did you mean 'LGA'?)" in p for p in found)
    assert any("'Peer review recommendations'!A4: 2 peer reviews on the 'Peer reviews' sheet have the title 'Twice'"
               in p for p in found)
    assert any("'Peer review recommendations'!A5: 'Peer review row' must be the row number" in p for p in found)


def test_a_child_row_may_name_its_parent_by_title(tmp_path):
    path = filled(tmp_path, sheets={"Peer reviews": [{"title": "LGA", "held_on": 2024}, {"title": "ADASS", "held_on": 2025}],
                                    "Peer review recommendations": [{"Peer review row": "ADASS", "title": "x"},
                                                                    {"Peer review row": 2, "title": "y"}]})
    lga, adass = load_profile(path).governance.peer_reviews
    assert [r.title for r in lga.recommendations] == ["y"] and [r.title for r in adass.recommendations] == ["x"]


def test_merged_cells_and_hidden_sheets_are_refused(tmp_path):
    def hide_and_merge(wb):
        wb["Roles"].sheet_state = "hidden"
        wb["Documents"]["A2"], wb["Documents"]["B2"] = "Plan", "plan"
        wb["Documents"].merge_cells("A2:A4")
    found = problems(filled(tmp_path, edit=hide_and_merge))
    assert any("Roles!A1: this sheet is hidden" in p for p in found)
    assert any("Documents!A2:A4: merged cells: unmerge them" in p for p in found)


def _with_cell_xml(path: Path, sheet_part: str, coordinate: str, xml: str) -> None:
    """Replace one cell's XML in a saved workbook (openpyxl cannot write a formula's saved value)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    text = parts[sheet_part].decode()
    text, count = re.subn(rf'<c r="{coordinate}"[^>]*?(/>|>.*?</c>)', xml, text, count=1)
    assert count == 1
    parts[sheet_part] = text.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_formulas_count_by_their_saved_value_never_run(tmp_path):
    path = filled(tmp_path, sheets={"Documents": [{"title": "placeholder", "kind": "plan", "count": 1},
                                                  {"title": "two", "kind": "plan", "count": 1}]})
    documents_part = "xl/worksheets/sheet3.xml"  # README, Council, Documents ...
    _with_cell_xml(path, documents_part, "J2", '<c r="J2"><f>1+2</f><v>3</v></c>')
    assert load_profile(path).documents[0].count == 3
    _with_cell_xml(path, documents_part, "J3", '<c r="J3"><f>1+2</f></c>')
    [found] = problems(path)
    assert "Documents!J3: the cell holds a formula with no saved value: type the value" in found


def test_a_workbook_document_locates_every_kind_of_place():
    doc = WorkbookDocument({}, None, "b.xlsx", facts={("council", "name"): "C3"},
                           items={("feedback", 0): __import__("readiness.io.workbook.read", fromlist=["Row"]).Row(
                               "Feedback", 2, {"about": "C", "supervision.x": "D"})},
                           lists={("feedback",): "Feedback"})
    assert str(doc.at(("council", "name"))) == "b.xlsx: Council!C3"
    assert str(doc.at(("feedback", 0, "about"))) == "b.xlsx: Feedback!C2"
    assert str(doc.at(("feedback", 0, "supervision", "x"))) == "b.xlsx: Feedback!D2"
    assert str(doc.at(("feedback", 0, "topics", 1))) == "b.xlsx: Feedback!2:2"  # no such column: the row
    assert str(doc.at(("feedback",))) == "b.xlsx: Feedback!1:1"
    assert str(Cell("b.xlsx", "Risk register", "D7")) == "b.xlsx: 'Risk register'!D7"
    assert str(Cell("b.xlsx", "Bob's", "D7")) == "b.xlsx: 'Bob''s'!D7"


def test_a_workbook_without_its_council_sheet_says_so(tmp_path):
    def drop(wb):
        del wb["Council"]
    [found] = problems(filled(tmp_path, edit=drop))
    assert found.endswith("has no Council sheet, where the council's name and as_of go (run `readiness init "
                          "--format xlsx` for the template)")
