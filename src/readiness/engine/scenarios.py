"""Running a scenario: assess its profile and say every way the result differs from what it expects."""

from __future__ import annotations

from pathlib import Path

from ..io.policy import load_policy
from ..io.profiles import load_profile
from ..model.assessment import Assessment
from ..model.rule import RulePack
from ..model.scenario import Scenario
from .assess import evaluate


def assess_scenario(scenario: Scenario, folder: Path, pack: RulePack | None = None) -> Assessment:
    """The assessment of a scenario's profile (file paths are relative to `folder`)."""
    profile = load_profile(scenario.profile if isinstance(scenario.profile, dict) else folder / scenario.profile)
    policy = load_policy(folder / scenario.policy) if scenario.policy else None
    return evaluate(profile, pack, policy=policy, as_of=scenario.as_of)


def mismatches(scenario: Scenario, assessment: Assessment) -> list[str]:
    """Each expectation the assessment does not meet, in words (empty: the scenario holds)."""
    want, out = scenario.expect, []
    for statement, score in want.scores.items():
        got = assessment.statement(statement).predicted_score
        if got != score:
            out.append(f"{statement}: expected {score}, predicted {got}")
    if want.rating is not None and assessment.overall.rating != want.rating:
        out.append(f"rating: expected {want.rating}, got {assessment.overall.rating}")
    for statement, rule_ids in want.findings.items():
        fired = {f.rule_id for f in assessment.statement(statement).findings}
        out += [f"{statement}: expected finding {r}" for r in rule_ids if r not in fired]
    for statement, rule_ids in want.not_findings.items():
        fired = {f.rule_id for f in assessment.statement(statement).findings}
        out += [f"{statement}: unexpected finding {r}" for r in rule_ids if r in fired]
    messages = {f.rule_id: f.message for s in assessment.statements for f in s.findings}
    for rule_id, words in want.messages.items():
        out += [f"{rule_id}: message does not say {w!r}" for w in words if w not in messages.get(rule_id, "")]
    return out
