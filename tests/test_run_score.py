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



def test_the_collector_is_paused_while_a_run_and_its_scoring_work_and_back_after(monkeypatch):
    """A large profile is walked by every full collection; a run and its scoring leave next to no
    cyclic garbage, so they work with the collector off (bench_scale: the x1000 profile)."""
    import gc

    from readiness.engine import run as run_module, score as score_module

    seen: dict[str, bool] = {}
    evaluate_all, statement_result = run_module.CompiledEvaluator.run_all, score_module.statement_result
    monkeypatch.setattr(run_module.CompiledEvaluator, "run_all",
                        lambda self, conditions: seen.setdefault("run", gc.isenabled()) or evaluate_all(self, conditions))
    monkeypatch.setattr(score_module, "statement_result",
                        lambda *a: seen.setdefault("score", gc.isenabled()) or statement_result(*a))
    assessment = score(run(EXAMPLES[0], readiness.load_rules()))
    assert assessment.statements and seen == {"run": False, "score": False}
    assert gc.isenabled()


def test_the_collector_stays_off_after_a_run_if_the_caller_had_it_off():
    import gc

    gc.disable()
    try:
        score(run(EXAMPLES[0], readiness.load_rules()))
        assert not gc.isenabled()
    finally:
        gc.enable()
