"""engine.trend: snapshots in as_of order whatever the order given, each step exactly diff's
compare of the pair, and the three refusals (too few, different councils, one date twice)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import readiness
from clihelp import COUNCIL, LATER, pack_with_tests
from readiness.engine.diff import compare
from readiness.engine.trend import TREND_SCHEMA_VERSION, Trend, TrendError, require_enough, trend

DATES = ["2024-06-30", "2024-07-31", "2024-08-31", "2024-09-30"]


def profile_data(base, as_of: str, name: str | None = None) -> dict:
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    data["council"]["as_of"] = as_of
    if name is not None:
        data["council"]["name"] = name
    return data


@cache
def snapshot(index: int, name: str | None = None) -> readiness.Assessment:
    """Four monthly snapshots: the council, then the PSW in post, then self-serve dropped, then a
    safeguarding fact recorded; each one differs from the one before."""
    data = profile_data(COUNCIL if index < 2 else LATER, DATES[index], name)
    if index == 1:
        data["roles"] = [{"role": "psw", "status": "in-post", "independent_of_operations": True}]
    if index == 3:
        data["safeguarding"] = {"sab_roles_vacant": True}
    return readiness.evaluate(readiness.load_profile(data), pack_with_tests())


FILES = [f"m{i}.yaml" for i in range(4)]


def test_snapshots_are_in_as_of_order_whatever_the_order_given():
    given_order = [2, 0, 3, 1]
    t = trend([snapshot(i) for i in given_order], [FILES[i] for i in given_order])
    assert [s.as_of for s in t.snapshots] == [date.fromisoformat(d) for d in DATES]
    assert [s.file for s in t.snapshots] == FILES  # each file stays with its own snapshot
    assert [(s.from_as_of, s.to_as_of) for s in t.steps] == list(zip([s.as_of for s in t.snapshots][:-1],
                                                                      [s.as_of for s in t.snapshots][1:]))


@settings(max_examples=24, deadline=None)
@given(st.permutations(range(4)))
def test_any_order_gives_the_same_trend(order):
    in_order = trend([snapshot(i) for i in range(4)], FILES)
    shuffled = trend([snapshot(i) for i in order], [FILES[i] for i in order])
    assert shuffled.to_json() == in_order.to_json()


def test_each_step_is_diff_of_the_consecutive_pair():
    t = trend([snapshot(i) for i in (3, 1, 0, 2)])
    assert len(t.steps) == 3
    for i, step in enumerate(t.steps):
        assert step.change == compare(snapshot(i), snapshot(i + 1))
    # and the steps are not empty: the fixture moves findings at every step
    for step in t.steps:
        assert any(c.appeared or c.cleared for c in step.change.statements), step.to_as_of
    gms = {c.code: c for c in t.steps[0].change.statements}["GMS"]
    assert "test-psw-interim" in [f.rule_id for f in gms.cleared]


def test_a_snapshot_carries_each_statement_its_coverage_and_the_overall():
    t = trend([snapshot(i) for i in range(3)], FILES[:3])
    for snap, a in zip(t.snapshots, [snapshot(i) for i in range(3)]):
        assert [p.predicted_score for p in snap.statements] == [s.predicted_score for s in a.statements]
        assert [p.percent for p in snap.statements] == [s.percent for s in a.statements]
        assert [(p.checks_evaluable, p.checks_total) for p in snap.statements] == [
            (s.checks_evaluable, s.checks_total) for s in a.statements]
        assert snap.checks_total == len(a.rules) == a.rules_evaluated
        assert snap.checks_evaluable == len([r for r in a.rules if r.status != "not-evaluable"])
        assert 0 < snap.checks_evaluable < snap.checks_total
        assert snap.overall_rating == a.overall.rating and snap.overall_percent == a.overall.score_percent
        assert snap.rating_over_evidenced == a.overall.rating_over_evidenced
        assert snap.statements_evidenced == a.overall.statements_evidenced
    assert t.council == snapshot(0).council.name


def test_json_is_stable_versioned_and_round_trips():
    t = trend([snapshot(i) for i in range(3)], FILES[:3])
    text = t.to_json()
    assert text == trend([snapshot(i) for i in range(3)], FILES[:3]).to_json()
    data = json.loads(text)
    assert list(data)[0] == "schema_version" and data["schema_version"] == TREND_SCHEMA_VERSION
    assert Trend.model_validate_json(text) == t
    assert data["steps"][0]["change"] == json.loads(compare(snapshot(0), snapshot(1)).to_json())


def test_the_public_api_exports_trend():
    assert readiness.trend is trend and readiness.Trend is Trend
    assert "trend" in readiness.__all__ and "Trend" in readiness.__all__


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 2])
def test_fewer_than_three_snapshots_are_refused_pointing_to_diff(count):
    with pytest.raises(TrendError) as caught:
        trend([snapshot(i) for i in range(count)], FILES[:count])
    message = caught.value.describe()
    assert "at least 3 snapshots" in message and "readiness diff" in message
    assert f"{count} given" in message
    for f in FILES[:count]:
        assert f in message


def test_the_count_is_refused_before_anything_is_loaded():
    with pytest.raises(TrendError, match="readiness diff"):
        require_enough(["a.yaml", "b.yaml"])
    require_enough(["a.yaml", "b.yaml", "c.yaml"])


def test_snapshots_of_different_councils_are_refused_naming_both_and_the_files():
    other = snapshot(1, name="Elsewhere District Council")
    with pytest.raises(TrendError) as caught:
        trend([snapshot(0), other, snapshot(2)], ["ours-june.yaml", "theirs.yaml", "ours-aug.yaml"])
    message = caught.value.describe()
    assert message.startswith("theirs.yaml: field 'council.name'")
    assert "'Elsewhere District Council'" in message and repr(snapshot(0).council.name) in message
    assert "ours-june.yaml" in message
    assert len(caught.value.problems) == 1  # the odd one out, not the two that agree


def test_two_snapshots_of_one_date_are_refused_naming_the_files():
    again = snapshot(0)
    with pytest.raises(TrendError) as caught:
        trend([snapshot(0), snapshot(1), again], ["june.yaml", "july.yaml", "june-copy.yaml"])
    message = caught.value.describe()
    assert "june-copy.yaml" in message and "june.yaml" in message and "2024-06-30" in message
    assert "council.as_of" in message


def test_every_problem_is_said_at_once_and_without_files_the_snapshots_are_named():
    odd = snapshot(1, name="Elsewhere")
    with pytest.raises(TrendError) as caught:
        trend([snapshot(0), snapshot(0), odd, snapshot(2)])
    message = caught.value.describe()
    assert message.startswith("2 problem(s) with the snapshots:")
    assert "snapshot 3 (as of 2024-07-31) is of 'Elsewhere'" in message
    assert "as of 2024-06-30" in message and "<input>" not in message


def test_files_must_match_the_assessments():
    with pytest.raises(ValueError):
        trend([snapshot(i) for i in range(3)], FILES[:2])
