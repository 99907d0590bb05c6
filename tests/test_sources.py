"""Facts without a `source`: warned about in every report, marked in the findings, named in the
JSON, and left out of the scores with --require-sources."""

from __future__ import annotations

import json

import pytest
import yaml

from clihelp import REPO, run

TRAFFORD = REPO / "examples" / "trafford-2023.yaml"


@pytest.fixture
def unsourced(tmp_path):
    """Trafford with the sources struck off its documents, and one invented partner line with no source."""
    data = yaml.safe_load(TRAFFORD.read_text(encoding="utf-8"))
    for doc in data["documents"]:
        doc.pop("source", None)
    data.setdefault("evidence", []).append({
        "statements": ["partnerships-and-communities"], "category": "partners", "kind": "strength",
        "weight": "good", "shows": "Partners praise the council", "judged_by": "other"})
    path = tmp_path / "unsourced.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _json(capsys, *argv):
    r = run(capsys, "check", *argv, "-f", "json")
    assert r.code == 0, r.err
    return json.loads(r.out), r.err


def test_the_json_names_every_unsourced_fact_and_marks_the_evidence(capsys, unsourced):
    data, err = _json(capsys, unsourced)
    facts = {u["fact"]: u for u in data["unsourced_facts"]}
    assert "documents" in facts and facts["documents"]["counts_in_score"]
    log = [f for f in facts if f.startswith("evidence[")]
    assert len(log) == 1 and facts[log[0]]["findings"] == [log[0].replace("evidence", "evidence-log")]
    marked = [x for r in data["rules"] if r["status"] == "fired" for x in r["evidence"] if x["unsourced"]]
    assert marked and all(x["fact"] in facts for x in marked)
    assert any(f["unsourced"] for s in data["statements"] for f in s["findings"] if not f["from_evidence_log"])
    assert data["sources_required"] is False
    assert "'documents' has no source" in err


def test_the_sourced_examples_have_no_unsourced_facts(capsys):
    for name in ("blackpool-2024", "bristol-2024", "trafford-2023"):
        data, err = _json(capsys, REPO / "examples" / f"{name}.yaml")
        assert data["unsourced_facts"] == [], name
        assert "has no source" not in err


def test_require_sources_leaves_unsourced_facts_out_of_the_scores(capsys, unsourced):
    loose, _ = _json(capsys, unsourced)
    strict, err = _json(capsys, unsourced, "--require-sources")
    assert strict["sources_required"] is True
    # a fact still counts when a finding that reads it also rests on a sourced fact; a log entry never does
    assert all(not u["counts_in_score"] for u in strict["unsourced_facts"] if u["fact"].startswith("evidence["))
    assert "does not count (--require-sources)" in err
    unsourced_findings = [f for s in strict["statements"] for f in s["findings"] if f["unsourced"]]
    assert unsourced_findings and not any(f["counts_in_score"] for f in unsourced_findings)
    pc = {s["id"]: s for s in loose["statements"]}["partnerships-and-communities"]
    pc_strict = {s["id"]: s for s in strict["statements"]}["partnerships-and-communities"]
    assert pc_strict["evidence_log_counted"] == pc["evidence_log_counted"] - 1
    sourced, _ = _json(capsys, TRAFFORD, "--require-sources")
    plain, _ = _json(capsys, TRAFFORD)
    assert [s["predicted_score"] for s in sourced["statements"]] == [s["predicted_score"] for s in plain["statements"]]


@pytest.mark.parametrize("argv, mark", [
    (("check",), "Warning: "),
    (("explain",), "NO SOURCE"),
    (("check", "-f", "markdown"), "**NO SOURCE**"),
    (("explain", "-f", "markdown"), "(**no source**)"),
    (("check", "-f", "html"), '<span class="nosource">'),
])
def test_every_report_warns_and_marks_the_findings(capsys, unsourced, argv, mark):
    r = run(capsys, argv[0], unsourced, *argv[1:])
    assert r.code == 0, r.err
    assert "have no source" in r.out
    assert mark in r.out
    assert "has no source" in r.err


def test_require_sources_is_offered_by_every_assessing_command(capsys, unsourced):
    for argv in (("explain", unsourced), ("diff", TRAFFORD, unsourced), ("batch", unsourced)):
        r = run(capsys, *argv, "--require-sources")
        assert r.code == 0, (argv, r.err)
