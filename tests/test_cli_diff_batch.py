"""`readiness diff` (two snapshots of one council) and `readiness batch` (many councils)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from clihelp import COUNCIL, DATA, LATER, MALFORMED, PACK, TEST_OPTS, assess, run, run_process
from readiness.engine.diff import compare

CODES = ["AN", "SPHL", "EEO", "CPIC", "PC", "SSPT", "SG", "GMS", "LII"]

# --- diff -------------------------------------------------------------------------------------


def test_diff_json_names_the_findings_that_appeared_and_cleared(capsys):
    r = run(capsys, "diff", COUNCIL, LATER, *TEST_OPTS, "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data == json.loads(compare(assess(COUNCIL), assess(LATER)).to_json())
    by_code = {s["code"]: s for s in data["statements"]}
    assert "test-psw-interim" in [f["rule_id"] for f in by_code["GMS"]["cleared"]]
    # self-serve was evidenced before and is not now: the strength cleared and its evidence went
    assert "test-self-serve-offer" in [f["rule_id"] for f in by_code["AN"]["cleared"]]
    assert "test-self-serve-offer" in [r["rule_id"] for r in by_code["AN"]["newly_missing"]]
    assert data["old"]["as_of"] == "2024-06-30" and data["new"]["as_of"] == "2025-06-30"
    assert data["same_council"] is True
    for s in data["statements"]:
        assert s["change"] == s["new_score"] - s["old_score"]


def test_diff_the_other_way_round_swaps_appeared_and_cleared():
    forward, back = compare(assess(COUNCIL), assess(LATER)), compare(assess(LATER), assess(COUNCIL))
    for f, b in zip(forward.statements, back.statements, strict=True):
        assert [x.rule_id for x in f.appeared] == [x.rule_id for x in b.cleared]
        assert [x.rule_id for x in f.newly_missing] == [x.rule_id for x in b.newly_evidenced]
        assert f.change == -b.change


def test_diff_of_a_snapshot_with_itself_has_no_changes(capsys):
    r = run(capsys, "diff", COUNCIL, COUNCIL, *TEST_OPTS)
    assert r.code == 0
    assert "No statement prediction, finding or evidence changed." in r.out
    data = json.loads(run(capsys, "diff", COUNCIL, COUNCIL, *TEST_OPTS, "-f", "json").out)
    assert not any(s["appeared"] or s["cleared"] or s["change"] for s in data["statements"])


def test_diff_says_how_many_facts_of_each_snapshot_have_no_source(capsys):
    r = run(capsys, "diff", COUNCIL, LATER, *TEST_OPTS, "-f", "json")
    assert r.code == 0
    for file in (COUNCIL, LATER):
        count = len(assess(file).unsourced_facts)
        assert count, "the test council records facts without a source"
        (line,) = [x for x in r.err.splitlines() if x.startswith(f"warning: {file}: ")]
        assert f"{count} fact(s) that findings rest on have no source" in line and f"readiness check {file}" in line


def test_diff_table_and_markdown(capsys):
    old, new = assess(COUNCIL), assess(LATER)
    table = run(capsys, "diff", COUNCIL, LATER, *TEST_OPTS)
    assert "Overall rating" in table.out and old.overall.rating in table.out
    assert "cleared: Test rule - PSW interim" in table.out and "[test-psw-interim]" in table.out
    md = run(capsys, "diff", COUNCIL, LATER, *TEST_OPTS, "--format", "markdown").out
    assert "| Quality statement | Old | New | Moved |" in md
    gms_old, gms_new = old.statement("governance-management-and-sustainability").predicted_score, \
        new.statement("governance-management-and-sustainability").predicted_score
    assert f"| Governance, management and sustainability | {gms_old} | {gms_new} |" in md
    assert "- cleared: Test rule - PSW interim (significant shortfall) (`test-psw-interim`)" in md
    assert "<script>" not in md


def test_a_finding_whose_evidence_went_is_not_called_cleared(capsys):
    """Missing evidence is never a pass: self-serve is no longer recorded, so its strength is not
    known to still hold; the PSW now in post is a real clear."""
    md = run(capsys, "diff", COUNCIL, LATER, *TEST_OPTS, "--format", "markdown").out
    assert ("- no longer evidenced, so not known to still hold: Test rule - self-serve offer (was: good strength) "
            "(`test-self-serve-offer`)") in md
    assert "cleared: Test rule - self-serve offer" not in md
    assert md.count("`test-self-serve-offer`") == 1
    assert "- cleared: Test rule - PSW interim" in md
    back = run(capsys, "diff", LATER, COUNCIL, *TEST_OPTS, "--format", "markdown").out
    assert "- new finding (now evidenced): Test rule - self-serve offer (good strength)" in back
    assert back.count("`test-self-serve-offer`") == 1


def test_diff_warns_when_the_councils_differ(capsys):
    r = run(capsys, "diff", COUNCIL, DATA / "starter.yaml", "-f", "markdown")
    assert r.code == 0 and "the two profiles name different councils" in r.out


def test_diff_with_a_bad_snapshot_is_exit_2(capsys):
    r = run(capsys, "diff", COUNCIL, MALFORMED)
    assert r.code == 2 and "malformed.yaml:6" in r.err and "Traceback" not in r.err


# --- batch ------------------------------------------------------------------------------------


def test_batch_csv_one_row_per_council_and_the_broken_file_reported(capsys):
    r = run(capsys, "batch", DATA / "batch", *TEST_OPTS, "--format", "csv")
    assert r.code == 2, "a file failed"
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert list(rows[0]) == ["file", "council", "as_of", *CODES, "total", "max_score", "rating", "error"]
    assert [row["file"].rsplit("/", 1)[1] for row in rows] == ["a-council.yaml", "b-council.yaml", "c-broken.yaml"]
    good = assess(COUNCIL)
    assert rows[0]["council"] == good.council.name and rows[0]["rating"] == good.overall.rating
    assert [int(rows[0][c]) for c in CODES] == [s.predicted_score for s in good.statements]
    assert rows[0]["total"] == str(good.overall.total_score) and rows[0]["error"] == ""
    assert "c-broken.yaml:6" in rows[2]["error"] and rows[2]["GMS"] == ""
    assert "c-broken.yaml:6" in r.err


def test_batch_json_and_table(capsys):
    r = run(capsys, "batch", DATA / "batch", *TEST_OPTS, "--format", "json")
    data = json.loads(r.out)
    assert data["statements"] == CODES and len(data["councils"]) == 3
    assert data["councils"][1]["scores"]["GMS"] == assess(LATER).statement(
        "governance-management-and-sustainability").predicted_score
    assert data["councils"][2]["error"] and data["councils"][2]["scores"] == {}
    table = run(capsys, "batch", DATA / "batch", *TEST_OPTS)
    assert table.code == 2
    assert "c-broken.yaml" in table.out and "error (see below)" in table.out
    assert "Predicted CQC scores by council" in table.out


def test_batch_of_good_files_exits_0_or_1_with_fail_under(capsys):
    files = [COUNCIL, LATER]
    assert run(capsys, "batch", *files, *TEST_OPTS, "-f", "csv").code == 0
    r = run(capsys, "batch", *files, *TEST_OPTS, "-f", "csv", "--fail-under", "4")
    assert r.code == 1 and "below threshold" in r.err
    assert run(capsys, "batch", *files, *TEST_OPTS, "-f", "csv", "--fail-under", "1").code == 0


def test_batch_output_file(capsys, tmp_path):
    out = tmp_path / "all.csv"
    r = run(capsys, "batch", COUNCIL, LATER, "-f", "csv", "--output", out)
    assert r.code == 0 and r.out == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_batch_missing_file_is_a_row_not_a_crash(capsys, tmp_path):
    r = run(capsys, "batch", COUNCIL, tmp_path / "missing.yaml", "-f", "json")
    assert r.code == 2
    data = json.loads(r.out)
    assert data["councils"][0]["error"] is None
    assert "file not found" in data["councils"][1]["error"]


def test_batch_empty_folder_is_a_usage_error(capsys, tmp_path):
    r = run(capsys, "batch", tmp_path)
    assert r.code == 2 and "no profiles" in r.err


def test_batch_csv_cells_cannot_become_spreadsheet_formulas(capsys, tmp_path):
    path = tmp_path / "formula.yaml"
    path.write_text('council: {name: "=HYPERLINK(\\"http://x\\")", as_of: 2024-06-30}\n', encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run(capsys, "batch", path, "-f", "csv").out)))
    assert rows[0]["council"] == "'=HYPERLINK(\"http://x\")"


def test_batch_as_a_process_reports_errors_on_stderr(tmp_path):
    folder = tmp_path / "councils"
    shutil.copytree(DATA / "batch", folder)
    p = run_process("batch", folder, "--rules", PACK, "--format", "csv")
    assert p.returncode == 2
    assert "c-broken.yaml:6" in p.stderr and "Traceback" not in p.stderr
    assert len(p.stdout.splitlines()) == 4


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_batch_has_no_progress_bar_when_not_on_a_terminal(capsys, fmt):
    r = run(capsys, "batch", COUNCIL, LATER, "-f", fmt)
    assert "assessing" not in r.err and "\x1b[" not in r.err + r.out


def test_batch_shows_a_progress_bar_on_a_terminal(capsys, monkeypatch):
    import sys

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    r = run(capsys, "batch", COUNCIL, LATER, "-f", "csv")
    assert r.code == 0 and len(r.out.splitlines()) == 3
    assert "assessing" in tty.getvalue()


def test_batch_refuses_to_write_over_one_of_its_profiles(tmp_path, capsys):
    profile = tmp_path / "c.yaml"
    shutil.copy(COUNCIL, profile)
    before = profile.read_text(encoding="utf-8")
    r = run(capsys, "batch", tmp_path, "-f", "csv", "-o", profile, *TEST_OPTS)
    assert r.code == 2 and "refusing to write the report over an input file" in r.err
    assert profile.read_text(encoding="utf-8") == before


def test_check_refuses_to_write_over_a_council_rule_file(tmp_path, capsys):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    rule_file = next(p for p in sorted(pack.glob("*.yaml")))
    before = rule_file.read_text(encoding="utf-8")
    r = run(capsys, "check", COUNCIL, "--rules", pack, "-o", rule_file)
    assert r.code == 2 and "refusing" in r.err
    assert rule_file.read_text(encoding="utf-8") == before
