"""What a not-evaluable rule lacks is remembered per rule and per pattern of absent facts
(engine.score._wanted): it must be what the rule's own outcome gives, whichever profile met the
pattern first."""

from __future__ import annotations

import pytest

from conftest import REPO
from readiness.engine.run import run
from readiness.engine.score import _missing_facts, _to_collect, score
from readiness.io.packs import load_rules
from readiness.io.profiles import load_profile

PROFILES = sorted((REPO / "examples").glob("*.yaml")) + sorted((REPO / "calibration" / "profiles").glob("*.yaml"))


@pytest.fixture(scope="module")
def pack():
    return load_rules()


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_missing_evidence_is_the_outcomes_own(path, pack):
    result = run(load_profile(path), pack)
    for _ in range(2):  # the second time from what was remembered
        a = score(result)
        outcomes = {o.rule.id: o for o in result.outcomes}
        for s in a.statements:
            for m in s.missing_evidence:
                e = outcomes[m.rule_id]
                assert m.facts == _missing_facts(e)
                assert m.collect == list(dict.fromkeys(w for _, w in _to_collect(e)))
            for c in s.what_to_collect:
                assert all(c.what in [w for _, w in _to_collect(outcomes[r])] for r in c.rules)
