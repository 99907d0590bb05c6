"""How one council's readiness moved over three or more dated snapshots (monthly profiles).

    assessments = [readiness.evaluate(readiness.load_profile(f)) for f in files]
    t = trend(assessments, files)

The snapshots are put in `council.as_of` order whatever order they are given in. Each step
between consecutive snapshots is exactly what `compare` (engine.diff, `readiness diff`) gives
for that pair, so a trend never says anything about a step that diff would not.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import Field

from ..model.assessment import Assessment, OutputModel
from ..lang.text import bounded
from ..model.errors import Problem, ReadinessError
from .diff import AssessmentDiff, compare

TREND_SCHEMA_VERSION = "1.0"
MIN_SNAPSHOTS = 3


class TrendError(ReadinessError):
    """Snapshots that cannot make one council's trend: too few, of different councils, or of one date."""

    kind = "snapshots"

    def describe(self) -> str:
        lines = [str(p) if p.file else p.message for p in self.problems]
        if len(lines) == 1:
            return lines[0]
        return "\n".join([f"{len(lines)} problem(s) with the snapshots:", *("  " + line for line in lines)])


class StatementPoint(OutputModel):
    """One statement in one snapshot."""

    id: str
    code: str
    name: str
    predicted_score: int
    percent: float | None = Field(description="Evidence percentage before limits (null: no evidence).")
    evidenced: bool = Field(description="False: no rule could be checked; the score is the policy's default, "
                                        "not a finding.")
    checks_evaluable: int = Field(description="This statement's rules that had the evidence they need (fired or not).")
    checks_total: int = Field(description="This statement's rules.")


class Snapshot(OutputModel):
    """One dated profile's assessment, in brief."""

    file: str | None = Field(description="The profile it was read from (null when the caller gave none).")
    as_of: date
    statements: list[StatementPoint]
    checks_evaluable: int = Field(description="Rules run that had the evidence they need (fired or not); a rule "
                                              "that speaks to two statements counts once.")
    checks_total: int = Field(description="Rules run.")
    overall_rating: str
    overall_percent: float = Field(description="The overall score as a percentage of the maximum (all statements "
                                               "weighted equally).")
    total_score: int
    max_score: int
    statements_evidenced: int | None = Field(description="Statements with evidence (null: the assessment does not "
                                                         "say).")
    rating_over_evidenced: str | None = Field(description="The rating over the evidenced statements only (null: none "
                                                          "evidenced, or the assessment does not say).")


class TrendStep(OutputModel):
    """What changed from one snapshot to the next."""

    from_as_of: date
    to_as_of: date
    change: AssessmentDiff = Field(description="Exactly what `readiness diff` gives for this pair.")


class Trend(OutputModel):
    schema_version: str = TREND_SCHEMA_VERSION
    council: str
    snapshots: list[Snapshot] = Field(description="In as_of order, earliest first.")
    steps: list[TrendStep] = Field(description="One per consecutive pair of snapshots, in order.")

    def to_json(self) -> str:
        """Stable JSON: the same snapshots give byte-identical output."""
        return self.model_dump_json(indent=2) + "\n"


def require_enough(files: Sequence[str | Path | None]) -> None:
    """Refuse fewer than MIN_SNAPSHOTS snapshots (before any is loaded, when called by the CLI)."""
    if len(files) >= MIN_SNAPSHOTS:
        return
    named = [str(f) for f in files if f is not None]
    given = f" ({', '.join(named)})" if named else ""
    raise TrendError(f"a trend needs at least {MIN_SNAPSHOTS} snapshots of one council; {len(files)} given{given}. "
                     "For two, use `readiness diff OLD NEW`.")


def _label(file: str | None, a: Assessment, index: int) -> str:
    return file if file is not None else f"snapshot {index + 1} (as of {a.council.as_of.isoformat()})"


def _refusals(ordered: list[tuple[str | None, Assessment]]) -> list[Problem]:
    problems = []
    names = [a.council.name for _, a in ordered]
    usual = max(names, key=names.count)  # the council most snapshots name (the earliest of a tie)
    ref = names.index(usual)
    ref_label = _label(ordered[ref][0], ordered[ref][1], ref)
    for index, (file, a) in enumerate(ordered):
        if a.council.name != usual:
            subject = "this snapshot" if file else _label(file, a, index)
            problems.append(Problem(
                f"{subject} is of {bounded(a.council.name)}, but {ref_label} is of {bounded(usual)}; a trend "
                "follows one council, so give snapshots of one council (the same council.name in each)",
                file=file, field="council.name" if file else None))
    seen: dict[date, str] = {}
    for index, (file, a) in enumerate(ordered):
        day = a.council.as_of
        if day in seen:
            subject = "this snapshot" if file else _label(file, a, index)
            problems.append(Problem(
                f"{subject} has the same as_of ({day.isoformat()}) as {seen[day]}; each snapshot needs its own date "
                "(council.as_of)", file=file, field="council.as_of" if file else None))
        else:
            seen[day] = _label(file, a, index)
    return problems


def _point(s) -> StatementPoint:
    return StatementPoint(id=s.id, code=s.code, name=s.name, predicted_score=s.predicted_score, percent=s.percent,
                          evidenced=s.evidenced, checks_evaluable=s.checks_evaluable, checks_total=s.checks_total)


def _snapshot(file: str | None, a: Assessment) -> Snapshot:
    o = a.overall
    return Snapshot(
        file=file, as_of=a.council.as_of, statements=[_point(s) for s in a.statements],
        checks_evaluable=sum(1 for r in a.rules if r.status != "not-evaluable"), checks_total=len(a.rules),
        overall_rating=o.rating, overall_percent=o.score_percent, total_score=o.total_score, max_score=o.max_score,
        statements_evidenced=o.statements_evidenced, rating_over_evidenced=o.rating_over_evidenced,
    )


def trend(assessments: Sequence[Assessment], files: Sequence[str | Path | None] | None = None) -> Trend:
    """The trend over `assessments` (with the file each came from, in the same order, if known).

    Raises TrendError for fewer than 3 snapshots, snapshots of different councils (by
    council.name, as diff's `same_council`), or two with the same as_of.
    """
    names = [None if f is None else str(f) for f in files] if files is not None else [None] * len(assessments)
    if len(names) != len(assessments):
        raise ValueError(f"{len(assessments)} assessments but {len(names)} files")
    require_enough(names)
    ordered = sorted(zip(names, assessments), key=lambda pair: pair[1].council.as_of)  # stable: ties keep their order
    problems = _refusals(ordered)
    if problems:
        raise TrendError(problems)
    steps = [TrendStep(from_as_of=old.council.as_of, to_as_of=new.council.as_of, change=compare(old, new))
             for (_, old), (_, new) in zip(ordered, ordered[1:])]
    return Trend(council=ordered[0][1].council.name, snapshots=[_snapshot(f, a) for f, a in ordered], steps=steps)
