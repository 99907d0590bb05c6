"""The assessment model: lookups and its JSON contract."""

from __future__ import annotations

import json

import pytest

import readiness
from readiness.model.assessment import SCHEMA_VERSION, Assessment
from readiness.model.rule import RulePack

PROFILE = readiness.load_profile({"council": {"name": "T", "as_of": "2024-06-30"}})


def test_statement_lookup():
    a = readiness.evaluate(PROFILE, RulePack([]))
    assert a.statement("safeguarding").code == "SG"
    with pytest.raises(KeyError):
        a.statement("nope")


def test_json_round_trips_and_carries_the_schema_version():
    a = readiness.evaluate(PROFILE, RulePack([]))
    text = a.to_json()
    data = json.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert Assessment.model_validate_json(text) == a
    assert [t["note"] for t in data["themes"]] == ["Derived by readiness: CQC publishes no theme scores."] * 4


def test_the_model_rejects_unknown_fields():
    data = json.loads(readiness.evaluate(PROFILE, RulePack([])).to_json())
    data["surprise"] = 1
    with pytest.raises(Exception):
        Assessment.model_validate(data)


def test_statement_lookup_by_id_code_or_name_in_any_case():
    import readiness
    from conftest import EXAMPLES

    a = readiness.evaluate(EXAMPLES / "bristol-2024.yaml")
    gms = a.statement("governance-management-and-sustainability")
    assert a.statement("GMS") is gms and a.statement("gms") is gms
    assert a.statement("Governance, management and sustainability") is gms
    with pytest.raises(KeyError):
        a.statement("governance")
