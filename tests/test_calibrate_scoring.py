"""Scoring with the evidence log, per-statement priors, and "not evidenced is not a shortfall"."""

from __future__ import annotations

from pathlib import Path

import pytest

import readiness
from readiness.engine.run import run
from readiness.engine.score import score, statement_scores
from readiness.model.base_rates import base_rates
from readiness.model.framework import framework
from readiness.model.policy import ScoringPolicy, score_statement

REPO = Path(__file__).resolve().parents[1]
# The scoring mechanics are tested from the hand-set policy, whose numbers never change with a refit.
SHIPPED = readiness.load_policy(Path(__file__).parent / "data" / "policy-handset.yaml")
PACK = readiness.load_rules()
AN, LII, PC = "assessing-needs", "learning-improvement-and-innovation", "partnerships-and-communities"


def policy(**changes) -> ScoringPolicy:
    d = SHIPPED.model_dump(by_alias=True, exclude_none=True, mode="json")
    d.update(changes)
    return ScoringPolicy.model_validate(d)


def entry(statements, category="people", weight="good", source="para 1", **more) -> dict:
    kind = "strength" if weight in ("good", "exceptional") else "area-for-improvement"
    e = {"statements": statements, "category": category, "kind": kind, "weight": weight,
         "shows": f"a {weight} thing about {category}", **more}
    if source is not None:
        e["source"] = source
    return e


def profile(*entries) -> dict:
    return {"council": {"name": "Log Council", "as_of": "2025-01-31"}, "evidence": list(entries)}


def result(p: dict, pol: ScoringPolicy = SHIPPED, statement: str = LII):
    return score(run(p, PACK), pol).statement(statement)


def test_an_entry_counts_as_a_finding_in_its_category_for_each_statement_it_names():
    p = profile(entry([LII, PC], "partners"), entry([LII], "staff-and-leaders"))
    lii, pc, an = result(p), result(p, statement=PC), result(p, statement=AN)
    log = [f for f in lii.findings if f.from_evidence_log]
    assert [f.rule_id for f in log] == ["evidence-log[0]", "evidence-log[1]"]
    assert {f.category for f in log} == {"partners", "staff-and-leaders"}
    assert log[0].message == "a good thing about partners" and log[0].source == "para 1" and not log[0].unsourced
    assert {"partners", "staff-and-leaders"} <= set(lii.category_scores)
    assert lii.evidence_log_counted == 2 and pc.evidence_log_counted == 1 and an.evidence_log_counted == 0
    assert not [f for f in an.findings if f.from_evidence_log]
    assert "evidence-log entr" in lii.reason


def test_two_good_entries_in_two_categories_lift_an_unevidenced_statement_one_point():
    empty = result(profile())
    assert not empty.evidenced and empty.predicted_score == SHIPPED.no_evidence_score
    two = result(profile(entry([LII], "people"), entry([LII], "partners")))
    assert two.evidenced and two.predicted_score == 3  # 2.75 in two categories = 69% -> 3


def test_the_log_moves_a_statement_at_most_one_point_and_says_so():
    heavy = policy(evidence_log={"points_scale": 4.0}, limits=[])
    many = profile(*[entry([LII], c, "exceptional") for c in ("people", "partners", "processes", "staff-and-leaders")])
    s = result(many, heavy)
    assert s.predicted_score == SHIPPED.no_evidence_score + 1
    assert any("at most one point" in lim for lim in s.limits_applied)


def test_the_log_moves_only_in_the_direction_it_leans():
    rules = [("good-strength", "processes"), ("good-strength", "partners")]
    base = score_statement(SHIPPED, rules, ["partners", "processes"])
    assert base.score == 3
    # a significant shortfall and a strength: the arithmetic says 2, but the log leans neither way
    mixed = score_statement(SHIPPED, rules, ["partners", "processes"],
                            log_findings=[("significant-shortfall", "people"), ("good-strength", "staff-and-leaders")])
    assert mixed.score == 3 and any("leans" in lim for lim in mixed.limits)
    down = score_statement(SHIPPED, rules, ["partners", "processes"], log_findings=[("significant-shortfall", "people")])
    assert down.score == 2


def test_unsourced_entries_count_unless_the_policy_says_otherwise():
    p = profile(entry([LII], "people", source=None), entry([LII], "partners", source=None))
    counted = result(p)
    assert counted.predicted_score == 3 and all(f.unsourced for f in counted.findings if f.from_evidence_log)
    assert "without a source" in counted.reason
    strict = result(p, policy(evidence_log={"unsourced_count": False}))
    assert strict.predicted_score == SHIPPED.no_evidence_score and not strict.evidenced
    assert all(not f.counts_in_score for f in strict.findings if f.from_evidence_log)
    assert len([f for f in strict.findings if f.from_evidence_log]) == 2  # still shown


def test_counts_false_and_max_per_statement():
    p = profile(entry([LII], "people"), entry([LII], "partners"), entry([LII], "processes"))
    off = result(p, policy(evidence_log={"counts": False}))
    assert off.evidence_log_counted == 0 and off.predicted_score == SHIPPED.no_evidence_score
    capped = result(p, policy(evidence_log={"max_per_statement": 1}))
    assert capped.evidence_log_counted == 1
    assert [f.counts_in_score for f in capped.findings if f.from_evidence_log] == [True, False, False]


def test_points_scale_scales_the_log_points():
    one = profile(entry([LII], "people"), entry([LII], "partners"))
    assert result(one, policy(evidence_log={"points_scale": 0.0})).percent == pytest.approx(56.2)  # 2.25 / 4
    assert result(one).percent == pytest.approx(68.8)  # 2.75 / 4


def test_priors_shift_the_start_by_the_national_mean_with_one_strength():
    rates = base_rates()
    assert rates.majority(AN) == 2 and rates.majority(LII) == 3
    with_priors = policy(priors={"strength": 1.0})
    assert with_priors.start_offset(AN) == pytest.approx(rates.mean(AN) - rates.overall_mean(), abs=1e-4)
    assert with_priors.start_offset(AN) < 0 < with_priors.start_offset(LII)
    assert SHIPPED.start_offset(AN) == 0.0
    s = score_statement(with_priors, [], ["processes"], statement_id=LII)
    assert s.category_scores["processes"] == pytest.approx(2.25 + with_priors.start_offset(LII))


def test_base_rates_are_the_72_councils_of_the_domain_notes():
    rates = base_rates()
    assert set(rates.counts) == set(framework().statement_ids)
    assert all(sum(c.values()) == 72 for c in rates.counts.values())
    assert round(rates.mean(PC), 2) == 2.88 and round(rates.mean(AN), 2) == 2.26


def test_not_evidenced_statements_and_the_rating_range():
    a = score(run(profile(entry([LII], "people"), entry([LII], "partners")), PACK), SHIPPED)
    lii, an = a.statement(LII), a.statement(AN)
    assert lii.evidenced and not an.evidenced
    assert an.base_rate == base_rates().shares(AN) and sum(an.base_rate.values()) == pytest.approx(1, abs=0.01)
    o = a.overall
    assert o.statements_evidenced == sum(1 for s in a.statements if s.evidenced)
    assert o.rating_over_evidenced == SHIPPED.rating(100 * sum(s.predicted_score for s in a.statements if s.evidenced)
                                                     / (4 * o.statements_evidenced))
    assert o.rating_range.lowest == "Inadequate" or o.statements_evidenced > 3
    assert o.rating_range.highest in ("Good", "Outstanding")
    from readiness.reports.common import overall_lines
    assert any(f"rests on {o.statements_evidenced} of 9" in line for line in overall_lines(a))


def test_json_carries_the_new_fields():
    import json

    data = json.loads(score(run(REPO / "examples" / "bristol-2024.yaml", PACK), SHIPPED).to_json())
    assert data["schema_version"] == "1.3"
    assert {"statements_evidenced", "rating_over_evidenced", "rating_range"} <= set(data["overall"])
    assert {"evidenced", "base_rate", "evidence_log_counted"} <= set(data["statements"][0])
    assert set(data["statements"][0]["base_rate"]) == {"1", "2", "3", "4"}


@pytest.mark.parametrize("name", ["blackpool-2024", "bristol-2024", "trafford-2023"])
def test_without_log_entries_the_scores_are_the_shipped_arithmetic(name):
    """The new policy keys change nothing for a profile with no evidence log."""
    r = run(REPO / "examples" / f"{name}.yaml", PACK)
    assert not r.profile.evidence
    assert statement_scores(r, SHIPPED) == statement_scores(r, policy(evidence_log={"points_scale": 2.0}))
