"""Scenarios: a profile and the scores it must get. The labelled data of calibration, as YAML.

    scenarios:
      - name: Blackpool 2024 (CQC published GMS 1, PC 2)
        profile: ../../examples/blackpool-2024.yaml   # a file (relative to this one), or the profile itself
        as_of: 2024-06-30                             # optional: measure ages from this date
        policy: ../my-policy.yaml                     # optional: score under this policy
        expect:
          scores: {GMS: 1, partnerships-and-communities: 2}   # statement id or code -> score
          rating: Requires improvement                         # optional
          findings: {GMS: [gms-data-not-used-for-planning]}   # rules that must be among its findings
          not_findings: {GMS: [gms-psw-not-in-post]}           # rules that must not
          messages: {gms-policies-draft-or-out-of-date: [Prevention strategy]}  # words a finding must say
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Expected(_Strict):
    scores: dict[str, int] = Field(default_factory=dict)
    rating: str | None = None
    findings: dict[str, list[str]] = Field(default_factory=dict)
    not_findings: dict[str, list[str]] = Field(default_factory=dict)
    messages: dict[str, list[str]] = Field(default_factory=dict)


class Scenario(_Strict):
    name: str
    profile: str | dict[str, Any] = Field(description="A profile file (relative to the scenario file), or a profile.")
    as_of: date | None = None
    policy: str | None = Field(None, description="A scoring policy file (relative to the scenario file).")
    expect: Expected


class ScenarioFile(_Strict):
    scenarios: list[Scenario] = Field(min_length=1)
