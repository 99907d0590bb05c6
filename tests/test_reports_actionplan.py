"""The action plan workbook (`check --format xlsx -o FILE`): one row per finding and per thing to
collect, counted from the Assessment; the tracker's columns, dropdown and date column; the
statement filter; text from a profile never becoming a formula; written only with -o and never
over an input; and the same rows read back by LibreOffice.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from functools import cache
from pathlib import Path
from typing import get_args

import pytest

openpyxl = pytest.importorskip("openpyxl")

import readiness  # noqa: E402
from clihelp import COUNCIL, REPO, TEST_OPTS, assess, run  # noqa: E402
from conftest import convert_with_libreoffice  # noqa: E402
from readiness.lang.annotations import unwrap  # noqa: E402
from readiness.model.framework import framework  # noqa: E402
from readiness.model.profile import Action  # noqa: E402
from readiness.reports import actionplan  # noqa: E402

BRISTOL = REPO / "examples" / "bristol-2024.yaml"
COLUMNS = ["Statement", "Kind", "Level", "Rule", "Message", "Why it matters", "What to do", "Source",
           "Owner", "Due date", "Status", "Notes"]
FORMULA_STARTS = ("=", "+", "-", "@")


@cache
def bristol():
    return readiness.evaluate(readiness.load_profile(BRISTOL), readiness.load_rules())


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def plan_rows(wb) -> list[dict]:
    ws = wb[actionplan.PLAN_SHEET]
    names = [c.value for c in ws[1]]
    return [dict(zip(names, values)) for values in ws.iter_rows(min_row=2, values_only=True) if any(values)]


def expected_counts(a, statement_ids=None) -> Counter:
    """(statement, kind) -> rows, from the Assessment itself."""
    out: Counter = Counter()
    for s in a.statements:
        if statement_ids and s.id not in statement_ids:
            continue
        name = f"{s.name} ({s.code})"
        for f in s.findings:
            out[name, f.kind] += 1
        if s.what_to_collect:
            out[name, actionplan.KIND_COLLECT] += len(s.what_to_collect)
    return out


@pytest.mark.parametrize("which", ["council", "bristol"])
def test_one_row_per_finding_and_per_thing_to_collect(which):
    a = assess() if which == "council" else bristol()
    wb = load(actionplan.render(a))
    assert wb.sheetnames[0] == actionplan.PLAN_SHEET and actionplan.SUMMARY_SHEET in wb.sheetnames
    rows = plan_rows(wb)
    assert Counter((r["Statement"], r["Kind"]) for r in rows) == expected_counts(a)
    found = {(r["Statement"], r["Rule"]): r for r in rows if r["Kind"] != actionplan.KIND_COLLECT}
    expected = {(f"{s.name} ({s.code})", f.rule_id): f for s in a.statements for f in s.findings}
    assert found.keys() == expected.keys()
    for key, f in expected.items():
        r = found[key]
        assert (r["Kind"], r["Level"], r["Why it matters"]) == (f.kind, f.level, f.why)
        assert r["Message"] == f.message or r["Message"].startswith(f.message + "\n")  # then a waiver note
        assert r["What to do"] == (f.recommendation or None)
    for r in rows:
        assert r["Owner"] is None and r["Due date"] is None and r["Status"] is None and r["Notes"] is None


def test_what_to_collect_uses_the_reports_own_words():
    from readiness.reports.common import collect_lines

    a = bristol()
    rows = [r for r in plan_rows(load(actionplan.render(a))) if r["Kind"] == actionplan.KIND_COLLECT]
    assert rows
    assert [r["Message"] for r in rows] == [line for s in a.statements for line in collect_lines(s)]
    facts = [c.facts for s in a.statements for c in s.what_to_collect]
    for r, paths in zip(rows, facts):  # no profile paths without --debug
        assert not any(f"`{p}`" in r["Message"] for p in paths)


def test_order_framework_then_shortfalls_worst_first_then_collect_then_strengths():
    a = bristol()
    rows = plan_rows(load(actionplan.render(a)))
    order = [f"{s.name} ({s.code})" for s in framework().statements]
    positions = [order.index(r["Statement"]) for r in rows]
    assert positions == sorted(positions)
    rank = {("shortfall", "significant"): 0, ("shortfall", "some"): 1, (actionplan.KIND_COLLECT, None): 2,
            ("strength", "exceptional"): 3, ("strength", "good"): 4}
    for statement in order:
        ranks = [rank[r["Kind"], r["Level"]] for r in rows if r["Statement"] == statement]
        assert ranks == sorted(ranks), statement
    assert {r["Kind"] for r in rows} >= {"shortfall", "strength", actionplan.KIND_COLLECT}


def test_sources_and_unsourced_findings_are_marked():
    a = assess()
    rows = plan_rows(load(actionplan.render(a)))
    findings = {f.rule_id: f for s in a.statements for f in s.findings}
    unsourced = [r for r in rows if r["Kind"] != actionplan.KIND_COLLECT and r["Source"] == "no source recorded"]
    assert unsourced, "the test council records facts without a source"
    for r in rows:
        if r["Kind"] == actionplan.KIND_COLLECT:
            assert r["Source"] is None
            continue
        f = findings[r["Rule"]]
        recorded = {x for e in f.evidence for x in e.sources} | ({f.source} if f.source else set())
        if recorded:
            assert set(r["Source"].split("; ")) == recorded
        else:
            assert r["Source"] == "no source recorded"


def test_columns_header_comments_filter_dates_and_status_dropdown():
    wb = load(actionplan.render(bristol()))
    ws = wb[actionplan.PLAN_SHEET]
    assert [c.value for c in ws[1]] == COLUMNS
    assert ws.freeze_panes == "A2"
    assert all(c.comment is not None and c.comment.text.strip() for c in ws[1])
    assert ws["I1"].comment.text.startswith(Action.model_fields["owner"].description)
    assert ws.auto_filter.ref == f"A1:L{ws.max_row}"
    assert ws["E2"].alignment.wrap_text
    assert ws.column_dimensions["E"].width >= 40 and ws.column_dimensions["B"].width < 20
    status = get_args(unwrap(Action.model_fields["status"].annotation))
    rules = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    lists = [v for v in rules.values() if v.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"' + ",".join(status) + '"'
    assert str(lists[0].sqref).startswith("K2:K")
    dates = [v for v in rules.values() if v.type == "date"]
    assert len(dates) == 1 and str(dates[0].sqref).startswith("J2:J")
    assert ws.column_dimensions["J"].number_format == "yyyy-mm-dd" and ws["J2"].number_format == "yyyy-mm-dd"


def test_summary_has_the_rating_the_nine_scores_their_coverage_and_the_disclaimer():
    from readiness.reports.common import DISCLAIMER, coverage_words, overall_lines

    a = bristol()
    ws = load(actionplan.render(a))[actionplan.SUMMARY_SHEET]
    text = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert a.council.name in text and DISCLAIMER in text
    for line in overall_lines(a):
        assert line in text
    assert any(f"The rating rests on {a.overall.statements_evidenced} of 9" in t for t in text)
    rows = {row[0]: row for row in ws.iter_rows(values_only=True)}
    for s in a.statements:
        assert rows[f"{s.name} ({s.code})"][1:4] == (s.predicted_score, s.score_descriptor, coverage_words(s))


def test_statement_filter(capsys, tmp_path):
    out = tmp_path / "an.xlsx"
    done = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "xlsx", "-o", out, "--statement", "AN")
    assert done.code == 0, done.err
    a = assess()
    rows = plan_rows(load(out.read_bytes()))
    assert rows and {r["Statement"] for r in rows} == {"Assessing needs (AN)"}
    assert Counter((r["Statement"], r["Kind"]) for r in rows) == expected_counts(a, ["assessing-needs"])
    summary = load(out.read_bytes())[actionplan.SUMMARY_SHEET]
    names = {row[0] for row in summary.iter_rows(values_only=True)}
    assert "Assessing needs (AN)" in names and "Safeguarding (SG)" not in names


def test_debug_adds_the_profile_paths_to_what_to_collect(capsys, tmp_path):
    plain, debug = tmp_path / "plain.xlsx", tmp_path / "debug.xlsx"
    assert run(capsys, "check", BRISTOL, "--format", "xlsx", "-o", plain).code == 0
    assert run(capsys, "--debug", "check", BRISTOL, "--format", "xlsx", "-o", debug).code == 0
    a = bristol()
    facts = [c.facts for s in a.statements for c in s.what_to_collect]
    with_paths = [r["Message"] for r in plan_rows(load(debug.read_bytes())) if r["Kind"] == actionplan.KIND_COLLECT]
    without = [r["Message"] for r in plan_rows(load(plain.read_bytes())) if r["Kind"] == actionplan.KIND_COLLECT]
    assert len(with_paths) == len(without) == len(facts)
    for line, plain_line, paths in zip(with_paths, without, facts):
        assert all(f"`{p}`" in line for p in paths) and not any(f"`{p}`" in plain_line for p in paths)


# --- text from a profile never becomes a formula -----------------------------------------------

HOSTILE = {
    "council": {"name": '=HYPERLINK("http://evil.example","Council")', "as_of": "2024-06-30"},
    "documents": [
        {"title": "=cmd|' /C calc'!A0", "kind": "strategy", "topic": "carers", "status": "draft",
         "source": "+SUM(1,2) board minutes"},
        {"title": "@SUM(A1:A9) safeguarding policy", "kind": "policy", "topic": "safeguarding",
         "status": "out-of-date", "source": "-2+3 the policy register"},
    ],
    "feedback": [
        {"group": "carers", "about": "=1+1 carers said assessments took too long", "quote": "+1 we waited months",
         "sentiment": "negative", "extent": "most", "topics": ["assessment"], "statements": ["assessing-needs"],
         "source": "@A1 carers survey"},
    ],
    "evidence": [
        {"statements": ["assessing-needs"], "category": "people", "kind": "area-for-improvement",
         "weight": "significant", "shows": "=1+2 carers' assessments are late", "quote": '=IMPORTXML("http://x")',
         "source": "-1 audit"},
    ],
}


def hostile_profile(tmp_path: Path) -> Path:
    import yaml

    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(HOSTILE, sort_keys=False), encoding="utf-8")
    return path


def test_profile_text_that_looks_like_a_formula_stays_text(capsys, tmp_path):
    out = tmp_path / "plan.xlsx"
    done = run(capsys, "check", hostile_profile(tmp_path), "--format", "xlsx", "-o", out)
    assert done.code == 0, done.err
    wb = load(out.read_bytes())
    texts = []
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    if cell.value.startswith(FORMULA_STARTS):
                        assert cell.quotePrefix, f"{ws.title}!{cell.coordinate}: {cell.value!r}"
    starts = {t[0] for t in texts if t.startswith(FORMULA_STARTS)}
    assert starts == set(FORMULA_STARTS), starts  # the test reaches every kind of formula start
    joined = "\n".join(texts)
    for text in [HOSTILE["council"]["name"], HOSTILE["documents"][0]["title"], HOSTILE["documents"][1]["title"],
                 HOSTILE["feedback"][0]["about"], HOSTILE["evidence"][0]["shows"], "+SUM(1,2) board minutes"]:
        assert text in joined, text


# --- the command line ---------------------------------------------------------------------------


def test_xlsx_without_output_is_a_usage_error_and_writes_nothing(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "xlsx")
    assert done.code == 2
    assert "-o" in done.err and "xlsx" in done.err
    assert done.out == ""
    assert list(tmp_path.iterdir()) == []


def test_xlsx_over_the_input_profile_is_refused(capsys, tmp_path):
    profile = tmp_path / "council.yaml"
    profile.write_bytes(COUNCIL.read_bytes())
    before = profile.read_bytes()
    done = run(capsys, "check", profile, *TEST_OPTS, "--format", "xlsx", "-o", profile)
    assert done.code == 2 and "input file" in done.err
    assert profile.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["council.yaml"]


@pytest.mark.parametrize("name", ["findings.xls", "findings.csv", "findings"])
def test_xlsx_needs_a_name_ending_xlsx(capsys, tmp_path, name):
    done = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "xlsx", "-o", tmp_path / name)
    assert done.code == 2 and ".xlsx" in done.err and "findings.xlsx" in done.err
    assert done.err.startswith("error:") and done.err.count("\n") == 1  # one message, no warnings first
    assert list(tmp_path.iterdir()) == []


def test_xlsx_is_in_the_format_help(capsys):
    done = run(capsys, "check", "--help")
    assert "xlsx (" in " ".join(done.out.split())


# --- read back by a real spreadsheet application ---------------------------------------------------


def test_libreoffice_reads_the_same_rows(libreoffice, tmp_path):
    a = readiness.evaluate(readiness.load_profile(hostile_profile(tmp_path)), readiness.load_rules())
    source = tmp_path / "plan.xlsx"
    source.write_bytes(actionplan.render(a))
    converted = convert_with_libreoffice(libreoffice, source, "csv", tmp_path / "csv")
    with converted.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == COLUMNS
    body = [dict(zip(COLUMNS, row)) for row in table[1:] if any(row)]
    assert Counter((r["Statement"], r["Kind"]) for r in body) == expected_counts(a)
    findings = Counter((f"{s.name} ({s.code})", f.rule_id, f.message) for s in a.statements for f in s.findings)
    assert Counter((r["Statement"], r["Rule"], r["Message"]) for r in body
                   if r["Kind"] != actionplan.KIND_COLLECT) == findings
    # a spreadsheet shows the profile's text as typed, never the result of a formula
    assert any(r["Message"].startswith(HOSTILE["evidence"][0]["shows"]) for r in body)
    assert any(HOSTILE["documents"][0]["title"] in r["Message"] for r in body)


def test_openpyxl_is_loaded_only_for_a_workbook(tmp_path):
    import subprocess
    import sys

    code = ("import sys, contextlib, io; from readiness.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            f"    assert main(['check', {str(COUNCIL)!r}, '--format', 'markdown']) == 0\n"
            "print('openpyxl' in sys.modules)\n"
            "with contextlib.redirect_stderr(io.StringIO()):\n"
            f"    assert main(['check', {str(COUNCIL)!r}, '--format', 'xlsx', '-o', {str(tmp_path / 'a.xlsx')!r}]) == 0\n"
            "print('openpyxl' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["False", "True"], out.stderr
