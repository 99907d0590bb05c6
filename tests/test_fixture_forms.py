"""Rule fixtures as sqlfluff writes them: the rule once per group of cases, and per-case overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from readiness.engine.fixtures import run_fixtures
from readiness.io.fixtures import load_cases
from readiness.io.packs import load_rules
from readiness.model.errors import FixtureError, RuleError

RULE = {"id": "an-old-plan", "title": "Old plan", "statements": ["assessing-needs"], "category": "processes",
        "kind": "shortfall", "level": "some",
        "when": {"some": "documents", "where": {"fact": "approved_on", "op": "older_than", "value": "1 year"}},
        "message": "An old plan.", "why": "w", "recommendation": "r", "references": ["x"]}
PLAN = {"documents": [{"kind": "strategy", "title": "Plan", "status": "approved", "approved_on": "2024-01-01"}]}


def pack(tmp_path: Path, fixtures: dict) -> Path:
    folder = tmp_path / "pack"
    (folder / "tests").mkdir(parents=True)
    (folder / "rules.yaml").write_text(yaml.safe_dump({"rules": [RULE]}))
    (folder / "tests" / "cases.yaml").write_text(yaml.safe_dump(fixtures, sort_keys=False))
    return folder


def results(folder: Path):
    return run_fixtures(load_rules(folder), [folder])


def test_cases_grouped_under_their_rule(tmp_path):
    folder = pack(tmp_path, {"rules": {"an-old-plan": [
        {"name": "recent", "expect": "not-fired", "profile": PLAN},
        {"name": "none", "expect": "not-evaluable", "profile": {}}]}})
    found = results(folder)
    assert [(r.case.rule, r.case.name, r.passed) for r in found] == [("an-old-plan", "recent", True),
                                                                     ("an-old-plan", "none", True)]
    assert len({r.line for r in found}) == 2 and all(r.line for r in found)  # each case has its own line


def test_the_rule_once_at_the_top_of_the_file(tmp_path):
    folder = pack(tmp_path, {"rule": "an-old-plan", "cases": [{"name": "recent", "expect": "not-fired", "profile": PLAN}]})
    assert [(r.case.rule, r.passed) for r in results(folder)] == [("an-old-plan", True)]


def test_a_case_may_measure_ages_from_its_own_date(tmp_path):
    folder = pack(tmp_path, {"rules": {"an-old-plan": [
        {"name": "a year and more on", "expect": "fired", "profile": PLAN, "as_of": "2025-06-30"},
        {"name": "the base date", "expect": "not-fired", "profile": PLAN}]}})
    assert all(r.passed for r in results(folder))


def test_a_case_without_a_rule_is_a_fixture_error(tmp_path):
    folder = pack(tmp_path, {"cases": [{"name": "x", "expect": "fired"}]})
    with pytest.raises(FixtureError) as caught:
        load_cases(folder / "tests" / "cases.yaml")
    assert isinstance(caught.value, RuleError)  # still a problem of the pack, reported as fixtures'
    problem = caught.value.problems[0]
    assert "needs its rule" in problem.message and problem.line and problem.field == "cases[0]"


def test_fixture_errors_say_they_are_fixture_errors(tmp_path):
    folder = pack(tmp_path, {"rules": {"an-old-plan": [{"name": "x", "expect": "maybe"}, {"name": "y", "expect": "no"}]}})
    with pytest.raises(FixtureError) as caught:
        load_cases(folder / "tests" / "cases.yaml")
    assert caught.value.describe().startswith("2 problem(s) in the rule fixtures:")


def test_a_rule_may_carry_free_form_metadata(tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    tagged = {**RULE, "metadata": {"theme": "planning", "weight": 2, "tags": ["a", "b"], "draft": False}}
    (folder / "rules.yaml").write_text(yaml.safe_dump({"rules": [tagged]}))
    assert load_rules(folder).get("an-old-plan").metadata == {"theme": "planning", "weight": 2, "tags": ["a", "b"],
                                                             "draft": False}
    (folder / "rules.yaml").write_text(yaml.safe_dump({"rules": [{**RULE, "metadata": {"owner": {"name": "x"}}}]}))
    with pytest.raises(RuleError) as caught:
        load_rules(folder)
    [problem] = caught.value.problems
    assert problem.field == "rules[0].metadata" and "'owner' holds" in problem.message and problem.line


def test_metadata_stays_out_of_the_assessment():
    import readiness
    from conftest import REPO

    assert readiness.load_rules().rules[0].metadata == {}
    assert '"metadata"' not in readiness.evaluate(REPO / "examples" / "bristol-2024.yaml").to_json()
