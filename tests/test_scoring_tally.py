"""model.policy.Tally: a statement's findings kept as sums while findings come and go (what the
path to the next score re-scores), scoring exactly as score_statement does for the findings it
holds, and offered only for a policy whose points add up without rounding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.io.policy import load_policy
from readiness.model.framework import framework
from readiness.model.policy import EFFECTS, Tally, score_statement

from conftest import policy_variant

CATEGORIES = ("people", "partners", "processes", "outcomes")
SHIPPED = load_policy()


# Points that are quarters and eighths (as the shipped ones), starts and priors that are not.
exact_policies = st.one_of(
    st.just(SHIPPED),
    st.builds(policy_variant, st.sampled_from([0.0, 0.7, 2.0, 3.3]), st.sampled_from([1.0, 2.25, 2.6, 3.1]),
              st.sampled_from([0.0, 0.5, 1.0, 0.25]), st.sampled_from(["half-up", "truncate"]),
              st.sampled_from([-0.5, -0.25, -0.375])),
)
finding = st.tuples(st.sampled_from(EFFECTS), st.sampled_from(CATEGORIES))
statement_ids = st.sampled_from([None] + [s.id for s in framework().statements])


@settings(max_examples=300, deadline=None)
@given(exact_policies, st.lists(finding, max_size=20), st.lists(finding, max_size=4),
       st.lists(st.tuples(st.booleans(), finding, st.lists(st.sampled_from(CATEGORIES), max_size=4)), max_size=25),
       statement_ids)
def test_the_tally_scores_as_score_statement_after_any_removals_and_additions(policy, findings, log, steps,
                                                                              statement_id):
    tally = Tally.of(policy, findings, log, statement_id)
    assert tally is not None
    held = list(findings)
    for add, f, categories in steps:
        if add or f not in held:
            tally.add(f)
            held.append(f)
        else:
            tally.remove(f)
            held.remove(f)
        want = score_statement(policy, held, categories, log_findings=log, statement_id=statement_id).score
        assert tally.score(categories) == want


def test_every_finding_taken_away_leaves_only_the_categories_given():
    tally = Tally.of(SHIPPED, [("significant-shortfall", "people"), ("good-strength", "partners")])
    tally.remove(("significant-shortfall", "people"))
    tally.remove(("good-strength", "partners"))
    assert tally.score([]) == SHIPPED.no_evidence_score
    assert tally.score(["people"]) == score_statement(SHIPPED, [], ["people"]).score


def test_no_tally_where_sums_would_round():
    """A point of 0.3, or a log scale of 0.3, is not a sum of powers of two, and more than 2^20
    findings (with those the caller may add) could outgrow a float's exact range: the order of the
    sums would matter, so the caller re-scores from the findings instead."""
    assert Tally.of(SHIPPED, [("some-shortfall", "people")]) is not None
    assert Tally.of(policy_variant(some=-0.3), [("some-shortfall", "people")]) is None
    assert Tally.of(policy_variant(scale=0.3), [("some-shortfall", "people")]) is None
    assert Tally.of(SHIPPED, [("some-shortfall", "people")] * 2 ** 19, room=2 ** 19) is not None
    assert Tally.of(SHIPPED, [("some-shortfall", "people")] * 2 ** 19, room=2 ** 19 + 1) is None
