"""Profile format versions: detected before validation, older ones upgraded by registered steps."""

from __future__ import annotations

import pytest

from readiness.io.profiles import load_profile
from readiness.model import versions
from readiness.model.errors import ProfileError

COUNCIL = {"name": "X", "as_of": "2024-06-30"}


def test_a_profile_without_a_version_is_format_1():
    assert versions.version_of({"council": COUNCIL}) == 1
    assert versions.version_of({"format_version": 2}) == 2
    assert versions.version_of({"format_version": 9}) is None  # unknown: validation says so
    assert versions.version_of({"format_version": True}) is None


def test_format_1_upgrades_to_today_unchanged():
    data = {"council": COUNCIL}
    assert versions.upgrade(dict(data)) == data
    assert load_profile({"council": COUNCIL}).format_version is None  # the key is not invented


def test_an_unknown_version_is_a_located_error():
    with pytest.raises(ProfileError) as caught:
        load_profile({"format_version": 9, "council": COUNCIL})
    assert caught.value.problems[0].field == "format_version"


def test_a_registered_upgrader_runs_before_validation(monkeypatch):
    monkeypatch.setattr(versions, "CURRENT", 3)
    monkeypatch.setitem(versions.UPGRADERS, 2, lambda data: {**data, "council": {**data["council"], "name": "Renamed"}})
    assert versions.upgrade({"format_version": 2, "council": COUNCIL})["council"]["name"] == "Renamed"
    assert versions.upgrade({"council": COUNCIL})["council"]["name"] == "Renamed"  # 1 -> 2 -> 3
