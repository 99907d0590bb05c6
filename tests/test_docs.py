"""Generated reference pages match the code and the rules they describe."""

from __future__ import annotations

import pytest

from conftest import REPO
from readiness.docgen import reference as docgen


def test_profile_reference_is_current():
    on_disk = (REPO / "docs" / "profile.md").read_text(encoding="utf-8")
    assert on_disk == docgen.profile_reference(), "docs/profile.md is stale: run python -m readiness.docgen docs"


def test_rules_catalogue_is_current():
    describe = pytest.importorskip("readiness.docgen.catalogue")
    import readiness

    on_disk = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == describe.rules_catalogue(readiness.load_rules()), (
        "docs/rules.md is stale: run python -m readiness.docgen docs")


def test_indicator_reference_is_current():
    on_disk = (REPO / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert on_disk == docgen.indicators_reference(), "docs/indicators.md is stale: run python -m readiness.docgen docs"
