"""The category arithmetic as scoring runs it (model.policy._arithmetic, laid out once per policy)
gives exactly what the policy's own methods give, step by step, as the arithmetic was first
written: the same scores, the same floats (not approximately: the same sums in the same order),
the same limits, for any findings, categories, evidence-log entries and statement, under policies
that differ in every number the layout keeps."""

from __future__ import annotations

from collections import Counter
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.io.policy import load_policy
from readiness.model import policy as policy_module
from readiness.model.framework import framework
from readiness.model.policy import EFFECTS, ScoringPolicy, StatementScore, score_statement

from conftest import policy_variant

CATEGORIES = ("people", "partners", "processes", "outcomes")
SHIPPED = load_policy()


def reference_arithmetic(policy: ScoringPolicy, findings, categories, log_findings, statement_id) -> StatementScore:
    """The arithmetic as first written over the policy's methods (kept here as the reference)."""
    scale = policy.evidence_log.points_scale
    by_category: dict[str, list] = {c: [] for c in categories}
    for effect, category in findings:
        by_category.setdefault(category, []).append(effect)
    for effect, category in log_findings:
        by_category.setdefault(category, []).append((effect, scale))
    findings = list(findings) + list(log_findings)
    if not by_category:
        return StatementScore(policy.no_evidence_score, None, {}, [])
    offset = policy.start_offset(statement_id)
    category_scores = {c: policy.category_points(e, offset) for c, e in sorted(by_category.items())}
    exact = 100 * sum(category_scores.values()) / (4 * len(category_scores))
    score = policy.band_score(exact)
    counts = Counter(effect for effect, _ in findings)
    counts["evidence-categories"] = len(category_scores)
    applied = []
    for limit in policy.limits:
        if not limit.applies(counts):
            continue
        if limit.max_score is not None and score > limit.max_score:
            score = limit.max_score
            applied.append(limit.reason)
        elif limit.min_score is not None and score < limit.min_score:
            score = limit.min_score
            applied.append(limit.reason)
    return StatementScore(score, round(exact, 1), category_scores, applied)


finding = st.tuples(st.sampled_from(EFFECTS), st.sampled_from(CATEGORIES))
policies = st.one_of(
    st.just(SHIPPED),
    st.builds(policy_variant, st.sampled_from([0.0, 0.7, 2.0, 3.3]), st.sampled_from([1.0, 2.25, 2.6, 3.1]),
              st.sampled_from([0.0, 0.5, 1.0, 1.7]), st.sampled_from(["half-up", "truncate"]),
              st.sampled_from([-0.5, -0.3, -0.45])),
)
statement_ids = st.sampled_from([None, "not-a-statement"] + [s.id for s in framework().statements])


@settings(max_examples=400, deadline=None)
@given(policies, st.lists(finding, max_size=12), st.lists(st.sampled_from(CATEGORIES), max_size=5),
       st.lists(finding, max_size=4), statement_ids)
def test_the_arithmetic_is_the_policy_methods_exactly(policy, findings, categories, log_findings, statement_id):
    got = score_statement(policy, findings, categories, log_findings=log_findings, statement_id=statement_id)
    with patch.object(policy_module, "_arithmetic", reference_arithmetic):  # the same steps over the reference
        want = score_statement(policy, findings, categories, log_findings=log_findings, statement_id=statement_id)
    assert (got.score, got.percent, got.category_scores, got.limits) == (
        want.score, want.percent, want.category_scores, want.limits)
    assert [type(v) for v in got.category_scores.values()] == [type(v) for v in want.category_scores.values()]
    assert list(got.category_scores) == list(want.category_scores)  # (sorted: the order reports show them in)


def test_a_policy_that_goes_takes_its_layout_with_it():
    """The layout is kept beside the policy by identity and refers to nothing of it."""
    import gc
    import weakref

    policy = policy_variant(0.7, 2.25, 0.5, "half-up", -0.5)
    score_statement(policy, [("some-shortfall", "people")], ["people"], statement_id=framework().statements[0].id)
    gone = weakref.ref(policy)
    del policy
    gc.collect()
    assert gone() is None
