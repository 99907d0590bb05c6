"""The shipped policy is the one the calibration fits, and docs/calibration.md publishes the
cross-validated figures that fit gives (issue: calibrated prediction)."""

from __future__ import annotations

import pytest

import readiness
from conftest import REPO
from readiness.calibrate import calibrate, load_cases
from readiness.calibrate.fit import numbers
from readiness.calibrate.report import with_figures


@pytest.fixture(scope="module")
def report():
    return calibrate(load_cases(REPO / "calibration"))


def test_the_shipped_policy_is_the_fitted_one(report):
    assert numbers(readiness.load_policy()) == numbers(report.policy), (
        "rules/policy/scoring.yaml is not the policy `readiness calibrate calibration/` fits: "
        "refit (readiness calibrate calibration/ -o FILE) and ship it, or say why not")


def test_the_published_figures_are_the_ones_the_fit_gives(report):
    page = (REPO / "docs" / "calibration.md").read_text(encoding="utf-8")
    assert with_figures(page, report) == page, "docs/calibration.md is stale: run python -m readiness.docgen docs"


def test_no_case_is_predicted_by_a_policy_fitted_on_its_own_council(report):
    for fold in report.folds:
        own = {c.case for c in report.cases if c.council == fold.council}
        assert own == set(fold.tested_on) and not own & set(fold.trained_on)


def test_the_figures_do_not_depend_on_the_numbers_shipped(report):
    """Every fold starts from the same origin, never from numbers fitted on the held-out council."""
    from readiness.calibrate.fit import with_numbers

    elsewhere = with_numbers(readiness.load_policy(), {"category_score.start": 3.0, "priors.strength": 2.0,
                                                       "evidence_log.points_scale": 0.0})
    again = calibrate(load_cases(REPO / "calibration"), start=elsewhere)
    assert again.predicted == report.predicted and again.cv == report.cv


def test_every_case_the_prediction_misses_is_explained_in_the_docs(report):
    page = (REPO / "docs" / "calibration.md").read_text(encoding="utf-8")
    explained = page.split("## The cases the cross-validated prediction still misses, and why", 1)[1]
    missed = [c.case for c in report.cases if report.predicted[c.case] != c.published]
    assert all(f"**{case}**" in explained for case in missed), missed
