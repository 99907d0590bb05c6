"""Evaluation never crashes on any valid profile, and its results are always well formed."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import readiness
from readiness.model.framework import framework
from readiness.model.profile import Council, Document, Governance, Profile, RegisterRisk, Safeguarding

from strategies import model_strategy

PACK = readiness.load_rules()
POLICY = readiness.load_policy()
PROFILES = model_strategy(Profile)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_strategy_covers_the_model():
    """The strategy walks the model: every section can appear, and dates reach the extremes."""
    seen: set[str] = set()

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(PROFILES)
    def collect(profile: Profile) -> None:
        assert isinstance(profile, Profile)
        seen.update(name for name in Profile.model_fields if getattr(profile, name) is not None)

    collect()
    assert {"documents", "governance", "safeguarding", "indicators"} <= seen


@given(model_strategy(Document))
@settings(max_examples=50, deadline=None)
def test_generated_sections_are_valid(document: Document):
    assert Document.model_validate(document.model_dump()) == document


@given(model_strategy(Safeguarding))
@settings(max_examples=50, deadline=None)
def test_computed_fields_are_derived_not_generated(sg: Safeguarding):
    assert "conversion_percent" not in Safeguarding.model_fields
    if sg.concerns and sg.s42_enquiries is not None:
        assert sg.conversion_percent == round(100 * sg.s42_enquiries / sg.concerns, 1)
    else:
        assert sg.conversion_percent is None


def _check(assessment: readiness.Assessment) -> None:
    assert [s.id for s in assessment.statements] == list(framework().statement_ids)
    for s in assessment.statements:
        assert s.predicted_score in (1, 2, 3, 4)
        assert 0.0 <= s.confidence <= 1.0
        assert s.notification_risk == (s.predicted_score == 1)
    total = sum(s.predicted_score for s in assessment.statements)
    overall = assessment.overall
    assert overall.total_score == total
    assert overall.max_score == 36 and overall.statements_assessed == 9
    assert overall.rating == POLICY.rating(100 * total / 36)
    assert overall.notification_risk_statements == [s.id for s in assessment.statements if s.predicted_score == 1]
    statuses = {r.rule_id: r.status for r in assessment.rules}
    assert len(statuses) == len(PACK.active())
    assert assessment.rules_evaluated == len(PACK.active())
    assessment.to_json()  # always serialisable


@given(PROFILES)
@SETTINGS
def test_evaluate_never_crashes_on_any_valid_profile(profile: Profile):
    _check(readiness.evaluate(profile, PACK, policy=POLICY))


@given(PROFILES, st.dates())
@SETTINGS
def test_evaluate_never_crashes_for_any_as_of(profile: Profile, as_of: date):
    _check(readiness.evaluate(profile, PACK, policy=POLICY, as_of=as_of))


def test_extreme_as_of_dates_do_not_crash():
    """Date rules subtract months and years from as_of; the calendar's ends must not break them."""
    for as_of in (date.min, date(1, 3, 31), date.max):
        profile = Profile(
            council=Council(name="Edge", as_of=as_of),
            documents=[Document(title="d", kind="statement", topic="market-shaping", status="approved",
                                approved_on=date(1, 1, 1), review_due=date(1, 1, 1))],
            governance=Governance(risk_register=[RegisterRisk(title="r", last_reviewed=date(1, 1, 1))]),
        )
        _check(readiness.evaluate(profile, PACK, policy=POLICY))
