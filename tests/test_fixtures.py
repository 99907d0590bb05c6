"""Rule fixtures: cases that show a rule firing, not firing and not evaluable."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from readiness.model.errors import RuleError
from readiness.io.fixtures import Case, load_cases, merge
from readiness.engine.fixtures import coverage_gaps, run_case, run_fixtures
from readiness.io.packs import load_rules

RULE = {"id": "an-turnover", "title": "High turnover", "statements": ["assessing-needs"], "category": "processes",
        "kind": "shortfall", "level": "some", "when": {"fact": "workforce.turnover_percent", "op": "gt", "value": 20},
        "message": "Turnover is {workforce.turnover_percent}%.", "why": "w", "recommendation": "r",
        "references": ["x"]}
ALWAYS = {**RULE, "id": "an-always", "when": {"fact": "council.name", "op": "present"}}


def make_pack(tmp_path: Path, cases: list[dict], base: dict | None = None) -> Path:
    folder = tmp_path / "pack"
    (folder / "tests").mkdir(parents=True)
    (folder / "rules.yaml").write_text(yaml.safe_dump({"rules": [RULE, ALWAYS]}))
    body = {"cases": cases, **({"base": base} if base else {})}
    (folder / "tests" / "cases.yaml").write_text(yaml.safe_dump(body, sort_keys=False))
    return folder


def case(expect: str, turnover=None, **extra) -> dict:
    profile = {"workforce": {"turnover_percent": turnover}} if turnover is not None else {}
    return {"rule": "an-turnover", "name": f"{expect} {turnover}", "expect": expect, "profile": profile, **extra}


def test_merge():
    assert merge({"a": {"b": 1, "c": 2}, "d": 1}, {"a": {"c": 3}, "e": 4}) == {"a": {"b": 1, "c": 3}, "d": 1, "e": 4}
    assert merge({"a": [1]}, {"a": [2]}) == {"a": [2]}
    assert merge({"a": {"b": 1}}, {"a": None}) == {"a": None}


def test_passing_cases(tmp_path):
    folder = make_pack(tmp_path, [case("fired", 30, message_contains="30%"), case("not-fired", 10),
                                  case("not-evaluable")])
    results = run_fixtures(load_rules(folder), [folder])
    assert [r.passed for r in results] == [True, True, True]
    assert results[0].message == "Turnover is 30%." and results[1].message is None
    assert [r.line for r in results] == [2, 9, 15]


def test_failing_cases_say_why(tmp_path):
    folder = make_pack(tmp_path, [
        case("not-fired", 30),
        case("fired", 30, message_contains="40%"),
        {"rule": "an-turnovr", "name": "typo", "expect": "fired"},
        case("fired", 300),
    ])
    results = run_fixtures(load_rules(folder), [folder])
    problems = [r.problem for r in results]
    assert problems[0] == "expected not-fired, got fired"
    assert problems[1].startswith("message does not contain '40%'")
    assert "no rule 'an-turnovr'" in problems[2] and "did you mean 'an-turnover'" in problems[2]
    assert problems[3].startswith("fixture profile is invalid") and "workforce.turnover_percent" in problems[3]
    assert not any(r.passed for r in results)


def test_base_is_merged_under_every_case(tmp_path):
    folder = make_pack(tmp_path, [case("fired")], base={"workforce": {"turnover_percent": 50}})
    [result] = run_fixtures(load_rules(folder), [folder])
    assert result.passed and result.actual == "fired"


def test_run_case_uses_the_default_council(tmp_path):
    pack = load_rules(make_pack(tmp_path, []))
    result = run_case(pack, Case(rule="an-always", name="n", expect="fired"), {}, "f", None)
    assert result.passed


def test_coverage_gaps(tmp_path):
    folder = make_pack(tmp_path, [case("fired", 30), case("not-fired", 10)])
    pack = load_rules(folder)
    gaps = coverage_gaps(pack, run_fixtures(pack, [folder]))
    by_rule = {g.rule_id: g.message for g in gaps}
    assert by_rule["an-turnover"] == "no fixture case expecting not-evaluable"
    assert by_rule["an-always"] == "no fixture case expecting fired, not-fired"  # never unknown: no n-e needed
    assert all(g.file.startswith(str(folder / "rules.yaml:")) for g in gaps)


def test_malformed_fixture_file(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text("cases:\n  - rule: an-x\n    name: n\n    expect: fires\n")
    with pytest.raises(RuleError) as exc:
        load_cases(path)
    [p] = exc.value.problems
    assert p.field == "cases[0].expect" and p.line == 4 and "not-fired" in p.message
