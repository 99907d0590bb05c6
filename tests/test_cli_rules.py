"""`readiness rules list | show | validate | test`, and conditions in plain words (describe)."""

from __future__ import annotations

import re

import json
import shutil

import pytest
from pydantic import BaseModel

import readiness
from clihelp import DATA, PACK, pack_with_tests, run, run_process
from readiness.lang.describe import describe

# --- describe ---------------------------------------------------------------------------------


@pytest.mark.parametrize("condition,words", [
    ({"fact": "workforce.turnover_percent", "op": "gt", "value": 20}, "workforce.turnover_percent is above 20"),
    ({"fact": "workforce.turnover_percent", "op": "lte", "value": 12.5},
     "workforce.turnover_percent is at most 12.5"),
    ({"fact": "access.self_serve", "op": "eq", "value": True}, "access.self_serve is true"),
    ({"fact": "council.type", "op": "ne", "value": "county"}, "council.type is not 'county'"),
    ({"fact": "council.type", "op": "in", "value": ["county", "unitary"]},
     "council.type is one of: 'county', 'unitary'"),
    ({"fact": "council.type", "op": "not_in", "value": ["county"]}, "council.type is not one of: 'county'"),
    ({"fact": "access.channels", "op": "contains", "value": "online"}, "access.channels includes 'online'"),
    ({"fact": "workforce.vacancy_percent", "op": "present"}, "workforce.vacancy_percent is recorded"),
    ({"fact": "workforce.vacancy_percent", "op": "absent"}, "workforce.vacancy_percent is not recorded"),
    ({"fact": "governance.self_assessment.updated_on", "op": "older_than", "value": "1 year"},
     "governance.self_assessment.updated_on is more than 1 year before the as-of date"),
    ({"fact": "governance.self_assessment.updated_on", "op": "newer_than", "value": "6 months"},
     "governance.self_assessment.updated_on is less than 6 months before the as-of date (or after it)"),
    ({"fact": "governance.self_assessment.updated_on", "op": "older_than", "value": "0 days"},
     "governance.self_assessment.updated_on is before the as-of date"),
    ({"fact": "workforce.average_caseload", "op": "gt", "value": {"fact": "workforce.caseload_target"}},
     "workforce.average_caseload is above workforce.caseload_target"),
    ({"count": "documents", "op": "gte", "value": 2}, "at least 2 item(s) of documents"),
    ({"count": "documents", "where": {"fact": "status", "op": "eq", "value": "draft"}, "op": "lt", "value": 3},
     "fewer than 3 item(s) of documents where status is 'draft'"),
    ({"some": "roles", "name": "psw", "where": {"fact": "role", "op": "eq", "value": "psw"}},
     "at least one item of roles (counted as 'psw') where role is 'psw'"),
    ({"none": "roles", "where": {"fact": "status", "op": "eq", "value": "vacant"}},
     "no item of roles where status is 'vacant'"),
    ({"every": "roles", "where": {"fact": "status", "op": "eq", "value": "in-post"}},
     "every item of roles (an empty list counts) where status is 'in-post'"),
    ({"share": "documents", "where": {"fact": "status", "op": "eq", "value": "draft"}, "op": "gt", "value": 50},
     "more than 50% of the items of documents where status is 'draft'"),
])
def test_describe_one_line(condition, words):
    assert describe(condition) == words


def test_describe_nests_all_any_not_as_an_indented_list():
    text = describe({"all": [
        {"fact": "workforce.turnover_percent", "op": "gt", "value": 20},
        {"any": [{"fact": "workforce.vacancy_percent", "op": "gte", "value": 10},
                 {"not": {"fact": "workforce.supervision.tracked", "op": "eq", "value": True}}]},
    ]})
    assert text == (
        "all of these hold:\n"
        "  - workforce.turnover_percent is above 20\n"
        "  - any of these holds:\n"
        "      - workforce.vacancy_percent is at least 10\n"
        "      - it is not the case that workforce.supervision.tracked is true"
    )


def test_describe_share_with_a_whole():
    text = describe({"share": "documents", "name": "stale", "op": "gte", "value": 40,
                     "of": {"fact": "kind", "op": "in", "value": ["policy", "strategy"]},
                     "where": {"any": [{"fact": "status", "op": "eq", "value": "draft"},
                                       {"fact": "review_due", "op": "older_than", "value": "0 days"}]}})
    assert text == (
        "of the items of documents (counted as 'stale') where kind is one of: 'policy', 'strategy'\n"
        "at least 40% of them are items where any of these holds:\n"
        "  - status is 'draft'\n"
        "  - review_due is before the as-of date"
    )


def test_describe_accepts_every_shipped_rule_and_names_every_fact_it_reads():
    from readiness.lang.conditions import Compare

    def compares(node):
        if isinstance(node, Compare):
            yield node
        for value in getattr(node, "__dict__", {}).values():
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, BaseModel):
                    yield from compares(child)

    for rule in readiness.load_rules().rules:
        text = describe(rule.when)
        for node in compares(rule.when):
            assert node.fact in text, (rule.id, node.fact)


def test_rules_catalogue_lists_every_rule_once():
    from readiness.docgen.catalogue import rules_catalogue

    pack = readiness.load_rules()
    text = rules_catalogue(pack)
    for rule in pack.rules:
        assert text.count(f"\n### {rule.id}\n") == 1


# --- rules list -------------------------------------------------------------------------------


def test_list_shows_every_rule(capsys):
    r = run(capsys, "rules", "list", "--rules", PACK)
    assert r.code == 0
    assert f"{len(pack_with_tests().rules)} rules" in r.out
    assert "test-psw-interim" in r.out and "Test rule - PSW interim" in r.out


def test_list_filters_by_statement_including_secondary_statements(capsys):
    r = run(capsys, "rules", "list", "--rules", PACK, "--statement", "SG", "--format", "json")
    data = json.loads(r.out)
    expected = [x.id for x in pack_with_tests().rules if "safeguarding" in x.statements]
    assert [x["id"] for x in data] == expected
    assert "test-strategy-draft" in expected  # safeguarding is its second statement
    assert all("safeguarding" in x["statements"] for x in data)
    assert set(data[0]) == {"id", "statements", "kind", "level", "category", "title", "enabled"}


# --- rules show -------------------------------------------------------------------------------


def test_show_prints_the_rule_with_its_condition_in_words(capsys):
    r = run(capsys, "rules", "show", "test-psw-interim", "--rules", PACK)
    assert r.code == 0
    assert "at least one item of roles (counted as 'psw') where all of these hold:" in r.out
    assert "- status is 'interim'" in r.out
    assert "Governance, management and sustainability (GMS) - primary" in r.out
    assert "Test recommendation <b>not bold</b>." in r.out
    assert "Why it matters:" in r.out and "References:" in r.out
    # the path may wrap at any column (a long checkout path): compare without whitespace
    assert re.sub(r"\s", "", f"defined in {PACK / 'rules.yaml'}:3") in re.sub(r"\s", "", r.out)


def test_show_unknown_rule_suggests_the_nearest(capsys):
    r = run(capsys, "rules", "show", "test-psw-interm", "--rules", PACK)
    assert r.code == 2
    assert "no rule 'test-psw-interm'" in r.err and "did you mean 'test-psw-interim'" in r.err


# --- rules validate ---------------------------------------------------------------------------


def test_validate_a_good_pack_gives_a_summary(capsys):
    r = run(capsys, "rules", "validate", PACK)
    assert r.code == 0
    assert f"{PACK}: 4 rules in 1 file(s), 1 fixture file(s)" in r.out
    assert "no problems found" in r.out


def test_validate_a_broken_pack_names_file_line_and_rule(capsys):
    r = run(capsys, "rules", "validate", DATA / "broken-pack")
    assert r.code == 2
    assert f"{DATA / 'broken-pack' / 'rules.yaml'}:20: rule test-broken: field 'when.fact'" in r.err
    assert "did you mean 'enquiries_tracked'" in r.err
    assert "Traceback" not in r.err and r.out == ""


def test_validate_checks_fixture_files_and_the_policy_too(capsys, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "tests" / "rules.yaml").write_text("cases:\n  - {rule: x, name: n, expect: maybe}\n", encoding="utf-8")
    (pack / "policy").mkdir()
    (pack / "policy" / "scoring.yaml").write_text("policy_version: one\n", encoding="utf-8")
    r = run(capsys, "rules", "validate", pack)
    assert r.code == 2
    assert "tests/rules.yaml:2" in r.err and "'maybe'" in r.err
    assert "policy/scoring.yaml:1" in r.err


def test_validate_a_missing_folder(capsys, tmp_path):
    r = run(capsys, "rules", "validate", tmp_path / "nothing")
    assert r.code == 2 and "no such file or folder" in r.err


def test_rules_without_an_action_is_a_usage_error(capsys):
    r = run(capsys, "rules")
    assert r.code == 2 and "choose an action" in r.err


# --- rules test -------------------------------------------------------------------------------


def test_fixtures_that_pass(capsys):
    r = run(capsys, "rules", "test", PACK)
    assert r.code == 0
    assert r.out.count("PASS ") == 12 and "FAIL" not in r.out
    assert "12 passed, 0 failed, 0 coverage gap(s)" in r.out


def test_fixtures_that_fail_exit_1_and_say_why(capsys):
    r = run(capsys, "rules", "test", DATA / "failing-pack")
    assert r.code == 1
    assert "FAIL test-tracked: wrongly expects fired" in r.out
    assert "expected fired, got not-fired" in r.out
    assert "no fixture case expecting not-evaluable, not-fired" in r.out


def test_coverage_gaps_fail_unless_allowed(capsys, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    cases = (pack / "tests" / "rules.yaml").read_text(encoding="utf-8").splitlines()
    (pack / "tests" / "rules.yaml").write_text("\n".join(cases[:-1]) + "\n", encoding="utf-8")  # drop one case
    r = run(capsys, "rules", "test", pack)
    assert r.code == 1
    assert "rule test-waits-recorded: no fixture case expecting not-evaluable" in r.out
    r = run(capsys, "rules", "test", pack, "--allow-gaps")
    assert r.code == 0 and "(allowed)" in r.out


def test_fixtures_as_json(capsys):
    r = run(capsys, "rules", "test", DATA / "failing-pack", "--format", "json")
    assert r.code == 1
    data = json.loads(r.out)
    assert data["passed"] == 1 and data["failed"] == 1
    failed = [c for c in data["cases"] if not c["passed"]]
    assert failed[0]["problem"] == "expected fired, got not-fired" and failed[0]["line"] == 2
    assert data["coverage_gaps"][0]["rule"] == "test-tracked"


def test_rules_test_as_a_process():
    p = run_process("rules", "test", DATA / "failing-pack")
    assert p.returncode == 1 and "FAIL" in p.stdout
