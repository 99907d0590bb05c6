"""Running the rules is apart from scoring them: one run, scored under many policies."""

from __future__ import annotations

import pytest

import readiness
from conftest import REPO
from readiness.engine.run import RunResult, run
from readiness.engine.score import score, statement_scores
from readiness.io.policy import load_policy

EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


def _other_policy():
    shipped = load_policy()
    bands = [b.model_copy(update={"from_percent": min(100, b.from_percent + 10)}) if b.from_percent else b
             for b in shipped.score_bands]
    return shipped.model_copy(update={"score_bands": bands, "waived_findings_count": not shipped.waived_findings_count})


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_scoring_a_run_is_evaluate(path):
    pack = readiness.load_rules()
    result = run(path, pack)
    assert isinstance(result, RunResult)
    assert score(result).to_json() == readiness.evaluate(path, pack).to_json()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_one_run_scored_under_another_policy_needs_no_second_run(path):
    pack, other = readiness.load_rules(), _other_policy()
    result = run(path, pack)
    first, again = score(result, other), score(result)
    assert first.to_json() == readiness.evaluate(path, pack, policy=other).to_json()
    assert again.to_json() == readiness.evaluate(path, pack).to_json()  # the run is not changed by scoring


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_statement_scores_are_the_assessment_scores(path):
    result, other = run(path), _other_policy()
    for policy in (None, other):
        full = score(result, policy)
        assert statement_scores(result, policy) == {s.id: s.predicted_score for s in full.statements}


def test_each_outcome_is_public():
    result = run(EXAMPLES[0])
    statuses = {o.status for o in result.outcomes}
    assert statuses <= {"fired", "not-fired", "not-evaluable"} and "fired" in statuses
    fired = next(o for o in result.outcomes if o.status == "fired")
    assert fired.message and fired.evidence
