"""What changed between two assessments of the same council (two dated profile snapshots).

    old = readiness.evaluate(readiness.load_profile("2024.yaml"))
    new = readiness.evaluate(readiness.load_profile("2025.yaml"))
    change = compare(old, new)

For each quality statement: the predicted score before and after, the findings that appeared
or cleared (by rule id) and the rules that gained or lost their evidence, which is what
moves a score. Plus the overall rating before and after.
"""

from __future__ import annotations

from pydantic import Field

from ..model.assessment import Assessment, CouncilRef, OutputModel, RuleRef, StatementResult

DIFF_SCHEMA_VERSION = "1.0"


class FindingRef(OutputModel):
    rule_id: str
    title: str
    kind: str
    level: str
    message: str


class StatementChange(OutputModel):
    id: str
    code: str
    name: str
    old_score: int
    new_score: int
    change: int = Field(description="new_score - old_score.")
    appeared: list[FindingRef] = Field(description="Findings in the new assessment that were not in the old.")
    cleared: list[FindingRef] = Field(description="Findings in the old assessment that are gone from the new.")
    newly_evidenced: list[RuleRef] = Field(description="Rules that could not be checked before and now can.")
    newly_missing: list[RuleRef] = Field(description="Rules that could be checked before and now cannot.")

    @property
    def changed(self) -> bool:
        return bool(self.change or self.appeared or self.cleared or self.newly_evidenced or self.newly_missing)


class RatingChange(OutputModel):
    old_rating: str
    new_rating: str
    old_total: int
    new_total: int
    max_score: int


class AssessmentDiff(OutputModel):
    schema_version: str = DIFF_SCHEMA_VERSION
    old: CouncilRef
    new: CouncilRef
    same_council: bool
    overall: RatingChange
    statements: list[StatementChange]

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def _ref(f) -> FindingRef:
    return FindingRef(rule_id=f.rule_id, title=f.title, kind=f.kind, level=f.level, message=f.message)


def _statement_change(old: StatementResult, new: StatementResult) -> StatementChange:
    before = {f.rule_id: f for f in old.findings}
    after = {f.rule_id: f for f in new.findings}
    missing_before = {m.rule_id: m for m in old.missing_evidence}
    missing_after = {m.rule_id: m for m in new.missing_evidence}
    return StatementChange(
        id=new.id, code=new.code, name=new.name, old_score=old.predicted_score, new_score=new.predicted_score,
        change=new.predicted_score - old.predicted_score,
        appeared=[_ref(after[i]) for i in sorted(after.keys() - before.keys())],
        cleared=[_ref(before[i]) for i in sorted(before.keys() - after.keys())],
        newly_evidenced=[RuleRef(rule_id=i, title=missing_before[i].title)
                         for i in sorted(missing_before.keys() - missing_after.keys())],
        newly_missing=[RuleRef(rule_id=i, title=missing_after[i].title)
                       for i in sorted(missing_after.keys() - missing_before.keys())],
    )


def compare(old: Assessment, new: Assessment) -> AssessmentDiff:
    """The change from `old` to `new`, statement by statement and overall."""
    olds = {s.id: s for s in old.statements}
    return AssessmentDiff(
        old=old.council, new=new.council, same_council=old.council.name == new.council.name,
        overall=RatingChange(old_rating=old.overall.rating, new_rating=new.overall.rating,
                             old_total=old.overall.total_score, new_total=new.overall.total_score,
                             max_score=new.overall.max_score),
        statements=[_statement_change(olds[s.id], s) for s in new.statements if s.id in olds],
    )
