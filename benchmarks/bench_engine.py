#!/usr/bin/env python
"""How close is the rule engine to hand-written Python? Prints ratios measured in the same run.

    python benchmarks/bench_engine.py            # full run (about half a minute)
    python benchmarks/bench_engine.py --quick    # a few seconds: smoke test

Seven shipped rules of different shapes are written out here by hand, as plain Python over the
profile model, with the same three-valued answer (True fired, False not fired, None not
evaluable: a fact it needs is not recorded). The script first checks, on every example and
calibration profile and on the shipped fixture profiles of those rules, that each hand-written
function gives what the engine gives, then times (over the example profiles):

  rules       `engine.run.run()` of a pack of just those rules, per profile: every status and named
              count; what a run makes only when it is first read is not included (the evidence
              trail's lines with their sources, the evidence items, the messages of the fired
              rules: lang.compiled._Trail, engine.run.RuleOutcome), since a run that is only scored
              for its numbers (calibration) never reads them
              baseline: the hand-written functions over the same profiles (the status only)
  rules, all read  the same run, then every outcome's evidence items and message read, as a
              report does (all of the above included)
              baseline: the same hand-written functions
  evaluate    `evaluate()` of each example against the shipped pack (rules, scores, the path to
              the next score, the Assessment model), per profile, and profiles per second
              baseline: `engine.run.run()` of the shipped pack, the rule-running half alone
              (what it makes when first read, as under `rules`, is made inside `evaluate()`)

Nothing here asserts a time; the smoke test only checks that the figures are printed.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import readiness
from readiness.engine.assess import evaluate
from readiness.engine.run import STATUS, run
from readiness.io.fixtures import DEFAULT_BASE, fixture_files, load_cases, merge
from readiness.io.packs import load_rules, shipped_pack_dir
from readiness.io.policy import load_policy
from readiness.io.profiles import load_profile
from readiness.lang.dates import span
from readiness.model.profile import Profile
from readiness.model.rule import RulePack
from timing import interleaved  # benchmarks/timing.py, beside this script

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
CALIBRATION = sorted((REPO / "calibration" / "profiles").glob("*.yaml"))

Tri = bool | None  # True, False, or None: not known (a fact is not recorded)


# --- three-valued helpers, as anyone writing these checks by hand would need --------------------

def all_of(*values: Tri) -> Tri:
    return False if False in values else (None if None in values else True)


def any_of(*values: Tri) -> Tri:
    return True if True in values else (None if None in values else False)


def not_(value: Tri) -> Tri:
    return None if value is None else not value


def known(value: Any, test: Callable[[Any], bool]) -> Tri:
    return None if value is None else test(value)


def before(day: date | None, as_of: date) -> Tri:
    """`older_than: 0 days`: a partial date (a month, a year) is before as_of only if all of it is."""
    if day is None:
        return None
    low, high = span(day)
    return True if high < as_of else (False if low >= as_of else None)


def share_over(items: list[Any], whole: Callable[[Any], Tri], match: Callable[[Any], Tri],
               holds: Callable[[float], bool]) -> Tri:
    """A share of the items in `whole` that `match`, with unknowns bounding it both ways."""
    sure, maybe = [], []
    for item in items:
        inside, matched = whole(item), match(item)
        if inside is True:
            sure.append(matched)
        elif inside is None:
            maybe.append(matched)
    if not sure:
        return None
    low = sum(1 for m in sure if m is True), len(sure) + sum(1 for m in maybe if m is not True)
    high = (sum(1 for m in sure if m is not False) + sum(1 for m in maybe if m is not False),
            len(sure) + sum(1 for m in maybe if m is not False))
    at_low, at_high = holds(100 * low[0] / low[1]), holds(100 * high[0] / high[1])
    return at_low if at_low == at_high else None


def some(items: list[Any], match: Callable[[Any], Tri]) -> Tri:
    results = [match(item) for item in items]
    return True if True in results else (None if None in results else False)


# --- the rules, by hand ---------------------------------------------------------------------

def an_no_face_to_face_assessments(p: Profile) -> Tri:
    """A plain comparison: `access.face_to_face_assessments in [false, partly, in-progress]`."""
    value = p.access.face_to_face_assessments if p.access else None
    return known(value, lambda v: v in (False, "partly", "in-progress"))


def an_assessment_long_waits(p: Profile) -> Tri:
    """Two comparisons under `any`."""
    waits = p.waiting.assessment if p.waiting else None
    return any_of(known(waits and waits.over_six_months, lambda v: v > 0),
                  known(waits and waits.longest_days, lambda v: v > 182))


def gms_supervision_below_target(p: Profile) -> Tri:
    """A fact against another fact (the target), or the council's own account when no figures are kept."""
    s = p.workforce.supervision if p.workforce else None
    compliance, target = (s.compliance_percent, s.target_percent) if s else (None, None)
    meeting = s.meeting_target if s else None
    return any_of(None if compliance is None or target is None else compliance < target,
                  all_of(compliance is None, known(meeting, lambda v: v in (False, "partly", "in-progress"))))


POLICY_KINDS = ("policy", "strategy", "framework", "procedure", "guidance", "plan")


def gms_policies_draft_or_out_of_date(p: Profile) -> Tri:
    """A share of documents with `of:` (only policies, strategies and plans on file count)."""
    if p.documents is None:
        return None
    as_of = p.council.as_of

    def whole(d) -> Tri:
        return all_of(d.kind in POLICY_KINDS, known(d.status, lambda v: v != "not-in-place"))

    def stale(d) -> Tri:
        return any_of(known(d.status, lambda v: v in ("draft", "in-development", "out-of-date")),
                      before(d.review_due, as_of))

    return share_over(p.documents, whole, stale, lambda share: share > 50)


def an_people_positive_about_assessment(p: Profile) -> Tri:
    """A share of feedback: people's, about assessment, that is positive and widely held."""
    if p.feedback is None:
        return None

    def whole(f) -> Tri:
        return all_of("people" in f.categories,
                      any_of("assessing-needs" in f.statements, "assessment" in f.topics, "reviews" in f.topics))

    def said(f) -> Tri:
        return all_of(f.sentiment == "positive",
                      any_of(f.extent is None, known(f.extent, lambda v: v in ("all", "most", "not-stated"))),
                      any_of(f.frequency is None, known(f.frequency, lambda v: v in ("always", "usually"))))

    return share_over(p.feedback, whole, said, lambda share: share > 0)


def cpic_provider_quality_below_comparator(p: Profile) -> Tri:
    """An indicator against England (the comparator), or the market's own gap to its comparator."""
    def worse(i) -> Tri:
        return any_of(all_of(i.versus_england is not None, known(i.versus_england, lambda v: v == "worse")),
                      all_of(i.versus_england is None, known(i.gap_to_england, lambda v: v <= -5)))

    indicators = None if p.indicators is None else share_over(
        p.indicators, lambda i: i.id == "provider-good-outstanding", worse, lambda share: share > 0)
    gap = p.market.good_or_outstanding_gap if p.market else None
    return any_of(indicators, known(gap, lambda v: v <= -5))


SELF_FOUND = ("self-assessment", "internal-audit", "data", "leaders", "quality-assurance-audit", "jsna", "analysis",
              "council")


def gms_known_risks_missing_from_register(p: Profile) -> Tri:
    """`some` known risk not on the register, with `not` over `all`: a topic against a list read through a list."""
    g = p.governance
    if g is None or g.known_risks is None:
        return None
    registered = None if g.risk_register is None else [t for r in g.risk_register for t in (r.topics or [])]

    def unregistered(k) -> Tri:
        status_known = k.status is not None
        return all_of(None if k.topic is None or registered is None else k.topic not in registered,
                      not_(all_of(status_known, known(k.status, lambda v: v in ("mitigated", "closed")))),
                      not_(all_of(status_known, known(k.status, lambda v: v == "being-addressed"),
                                  k.identified_by in SELF_FOUND)))

    return some(g.known_risks, unregistered)


HAND_WRITTEN: dict[str, Callable[[Profile], Tri]] = {
    "an-no-face-to-face-assessments": an_no_face_to_face_assessments,
    "an-assessment-long-waits": an_assessment_long_waits,
    "gms-supervision-below-target": gms_supervision_below_target,
    "gms-policies-draft-or-out-of-date": gms_policies_draft_or_out_of_date,
    "an-people-positive-about-assessment": an_people_positive_about_assessment,
    "cpic-provider-quality-below-comparator": cpic_provider_quality_below_comparator,
    "gms-known-risks-missing-from-register": gms_known_risks_missing_from_register,
}


# --- measuring ------------------------------------------------------------------------------

def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.3f} ms"


def disagreements(pack: RulePack, profiles: dict[str, Profile]) -> list[str]:
    """Every (profile, rule) where the hand-written function and the engine differ."""
    out = []
    for name, profile in profiles.items():
        engine = {o.rule.id: o.status for o in run(profile, pack).outcomes}
        for rule_id, by_hand in HAND_WRITTEN.items():
            if STATUS[by_hand(profile)] != engine[rule_id]:
                out.append(f"{name}: {rule_id}: by hand {STATUS[by_hand(profile)]}, engine {engine[rule_id]}")
    return out


def fixture_profiles() -> dict[str, Profile]:
    """The profiles of the shipped rule fixtures for these rules (each rule's fired, not-fired and
    not-evaluable cases), dated by their own as_of."""
    out = {}
    for file in fixture_files(shipped_pack_dir()):
        fixtures, _ = load_cases(file)
        for case, _ in fixtures.all_cases():
            if case.rule in HAND_WRITTEN and case.as_of is None:
                out[f"{file.name}: {case.rule}: {case.name or case.expect}"] = load_profile(
                    merge(merge(DEFAULT_BASE, fixtures.base), case.profile))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repeats (smoke test)")
    parser.add_argument("--repeat", type=int, help="runs per figure (default 15, quick 3)")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 15)
    rounds = 2 if args.quick else 20  # each timed call goes over the profiles this many times

    shipped = load_rules()
    policy = load_policy()
    pack = RulePack([shipped.get(rule_id) for rule_id in HAND_WRITTEN])
    checked = {path.name: load_profile(path) for path in EXAMPLES + CALIBRATION} | fixture_profiles()
    profiles = [checked[path.name] for path in EXAMPLES]
    print(f"readiness {readiness.__version__} engine benchmark{' (quick)' if args.quick else ''}: "
          f"Python {platform.python_version()}, {repeat} runs per figure")

    wrong = disagreements(pack, checked)
    tally = {rule_id: {s: 0 for s in STATUS.values()} for rule_id in HAND_WRITTEN}
    for profile in checked.values():
        for rule_id, by_hand in HAND_WRITTEN.items():
            tally[rule_id][STATUS[by_hand(profile)]] += 1
    total = {s: sum(t[s] for t in tally.values()) for s in STATUS.values()}
    print(f"{len(HAND_WRITTEN)} rules written by hand agree with the engine on {len(checked)} profiles "
          f"({', '.join(f'{n} {s}' for s, n in total.items())})" if not wrong else "DISAGREEMENT")
    for rule_id, counts in tally.items():
        print(f"  {rule_id:<44} {', '.join(f'{n} {s}' for s, n in counts.items())}")
    for line in wrong:
        print("  " + line)
    if wrong:
        return 1

    def engine() -> None:
        for _ in range(rounds):
            for profile in profiles:
                run(profile, pack)

    def engine_all_read() -> None:
        for _ in range(rounds):
            for profile in profiles:
                for o in run(profile, pack).outcomes:
                    o.evidence, o.message  # noqa: B018 - read, as a report reads them

    def by_hand() -> None:
        for _ in range(rounds):
            for profile in profiles:
                for rule in HAND_WRITTEN.values():
                    rule(profile)

    per = rounds * len(profiles)
    figure, baseline = interleaved(engine, by_hand, repeat=repeat)
    ratio = figure[0] / baseline[0]
    print(f"\n{'rules: engine, ' + str(len(pack.rules)) + ' rules, per profile':<48} best {ms(figure[0] / per)}  "
          f"median {ms(figure[1] / per)}")
    print(f"  {'vs the same rules written by hand':<46} best {ms(baseline[0] / per)}  median {ms(baseline[1] / per)}"
          f"  ratio {ratio:5.2f}x slower (goal <= 2.0x)")

    read_all, baseline = interleaved(engine_all_read, by_hand, repeat=repeat)
    print(f"{'rules, all read (evidence items, messages)':<48} best {ms(read_all[0] / per)}  "
          f"median {ms(read_all[1] / per)}")
    print(f"  {'vs the same rules written by hand':<46} best {ms(baseline[0] / per)}  median {ms(baseline[1] / per)}"
          f"  ratio {read_all[0] / baseline[0]:5.2f}x slower")

    full, rules_only = interleaved(lambda: [evaluate(p, shipped, policy=policy) for p in profiles],
                               lambda: [run(p, shipped) for p in profiles], repeat=repeat)
    n = len(profiles)
    print(f"\n{'evaluate: shipped pack (' + str(len(shipped.rules)) + ' rules), per profile':<48} best "
          f"{ms(full[0] / n)}  median {ms(full[1] / n)}  ({n / full[0]:.0f} profiles/s)")
    print(f"  {'vs running its rules alone (engine.run)':<46} best {ms(rules_only[0] / n)}  "
          f"median {ms(rules_only[1] / n)}  ratio {full[0] / rules_only[0]:5.2f}x slower")
    print("\nEvery figure and its baseline were measured in this run; nothing is asserted.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
