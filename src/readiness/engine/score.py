"""Scoring a run: rule outcomes -> statement scores, themes and the overall rating.

The other half of an assessment (see engine.run). It reads only the `RunResult` and a scoring
policy, so the same run can be scored again under another policy without running a rule:
`score(result, policy)` builds the full Assessment, `statement_scores(result, policy)` only
the nine scores (what calibration needs, thousands of times over).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..model.release import __version__
from ..model.assessment import (
    Assessment, CollectItem, CouncilRef, EvidenceItem, Finding, MissingEvidence, Overall, RatingRange, RuleResult, StatementResult,
    ThemeSummary, UnsourcedFact, WaiverNote,
)
from ..lang.conditions import values_compared
from ..lang.facts import words_for
from ..io.yamlfile import gc_paused
from ..lang.memo import memo
from ..model.base_rates import base_rates
from ..model.framework import framework, known_indicators
from ..model.profile import EvidenceEntry, Profile
from ..model.policy import ScoringPolicy, StatementScore, score_statement
from .path import LEVEL_ORDER, path_to_next, worst_first
from .run import RuleOutcome, RunResult


def _counts(e: RuleOutcome, policy: ScoringPolicy) -> bool:
    return ((e.waiver is None or policy.waived_findings_count)
            and (policy.unsourced_findings_count or not e.unsourced))


@dataclass
class _Tally:
    """What one statement's outcomes give the policy: the findings that count and the categories with evidence."""

    mine: list[RuleOutcome]
    scored: list[RuleOutcome]
    categories: list[str]
    result: StatementScore
    log: list[tuple[int, EvidenceEntry, bool]]  # evidence-log entries naming the statement: (index, entry, counts)


def log_entries(statement_id: str, run: RunResult, policy: ScoringPolicy) -> list[tuple[int, EvidenceEntry, bool]]:
    """The profile's evidence-log entries that name the statement, each with whether it counts
    under the policy's `evidence_log` section."""
    rules = policy.evidence_log
    out, taken = [], Counter()
    for i, entry in enumerate(run.profile.evidence or []):
        if statement_id not in entry.statements:
            continue
        counts = rules.counts and (entry.source is not None or rules.unsourced_count)
        if counts and rules.max_per_statement is not None:
            counts = taken[entry.weight] < rules.max_per_statement
        if counts:
            taken[entry.weight] += 1
        out.append((i, entry, counts))
    return out


def _tally(statement_id: str, run: RunResult, policy: ScoringPolicy) -> _Tally:
    mine = run.for_statement(statement_id)
    scored = [e for e in mine if e.status == "fired" and _counts(e, policy)]
    categories = sorted({e.rule.category for e in mine if e.status != "not-evaluable"})
    log = log_entries(statement_id, run, policy) if run.profile.evidence else []
    result = score_statement(policy, [(e.rule.effect, e.rule.category) for e in scored], categories,
                             log_findings=[(entry.effect, entry.category) for _, entry, counts in log if counts],
                             statement_id=statement_id)
    return _Tally(mine, scored, categories, result, log)


def statement_scores(run: RunResult, policy: ScoringPolicy | None = None) -> dict[str, int]:
    """Only the predicted score of each quality statement, by id (no findings, no path)."""
    policy = policy or _shipped_policy()
    return {s.id: _tally(s.id, run, policy).result.score for s in framework().statements}


def statement_score(statement_id: str, run: RunResult, policy: ScoringPolicy) -> int:
    """The predicted score of one quality statement (what calibration re-scores, thousands of times)."""
    return _tally(statement_id, run, policy).result.score


def score(run: RunResult, policy: ScoringPolicy | None = None) -> Assessment:
    """The full Assessment for a run under `policy` (default: the shipped one)."""
    policy = policy or _shipped_policy()
    with gc_paused():  # (as in engine.run: little cyclic garbage; collections would walk the whole profile)
        return _assessment(run, policy)


def _assessment(run: RunResult, policy: ScoringPolicy) -> Assessment:
    statements = [statement_result(s.id, run, policy) for s in framework().statements]
    return Assessment(
        tool_version=__version__,
        council=CouncilRef(name=run.profile.council.name, as_of=run.as_of),
        policy_version=policy.policy_version,
        rules_evaluated=len(run.outcomes),
        overall=overall_result(statements, policy),
        themes=theme_results(statements),
        statements=statements,
        rules=[
            RuleResult(rule_id=e.rule.id, title=e.rule.title, statements=list(e.rule.statements),
                       kind=e.rule.kind, level=e.rule.level, status=e.status, message=e.message,
                       evidence=e.evidence, waived=e.waived)
            for e in run.outcomes
        ],
        ignored_waivers=list(run.ignored_waivers),
        unused_indicators=list(run.unused_indicators),
        unsourced_facts=unsourced_facts(run, policy),
        sources_required=not (policy.unsourced_findings_count and policy.evidence_log.unsourced_count),
    )


def unsourced_facts(run: RunResult, policy: ScoringPolicy) -> list[UnsourcedFact]:
    """Every recorded fact without a `source` that a fired finding (or an evidence-log entry) rests on."""
    found: dict[str, UnsourcedFact] = {}
    for e in run.outcomes:
        if e.status != "fired":
            continue
        counts = _counts(e, policy)
        for x in e.evidence:
            if not x.unsourced:
                continue
            u = found.get(x.fact)
            if u is None:  # (built only for a fact met the first time)
                u = found[x.fact] = UnsourcedFact(fact=x.fact, findings=[], statements=[], counts_in_score=False)
            u.findings.append(e.rule.id)
            u.statements += [s for s in e.rule.statements if s not in u.statements]
            u.counts_in_score = u.counts_in_score or counts
    for i, entry in enumerate(run.profile.evidence or []):
        if entry.source is not None:
            continue
        counts = policy.evidence_log.counts and policy.evidence_log.unsourced_count
        found[f"evidence[{i}]"] = UnsourcedFact(fact=f"evidence[{i}]", findings=[f"evidence-log[{i}]"],
                                                statements=list(entry.statements), counts_in_score=counts)
    return list(found.values())


def _shipped_policy() -> ScoringPolicy:
    from ..io.policy import load_policy

    return load_policy()


def statement_result(statement_id: str, run: RunResult, policy: ScoringPolicy) -> StatementResult:
    fw = framework()
    qs = fw.statement(statement_id)
    t = _tally(statement_id, run, policy)
    result, mine = t.result, t.mine
    fired = [e for e in mine if e.status == "fired"]
    evaluable = [e for e in mine if e.status != "not-evaluable"]
    confidence = round(len(evaluable) / len(mine), 2) if mine else 0.0
    log_found = [_log_finding(i, entry, counts) for i, entry, counts in t.log]
    wanted = {e.rule.id: (e, _wanted(e)) for e in mine if e.status == "not-evaluable"}
    missing = [MissingEvidence(rule_id=e.rule.id, title=e.rule.title, kind=e.rule.kind, facts=list(w.facts),
                               collect=list(w.words))
               for e, w in wanted.values()]
    findings = [_finding(e, policy) for e in sorted(fired, key=worst_first)]
    findings += sorted(log_found, key=lambda f: _LEVEL_RANK[f.level])  # after the rules' findings
    return StatementResult(
        id=qs.id, code=qs.code, name=qs.name, theme=qs.theme,
        predicted_score=result.score,
        score_descriptor=(fw.score_descriptors[result.score] if result.percent is not None else
                          f"Not evidenced: no rule could be checked (counted as {result.score} by default)"),
        percent=result.percent,
        confidence=confidence,
        confidence_label=policy.confidence_label(confidence),
        checks_evaluable=len(evaluable), checks_total=len(mine),
        reason=_reason(result.score, result.percent, t.scored, t.categories, result.limits, fw.score_descriptors,
                       [(entry, counts) for _, entry, counts in t.log]),
        category_scores=result.category_scores,
        categories_without_evidence=[c for c in fw.category_ids if c not in result.category_scores],
        limits_applied=result.limits,
        findings=findings,
        missing_evidence=missing,
        what_to_collect=what_to_collect({rule_id: w.collect for rule_id, (_, w) in wanted.items()}),
        path_to_next_score=path_to_next(result.score, t.scored, t.categories, mine, policy, statement_id=qs.id,
                                        log_findings=[(x.effect, x.category) for _, x, counts in t.log if counts]),
        notification_risk=result.score == 1,
        evidenced=result.percent is not None,
        base_rate=base_rates().shares(qs.id) if qs.id in base_rates().counts else None,
        evidence_log_counted=sum(1 for *_, counts in t.log if counts),
    )


_LEVEL_RANK = {"significant": 0, "some": 1, "exceptional": 2, "good": 3}


def _log_finding(index: int, entry: EvidenceEntry, counts: bool) -> Finding:
    kind = "strength" if entry.kind == "strength" else "shortfall"
    who = f", judged by {entry.judged_by}" if entry.judged_by else ""
    why = f"An entry of the profile's evidence log{who}."
    if entry.source is None:
        why += " It has no `source`: say where it comes from, or CQC cannot weigh it."
    if not counts:
        why += " It does not count in the score under this scoring policy."
    return Finding(
        rule_id=f"evidence-log[{index}]", title=entry.shows, kind=kind, level=entry.weight, category=entry.category,
        message=entry.shows, why=why, recommendation="", references=[],
        evidence=[EvidenceItem(fact=f"evidence[{index}]", value=entry.quote,
                               sources=[entry.source] if entry.source else [], unsourced=entry.source is None)],
        counts_in_score=counts, from_evidence_log=True, source=entry.source, unsourced=entry.source is None,
    )


class _Wanted(NamedTuple):
    """What a not-evaluable rule lacks: the facts (paths), what to collect ((path, words) pairs) and
    the distinct words, in order."""

    facts: tuple[str, ...]
    collect: tuple[tuple[str, str], ...]
    words: tuple[str, ...]


_PATTERNS_KEPT = 16  # patterns of missing facts remembered per rule (most profiles share a few)


def _wanted(e: RuleOutcome) -> _Wanted:
    """`_missing_facts` and `_to_collect` of a not-evaluable rule. They depend only on the rule and
    on which of its facts were absent or which list items lacked which details, and most profiles
    lack the same facts, so they are remembered per rule (lang.memo) and per such pattern."""
    pattern = tuple((ev.fact, ev.missing, tuple(ev.unknown_items),
                     tuple((k, tuple(v)) for k, v in ev.lacking.items()) if ev.lacking else ())
                    for ev in e.outcome.evidence)
    known = memo(e.rule, "wanted when not evaluable", dict)
    found = known.get(pattern)
    if found is None:
        collect = tuple(_to_collect(e))
        found = _Wanted(tuple(_missing_facts(e)), collect, tuple(dict.fromkeys(w for _, w in collect)))
        if len(known) < _PATTERNS_KEPT:
            known[pattern] = found
    return found


def _missing_facts(e: RuleOutcome) -> list[str]:
    """What would let a not-evaluable rule be checked: absent facts, or list items lacking facts."""
    absent = {ev.fact for ev in e.outcome.evidence if ev.missing}
    partial = {f"{ev.fact} (details missing for: {'; '.join(ev.unknown_items)})"
               for ev in e.outcome.evidence if ev.unknown_items and not ev.missing}
    return sorted(absent | partial) or ["(facts inside list items)"]


def _to_collect(e: RuleOutcome) -> list[tuple[str, str]]:
    """(path, words) for each thing a not-evaluable rule needs: absent facts in the model's own
    words, and for list items, which item lacks which detail."""
    out: list[tuple[str, str]] = []
    for ev in e.outcome.evidence:
        if ev.fact == "indicators" and (ev.missing or not ev.unknown_items):
            known = known_indicators()
            ids = sorted(values_compared(e.rule.when, "indicators", "id"))
            for i in ids:
                measure = known[i].measure if i in known else i
                out.append((ev.fact, f"the indicator {measure}, with its England comparator (indicator id {i})"))
            if ids:
                continue
        if ev.missing:
            out.append((ev.fact, words_for(Profile, ev.fact)))
        elif ev.unknown_items:
            section = ev.fact.rsplit(".", 1)[-1].replace("_", " ")
            for item in ev.unknown_items:
                details = ev.lacking.get(item) or []
                what = ", ".join(d.replace("_", " ").replace(".", " ") for d in details) or "details the rule reads"
                out.append((ev.fact, f"the {item}'s entry in {section} lacks: {what}"))
    if not out:  # the lists are there, but hold nothing this check can use
        out = [(ev.fact, f"{words_for(Profile, ev.fact)}: none recorded is of the kind this check reads")
               for ev in e.outcome.evidence if not ev.missing] or [("", "details inside list items")]
    return list(dict.fromkeys(out))


def what_to_collect(needs: dict[str, Sequence[tuple[str, str]]]) -> list[CollectItem]:
    """The statement's missing evidence grouped by what to collect (most checks it unlocks first)."""
    grouped: dict[str, CollectItem] = {}
    for rule_id, wanted in needs.items():
        for fact, what in wanted:
            item = grouped.get(what) or grouped.setdefault(what, CollectItem(what=what, facts=[], rules=[]))
            if fact and fact not in item.facts:
                item.facts.append(fact)
            if rule_id not in item.rules:
                item.rules.append(rule_id)
    return sorted(grouped.values(), key=lambda c: -len(c.rules))


def _finding(e: RuleOutcome, policy: ScoringPolicy) -> Finding:
    w = e.waiver
    return Finding(
        rule_id=e.rule.id, title=e.rule.title, kind=e.rule.kind, level=e.rule.level,
        category=e.rule.category, message=e.message or e.rule.title, why=e.rule.why,
        recommendation=e.rule.recommendation, references=list(e.rule.references), evidence=e.evidence,
        waived=WaiverNote(rule=w.rule, justification=w.justification, owner=w.owner, expires=w.expires) if w else None,
        counts_in_score=_counts(e, policy), unsourced=e.unsourced,
    )


def _reason(score, percent, scored, categories, limits, descriptors, log=()) -> str:
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
    counted = [entry for entry, counts in log if counts]
    if counted:
        strengths = sum(1 for entry in counted if entry.kind == "strength")
        found += (f" from the rules, and {len(counted)} evidence-log entr{'y' if len(counted) == 1 else 'ies'} "
                  f"({strengths} strength(s), {len(counted) - strengths} area(s) for improvement)")
        unsourced = sum(1 for entry in counted if entry.source is None)
        if unsourced:
            found += f", {unsourced} of them without a source"
        cats = len(set(categories) | {entry.category for entry in counted})
    else:
        cats = len(categories)
    text = (f"Predicted {score} ({descriptors[score].lower()}): {found} across {cats} of 4 evidence "
            f"categories, {percent:g}% before limits.")
    if limits:
        text += " Limited because: " + " ".join(limits)
    return text


def theme_results(statements: list[StatementResult]) -> list[ThemeSummary]:
    out = []
    for theme in framework().themes:
        mine = [s for s in statements if s.theme == theme.id]
        out.append(ThemeSummary(id=theme.id, name=theme.name, statements=[s.id for s in mine],
                                derived_score=round(sum(s.predicted_score for s in mine) / len(mine), 2)))
    return out


def overall_rating(scores: list[int], policy: ScoringPolicy) -> tuple[int, str]:
    """The most the statements could score, and the rating of their total as a percentage of it:
    what the Assessment's `overall` says, and all a batch row needs of it."""
    most = 4 * len(scores)
    return most, policy.rating(100 * sum(scores) / most)


def overall_result(statements: list[StatementResult], policy: ScoringPolicy) -> Overall:
    total, n = sum(s.predicted_score for s in statements), len(statements)
    percent = round(100 * total / (4 * n), 1)
    _, rating = overall_rating([s.predicted_score for s in statements], policy)
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
        **evidenced_summary(statements, policy),
    )


def evidenced_summary(statements: list[StatementResult], policy: ScoringPolicy) -> dict:
    """On how many statements the rating rests, the rating over those, and how far the others could move it."""
    evidenced = [s.predicted_score for s in statements if s.evidenced]
    blank = len(statements) - len(evidenced)
    n = len(statements)
    over = policy.rating(100 * sum(evidenced) / (4 * len(evidenced))) if evidenced else None
    return {
        "statements_evidenced": len(evidenced),
        "rating_over_evidenced": over,
        "rating_range": RatingRange(lowest=policy.rating(100 * (sum(evidenced) + blank) / (4 * n)),
                                    highest=policy.rating(100 * (sum(evidenced) + 4 * blank) / (4 * n))),
    }
