"""The path to the next score (engine.path) finds what it found as first written, on random
statements: any mix of shortfalls and strengths fired, not fired and not evaluable, with or
without evidence-log findings, under the shipped policy and one with priors. The first version is
kept here as the reference."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.engine.path import SEARCH_LIMIT, _distinct_combinations, _next, path_to_next, worst_first
from readiness.io.policy import load_policy
from readiness.model.policy import ScoringPolicy, score_statement

from conftest import policy_variant

SHIPPED = load_policy()
WITH_PRIORS = ScoringPolicy.model_validate(
    SHIPPED.model_dump(by_alias=True, exclude_none=True) | {"priors": {"strength": 1.3}})
# Points of 0.3: no policy.Tally (sums would round), so the path re-scores from the findings.
ROUNDING = policy_variant(strength=SHIPPED.priors.strength, scale=SHIPPED.evidence_log.points_scale, some=-0.3)
CATEGORIES = ("people", "partners", "processes", "outcomes")
LEVELS = {"shortfall": ("significant", "some"), "strength": ("good", "exceptional")}


def reference_path(score, scored, categories, mine, policy, *, statement_id=None, log_findings=None):
    """engine.path.path_to_next as first written."""

    def _rescore(policy, effects_by_rule, categories):
        return score_statement(policy, list(effects_by_rule.values()), categories, log_findings=log_findings,
                               statement_id=statement_id).score

    if score >= 4:
        return None
    target = score + 1
    current = {e.rule.id: (e.rule.effect, e.rule.category) for e in scored}
    shortfalls = sorted((e for e in scored if e.rule.kind == "shortfall"), key=worst_first)
    candidates = [e for e in mine if e.rule.kind == "strength" and e.status != "fired"]

    def without(removed):
        ids = {e.rule.id for e in removed}
        return {k: v for k, v in current.items() if k not in ids}

    for size in range(1, min(len(shortfalls), SEARCH_LIMIT) + 1):
        for combo in _distinct_combinations(shortfalls, size):
            if _rescore(policy, without(combo), categories) >= target:
                return _next(target, list(combo), [], True)
    resolved = []
    for e in shortfalls:
        resolved.append(e)
        if _rescore(policy, without(resolved), categories) >= target:
            return _next(target, resolved, [], True)
    remaining, cats = without(resolved), list(categories)
    shown = []
    for e in sorted(candidates, key=worst_first):
        shown.append(e)
        remaining[e.rule.id] = (e.rule.effect, e.rule.category)
        cats = sorted(set(cats) | {e.rule.category})
        if _rescore(policy, remaining, cats) >= target:
            for extra in list(shown):
                trial = {k: v for k, v in remaining.items() if k != extra.rule.id}
                trial_cats = sorted(set(categories) | {o.rule.category for o in shown if o is not extra})
                if len(shown) > 1 and _rescore(policy, trial, trial_cats) >= target:
                    shown = [o for o in shown if o is not extra]
                    remaining, cats = trial, trial_cats
            return _next(target, resolved, shown, True)
    return _next(target, resolved, shown, False)


@st.composite
def statements(draw):
    """A statement's outcomes: what path_to_next is given, as score.statement_result gives it."""
    n = draw(st.integers(0, 14))
    mine = []
    for i in range(n):
        kind = draw(st.sampled_from(("shortfall", "strength")))
        level = draw(st.sampled_from(LEVELS[kind]))
        rule = SimpleNamespace(id=f"r{i:02d}", title=f"rule {i}", kind=kind, level=level,
                               category=draw(st.sampled_from(CATEGORIES)), effect=f"{level}-{kind}")
        mine.append(SimpleNamespace(rule=rule, status=draw(st.sampled_from(("fired", "not-fired", "not-evaluable")))))
    scored = [e for e in mine if e.status == "fired"]
    categories = sorted({e.rule.category for e in mine if e.status != "not-evaluable"})
    log = draw(st.lists(st.tuples(st.sampled_from(("some-shortfall", "good-strength", "exceptional-strength")),
                                  st.sampled_from(CATEGORIES)), max_size=3))
    return scored, categories, mine, log


@settings(max_examples=300, deadline=None)
@given(statements(), st.sampled_from([SHIPPED, WITH_PRIORS, ROUNDING]),
       st.sampled_from([None, "assessing-needs", "safeguarding"]))
def test_the_path_is_the_reference_path(statement, policy, statement_id):
    scored, categories, mine, log = statement
    score = score_statement(policy, [(e.rule.effect, e.rule.category) for e in scored], categories,
                            log_findings=log, statement_id=statement_id).score
    got = path_to_next(score, scored, categories, mine, policy, statement_id=statement_id, log_findings=log)
    want = reference_path(score, scored, categories, mine, policy, statement_id=statement_id, log_findings=log)
    assert (got.model_dump() if got else None) == (want.model_dump() if want else None)



def large_statement(seed: int, shortfalls: int, strengths: int, significant: float):
    """A statement of a large pack: many shortfalls fired (no few of which lift it), a `significant`
    share of them significant, and strengths, none fired."""
    import random

    rng = random.Random(seed)
    mine = []
    for i in range(shortfalls + strengths):
        kind = "shortfall" if i < shortfalls else "strength"
        level = rng.choice(LEVELS[kind]) if kind == "strength" else (
            "significant" if rng.random() < significant else "some")
        rule = SimpleNamespace(id=f"r{i:04d}", title=f"rule {i}", kind=kind, level=level,
                               category=rng.choice(CATEGORIES), effect=f"{level}-{kind}")
        status = "fired" if kind == "shortfall" else rng.choice(("not-fired", "not-evaluable"))
        mine.append(SimpleNamespace(rule=rule, status=status))
    scored = [e for e in mine if e.status == "fired"]
    categories = sorted({e.rule.category for e in mine if e.status != "not-evaluable"})
    return scored, categories, mine


def test_a_large_statement_takes_the_reference_path():
    """Hundreds of shortfalls: the search goes past combinations to resolving them worst first, then
    to strengths (and dropping those not needed), where the tally is moved a finding at a time."""
    phases = set()
    for seed, significant in [(seed, share) for seed in range(4) for share in (0.0, 0.3)]:
        scored, categories, mine = large_statement(seed, 120, 80, significant)
        for policy in (SHIPPED, WITH_PRIORS, ROUNDING):
            score = score_statement(policy, [(e.rule.effect, e.rule.category) for e in scored], categories).score
            got = path_to_next(score, scored, categories, mine, policy)
            want = reference_path(score, scored, categories, mine, policy)
            assert got is not None and len(got.resolve) > SEARCH_LIMIT
            assert got.model_dump() == want.model_dump()
            phases.add("strengths" if got.show_strengths else "shortfalls")
    assert phases == {"strengths", "shortfalls"}
