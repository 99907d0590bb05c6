"""Accepted findings: a council may record that it knows a shortfall and has a dated plan.

A waiver never hides a finding: the finding is still reported, marked as waived. Whether it
still counts in the score is the scoring policy's choice (`waived_findings_count`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import Problem, WaiverError
from ..io.validation import problems_from
from ..io.yamlfile import parse, read_text

NonEmpty = Annotated[str, Field(min_length=1, pattern=r"\S")]


class Waiver(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: NonEmpty = Field(description="Id of the rule whose finding is accepted.")
    justification: NonEmpty = Field(description="Why, and the plan: e.g. board minute reference.")
    owner: NonEmpty
    expires: date


class WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    waivers: list[dict]


def load_waivers(path: str | Path) -> tuple[list[Waiver], list[str]]:
    """Valid waivers, and a note for each malformed one (ignored, never fatal)."""
    path = Path(path)
    text = read_text(path, WaiverError)
    data = parse(text, str(path), WaiverError)
    if not isinstance(data, dict) or not isinstance(data.get("waivers"), list):
        raise WaiverError(Problem("expected a 'waivers:' list at the top of the file", file=str(path), line=1))
    valid, notes = [], []
    for i, raw in enumerate(data["waivers"]):
        try:
            valid.append(Waiver.model_validate(raw))
        except ValidationError as exc:
            for problem in problems_from(exc, Waiver, text=text, file=str(path), prefix=("waivers", i)):
                notes.append(f"ignored malformed waiver: {problem}")
    return valid, notes


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
