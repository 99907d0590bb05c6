"""Calibration: the shipped rules and scoring policy, unchanged between cases, reproduce the
scores CQC published for the seed councils, and explain them with the facts CQC named."""

from __future__ import annotations

import pytest

import readiness
from conftest import EXAMPLES

PACK = readiness.load_rules()


def assess(name: str):
    return readiness.evaluate(readiness.load_profile(EXAMPLES / name), PACK)


@pytest.fixture(scope="module")
def blackpool():
    return assess("blackpool-2024.yaml")


@pytest.fixture(scope="module")
def bristol():
    return assess("bristol-2024.yaml")


def fired(statement) -> set[str]:
    return {f.rule_id for f in statement.findings}


# The published scores themselves, the rules CQC's findings name and the words their messages
# carry are scenario fixtures: tests/scenarios/published-scores.yaml (run by test_scenarios.py).
# What a scenario cannot say stays here.


def test_blackpool_governance_carries_the_notification_risk(blackpool):
    assert blackpool.statement("governance-management-and-sustainability").notification_risk


def test_blackpool_governance_names_the_stalled_peer_review(blackpool):
    gms = blackpool.statement("governance-management-and-sustainability")
    assert any("peer" in f.title.lower() and f.kind == "shortfall" for f in gms.findings), fired(gms)


def test_blackpool_partnerships_has_shortfalls_and_strengths(blackpool):
    pc = blackpool.statement("partnerships-and-communities")
    kinds = {f.kind for f in pc.findings}
    assert kinds == {"shortfall", "strength"}, "CQC found both shortfalls and strengths (seed 001)"


def test_blackpool_partnerships_explained(blackpool):
    pc = blackpool.statement("partnerships-and-communities")
    text = " ".join(f.message + " " + f.title for f in pc.findings).lower()
    assert "voluntary" in text          # no unified strategy for the voluntary sector
    assert "monitor" in text            # joint Health and Wellbeing Strategy not monitored
    assert "better care fund" in text or "pooled" in text  # the strength CQC noted


def test_bristol_governance_is_a_3_with_shortfalls_noted(bristol):
    gms = bristol.statement("governance-management-and-sustainability")
    assert any(f.kind == "shortfall" for f in gms.findings)  # a 3 with shortfalls noted, not a clean sheet


def test_same_rules_and_policy_for_every_case(blackpool, bristol):
    assert blackpool.rules_evaluated == bristol.rules_evaluated == len(PACK.active())
    assert blackpool.policy_version == bristol.policy_version


def test_unscored_statements_stay_predictions_with_confidence(bristol):
    # The Bristol seed speaks only to governance: other statements lack evidence and say so.
    an = bristol.statement("assessing-needs")
    gms = bristol.statement("governance-management-and-sustainability")
    assert an.confidence < gms.confidence
    assert an.missing_evidence
