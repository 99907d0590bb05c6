"""The calibration set: every profile loads, every case has its profile and its fact count, and
the fact-fit table in docs/calibration.md is the one the fact files give."""

from __future__ import annotations

import csv

import pytest

import readiness
from conftest import REPO
from readiness.docgen import fact_fit

CAL = REPO / "calibration"
CASES = [row["case"] for row in csv.DictReader((CAL / "scores.csv").open(encoding="utf-8"))]
PROFILES = sorted(CAL.glob("profiles/*.yaml")) + sorted((REPO / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_every_shipped_and_calibration_profile_loads_and_assesses(path):
    assessment = readiness.evaluate(readiness.load_profile(path))
    assert len(assessment.statements) == 9


def test_every_case_has_a_profile_and_a_fact_count():
    assert len(CASES) == 24
    assert sorted(p.stem for p in CAL.glob("profiles/*.yaml")) == sorted(CASES)
    assert sorted(fact_fit.read_counts(CAL / "facts")) == sorted(CASES)


def test_calibration_profiles_are_format_2_with_a_source_per_item():
    for case in CASES:
        text = (CAL / "profiles" / f"{case}.yaml").read_text(encoding="utf-8")
        profile = readiness.load_profile(CAL / "profiles" / f"{case}.yaml")
        assert profile.format_version == 2, case
        items = [*(profile.feedback or []), *(profile.documents or []), *(profile.evidence or []),
                 *(profile.services or []), *(profile.indicators or [])]
        assert all(i.source for i in items), f"{case}: an item without a source"
        assert "seed" not in text.lower().replace("seeds", ""), case


def test_the_fact_fit_table_in_the_docs_is_current():
    page = (REPO / "docs" / "calibration.md").read_text(encoding="utf-8")
    assert fact_fit.updated(page, fact_fit.read_counts(CAL / "facts")) == page, (
        "docs/calibration.md is stale: run python -m readiness.docgen docs")


def test_a_grade_other_than_exact_needs_a_note(tmp_path):
    (tmp_path / "x.yaml").write_text("case: x\nfacts:\n  - {text: a, fit: approximate}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="has no note"):
        fact_fit.read_counts(tmp_path)
    (tmp_path / "x.yaml").write_text("case: x\nfacts:\n  - {text: a, fit: roughly}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected one of exact"):
        fact_fit.read_counts(tmp_path)
