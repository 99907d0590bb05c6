"""Scenario fixtures (tests/scenarios/*.yaml): each profile gets the scores it expects."""

from __future__ import annotations

import pytest

import readiness
from conftest import REPO
from readiness.engine.scenarios import assess_scenario, mismatches
from readiness.io.scenarios import load_scenarios
from readiness.model.scenario import Expected, Scenario

FOLDER = REPO / "tests" / "scenarios"
CASES = [(path, s) for path in sorted(FOLDER.glob("*.yaml")) for s in load_scenarios(path)[0].scenarios]


@pytest.mark.parametrize(("path", "scenario"), CASES, ids=[s.name for _, s in CASES])
def test_scenario(path, scenario):
    assessment = assess_scenario(scenario, path.parent, readiness.load_rules())
    assert mismatches(scenario, assessment) == []


def test_a_scenario_that_does_not_hold_says_why():
    scenario = Scenario(name="x", profile={"council": {"name": "X", "as_of": "2024-06-30"}},
                        expect=Expected(scores={"GMS": 4}, findings={"GMS": ["no-such-rule"]}, rating="Outstanding"))
    found = mismatches(scenario, assess_scenario(scenario, FOLDER))
    assert found[0].startswith("GMS: expected 4, predicted ")
    assert "rating: expected Outstanding" in found[1] and found[2] == "GMS: expected finding no-such-rule"


def test_every_scenario_file_names_real_statements():
    for _, scenario in CASES:
        for statement in scenario.expect.scores:
            assert readiness.evaluate({"council": {"name": "X", "as_of": "2024-06-30"}}).statement(statement)
