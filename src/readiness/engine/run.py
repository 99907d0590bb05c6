"""Running the rules: the policy-independent half of an assessment.

load -> validate -> **run** -> score -> report. `run()` evaluates every enabled rule against
one profile and gives each rule's outcome (fired / not-fired / not-evaluable), evidence and
filled-in message as a `RunResult`. Nothing here reads the scoring policy, so one run can be
scored again and again under different policies (`engine.score.score`) without evaluating a
rule twice. The date every age is measured from is the profile's `as_of` (or the caller's),
never the clock, so results are reproducible.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from ..lang.compiled import CompiledEvaluator
from ..lang.conditions import Evaluator, Outcome, values_compared
from ..lang.text import closest
from ..lang.messages import render
from ..model.assessment import EvidenceItem, UnusedIndicator
from ..model.framework import known_indicators
from ..model.profile import Profile
from ..model.rule import Rule, RulePack
from ..model.waiver import Waiver, applicable_waivers

Status = Literal["fired", "not-fired", "not-evaluable"]
STATUS: dict[bool | None, Status] = {True: "fired", False: "not-fired", None: "not-evaluable"}


@dataclass
class RuleOutcome:
    """One rule run against one profile: what it found and what it would say.

    The message is filled in when first read (only a fired rule has one), and so are the evidence
    items: scoring reads them for the rules that count, reports for every rule, and a run scored
    only for its numbers (calibration) never. They are what filling them in during the run would
    give, because the profile and the outcome they are made from do not change after the run (the
    profile is a frozen model; nothing writes to an outcome)."""

    rule: Rule
    outcome: Outcome
    status: Status
    profile: Any = field(repr=False, compare=False)  # what the message reads its facts from
    waiver: Waiver | None = None  # a waiver in force for this rule, if any

    @cached_property
    def message(self) -> str | None:
        """The rule's message filled in with what was observed, for a rule that fired; else None."""
        return render(self.rule.message, self.outcome, self.profile) if self.status == "fired" else None

    @cached_property
    def evidence(self) -> list[EvidenceItem]:  # read by the rule result and by the finding
        seen: dict[str, EvidenceItem] = {}
        for e in self.outcome.evidence:
            if e.fact not in seen:  # the first reading of each fact (items may read a profile fact again and again)
                seen[e.fact] = EvidenceItem(fact=e.fact, value=_plain(e.value), missing=e.missing,
                                            sources=list(e.sources), unsourced=not e.missing and not e.sources)
        return list(seen.values())

    @property
    def unsourced(self) -> bool:
        """It fired on recorded facts, none of which has a `source` (a finding on absent facts alone is not)."""
        recorded = [x for x in self.evidence if not x.missing]
        return self.status == "fired" and bool(recorded) and all(x.unsourced for x in recorded)

    @property
    def waived(self) -> bool:
        return self.waiver is not None and self.status == "fired"


def run_rule(rule: Rule, evaluator: CompiledEvaluator | Evaluator, profile: Any, waiver: Waiver | None = None) -> RuleOutcome:
    """The outcome and status of one rule (its message is filled in when read): the one place an
    outcome becomes a status."""
    outcome = evaluator.run(rule.when)
    return RuleOutcome(rule, outcome, STATUS[outcome.result], profile, waiver)


@dataclass
class RunResult:
    """Every enabled rule's outcome for one profile: the input to scoring, under any policy."""

    profile: Profile
    as_of: date
    outcomes: list[RuleOutcome]
    ignored_waivers: list[str] = field(default_factory=list)

    @cached_property
    def unused_indicators(self) -> list[UnusedIndicator]:
        """Indicator ids in the profile that no rule run reads, each with the nearest known id:
        a local measure is fine, but the council should know it counts for nothing."""
        read: set[str] = set()
        for o in self.outcomes:
            read |= values_compared(o.rule.when, "indicators", "id")
        known = sorted(known_indicators())
        out = []
        for ind in self.profile.indicators or []:
            if ind.id not in read and ind.id not in {u.id for u in out}:
                near = closest(ind.id, known)  # a known id no rule reads is not its own "did you mean"
                out.append(UnusedIndicator(id=ind.id, nearest_known=near if near != ind.id else None))
        return out

    def for_statement(self, statement_id: str) -> list[RuleOutcome]:
        return list(self._by_statement().get(statement_id, ()))

    def _by_statement(self) -> dict[str, list[RuleOutcome]]:
        """Outcomes by statement, in run order: built once, and again only if `outcomes` was replaced
        or changed in length (scoring asks for each statement several times)."""
        key = (id(self.outcomes), len(self.outcomes))
        cached = self.__dict__.get("_statement_index")
        if cached is None or cached[0] != key:
            index: dict[str, list[RuleOutcome]] = {}
            for o in self.outcomes:
                for statement in dict.fromkeys(o.rule.statements):
                    index.setdefault(statement, []).append(o)
            cached = self.__dict__["_statement_index"] = (key, index)
        return cached[1]


def _plain(value: Any) -> Any:
    """Evidence values as JSON-friendly data (profile sections become dicts)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def run(
    profile: Profile | str | Path | dict[str, Any],
    rules: RulePack | None = None,
    *,
    as_of: date | None = None,
    waivers: list[Waiver] | None = None,
) -> RunResult:
    """Run every enabled rule of `rules` (default: the shipped pack) against the profile.

    `profile` may also be a path or a dict; it is then loaded (and validated) first.
    """
    if type(profile) is not Profile and not isinstance(profile, Profile):  # (the first test is the quick one)
        from ..io.profiles import load_profile

        profile = load_profile(profile)
    if rules is None:
        from ..io.packs import load_rules

        rules = load_rules()
    as_of = as_of or profile.council.as_of
    enabled = rules.active()
    active, ignored = applicable_waivers(waivers, as_of, {r.id for r in enabled}) if waivers else ({}, [])
    collecting = gc.isenabled()  # (io.yamlfile.gc_paused, inline: a small pack's run takes microseconds)
    gc.disable()  # little cyclic garbage is made, and collections would walk the whole profile again and again
    try:
        found = CompiledEvaluator(profile, as_of).run_all([rule.when for rule in enabled])
        outcomes = [RuleOutcome(rule, outcome, STATUS[outcome.result], profile, active.get(rule.id) if active else None)
                    for rule, outcome in zip(enabled, found)]  # (run_rule, without its calls)
    finally:
        if collecting:
            gc.enable()
    return RunResult(profile, as_of, outcomes, ignored)
