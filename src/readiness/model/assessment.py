"""The result of an assessment: one model that every report format is rendered from.

Its JSON is a documented, versioned contract (docs/assessment-json.md): bump
SCHEMA_VERSION when a field changes meaning or goes away; adding a field is a minor bump.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceItem(_Out):
    fact: str = Field(description="Dotted path in the profile.")
    value: Any = Field(None, description="What the profile holds there (null when not recorded).")
    missing: bool = False
    sources: list[str] = Field(default_factory=list, description="The profile's `source` notes for what was read.")


class WaiverNote(_Out):
    rule: str
    justification: str
    owner: str
    expires: date


class Finding(_Out):
    rule_id: str
    title: str
    kind: Literal["shortfall", "strength"]
    level: Literal["significant", "some", "good", "exceptional"]
    category: str
    message: str
    why: str
    recommendation: str
    references: list[str]
    evidence: list[EvidenceItem]
    waived: WaiverNote | None = None
    counts_in_score: bool = True


class MissingEvidence(_Out):
    rule_id: str
    title: str
    kind: Literal["shortfall", "strength"]
    facts: list[str] = Field(description="Facts that would let the rule be checked.")


class RuleRef(_Out):
    rule_id: str
    title: str


class NextScore(_Out):
    target_score: int
    achievable: bool = Field(description="False when resolving every shortfall and showing every strength is not enough.")
    resolve: list[RuleRef] = Field(description="Smallest set of shortfalls whose resolution raises the prediction.")
    show_strengths: list[RuleRef] = Field(description="Strengths that must also be evidenced, if any.")
    explanation: str


class StatementResult(_Out):
    id: str
    code: str
    name: str
    theme: str
    predicted_score: int
    score_descriptor: str = Field(description="CQC's words for the score, or 'Not evidenced: ...' when no rule could be checked.")
    percent: float | None = Field(description="Evidence percentage before limits (null: no evidence).")
    confidence: float = Field(ge=0, le=1, description="Share of this statement's rules that could be checked.")
    confidence_label: str
    reason: str
    category_scores: dict[str, float]
    categories_without_evidence: list[str]
    limits_applied: list[str]
    findings: list[Finding]
    missing_evidence: list[MissingEvidence]
    path_to_next_score: NextScore | None
    notification_risk: bool = Field(description="Predicted 1: a score of 1 may lead CQC to notify the Secretary of State (s.50(2)).")


class ThemeSummary(_Out):
    id: str
    name: str
    statements: list[str]
    derived_score: float = Field(description="Mean of the statement scores. DERIVED: CQC publishes no theme scores.")
    note: str = "Derived by readiness: CQC publishes no theme scores."


class Overall(_Out):
    total_score: int
    max_score: int
    statements_assessed: int
    score_percent: float
    rating: str
    rounding: str
    notification_risk_statements: list[str]
    points_to_next_rating: int | None = Field(description="Statement points needed to reach the next rating band.")
    next_rating: str | None


class RuleResult(_Out):
    rule_id: str
    title: str
    statements: list[str]
    kind: Literal["shortfall", "strength"]
    level: str
    status: Literal["fired", "not-fired", "not-evaluable"]
    message: str | None = None
    evidence: list[EvidenceItem]
    waived: bool = False


class CouncilRef(_Out):
    name: str
    as_of: date


class Assessment(_Out):
    schema_version: str = SCHEMA_VERSION
    tool_version: str
    council: CouncilRef
    policy_version: int
    rules_evaluated: int
    overall: Overall
    themes: list[ThemeSummary]
    statements: list[StatementResult]
    rules: list[RuleResult]
    ignored_waivers: list[str] = Field(default_factory=list, description="Waivers not applied, and why.")

    def statement(self, statement_id: str) -> StatementResult:
        """A statement's result by id, code ("GMS") or name, in any case."""
        from .framework import framework

        found = framework().find(statement_id)
        for s in self.statements:
            if found is not None and s.id == found.id:
                return s
        raise KeyError(statement_id)

    def to_json(self) -> str:
        """Stable JSON: the same input gives byte-identical output."""
        return self.model_dump_json(indent=2) + "\n"
