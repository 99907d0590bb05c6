"""Accepted findings: a council may record that it knows a shortfall and has a dated plan.

A waiver never hides a finding: the finding is still reported, marked as waived. Whether it
still counts in the score is the scoring policy's choice (`waived_findings_count`).
Reading a waivers file is io.waivers.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

NonEmpty = Annotated[str, Field(min_length=1, pattern=r"\S")]


class Waiver(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)

    rule: NonEmpty = Field(description="Id of the rule whose finding is accepted.")
    justification: NonEmpty = Field(description="Why, and the plan: e.g. board minute reference.")
    owner: NonEmpty
    expires: date




def applicable_waivers(waivers: list[Waiver], as_of: date, rule_ids: set[str]) -> tuple[dict[str, Waiver], list[str]]:
    """Waivers in force on `as_of` by rule id, and why each other one was ignored."""
    active: dict[str, Waiver] = {}
    notes: list[str] = []
    for w in waivers:
        if w.rule not in rule_ids:
            notes.append(f"ignored waiver for '{w.rule}': no such rule in the pack")
        elif w.expires < as_of:
            notes.append(f"ignored waiver for '{w.rule}': expired on {w.expires.isoformat()}")
        else:
            active[w.rule] = w
    return active, notes
