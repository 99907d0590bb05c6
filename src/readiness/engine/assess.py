"""An assessment: run the rules against a profile, then score the outcomes under a policy.

load -> validate -> **run (engine.run) -> score (engine.score)** -> report. `evaluate()` is the
composition of the two halves, kept with its signature as the library's entry point.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..model.assessment import Assessment
from ..model.policy import ScoringPolicy
from ..model.profile import Profile
from ..model.rule import RulePack
from ..model.waiver import Waiver
from .run import run
from .score import score


def evaluate(
    profile: Profile | str | Path | dict[str, Any],
    rules: RulePack | None = None,
    *,
    policy: ScoringPolicy | None = None,
    as_of: date | None = None,
    waivers: list[Waiver] | None = None,
) -> Assessment:
    """Run every enabled rule, then score each of the 9 quality statements and the overall rating.

    `profile` may also be a path or a dict; it is then loaded (and validated) first.
    """
    return score(run(profile, rules, as_of=as_of, waivers=waivers), policy)
