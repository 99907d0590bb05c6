"""The scoring policy: bands, rounding, category arithmetic, limits, and loading a policy."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import readiness
from readiness.model.errors import RuleError
from readiness.model.rule import RulePack
from readiness.io.packs import shipped_pack_dir
from readiness.model.policy import EFFECTS, ScoringPolicy, score_statement
from readiness.io.policy import load_policy

SHIPPED_POLICY = shipped_pack_dir() / "policy" / "scoring.yaml"
# The arithmetic is tested with the hand-set policy, whose numbers never change with a refit.
HANDSET = Path(__file__).parent / "data" / "policy-handset.yaml"
POLICY = load_policy(HANDSET)


def variant(tmp_path: Path, **changes) -> ScoringPolicy:
    """The hand-set policy with some top-level keys replaced, loaded from a file."""
    data = yaml.safe_load(HANDSET.read_text())
    data.update(changes)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data))
    return load_policy(path)


def test_shipped_policy_loads_and_is_cached():
    shipped = load_policy()
    assert shipped.policy_version == 1
    assert shipped.rounding == "half-up"
    assert load_policy() is shipped
    assert load_policy(SHIPPED_POLICY) == shipped
    assert set(shipped.category_score.points) == set(EFFECTS)


# --- bands and rounding --------------------------------------------------------------------


@pytest.mark.parametrize("percent, score", [
    (0, 1), (25, 1), (38.0, 1), (38.4, 1), (38.5, 2), (38.9, 2), (39, 2), (62.4, 2), (62.5, 3), (63, 3),
    (87.4, 3), (87.5, 4), (88, 4), (100, 4),
])
def test_score_bands_half_up(percent, score):
    assert POLICY.band_score(percent) == score


def test_fourteen_of_thirty_six_depends_on_rounding(tmp_path):
    truncate = variant(tmp_path, rounding="truncate")
    percent = 100 * 14 / 36  # 38.9%, in CQC's gap between 38 and 39
    assert POLICY.whole_percent(percent) == 39 and truncate.whole_percent(percent) == 38
    assert POLICY.rating(percent) == "Requires improvement"
    assert truncate.rating(percent) == "Inadequate"
    assert POLICY.band_score(percent) == 2 and truncate.band_score(percent) == 1


@pytest.mark.parametrize("total, rating", [
    (9, "Inadequate"), (12, "Inadequate"), (13, "Inadequate"), (15, "Requires improvement"),
    (18, "Requires improvement"), (22, "Requires improvement"), (23, "Good"), (24, "Good"), (31, "Good"),
    (32, "Outstanding"), (36, "Outstanding"),
])
def test_overall_examples_from_the_domain_notes(total, rating):
    assert POLICY.rating(100 * total / 36) == rating


def test_every_nine_statement_total_follows_the_integer_rule():
    for total in range(9, 37):
        expected = ("Outstanding" if total >= 32 else "Good" if total >= 23 else
                    "Requires improvement" if total >= 14 else "Inadequate")  # 14: half-up convention
        assert POLICY.rating(100 * total / 36) == expected, total


def test_half_up_is_exact_at_the_half():
    assert POLICY.whole_percent(62.5) == 63
    assert POLICY.whole_percent(62.49) == 62
    assert POLICY.whole_percent(100 * 5 / 8) == 63  # 62.5 computed


def test_all_nine_scored_two_is_fifty_percent_requires_improvement():
    """Lancashire: all nine 2s = 18/36 = 50%. With no rules at all every statement defaults to 2."""
    profile = readiness.load_profile({"council": {"name": "L", "as_of": "2024-06-30"}})
    overall = readiness.evaluate(profile, RulePack([])).overall
    assert (overall.total_score, overall.score_percent, overall.rating) == (18, 50.0, "Requires improvement")
    assert (overall.next_rating, overall.points_to_next_rating) == ("Good", 5)  # 23/36


# --- category arithmetic -------------------------------------------------------------------


@pytest.mark.parametrize("effects, points", [
    ([], 2.25),
    (["good-strength"], 2.75),
    (["exceptional-strength"], 3.25),
    (["some-shortfall"], 1.75),
    (["significant-shortfall"], 1.0),
    (["good-strength", "some-shortfall"], 2.25),
    (["exceptional-strength"] * 3, 4.0),  # capped at max
    (["significant-shortfall"] * 2, 1.0),  # floored at min
    (["exceptional-strength", "good-strength", "some-shortfall"], 3.25),
])
def test_category_points(effects, points):
    assert POLICY.category_points(effects) == pytest.approx(points)


def test_statement_percent_is_the_mean_category_score_over_four():
    result = score_statement(POLICY, [("exceptional-strength", "people"), ("good-strength", "processes")],
                             ["people", "processes", "partners"])
    assert result.category_scores == {"partners": 2.25, "people": 3.25, "processes": 2.75}
    assert result.percent == round(100 * (2.25 + 3.25 + 2.75) / 12, 1)  # 68.8
    assert result.score == 3 and result.limits == []


def test_no_limit_when_an_exceptional_strength_is_shown():
    result = score_statement(POLICY, [("exceptional-strength", "people"), ("exceptional-strength", "processes"),
                                      ("good-strength", "processes")], ["people", "processes"])
    assert result.category_scores == {"people": 3.25, "processes": 3.75}
    assert result.percent == 87.5 and result.score == 4 and result.limits == []


def test_findings_in_a_category_count_as_evidence_for_it():
    result = score_statement(POLICY, [("some-shortfall", "partners")], [])
    assert result.category_scores == {"partners": 1.75}


# --- limits --------------------------------------------------------------------------------

def reason(max_score: int, significant: int | None = None) -> str:
    """The reason of the shipped limit capping at `max_score` (on significant shortfalls, if given)."""
    [limit] = [lim for lim in POLICY.limits if lim.max_score == max_score and (
        significant is None or getattr(lim.when.get("significant-shortfall"), "at_least", None) == significant)]
    return limit.reason


FOUR = ["people", "staff-and-leaders", "partners", "processes"]
STRONG = [("exceptional-strength", c) for c in FOUR] + [("good-strength", c) for c in FOUR]


def test_without_limits_the_strong_profile_scores_four():
    assert score_statement(POLICY, STRONG, FOUR).score == 4


def test_two_significant_shortfalls_cap_at_one():
    result = score_statement(POLICY, STRONG + [("significant-shortfall", "people")] * 2, FOUR)
    assert result.percent > 75
    assert result.score == 1
    assert result.limits == [reason(max_score=1)]
    assert "Two or more significant shortfalls" in result.limits[0]


def test_one_significant_shortfall_caps_at_two():
    result = score_statement(POLICY, STRONG + [("significant-shortfall", "people")], FOUR)
    assert result.score == 2
    assert result.limits == [reason(max_score=2, significant=1)]


def test_one_evidence_category_caps_at_two():
    result = score_statement(POLICY, [("exceptional-strength", "people")] * 2, ["people"])
    assert result.percent == 100.0 and result.score == 2
    assert "two of CQC's four evidence categories" in result.limits[0]


def test_no_exceptional_strength_caps_at_three():
    result = score_statement(POLICY, [("good-strength", c) for c in FOUR] * 3, FOUR)
    assert result.percent == 93.8 and result.score == 3
    assert result.limits == ["An exceptional standard (4) needs at least one exceptional strength."]


def test_limits_only_report_when_they_bite():
    result = score_statement(POLICY, [("significant-shortfall", "people")] * 2, FOUR)
    assert result.percent == 48.4  # (1.0 + 3 * 2.25) / 16: a 2 by the bands ...
    assert result.score == 1 and result.limits == [reason(max_score=1)]  # ... held at 1
    alone = score_statement(POLICY, [("significant-shortfall", "people")], ["people"])
    assert (alone.percent, alone.score, alone.limits) == (25.0, 1, [])  # caps at 2 and 3 do not bite


def test_limits_do_not_raise_a_score():
    result = score_statement(POLICY, [("significant-shortfall", c) for c in FOUR], FOUR)
    assert result.percent == 25.0 and result.score == 1
    assert result.limits == []  # already at 1: no limit bit


def test_no_evidence_default():
    result = score_statement(POLICY, [], [])
    assert (result.score, result.percent, result.category_scores, result.limits) == (2, None, {}, [])


def test_no_evidence_score_comes_from_the_policy(tmp_path):
    assert score_statement(variant(tmp_path, no_evidence_score=1), [], []).score == 1


def test_bands_use_the_exact_percentage_not_a_rounded_one(tmp_path):
    """38.975% truncates to 38 (a 1); rounding it to 39.0% first would make it a 2."""
    policy = variant(tmp_path, rounding="truncate", limits=[],
                     category_score={"start": 1.559, "min": 1, "max": 4, "points": POLICY.category_score.points})
    result = score_statement(policy, [], ["processes"])
    assert result.percent == 39.0  # shown to one decimal
    assert result.score == 1


def test_confidence_labels():
    assert [POLICY.confidence_label(c) for c in (0, 0.49, 0.5, 0.74, 0.75, 1)] == [
        "low", "low", "medium", "medium", "high", "high"]


# --- loading a policy ----------------------------------------------------------------------


def test_a_replacement_policy_changes_the_result(tmp_path):
    generous = variant(tmp_path, category_score={"start": 3.0, "min": 1, "max": 4,
                                                 "points": POLICY.category_score.points}, limits=[])
    assert generous.policy_version == 1
    assert score_statement(generous, [], ["people", "processes"]).score == 3
    assert score_statement(POLICY, [], ["people", "processes"]).score == 2
    profile = readiness.load_profile({"council": {"name": "L", "as_of": "2024-06-30"}})
    assert readiness.evaluate(profile, RulePack([]), policy=variant(tmp_path, no_evidence_score=3)).overall.rating == "Good"


def policy_error(tmp_path: Path, text: str):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(RuleError) as exc:
        load_policy(path)
    return exc.value.problems


def shipped_text() -> str:
    return SHIPPED_POLICY.read_text()


def test_policy_unknown_key_names_file_and_line(tmp_path):
    text = shipped_text().replace("rounding: half-up", "rounding: half-up\nroundng: truncate")
    [p] = policy_error(tmp_path, text)
    assert p.file.endswith("bad.yaml") and p.field == "roundng"
    assert p.line == text.splitlines().index("roundng: truncate") + 1
    assert "did you mean 'rounding'" in p.message


def test_policy_bad_value(tmp_path):
    text = shipped_text().replace("rounding: half-up", "rounding: nearest")
    [p] = policy_error(tmp_path, text)
    assert p.field == "rounding" and "half-up" in p.message
    assert p.line == text.splitlines().index("rounding: nearest") + 1


def test_policy_unknown_effect(tmp_path):
    text = shipped_text().replace("good-strength: 0.5", "good-strenght: 0.5")
    problems = policy_error(tmp_path, text)
    assert problems and all(p.file.endswith("bad.yaml") and p.line for p in problems)
    assert any("category_score.points" in (p.field or "") for p in problems)


def test_policy_bands_must_start_at_zero(tmp_path):
    text = shipped_text().replace("  - {from_percent: 0, score: 1}\n", "")
    [p] = policy_error(tmp_path, text)
    assert "score_bands must include a band from_percent: 0" in p.message
    assert "{" not in p.message  # the policy itself is not dumped into the message


def test_policy_syntax_error_and_missing_file(tmp_path):
    [p] = policy_error(tmp_path, "policy_version: [1\n")
    assert p.line and "not valid YAML" in p.message
    with pytest.raises(RuleError, match="file not found"):
        load_policy(tmp_path / "none.yaml")
