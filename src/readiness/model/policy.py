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
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class CategoryScore(_Strict):
    start: float = Field(ge=1, le=4)
    min: float = Field(1, ge=1, le=4)
    max: float = Field(4, ge=1, le=4)
    points: dict[Effect, float]

    @model_validator(mode="after")
    def _every_effect(self) -> CategoryScore:
        missing = [e for e in EFFECTS if e not in self.points]
        if missing:
            raise ValueError(f"points must give a number for each of {', '.join(EFFECTS)}; missing: {', '.join(missing)}")
        return self


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
        return _within(self.bounds(), counts)

    def bounds(self) -> tuple[tuple[str, int | None, int | None], ...]:
        """`when` as (count name, at least, at most) triples: what `_within` reads."""
        return tuple((e, b.at_least, b.at_most) for e, b in self.when.items())


def _within(bounds: tuple[tuple[str, int | None, int | None], ...], counts: dict[str, int]) -> bool:
    """Every count within its bounds (a count not given is 0): whether a limit applies."""
    return all((at_least is None or counts.get(e, 0) >= at_least) and (at_most is None or counts.get(e, 0) <= at_most)
               for e, at_least, at_most in bounds)


class ConfidenceLabel(_Strict):
    from_: float = Field(alias="from", ge=0, le=1)
    label: str


class OverallPolicy(_Strict):
    rating_bands: list[RatingBand] = Field(min_length=1)


class EvidenceLog(_Strict):
    """How the profile's evidence log (`evidence:` entries) counts in scoring.

    Each entry that counts is a finding of its effect (its weight) in its evidence category, for
    every statement it names, with its points scaled by `points_scale`. The log moves a
    statement at most one point from what the rules alone give (see score_statement), so one
    entry can never swing a statement by more than a point.
    """

    counts: bool = Field(True, description="false: entries are shown but never count in a score.")
    points_scale: float = Field(1.0, ge=0, le=4, description="Multiplies the points of an evidence-log finding.")
    max_per_statement: int | None = Field(
        None, ge=0, description="At most this many entries of each weight count for one statement (profile order).")
    unsourced_count: bool = Field(True, description="false: an entry without a `source` is shown but does not count.")


class Priors(_Strict):
    """Per-statement starting points from the national base rates (data/base_rates.yaml, 72
    councils): each category of a statement starts at `start + strength * (national mean of the
    statement - mean of all nine)`. One number, fitted; the offsets themselves are external data."""

    strength: float = Field(0.0, ge=0, le=4)


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
    evidence_log: EvidenceLog = Field(default_factory=EvidenceLog)
    priors: Priors | None = None
    unsourced_findings_count: bool = Field(
        True, description="false: a rule finding that rests only on facts without a `source` is shown but does "
                          "not count (what `--require-sources` sets).")

    @model_validator(mode="after")
    def _bands_cover_zero(self) -> ScoringPolicy:
        for name, bands in (("score_bands", self.score_bands), ("overall.rating_bands", self.overall.rating_bands)):
            if min(b.from_percent for b in bands) != 0:
                raise ValueError(f"{name} must include a band from_percent: 0")
        return self

    # -- arithmetic ---------------------------------------------------------------------

    def whole_percent(self, percent: float) -> int:
        return _whole_percent(self.rounding, percent)

    def band_score(self, percent: float) -> int:
        return _band(self.rounding, _bands_down(self.score_bands), percent)

    def rating(self, percent: float) -> str:
        whole = self.whole_percent(percent)
        bands = sorted(self.overall.rating_bands, key=lambda b: -b.from_percent)
        return next(b.rating for b in bands if whole >= b.from_percent)

    def requiring_sources(self) -> ScoringPolicy:
        """This policy with every unsourced fact left out of the scores: rule findings that rest only on
        facts without a `source`, and evidence-log entries without one (`--require-sources`)."""
        return self.model_copy(update={
            "unsourced_findings_count": False,
            "evidence_log": self.evidence_log.model_copy(update={"unsourced_count": False}),
        })

    def confidence_label(self, confidence: float) -> str:
        labels = sorted(self.confidence_labels, key=lambda c: -c.from_)
        return next(c.label for c in labels if confidence >= c.from_ - 1e-9)

    def category_points(self, effects: Iterable[str | tuple[str, float]], offset: float = 0.0) -> float:
        """Start (+ offset) plus the sum of the points of each effect (an effect, or (effect, scale)), kept
        in [min, max]. The points are added up first, then to the start: for points that are multiples
        of a power of two (the shipped ones) their sum is exact in any order (`Tally`)."""
        cs = self.category_score
        points = 0.0
        for e in effects:
            effect, scale = (e, 1.0) if isinstance(e, str) else e
            points += cs.points[effect] * scale  # type: ignore[index]
        return min(cs.max, max(cs.min, cs.start + offset + points))

    def start_offset(self, statement_id: str | None) -> float:
        """The per-statement prior offset added to `category_score.start` (0 without priors)."""
        return _start_offset(self.priors, statement_id)


def _whole_percent(rounding: str, percent: float) -> int:
    if rounding == "truncate":
        return math.floor(percent + 1e-9)
    return int(Decimal(str(round(percent, 6))).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _bands_down(bands: list[ScoreBand]) -> list[tuple[float, int]]:
    """(from_percent, score), highest band first."""
    return [(b.from_percent, b.score) for b in sorted(bands, key=lambda b: -b.from_percent)]


def _band(rounding: str, bands_down: list[tuple[float, int]], percent: float) -> int:
    whole = _whole_percent(rounding, percent)
    return next(score for from_percent, score in bands_down if whole >= from_percent)


def _start_offset(priors: Priors | None, statement_id: str | None) -> float:
    if priors is None or not priors.strength or statement_id is None:
        return 0.0
    from .base_rates import base_rates

    rates = base_rates()
    if statement_id not in rates.counts:
        return 0.0
    return round(priors.strength * rates.prior_offset(statement_id), 4)


@dataclass(frozen=True)
class StatementScore:
    score: int
    percent: float | None
    category_scores: dict[str, float]
    limits: list[str]  # reasons of the limits that moved the score


def score_statement(
    policy: ScoringPolicy,
    findings: list[tuple[str, str]],
    categories: Iterable[str],
    *,
    log_findings: list[tuple[str, str]] | None = None,
    statement_id: str | None = None,
) -> StatementScore:
    """Score one statement from its rule findings ((effect, category) pairs), the categories with
    rule evidence, and the evidence-log findings that count for it.

    Without log findings this is the category arithmetic alone. With them, the arithmetic is run
    with and without them, and the log moves the rules' score by at most one point, and only in
    the direction the log leans (more strengths than areas for improvement, or fewer): adding
    or removing one entry changes that lean by one, so it moves the score by at most one point.
    """
    base = _arithmetic(policy, findings, categories, [], statement_id)
    if not log_findings:
        return base
    full = _arithmetic(policy, findings, categories, log_findings, statement_id)
    lean = _lean(log_findings)
    step = _log_step(base.score, full.score, lean)
    note = None
    if full.score != base.score + step:
        note = (f"The evidence log would move the score from {base.score} to {full.score}; it moves a "
                f"statement at most one point, in the direction it leans ({_lean_words(lean)}), so {base.score + step}.")
    limits = list(full.limits) + ([note] if note else [])
    return StatementScore(base.score + step, full.percent, full.category_scores, limits)


def _lean(log_findings: Iterable[tuple[str, str]]) -> int:
    """Strengths minus areas for improvement among the evidence-log findings."""
    return sum(1 if e in ("good-strength", "exceptional-strength") else -1 for e, _ in log_findings)


def _log_step(base: int, full: int, lean: int) -> int:
    """What the evidence log moves the rules' score by: one point at most, the way it leans."""
    step = max(-1, min(1, full - base))
    return step if step * lean > 0 else 0


def _lean_words(lean: int) -> str:
    if lean > 0:
        return f"{lean} more strength(s) than areas for improvement"
    if lean < 0:
        return f"{-lean} more area(s) for improvement than strengths"
    return "as many strengths as areas for improvement"


@dataclass
class _Layout:
    """A policy's numbers laid out once for its arithmetic, which scoring runs thousands of times
    per assessment (every candidate on the path to the next score, every re-score in calibration):
    the points by effect, the limits as plain tuples, the start offset per statement and the band
    each exact percentage falls in, remembered as they are met. Derived only from the policy
    (frozen), and kept beside it by identity (lang.memo), never on it: nothing here refers back to
    the policy, so the layout goes when the policy does."""

    start: float
    low: float
    high: float
    points: dict[str, float]
    scale: float
    limits: list[tuple[tuple[tuple[str, int | None, int | None], ...], int | None, int | None, str]]
    priors: Priors | None
    rounding: str
    bands_down: list[tuple[float, int]]
    offsets: dict[str | None, float]
    bands: dict[float, int]
    no_evidence_score: int
    exact: bool  # every points value, scaled or not, adds up without rounding (Tally)

    @classmethod
    def of(cls, policy: ScoringPolicy) -> _Layout:
        from ..lang.memo import memo

        return memo(policy, "scoring layout", lambda: cls._build(policy))

    @classmethod
    def _build(cls, policy: ScoringPolicy) -> _Layout:
        cs = policy.category_score
        limits = [(limit.bounds(), limit.max_score, limit.min_score, limit.reason) for limit in policy.limits]
        scale = policy.evidence_log.points_scale
        exact = all(abs(v) < 2 ** 10 and (v * 2 ** 16).is_integer()
                    for p in cs.points.values() for v in (p, p * scale))
        return cls(cs.start, cs.min, cs.max, dict(cs.points), scale, limits, policy.priors, policy.rounding,
                   _bands_down(policy.score_bands), {}, {}, policy.no_evidence_score, exact)

    def offset(self, statement_id: str | None) -> float:
        found = self.offsets.get(statement_id)
        if found is None:
            found = self.offsets[statement_id] = _start_offset(self.priors, statement_id)
        return found

    def band(self, exact: float) -> int:
        found = self.bands.get(exact)
        if found is None:
            if len(self.bands) > 4096:  # (a long calibration meets many figures: keep it bounded)
                self.bands.clear()
            found = self.bands[exact] = _band(self.rounding, self.bands_down, exact)
        return found

    def finish(self, sums: dict[str, float], counts: dict[str, int], base: float) -> StatementScore:
        """The score of categories with these sums of points, from `base`, and of these counts of
        findings by effect (`counts` is written to)."""
        if not sums:
            return StatementScore(self.no_evidence_score, None, {}, [])
        low, high = self.low, self.high
        category_scores = {c: min(high, max(low, base + sums[c])) for c in sorted(sums)}
        exact = 100 * sum(category_scores.values()) / (4 * len(category_scores))
        score = self.band(exact)  # band the exact figure: rounding twice can cross a band edge
        counts["evidence-categories"] = len(category_scores)
        applied = []
        for when, max_score, min_score, reason in self.limits:
            if not _within(when, counts):
                continue
            if max_score is not None and score > max_score:
                score = max_score
                applied.append(reason)
            elif min_score is not None and score < min_score:
                score = min_score
                applied.append(reason)
        return StatementScore(score, round(exact, 1), category_scores, applied)


def _arithmetic(policy: ScoringPolicy, findings: list[tuple[str, str]], categories: Iterable[str],
                log_findings: list[tuple[str, str]], statement_id: str | None) -> StatementScore:
    """The category arithmetic: each category with evidence starts at `start` (+ the statement's
    prior offset) plus the sum of the points of its findings (added in order: the rules', then the
    evidence log's, scaled), kept in [min, max]; their mean as a percentage is banded, then the
    limits apply. The same sums in the same order as `ScoringPolicy.category_points`, so the same floats."""
    layout = _Layout.of(policy)
    points, counts = layout.points, {}
    sums = dict.fromkeys(categories, 0.0)
    for effect, category in findings:
        counts[effect] = counts.get(effect, 0) + 1
        sums[category] = sums.get(category, 0.0) + points[effect]
    for effect, category in log_findings:
        counts[effect] = counts.get(effect, 0) + 1
        sums[category] = sums.get(category, 0.0) + points[effect] * layout.scale
    return layout.finish(sums, counts, layout.start + layout.offset(statement_id))


class Tally:
    """One statement's findings as its arithmetic sees them (the points of each category, the
    findings of each effect), kept up to date as findings are taken away and put back: the path
    to the next score re-scores a statement hundreds of times (engine.path), and on a large pack
    re-adding every finding each time made that grow with the square of the pack.

    `score` is exactly `score_statement(...).score` for the findings held. That needs sums that do
    not depend on the order of their terms, so a tally exists only for a policy whose points (and
    scaled evidence-log points) are multiples of 2^-16 under 2^10, as the shipped ones (quarters)
    are, and for at most 2^20 findings held at once (those given, and the `room` more the caller
    may add): every such sum is exact (under 2^30, in steps of 2^-16: 46 of a float's 53 bits).
    `Tally.of` gives None otherwise, and the caller re-scores from the findings."""

    def __init__(self, layout: _Layout, base: float, log_findings: list[tuple[str, str]]):
        self._layout, self._base = layout, base
        self._sums: dict[str, float] = {}  # the rules' points by category
        self._held: dict[str, int] = {}  # findings by category (a category with one has evidence)
        self._counts: dict[str, int] = {}  # findings by effect
        self._log_sums: dict[str, float] = {}
        self._log_counts: dict[str, int] = {}
        for effect, category in log_findings:
            self._log_sums[category] = self._log_sums.get(category, 0.0) + layout.points[effect] * layout.scale
            self._log_counts[effect] = self._log_counts.get(effect, 0) + 1
        self._lean = _lean(log_findings)

    @classmethod
    def of(cls, policy: ScoringPolicy, findings: Iterable[tuple[str, str]],
           log_findings: list[tuple[str, str]] | None = None, statement_id: str | None = None,
           room: int = 0) -> Tally | None:
        findings, log_findings = list(findings), list(log_findings or ())
        layout = _Layout.of(policy)
        if not layout.exact or len(findings) + len(log_findings) + room > 2 ** 20:
            return None
        tally = cls(layout, layout.start + layout.offset(statement_id), log_findings)
        for finding in findings:
            tally.add(finding)
        return tally

    def add(self, finding: tuple[str, str]) -> None:
        """Puts in one finding (at most `room` more than `of` was given, all told)."""
        effect, category = finding
        self._sums[category] = self._sums.get(category, 0.0) + self._layout.points[effect]
        self._held[category] = self._held.get(category, 0) + 1
        self._counts[effect] = self._counts.get(effect, 0) + 1

    def remove(self, finding: tuple[str, str]) -> None:
        """Takes away one finding added before."""
        effect, category = finding
        self._sums[category] -= self._layout.points[effect]
        self._held[category] -= 1
        self._counts[effect] -= 1

    def score(self, categories: Iterable[str]) -> int:
        """The statement's score with `categories` as those with rule evidence (score_statement's)."""
        sums = dict.fromkeys(categories, 0.0)
        for category, held in self._held.items():
            if held:
                sums[category] = self._sums[category]
        finish = self._layout.finish
        base = finish(dict(sums), dict(self._counts), self._base).score
        if not self._log_counts:
            return base
        for category, points in self._log_sums.items():
            sums[category] = sums.get(category, 0.0) + points
        counts = dict(self._counts)
        for effect, n in self._log_counts.items():
            counts[effect] = counts.get(effect, 0) + n
        return base + _log_step(base, finish(sums, counts, self._base).score, self._lean)
