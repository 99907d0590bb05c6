"""The result of an assessment: one model that every report format is rendered from.

Its JSON is a documented, versioned contract (docs/assessment-json.md): bump
SCHEMA_VERSION when a field changes meaning or goes away; adding a field is a minor bump.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.3"


class OutputModel(BaseModel):
    """The base of every result model the tool writes as JSON (assessment, diff, trend): unknown
    keys refused, schema built on first use (start-up stays light)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class EvidenceItem(OutputModel):
    fact: str = Field(description="Dotted path in the profile.")
    value: Any = Field(None, description="What the profile holds there (null when not recorded).")
    missing: bool = False
    sources: list[str] = Field(default_factory=list, description="The profile's `source` notes for what was read.")
    unsourced: bool = Field(False, description="Recorded, but with no `source` on the item or its section.")


class WaiverNote(OutputModel):
    rule: str
    justification: str
    owner: str
    expires: date


class Finding(OutputModel):
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
    from_evidence_log: bool = Field(False, description="True: an entry of the profile's evidence log, not a rule (rule_id is evidence-log[N]).")
    source: str | None = Field(None, description="The evidence-log entry's `source` (null for rule findings, or an unsourced entry).")
    unsourced: bool = Field(False, description="An evidence-log entry without a `source`, or a rule finding whose "
                                               "recorded facts all lack one.")


class MissingEvidence(OutputModel):
    rule_id: str
    title: str
    kind: Literal["shortfall", "strength"]
    facts: list[str] = Field(description="Facts that would let the rule be checked (paths).")
    collect: list[str] = Field(default_factory=list, description="The same in the profile model's own words, one per fact; "
                                                                  "for a list, which item lacks which detail.")


class CollectItem(OutputModel):
    """One thing to collect for a statement, and the checks it would let run."""

    what: str = Field(description="In the profile model's own words (its field descriptions).")
    facts: list[str] = Field(description="The profile paths.")
    rules: list[str] = Field(description="The rules it would let be checked.")


class RuleRef(OutputModel):
    rule_id: str
    title: str


class NextScore(OutputModel):
    target_score: int
    achievable: bool = Field(description="False when resolving every shortfall and showing every strength is not enough.")
    resolve: list[RuleRef] = Field(description="Smallest set of shortfalls whose resolution raises the prediction.")
    show_strengths: list[RuleRef] = Field(description="Strengths that must also be evidenced, if any.")
    explanation: str


class StatementResult(OutputModel):
    id: str
    code: str
    name: str
    theme: str
    predicted_score: int
    score_descriptor: str = Field(description="CQC's words for the score, or 'Not evidenced: ...' when no rule could be checked.")
    percent: float | None = Field(description="Evidence percentage before limits (null: no evidence).")
    confidence: float = Field(ge=0, le=1, description="Coverage: checks_evaluable / checks_total (kept for compatibility; not a probability).")
    confidence_label: str = Field(description="The policy's word for the coverage: high, medium or low.")
    checks_evaluable: int = Field(0, description="This statement's rules that had the evidence they need (fired or not).")
    checks_total: int = Field(0, description="This statement's rules.")
    reason: str
    category_scores: dict[str, float]
    categories_without_evidence: list[str]
    limits_applied: list[str]
    findings: list[Finding]
    missing_evidence: list[MissingEvidence]
    what_to_collect: list[CollectItem] = Field(
        default_factory=list, description="The missing evidence grouped by what to collect, most checks first.")
    path_to_next_score: NextScore | None
    notification_risk: bool = Field(description="Predicted 1: a score of 1 may lead CQC to notify the Secretary of State (s.50(2)).")
    evidenced: bool = Field(True, description="False: no rule could be checked and no evidence-log entry counts; the score is the policy's default, not a finding.")
    base_rate: dict[int, float] | None = Field(None, description="National context: share of 72 assessed councils CQC scored 1, 2, 3 and 4 on this statement.")
    evidence_log_counted: int = Field(0, description="Evidence-log entries that count in this statement's score.")


class ThemeSummary(OutputModel):
    id: str
    name: str
    statements: list[str]
    derived_score: float = Field(description="Mean of the statement scores. DERIVED: CQC publishes no theme scores.")
    note: str = "Derived by readiness: CQC publishes no theme scores."


class RatingRange(OutputModel):
    lowest: str = Field(description="The rating with every statement that is not evidenced at 1.")
    highest: str = Field(description="The rating with every statement that is not evidenced at 4.")


class Overall(OutputModel):
    total_score: int
    max_score: int
    statements_assessed: int
    score_percent: float
    rating: str
    rounding: str
    notification_risk_statements: list[str]
    points_to_next_rating: int | None = Field(description="Statement points needed to reach the next rating band.")
    next_rating: str | None
    statements_evidenced: int | None = Field(None, description="Statements with evidence (the rest are at the policy's default score).")
    rating_over_evidenced: str | None = Field(None, description="The rating over the evidenced statements only (null: none evidenced).")
    rating_range: RatingRange | None = Field(None, description="How far the statements that are not evidenced could move the rating.")


class RuleResult(OutputModel):
    rule_id: str
    title: str
    statements: list[str]
    kind: Literal["shortfall", "strength"]
    level: str
    status: Literal["fired", "not-fired", "not-evaluable"]
    message: str | None = None
    evidence: list[EvidenceItem]
    waived: bool = False


class CouncilRef(OutputModel):
    name: str
    as_of: date


class UnsourcedFact(OutputModel):
    """A recorded fact that a fired finding rests on, with no `source` (on the item or its section)."""

    fact: str = Field(description="Dotted path in the profile (evidence[N] for an evidence-log entry).")
    findings: list[str] = Field(description="The findings that read it: rule ids, or evidence-log[N].")
    statements: list[str] = Field(description="The statements those findings belong to.")
    counts_in_score: bool = Field(description="False: `--require-sources` (or the policy) leaves it out of the scores.")


class UnusedIndicator(OutputModel):
    """An indicator in the profile that no rule reads: a local measure, or a misspelt id."""

    id: str
    nearest_known: str | None = Field(None, description="The closest id the rules read, if one is close.")

    def note(self) -> str:
        """The one sentence every command says about it."""
        hint = f" (did you mean '{self.nearest_known}'?)" if self.nearest_known else ""
        return f"indicator '{self.id}' is read by no rule, so it counts for nothing{hint}"


class Assessment(OutputModel):
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
    unused_indicators: list[UnusedIndicator] = Field(
        default_factory=list, description="Indicators in the profile that no rule reads (counted for nothing)."
    )
    unsourced_facts: list[UnsourcedFact] = Field(
        default_factory=list, description="Facts that fired findings rest on and that have no `source`."
    )
    sources_required: bool = Field(False, description="True: facts without a `source` did not count (--require-sources).")

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
