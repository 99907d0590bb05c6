"""Issue 9 item 5: one item cannot swing the picture.

Adding a single feedback line or evidence-log entry to any valid profile moves only the
statements it bears on, each by at most one point, under the shipped policy and under policies
that weigh the evidence log heavily.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import readiness
from readiness.engine.run import run
from readiness.engine.score import statement_scores
from readiness.model.policy import ScoringPolicy
from readiness.model.profile import EvidenceEntry, Feedback, Profile

from strategies import model_strategy

ROOT = Path(__file__).resolve().parents[1]
PACK = readiness.load_rules()
# Real profiles fire many rules; random ones fire few. Both kinds are the base of an example.
REAL = [readiness.load_profile(p) for p in sorted([*ROOT.glob("examples/*-20*.yaml"), 
                                                   *ROOT.glob("calibration/profiles/*.yaml")])]
BASES = st.one_of(st.sampled_from(REAL), model_strategy(Profile))
SHIPPED = readiness.load_policy()


def _variant(**changes) -> ScoringPolicy:
    d = SHIPPED.model_dump(by_alias=True, exclude_none=True, mode="json")
    for key, value in changes.items():
        d[key] = value
    return ScoringPolicy.model_validate(d)


HEAVY = _variant(evidence_log={"points_scale": 4.0}, priors={"strength": 2.0},
                 category_score={**SHIPPED.category_score.model_dump(), "start": 3.0})
NO_LIMITS = _variant(limits=[], evidence_log={"points_scale": 3.0})
POLICIES = [SHIPPED, HEAVY, NO_LIMITS]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _with(profile: Profile, field: str, item, position: int) -> Profile:
    items = list(getattr(profile, field) or [])
    items.insert(position % (len(items) + 1), item)
    return profile.model_copy(update={field: items})


@SETTINGS
@given(BASES, model_strategy(EvidenceEntry), st.integers(0, 5))
def test_one_evidence_entry_moves_only_its_statements_by_at_most_one(profile, entry, position):
    before_run, after_run = run(profile, PACK), run(_with(profile, "evidence", entry, position), PACK)
    for policy in POLICIES:
        before, after = statement_scores(before_run, policy), statement_scores(after_run, policy)
        for sid in before:
            if sid not in entry.statements:
                assert after[sid] == before[sid], (sid, policy.evidence_log)
            assert abs(after[sid] - before[sid]) <= 1, (sid, before[sid], after[sid])


@SETTINGS
@given(BASES, model_strategy(Feedback), st.integers(0, 5))
def test_one_feedback_line_moves_each_statement_by_at_most_one(profile, line, position):
    before_run, after_run = run(profile, PACK), run(_with(profile, "feedback", line, position), PACK)
    for policy in POLICIES[:1]:
        before, after = statement_scores(before_run, policy), statement_scores(after_run, policy)
        for sid in before:
            assert abs(after[sid] - before[sid]) <= 1, (sid, before[sid], after[sid])
