"""Evaluate a rule pack against a profile and predict a score per quality statement.

load -> validate -> **evaluate -> score** -> report. The date every age is measured from
is the profile's `as_of` (or the caller's), never the clock, so results are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date
from pathlib import Path
from typing import Any

from .. import __version__
from ..model.assessment import (
    Assessment, CouncilRef, EvidenceItem, Finding, MissingEvidence, NextScore, Overall, RuleRef,
    RuleResult, StatementResult, ThemeSummary, WaiverNote,
)
from ..lang.conditions import Evaluator, Outcome
from ..model.framework import framework
from ..lang.messages import render
from ..model.profile import Profile
from ..model.rule import Rule, RulePack, load_rules
from ..model.policy import ScoringPolicy, load_policy, score_statement
from ..model.waiver import Waiver, applicable_waivers

SEARCH_LIMIT = 4  # largest set of shortfalls tried exhaustively for the path to the next score
LEVEL_ORDER = {"significant": 0, "some": 1, "exceptional": 2, "good": 3}


@dataclass
class _Evaluated:
    rule: Rule
    outcome: Outcome
    status: str
    message: str | None
    waiver: Waiver | None

    @cached_property
    def evidence(self) -> list[EvidenceItem]:  # read by the rule result and by the finding
        seen: dict[str, EvidenceItem] = {}
        for e in self.outcome.evidence:
            seen.setdefault(e.fact, EvidenceItem(fact=e.fact, value=_plain(e.value), missing=e.missing,
                                                 sources=list(e.sources)))
        return list(seen.values())


def _plain(value: Any) -> Any:
    """Evidence values as JSON-friendly data (profile sections become dicts)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def evaluate(
    profile: Profile | str | Path | dict[str, Any],
    rules: RulePack | None = None,
    *,
    policy: ScoringPolicy | None = None,
    as_of: date | None = None,
    waivers: list[Waiver] | None = None,
) -> Assessment:
    """Run every enabled rule, then score each of the 9 quality statements and the overall rating.

    `profile` may also be a path or a dict; it is then loaded (and validated) first.
    """
    if not isinstance(profile, Profile):
        from ..io.profiles import load_profile

        profile = load_profile(profile)
    rules = rules if rules is not None else load_rules()
    policy = policy or load_policy()
    as_of = as_of or profile.council.as_of
    active, ignored = applicable_waivers(waivers or [], as_of, {r.id for r in rules.active()})
    evaluator = Evaluator(profile, as_of)

    evaluated = []
    for rule in rules.active():
        outcome = evaluator.run(rule.when)
        status = {True: "fired", False: "not-fired", None: "not-evaluable"}[outcome.result]
        message = render(rule.message, outcome, profile) if status == "fired" else None
        evaluated.append(_Evaluated(rule, outcome, status, message, active.get(rule.id)))

    statements = [_statement(s.id, evaluated, policy) for s in framework().statements]
    return Assessment(
        tool_version=__version__,
        council=CouncilRef(name=profile.council.name, as_of=as_of),
        policy_version=policy.policy_version,
        rules_evaluated=len(evaluated),
        overall=_overall(statements, policy),
        themes=_themes(statements),
        statements=statements,
        rules=[
            RuleResult(rule_id=e.rule.id, title=e.rule.title, statements=list(e.rule.statements),
                       kind=e.rule.kind, level=e.rule.level, status=e.status, message=e.message,
                       evidence=e.evidence, waived=e.waiver is not None and e.status == "fired")
            for e in evaluated
        ],
        ignored_waivers=ignored,
    )


def _counts(e: _Evaluated, policy: ScoringPolicy) -> bool:
    return e.waiver is None or policy.waived_findings_count


def _statement(statement_id: str, evaluated: list[_Evaluated], policy: ScoringPolicy) -> StatementResult:
    fw = framework()
    qs = fw.statement(statement_id)
    mine = [e for e in evaluated if statement_id in e.rule.statements]
    fired = [e for e in mine if e.status == "fired"]
    scored = [e for e in fired if _counts(e, policy)]
    evaluable = [e for e in mine if e.status != "not-evaluable"]
    categories = sorted({e.rule.category for e in evaluable})

    result = score_statement(policy, [(e.rule.effect, e.rule.category) for e in scored], categories)
    confidence = round(len(evaluable) / len(mine), 2) if mine else 0.0
    findings = sorted(fired, key=lambda e: (LEVEL_ORDER[e.rule.level], e.rule.id))
    next_score = _path_to_next(result.score, scored, categories, mine, policy)
    return StatementResult(
        id=qs.id, code=qs.code, name=qs.name, theme=qs.theme,
        predicted_score=result.score,
        score_descriptor=(fw.score_descriptors[result.score] if result.percent is not None else
                          f"Not evidenced: no rule could be checked (counted as {result.score} by default)"),
        percent=result.percent,
        confidence=confidence,
        confidence_label=policy.confidence_label(confidence),
        reason=_reason(result.score, result.percent, scored, categories, result.limits, fw.score_descriptors),
        category_scores=result.category_scores,
        categories_without_evidence=[c for c in fw.category_ids if c not in categories],
        limits_applied=result.limits,
        findings=[_finding(e, policy) for e in findings],
        missing_evidence=[
            MissingEvidence(rule_id=e.rule.id, title=e.rule.title, kind=e.rule.kind, facts=_missing_facts(e))
            for e in mine if e.status == "not-evaluable"
        ],
        path_to_next_score=next_score,
        notification_risk=result.score == 1,
    )


def _missing_facts(e: _Evaluated) -> list[str]:
    """What would let a not-evaluable rule be checked: absent facts, or list items lacking facts."""
    absent = {ev.fact for ev in e.outcome.evidence if ev.missing}
    partial = {f"{ev.fact} (details missing for: {'; '.join(ev.unknown_items)})"
               for ev in e.outcome.evidence if ev.unknown_items and not ev.missing}
    return sorted(absent | partial) or ["(facts inside list items)"]


def _finding(e: _Evaluated, policy: ScoringPolicy) -> Finding:
    w = e.waiver
    return Finding(
        rule_id=e.rule.id, title=e.rule.title, kind=e.rule.kind, level=e.rule.level,
        category=e.rule.category, message=e.message or e.rule.title, why=e.rule.why,
        recommendation=e.rule.recommendation, references=list(e.rule.references), evidence=e.evidence,
        waived=WaiverNote(rule=w.rule, justification=w.justification, owner=w.owner, expires=w.expires) if w else None,
        counts_in_score=_counts(e, policy),
    )


def _reason(score, percent, scored, categories, limits, descriptors) -> str:
    if percent is None:
        return (f"Predicted {score} ({descriptors[score].lower()}) by default: no rule for this statement could "
                "be checked, so there is no evidence of a good standard.")
    tally = {lvl: sum(1 for e in scored if e.rule.level == lvl) for lvl in LEVEL_ORDER}
    parts = []
    for lvl, words in (("significant", "significant shortfall"), ("some", "shortfall"),
                       ("exceptional", "exceptional strength"), ("good", "strength")):
        if tally[lvl]:
            parts.append(f"{tally[lvl]} {words}{'s' if tally[lvl] > 1 else ''}")
    found = ", ".join(parts) if parts else "no shortfalls and no strengths"
    text = (f"Predicted {score} ({descriptors[score].lower()}): {found} across {len(categories)} of 4 evidence "
            f"categories, {percent:g}% before limits.")
    if limits:
        text += " Limited because: " + " ".join(limits)
    return text


def _rescore(policy, effects_by_rule: dict[str, tuple[str, str]], categories: list[str]) -> int:
    return score_statement(policy, list(effects_by_rule.values()), categories).score


def _path_to_next(score, scored, categories, mine, policy) -> NextScore | None:
    """The smallest set of shortfalls to resolve (then strengths to show) that lifts the score one level."""
    if score >= 4:
        return None
    target = score + 1
    current = {e.rule.id: (e.rule.effect, e.rule.category) for e in scored}
    shortfalls = sorted((e for e in scored if e.rule.kind == "shortfall"),
                        key=lambda e: (LEVEL_ORDER[e.rule.level], e.rule.id))
    candidates = [e for e in mine if e.rule.kind == "strength" and e.status != "fired"]

    def without(removed):
        ids = {e.rule.id for e in removed}
        return {k: v for k, v in current.items() if k not in ids}

    for size in range(1, min(len(shortfalls), SEARCH_LIMIT) + 1):
        for combo in _distinct_combinations(shortfalls, size):
            if _rescore(policy, without(combo), categories) >= target:
                return _next(target, list(combo), [], True)
    # Not within the exhaustive search: resolve shortfalls worst first, then add strengths.
    resolved: list[_Evaluated] = []
    for e in shortfalls:
        resolved.append(e)
        if _rescore(policy, without(resolved), categories) >= target:
            return _next(target, resolved, [], True)
    remaining, cats = without(resolved), list(categories)
    shown: list[_Evaluated] = []
    for e in sorted(candidates, key=lambda e: (LEVEL_ORDER[e.rule.level], e.rule.id)):
        shown.append(e)
        remaining[e.rule.id] = (e.rule.effect, e.rule.category)
        cats = sorted(set(cats) | {e.rule.category})
        if _rescore(policy, remaining, cats) >= target:
            # Drop strengths that turned out not to be needed, keeping the set small.
            for extra in list(shown):
                trial = {k: v for k, v in remaining.items() if k != extra.rule.id}
                # Without it, its category has evidence only if the statement or another strength gives it.
                trial_cats = sorted(set(categories) | {o.rule.category for o in shown if o is not extra})
                if len(shown) > 1 and _rescore(policy, trial, trial_cats) >= target:
                    shown.remove(extra)
                    remaining, cats = trial, trial_cats
            return _next(target, resolved, shown, True)
    return _next(target, resolved, shown, False)


def _distinct_combinations(shortfalls: list[_Evaluated], size: int) -> list[tuple[_Evaluated, ...]]:
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


def _next(target: int, resolve: list[_Evaluated], strengths: list[_Evaluated], achievable: bool) -> NextScore:
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


def _themes(statements: list[StatementResult]) -> list[ThemeSummary]:
    out = []
    for theme in framework().themes:
        mine = [s for s in statements if s.theme == theme.id]
        out.append(ThemeSummary(id=theme.id, name=theme.name, statements=[s.id for s in mine],
                                derived_score=round(sum(s.predicted_score for s in mine) / len(mine), 2)))
    return out


def _overall(statements: list[StatementResult], policy: ScoringPolicy) -> Overall:
    total, n = sum(s.predicted_score for s in statements), len(statements)
    percent = round(100 * total / (4 * n), 1)
    rating = policy.rating(100 * total / (4 * n))
    next_rating, points = None, None
    for extra in range(1, 4 * n - total + 1):
        candidate = policy.rating(100 * (total + extra) / (4 * n))
        if candidate != rating:
            next_rating, points = candidate, extra
            break
    return Overall(
        total_score=total, max_score=4 * n, statements_assessed=n, score_percent=percent, rating=rating,
        rounding=policy.rounding,
        notification_risk_statements=[s.id for s in statements if s.predicted_score == 1],
        points_to_next_rating=points, next_rating=next_rating,
    )
