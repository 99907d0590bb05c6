"""The scoring policy (declarative) and the arithmetic that applies it.

Kept apart from the engine so a policy can be swapped and its arithmetic tested on its own.
Reading a policy file is io.policy.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Effect = Literal["significant-shortfall", "some-shortfall", "good-strength", "exceptional-strength"]
EFFECTS: tuple[str, ...] = ("significant-shortfall", "some-shortfall", "good-strength", "exceptional-strength")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CategoryScore(_Strict):
    start: float = Field(ge=1, le=4)
    min: float = Field(1, ge=1, le=4)
    max: float = Field(4, ge=1, le=4)
    points: dict[Effect, float]


class ScoreBand(_Strict):
    from_percent: float = Field(ge=0, le=100)
    score: int = Field(ge=1, le=4)


class RatingBand(_Strict):
    from_percent: float = Field(ge=0, le=100)
    rating: str


class Bound(_Strict):
    at_least: int | None = Field(None, ge=0)
    at_most: int | None = Field(None, ge=0)


class Limit(_Strict):
    """Caps a score: `when` bounds counts of findings by effect, or `evidence-categories`
    (how many of the four evidence categories had at least one rule that could be checked)."""

    when: dict[Literal[Effect, "evidence-categories"], Bound] = Field(min_length=1)
    max_score: int | None = Field(None, ge=1, le=4)
    min_score: int | None = Field(None, ge=1, le=4)
    reason: str

    @model_validator(mode="after")
    def _one_bound(self) -> Limit:
        if (self.max_score is None) == (self.min_score is None):
            raise ValueError("a limit sets exactly one of max_score or min_score")
        return self

    def applies(self, counts: Counter[str]) -> bool:
        return all(
            (b.at_least is None or counts[e] >= b.at_least) and (b.at_most is None or counts[e] <= b.at_most)
            for e, b in self.when.items()
        )


class ConfidenceLabel(_Strict):
    from_: float = Field(alias="from", ge=0, le=1)
    label: str


class OverallPolicy(_Strict):
    rating_bands: list[RatingBand] = Field(min_length=1)


class ScoringPolicy(_Strict):
    policy_version: int
    category_score: CategoryScore
    score_bands: list[ScoreBand] = Field(min_length=1)
    rounding: Literal["half-up", "truncate"]
    limits: list[Limit] = Field(default_factory=list)
    no_evidence_score: int = Field(ge=1, le=4)
    waived_findings_count: bool
    overall: OverallPolicy
    confidence_labels: list[ConfidenceLabel] = Field(min_length=1)

    @model_validator(mode="after")
    def _bands_cover_zero(self) -> ScoringPolicy:
        for name, bands in (("score_bands", self.score_bands), ("overall.rating_bands", self.overall.rating_bands)):
            if min(b.from_percent for b in bands) != 0:
                raise ValueError(f"{name} must include a band from_percent: 0")
        return self

    # -- arithmetic ---------------------------------------------------------------------

    def whole_percent(self, percent: float) -> int:
        if self.rounding == "truncate":
            return math.floor(percent + 1e-9)
        return int(Decimal(str(round(percent, 6))).quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    def band_score(self, percent: float) -> int:
        whole = self.whole_percent(percent)
        return next(b.score for b in sorted(self.score_bands, key=lambda b: -b.from_percent) if whole >= b.from_percent)

    def rating(self, percent: float) -> str:
        whole = self.whole_percent(percent)
        bands = sorted(self.overall.rating_bands, key=lambda b: -b.from_percent)
        return next(b.rating for b in bands if whole >= b.from_percent)

    def confidence_label(self, confidence: float) -> str:
        labels = sorted(self.confidence_labels, key=lambda c: -c.from_)
        return next(c.label for c in labels if confidence >= c.from_ - 1e-9)

    def category_points(self, effects: Iterable[str]) -> float:
        cs = self.category_score
        total = cs.start + sum(cs.points[e] for e in effects)  # type: ignore[index]
        return min(cs.max, max(cs.min, total))


@dataclass(frozen=True)
class StatementScore:
    score: int
    percent: float | None
    category_scores: dict[str, float]
    limits: list[str]  # reasons of the limits that moved the score


def score_statement(policy: ScoringPolicy, findings: list[tuple[str, str]], categories: Iterable[str]) -> StatementScore:
    """Score one statement from its findings: (effect, category) pairs, and the categories with evidence."""
    by_category: dict[str, list[str]] = {c: [] for c in categories}
    for effect, category in findings:
        by_category.setdefault(category, []).append(effect)
    if not by_category:
        return StatementScore(policy.no_evidence_score, None, {}, [])
    category_scores = {c: policy.category_points(e) for c, e in sorted(by_category.items())}
    exact = 100 * sum(category_scores.values()) / (4 * len(category_scores))
    percent = round(exact, 1)
    score = policy.band_score(exact)  # band the exact figure: rounding twice can cross a band edge
    counts = Counter(effect for effect, _ in findings)
    counts["evidence-categories"] = len(category_scores)
    applied = []
    for limit in policy.limits:
        if not limit.applies(counts):
            continue
        if limit.max_score is not None and score > limit.max_score:
            score = limit.max_score
            applied.append(limit.reason)
        elif limit.min_score is not None and score < limit.min_score:
            score = limit.min_score
            applied.append(limit.reason)
    return StatementScore(score, percent, category_scores, applied)
