"""`readiness explain`: the whole reasoning per statement, as text, Markdown or JSON."""

from __future__ import annotations

import json

from clihelp import COUNCIL, MALFORMED, NAMES, TEST_OPTS, WAIVERS, assess, run, run_process

GMS = "governance-management-and-sustainability"


def test_text_shows_findings_with_their_evidence_why_and_what_to_do(capsys):
    r = run(capsys, "explain", COUNCIL, *TEST_OPTS, "--statement", "GMS")
    assert r.code == 0, r.err
    gms = assess().statement(GMS)
    assert "Governance, management and sustainability (GMS)" in r.out
    finding = next(f for f in gms.findings if f.rule_id == "test-psw-interim")
    assert finding.message in " ".join(r.out.split())  # wrapped lines joined
    assert "roles = 1 item(s); 1 match: psw" in r.out      # the fact read and its value
    assert "Why it matters: Test why | with a pipe." in r.out
    assert "What to do: Test recommendation <b>not bold</b>." in r.out
    assert f"Coverage: {gms.checks_evaluable} of {gms.checks_total} checks had the evidence they need" in r.out
    assert "Category scores (1-4):" in r.out
    assert "Path to the next score" in r.out and gms.path_to_next_score.explanation.split(":")[0] in r.out
    for limit in gms.limits_applied:
        assert limit.split()[0] in r.out


def test_text_lists_what_to_collect_in_words(capsys):
    r = run(capsys, "explain", COUNCIL, *TEST_OPTS, "--statement", "assessing-needs")
    assert "What to collect" in r.out
    assert "(waiting for a Care Act assessment)" in r.out
    assert "waiting.assessment.people" not in r.out  # paths stay in the JSON


def test_statement_filter_shows_only_that_statement(capsys):
    r = run(capsys, "explain", COUNCIL, *TEST_OPTS, "--statement", "safeguarding")
    assert "Safeguarding (SG)" in r.out
    assert "Assessing needs (AN)" not in r.out
    assert "Predicted overall rating" in r.out  # the overall stays


def test_all_statements_without_a_filter(capsys):
    r = run(capsys, "explain", COUNCIL, *TEST_OPTS)
    for name in NAMES:
        assert name in r.out


def test_waived_findings_are_marked_with_justification_and_owner(capsys):
    r = run(capsys, "explain", COUNCIL, *TEST_OPTS, "--waivers", WAIVERS, "--statement", "GMS")
    assert "WAIVED" in r.out
    text = " ".join(r.out.split())
    assert "Recruitment approved at board | minute 12 <b>bold</b>" in text
    assert "owner: Director of Adult Social Services" in text
    assert "ignored waiver for 'test-self-serve-offer': expired on 2020-01-01" in text
    assert "ignored malformed waiver" in text and "waivers[2].owner" in text


def test_markdown_has_the_evidence_and_the_reasons(capsys):
    r = run(capsys, "explain", COUNCIL, *TEST_OPTS, "--format", "markdown", "--statement", "GMS")
    assert r.code == 0
    assert "# Test \\<b\\>Borough\\</b\\> \\| Council" in r.out
    assert "  - Evidence: `roles` = 1 item(s); 1 match: psw" in r.out
    assert "  - Why it matters: Test why \\| with a pipe." in r.out
    assert "### Evidence categories" in r.out


def test_json_is_the_assessment_for_the_chosen_statements(capsys):
    r = run(capsys, "explain", COUNCIL, *TEST_OPTS, "--format", "json", "--statement", "GMS")
    data = json.loads(r.out)
    assert [s["id"] for s in data["statements"]] == [GMS]
    assert data["statements"][0] == json.loads(assess().statement(GMS).model_dump_json())


def test_explain_errors_are_exit_2_without_traceback(capsys):
    r = run(capsys, "explain", MALFORMED)
    assert r.code == 2 and "malformed.yaml:6" in r.err and "Traceback" not in r.err
    r = run(capsys, "explain", COUNCIL, "--statement", "nope")
    assert r.code == 2 and "unknown quality statement" in r.err


def test_explain_piped_is_plain_text():
    p = run_process("explain", COUNCIL, "--rules", TEST_OPTS[1], "--statement", "GMS")
    assert p.returncode == 0, p.stderr
    assert "\x1b[" not in p.stdout
    assert "Why it matters:" in p.stdout
