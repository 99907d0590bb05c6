"""National base rates: how 72 assessed councils were scored on each quality statement.

External data (data/base_rates.yaml, from the domain notes 6.2), never fitted to calibration
cases. Read by scoring (context for a statement that is not evidenced, and the optional
per-statement priors) and by `readiness calibrate` (the per-statement majority baseline).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from .framework import read_data


@dataclass(frozen=True)
class BaseRates:
    councils: int
    source: str
    counts: dict[str, dict[int, int]]  # statement id -> {score: councils}

    def shares(self, statement_id: str) -> dict[int, float]:
        c = self.counts[statement_id]
        total = sum(c.values())
        return {s: round(c.get(s, 0) / total, 3) for s in (1, 2, 3, 4)}

    def mean(self, statement_id: str) -> float:
        c = self.counts[statement_id]
        return sum(s * n for s, n in c.items()) / sum(c.values())

    def overall_mean(self) -> float:
        """The mean of the nine statement means (every statement weighted equally, as CQC does)."""
        return self._overall_mean

    @cached_property
    def _overall_mean(self) -> float:  # (asked for each statement scored, and the data never change)
        return sum(self.mean(s) for s in self.counts) / len(self.counts)

    def majority(self, statement_id: str) -> int:
        """The score most councils got (ties go to the lower score)."""
        c = self.counts[statement_id]
        return max((1, 2, 3, 4), key=lambda s: (c.get(s, 0), -s))

    def prior_offset(self, statement_id: str) -> float:
        """How far the statement's national mean sits from the mean of all statements."""
        return self._offsets[statement_id]

    @cached_property
    def _offsets(self) -> dict[str, float]:  # (asked each time a statement is scored, on the path too)
        return {s: self.mean(s) - self.overall_mean() for s in self.counts}


@cache
def base_rates() -> BaseRates:
    raw = read_data("base_rates.yaml")
    counts = {sid: {int(k): int(v) for k, v in row.items()} for sid, row in raw["counts"].items()}
    return BaseRates(councils=int(raw["councils"]), source=str(raw["source"]).strip(), counts=counts)
