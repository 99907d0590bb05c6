"""The shipped pack separates a weak, a typical and a strong council built from one template,
and reads mixed evidence as mixed (domain notes 6.2: Assessing needs is where councils most
often fall short; Partnerships and Learning where they most often do well)."""

from __future__ import annotations

import pytest
import yaml

import readiness
from conftest import REPO
from readiness.io.fixtures import merge

COUNCILS = REPO / "tests" / "data" / "councils"


def council(name: str):
    base = yaml.safe_load((COUNCILS / "typical.yaml").read_text(encoding="utf-8"))
    if name != "typical":
        base = merge(base, yaml.safe_load((COUNCILS / f"{name}.yaml").read_text(encoding="utf-8")))
    return readiness.evaluate(readiness.load_profile(base))


@pytest.fixture(scope="module")
def results():
    return {name: council(name) for name in ("weak", "typical", "strong")}


def scores(a) -> dict[str, int]:
    return {s.code: s.predicted_score for s in a.statements}


def test_totals_are_ordered(results):
    totals = {k: v.overall.total_score for k, v in results.items()}
    assert totals["weak"] < totals["typical"] < totals["strong"], totals


def test_no_statement_gets_worse_as_evidence_improves(results):
    weak, typical, strong = (scores(results[k]) for k in ("weak", "typical", "strong"))
    for code in typical:
        assert weak[code] <= typical[code] <= strong[code], (code, weak[code], typical[code], strong[code])


def test_mixed_evidence_is_not_uniform(results):
    typical = scores(results["typical"])
    assert len(set(typical.values())) > 1, typical
    assert 2 in typical.values() and 3 in typical.values()


def test_typical_follows_the_national_pattern(results):
    typical = scores(results["typical"])
    assert typical["AN"] <= min(typical["PC"], typical["LII"])
    # Under the calibrated policy a mixed record in partnerships (four strengths, two shortfalls)
    # sits just under a 3; what the national pattern asks is that partnerships and learning are
    # where a typical council does best, and that at least one of them reaches a good standard.
    others = [score for code, score in typical.items() if code not in ("PC", "LII")]
    assert min(typical["PC"], typical["LII"]) >= max(others)
    assert max(typical["PC"], typical["LII"]) >= 3


def test_weak_council_has_significant_shortfalls_flagged(results):
    weak = results["weak"]
    assert weak.overall.notification_risk_statements
    assert scores(weak)["AN"] == 1


def test_strong_council_reaches_exceptional_where_evidence_is_exceptional(results):
    strong = scores(results["strong"])
    assert 4 in strong.values()
    assert results["strong"].overall.rating in {"Good", "Outstanding"}


def test_confidence_is_at_least_medium_when_the_template_is_filled(results):
    # Not every group has spoken on every statement, so some categories stay not evidenced.
    for a in results.values():
        assert all(s.confidence_label in {"medium", "high"} for s in a.statements), [
            (s.code, s.confidence) for s in a.statements]


def test_weak_council_is_rated_inadequate(results):
    assert results["weak"].overall.rating == "Inadequate"
