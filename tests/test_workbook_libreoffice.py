"""The workbooks in a real spreadsheet application (LibreOffice Calc, headless): a template an
officer filled in and Calc saved is read back, and so is a whole exported profile; an export
shows its values, and text that looks like a formula stays text. Two launches of LibreOffice
in all (each a few seconds)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

openpyxl = pytest.importorskip("openpyxl")

from conftest import EXAMPLES  # noqa: E402
from readiness import load_profile  # noqa: E402
from readiness.io.workbook.write import profile_workbook, template_workbook  # noqa: E402
from readiness.model.profile import Profile  # noqa: E402


def test_a_template_filled_in_and_saved_by_calc_is_read_back(libreoffice, tmp_path):
    wb = openpyxl.load_workbook(io.BytesIO(template_workbook(date(2025, 3, 31))))
    council = {r[1].value: r for r in wb["Council"].iter_rows(min_row=2)}
    for fact, value in {"council.name": "Calcshire", "council.as_of": datetime(2025, 3, 31),
                        "workforce.turnover_percent": 12.5, "workforce.turnover_trend": "falling",
                        "governance.self_assessment.updated_on": "May 2024",
                        "governance.scrutiny.adult_social_care_committee": "partly",
                        "market.sufficiency_gaps": "nursing care; home care"}.items():
        council[fact][2].value = value
    council["workforce.vacancy_percent"][2].value = 0.081
    council["workforce.vacancy_percent"][2].number_format = "0.0%"

    def rows(title, items):
        ws = wb[title]
        headers = [c.value for c in ws[1]]
        for r, item in enumerate(items, start=2):
            for header, value in item.items():
                ws.cell(row=r, column=headers.index(header) + 1, value=value)

    rows("Documents", [{"title": "Carers strategy", "kind": "strategy", "topics": "carers; coproduction",
                        "approved_on": datetime(2023, 6, 1), "coproduced": "yes", "source": "Cabinet, June 2023"}])
    rows("Feedback", [{"group": "carers", "about": "Hard to reach the front door", "sentiment": "negative",
                       "heard_on": "Oct 2024"}])
    rows("Peer reviews", [{"title": "LGA peer challenge", "held_on": datetime(2024, 10, 10)}])
    rows("Peer review recommendations", [{"Peer review row": 2, "title": "Clear the waiting list"}])
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    exported = tmp_path / "trafford.xlsx"  # and a whole profile exported, re-saved the same way
    original = load_profile(EXAMPLES / "trafford-2023.yaml")
    exported.write_bytes(profile_workbook(original))

    convert_with_libreoffice_all(libreoffice, [filled, exported], "xlsx", tmp_path / "calc")
    saved = tmp_path / "calc" / "filled.xlsx"
    assert saved.read_bytes() != filled.read_bytes()
    assert load_profile(tmp_path / "calc" / "trafford.xlsx").model_dump() == original.model_dump()
    profile = load_profile(saved)
    assert profile.council.name == "Calcshire" and profile.council.as_of == date(2025, 3, 31)
    assert profile.workforce.turnover_percent == 12.5 and profile.workforce.vacancy_percent == 8.1
    assert profile.workforce.turnover_trend == "falling"
    assert profile.governance.self_assessment.updated_on.isoformat() == "2024-05"
    assert profile.governance.scrutiny.adult_social_care_committee == "partly"
    assert profile.market.sufficiency_gaps == ["nursing care", "home care"]
    [doc] = profile.documents
    assert (doc.title, doc.topics, doc.approved_on, doc.coproduced, doc.source) == (
        "Carers strategy", ["carers", "coproduction"], date(2023, 6, 1), True, "Cabinet, June 2023")
    assert profile.feedback[0].heard_on.isoformat() == "2024-10"
    [review] = profile.governance.peer_reviews
    assert review.held_on == date(2024, 10, 10) and [r.title for r in review.recommendations] == [
        "Clear the waiting list"]


def test_an_export_shows_its_values_in_calc_and_formula_like_text_as_text(libreoffice, tmp_path):
    data = load_profile(EXAMPLES / "bristol-2024.yaml").model_dump(exclude_computed_fields=True)
    data["council"]["source"] = '=HYPERLINK("http://example.org")'
    data["documents"][0]["title"] = "@SUM(A1)"
    data["documents"][0]["summary"] = "-5 days, +44 1632 960000"
    profile = Profile.model_validate(data)
    book = tmp_path / "bristol.xlsx"
    book.write_bytes(profile_workbook(profile))
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    convert_with_libreoffice_all(libreoffice, [book], every_sheet, tmp_path / "csv")
    council = {row[1]: row[2] for row in _csv(tmp_path / "csv" / "bristol-Council.csv")}
    assert council["council.source"] == '=HYPERLINK("http://example.org")'  # shown as typed, never run
    assert council["council.name"] == "Bristol City Council"
    assert council["council.as_of"] == "2024-12-31"
    documents = _csv(tmp_path / "csv" / "bristol-Documents.csv")
    headers = documents[0]
    first = dict(zip(headers, documents[1]))
    assert first["title"] == "@SUM(A1)" and first["summary"] == "-5 days, +44 1632 960000"
    original = profile.documents[0]
    assert first["kind"] == original.kind and first["coproduced"] == "yes"
    assert len(documents) - 1 == len(profile.documents)


def convert_with_libreoffice_all(soffice, sources, fmt, outdir):
    """Like conftest.convert_with_libreoffice, for several files in one launch (or a filter that
    writes one file per sheet)."""
    import subprocess

    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, f"-env:UserInstallation=file://{outdir / '.lo-profile'}", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)],
                   check=True, capture_output=True, timeout=180)


def _csv(path):
    assert path.is_file(), f"LibreOffice wrote no {path.name}"
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
