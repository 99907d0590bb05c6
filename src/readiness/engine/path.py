"""The path to the next score: the smallest set of shortfalls (then strengths) that lifts a statement."""

from __future__ import annotations

from ..model.assessment import NextScore, RuleRef
from ..model.policy import ScoringPolicy, Tally, score_statement
from .run import RuleOutcome

SEARCH_LIMIT = 4  # largest set of shortfalls tried exhaustively for the path to the next score
LEVEL_ORDER = {"significant": 0, "some": 1, "exceptional": 2, "good": 3}


def worst_first(e: RuleOutcome) -> tuple[int, str]:
    return LEVEL_ORDER[e.rule.level], e.rule.id


def path_to_next(score: int, scored: list[RuleOutcome], categories: list[str], mine: list[RuleOutcome],
                 policy: ScoringPolicy, *, statement_id: str | None = None,
                 log_findings: list[tuple[str, str]] | None = None) -> NextScore | None:
    """The smallest set of shortfalls to resolve (then strengths to show) that lifts the score one level.

    The evidence-log findings (and the statement's prior, if the policy has priors) stay as they
    are: the path is about what the rules can see."""

    if score >= 4:
        return None
    target = score + 1
    current = {e.rule.id: (e.rule.effect, e.rule.category) for e in scored}
    shortfalls = sorted((e for e in scored if e.rule.kind == "shortfall"), key=worst_first)
    candidates = [e for e in mine if e.rule.kind == "strength" and e.status != "fired"]
    lifts = _Lifts(policy, target, current, log_findings, statement_id, room=len(candidates))

    for size in range(1, min(len(shortfalls), SEARCH_LIMIT) + 1):
        for combo in _distinct_combinations(shortfalls, size):
            if lifts({e.rule.id for e in combo}, {}, categories):
                return _next(target, list(combo), [], True)
    # Not within the exhaustive search: resolve shortfalls worst first, then add strengths.
    resolved: list[RuleOutcome] = []
    gone: set[str] = set()
    for e in shortfalls:
        resolved.append(e)
        gone.add(e.rule.id)
        if lifts(gone, {}, categories):
            return _next(target, resolved, [], True)
    shown: list[RuleOutcome] = []
    added: dict[str, tuple[str, str]] = {}
    cats = list(categories)
    for e in sorted(candidates, key=worst_first):
        shown.append(e)
        added[e.rule.id] = (e.rule.effect, e.rule.category)
        cats = sorted(set(cats) | {e.rule.category})
        if lifts(gone, added, cats):
            # Drop strengths that turned out not to be needed, keeping the set small.
            for extra in list(shown):
                trial = {k: v for k, v in added.items() if k != extra.rule.id}
                # Without it, its category has evidence only if the statement or another strength gives it.
                trial_cats = sorted(set(categories) | {o.rule.category for o in shown if o is not extra})
                if len(shown) > 1 and lifts(gone | {extra.rule.id}, trial, trial_cats):
                    shown = [o for o in shown if o is not extra]  # (by identity: == compares whole rules)
                    gone, added, cats = gone | {extra.rule.id}, trial, trial_cats
            return _next(target, resolved, shown, True)
    return _next(target, resolved, shown, False)


class _Lifts:
    """Whether the statement's findings (`current`, by rule id) reach `target` once the rules in
    `gone` are taken away and those in `added` (rule id -> finding) put in (or in place).

    Through a policy.Tally where the policy has one: it is moved from the findings last asked about
    to these, a finding or two at a time as the search goes, instead of re-scoring every finding
    for every candidate (which grew with the square of a large pack). Otherwise re-scored from the
    findings, in the order a dict of them keeps. Both give score_statement's answer."""

    def __init__(self, policy: ScoringPolicy, target: int, current: dict[str, tuple[str, str]],
                 log_findings: list[tuple[str, str]] | None, statement_id: str | None, room: int):
        self._policy, self._target, self._current = policy, target, current
        self._log, self._statement = log_findings, statement_id
        self._tally = Tally.of(policy, current.values(), log_findings, statement_id, room)  # (room: the strengths)
        self._gone: set[str] = set()
        self._added: dict[str, tuple[str, str]] = {}

    def __call__(self, gone: set[str], added: dict[str, tuple[str, str]], categories: list[str]) -> bool:
        if self._tally is None:
            remaining = {k: v for k, v in self._current.items() if k not in gone}
            remaining.update(added)
            return score_statement(self._policy, list(remaining.values()), categories, log_findings=self._log,
                                   statement_id=self._statement).score >= self._target
        for rule_id in (self._gone ^ gone) | self._added.keys() | added.keys():
            before, after = self._finding(rule_id, self._gone, self._added), self._finding(rule_id, gone, added)
            if before != after:
                if before is not None:
                    self._tally.remove(before)
                if after is not None:
                    self._tally.add(after)
        self._gone, self._added = set(gone), dict(added)
        return self._tally.score(categories) >= self._target

    def _finding(self, rule_id: str, gone: set[str], added: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
        """The rule's finding among those asked about, if it has one there."""
        if rule_id in added:
            return added[rule_id]
        return self._current.get(rule_id) if rule_id not in gone else None


def _distinct_combinations(shortfalls: list[RuleOutcome], size: int) -> list[tuple[RuleOutcome, ...]]:
    """The combinations of `size` shortfalls worth scoring, in the order a full search meets them.

    Shortfalls with the same effect and category change the score alike, so only one combination
    per mix of (effect, category) is kept: the earliest, so the first that works is the one
    `itertools.combinations` would have found first. A few hundred mixes at most, instead of
    hundreds of thousands of combinations when a large pack fires many shortfalls.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for i, e in enumerate(shortfalls):
        groups.setdefault((e.rule.effect, e.rule.category), []).append(i)
    members = list(groups.values())
    picks: list[tuple[int, ...]] = []

    def pick(group: int, left: int, chosen: list[int]) -> None:
        if group == len(members):
            if left == 0:
                picks.append(tuple(sorted(chosen)))
            return
        for k in range(min(left, len(members[group])) + 1):
            pick(group + 1, left - k, chosen + members[group][:k])

    pick(0, size, [])
    return [tuple(shortfalls[i] for i in combo) for combo in sorted(picks)]


def _next(target: int, resolve: list[RuleOutcome], strengths: list[RuleOutcome], achievable: bool) -> NextScore:
    refs = [RuleRef(rule_id=e.rule.id, title=e.rule.title) for e in resolve]
    shown = [RuleRef(rule_id=e.rule.id, title=e.rule.title) for e in strengths]
    if not achievable:
        text = (f"Resolving every shortfall and showing every strength the rules know of would not reach {target}; "
                "more positive evidence is needed than this rule pack can recognise.")
    else:
        bits = []
        if refs:
            bits.append("resolve " + "; ".join(r.title for r in refs))
        if shown:
            bits.append("evidence " + "; ".join(r.title for r in shown))
        text = f"To reach {target}: " + ", then ".join(bits) + "."
    return NextScore(target_score=target, achievable=achievable, resolve=refs, show_strengths=shown, explanation=text)
