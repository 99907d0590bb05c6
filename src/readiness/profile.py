"""The council profile: what a council has on file about its adult social care, dated.

Every fact is optional. An absent fact means "not evidenced", which the engine keeps apart
from "false": a rule that needs it is reported as not evaluable, never as passed. Lists
follow the same idea: an absent list is not evidenced; an empty list is evidence of none.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

Percent = Annotated[float, Field(ge=0, le=100)]
Count = Annotated[int, Field(ge=0)]
Days = Annotated[float, Field(ge=0)]
RiskScore = Annotated[int, Field(ge=1, le=25)]

StatementId = Literal[
    "assessing-needs",
    "supporting-people-to-live-healthier-lives",
    "equity-in-experience-and-outcomes",
    "care-provision-integration-and-continuity",
    "partnerships-and-communities",
    "safe-pathways-systems-and-transitions",
    "safeguarding",
    "governance-management-and-sustainability",
    "learning-improvement-and-innovation",
]

# A shared vocabulary so that documents, risks, actions and feedback can be matched by topic
# (for example a risk found by a peer review and the risk register entry that covers it).
Topic = Literal[
    "access-and-front-door", "accessibility", "adult-social-care-strategy", "assessment",
    "business-continuity", "carers", "commissioning", "communication", "complaints",
    "coproduction", "data-quality", "direct-payments", "dols", "equality", "equipment-and-adaptations",
    "finance", "governance", "health-and-wellbeing", "hospital-discharge", "housing", "improvement",
    "information-and-advice", "integration", "learning-disability-and-autism", "market-shaping",
    "mental-health", "occupational-therapy", "partnerships", "performance", "practice-model",
    "prevention", "provider-quality", "quality-assurance", "reablement", "reviews", "risk-management",
    "safeguarding", "substance-misuse", "supervision", "technology", "transitions", "vision",
    "voluntary-sector", "waiting-lists", "workforce",
]
Trend = Literal["rising", "stable", "falling"]
Sentiment = Literal["positive", "mixed", "negative"]


class Fact(BaseModel):
    """Base for every profile section: unknown fields are errors, so typos cannot hide facts."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Fact):
    source: str | None = Field(None, description="Where this fact comes from: document and passage.")


# --- council -------------------------------------------------------------------------------


class Council(Sourced):
    name: str
    type: Literal["county", "unitary", "metropolitan-borough", "london-borough"] | None = None
    region: str | None = None
    population: Count | None = None
    as_of: date = Field(description="The date the profile describes. Every age is measured from it.")


# --- documents -----------------------------------------------------------------------------


class Document(Sourced):
    title: str
    kind: Literal[
        "policy", "strategy", "plan", "framework", "procedure", "guidance", "vision",
        "agreement", "statement", "assessment",
    ]
    topic: Topic | None = None
    status: Literal[
        "draft", "in-development", "approved", "published", "out-of-date", "withdrawn", "not-in-place",
    ] | None = Field(None, description="not-in-place: the council records that it has no such document.")
    approved_on: date | None = None
    review_due: date | None = None
    coproduced: bool | None = Field(None, description="Written with people who draw on care and carers.")
    has_actions: bool | None = Field(None, description="Has measures or actions with owners and dates.")
    monitored: bool | None = Field(None, description="Progress against it is reported and reviewed.")
    impact_evidenced: bool | None = Field(None, description="The council can show what difference it made.")
    joint: bool | None = Field(None, description="Held jointly with partners (NHS, police, voluntary sector).")
    statements: list[StatementId] = Field(default_factory=list, description="Quality statements it supports.")


# --- roles ---------------------------------------------------------------------------------


class Role(Sourced):
    role: Literal[
        "dass", "psw", "pot", "sab-chair", "sab-manager", "caldicott-guardian", "siro",
        "assistant-director", "lead-member", "carers-lead", "safeguarding-lead", "data-lead",
        "coproduction-lead", "transitions-lead",
    ]
    status: Literal["in-post", "interim", "vacant", "shared", "not-established"]
    since: date | None = None
    reports_to: str | None = None
    independent_of_operations: bool | None = Field(
        None, description="Sits apart from operational line management (matters for the PSW)."
    )
    other_duties: bool | None = Field(None, description="Also carries operational duties beyond the role.")


# --- governance ----------------------------------------------------------------------------


class RegisterRisk(Sourced):
    id: str | None = None
    title: str
    topics: list[Topic] = Field(default_factory=list)
    category: str | None = None
    gross_score: RiskScore | None = None
    net_score: RiskScore | None = None
    target_score: RiskScore | None = None
    owner: str | None = None
    last_reviewed: date | None = None
    controls: list[str] | None = None


class KnownRisk(Sourced):
    """A risk the council knows of from other evidence (self-assessment, peer review, data)."""

    title: str
    topic: Topic
    identified_by: Literal[
        "self-assessment", "peer-review", "internal-audit", "data", "staff-feedback",
        "partner-feedback", "people-feedback", "cqc", "other",
    ]
    identified_on: date | None = None


class Action(Sourced):
    title: str
    topic: Topic | None = None
    owner: str | None = None
    due: date | None = None
    status: Literal["not-started", "on-track", "at-risk", "delayed", "complete"] | None = None


class ImprovementPlan(Sourced):
    title: str
    approved_on: date | None = None
    monitored: bool | None = None
    actions: list[Action] | None = None


class Recommendation(Sourced):
    title: str
    topic: Topic | None = None
    status: Literal["not-started", "little-progress", "in-progress", "complete"] | None = None


class PeerReview(Sourced):
    title: str
    held_on: date
    by: str | None = None
    action_plan: bool | None = None
    recommendations: list[Recommendation] | None = None


class Scrutiny(Sourced):
    adult_social_care_committee: bool | None = None
    reports_received: list[
        Literal["performance", "finance", "risk", "safeguarding", "waiting-lists", "transformation", "workforce"]
    ] | None = None
    effectiveness: Literal["effective", "inconsistent", "weak"] | None = None


class SelfAssessment(Sourced):
    updated_on: date | None = None
    coproduced: bool | None = None
    covers_all_statements: bool | None = None
    matches_external_findings: bool | None = Field(
        None, description="Peer review or audit found what the self-assessment says."
    )


class QualityAssurance(Sourced):
    framework_in_place: bool | None = None
    case_audits_last_year: Count | None = None
    thematic_audits: bool | None = None
    findings_acted_on: bool | None = None
    post_incident_reviews: bool | None = None


class DataCapability(Sourced):
    quality_issues: bool | None = Field(None, description="Known gaps or errors in adult social care data.")
    performance_dashboard: bool | None = None
    used_in_planning: bool | None = Field(None, description="Data informs strategy, commissioning and resources.")
    demographic_recording_percent: Percent | None = Field(
        None, description="Share of records with ethnicity, disability and other protected characteristics."
    )


class Finance(Sourced):
    budget_variance_percent: float | None = Field(None, description="Forecast overspend (+) or underspend (-).")
    medium_term_plan: bool | None = None
    savings_delivered_percent: Percent | None = None


class Leadership(Sourced):
    vision_defined: bool | None = None
    vision_understood_by_staff: bool | None = None
    dass_reports_to_chief_executive: bool | None = None
    senior_turnover_high: bool | None = None
    staff_briefings: bool | None = None
    innovation_evidenced: bool | None = Field(
        None, description="The council can show innovations it has tried (often staff's ideas) and what they changed."
    )


class InformationGovernance(Sourced):
    breaches_reported: bool | None = None
    training_percent: Percent | None = None
    sharing_agreements: bool | None = None


class Governance(Sourced):
    risk_register: list[RegisterRisk] | None = None
    known_risks: list[KnownRisk] | None = None
    improvement_plan: ImprovementPlan | None = None
    peer_reviews: list[PeerReview] | None = None
    scrutiny: Scrutiny | None = None
    self_assessment: SelfAssessment | None = None
    quality_assurance: QualityAssurance | None = None
    data: DataCapability | None = None
    finance: Finance | None = None
    leadership: Leadership | None = None
    information_governance: InformationGovernance | None = None


# --- workforce -----------------------------------------------------------------------------


class Supervision(Sourced):
    target_frequency_weeks: Annotated[float, Field(gt=0)] | None = Field(
        None, description="How often staff should be supervised, in weeks."
    )
    target_percent: Percent | None = Field(None, description="Compliance the council aims for.")
    compliance_percent: Percent | None = Field(None, description="Measured share of supervisions held on time.")
    tracked: bool | None = None
    meeting_target: bool | None = Field(
        None, description="Supervision happens as often as the target says (when no compliance figure is kept)."
    )


class Workforce(Sourced):
    supervision: Supervision | None = None
    turnover_percent: Percent | None = None
    turnover_trend: Trend | None = None
    vacancy_percent: Percent | None = None
    agency_percent: Percent | None = None
    average_caseload: Annotated[float, Field(ge=0)] | None = None
    caseload_target: Annotated[float, Field(ge=0)] | None = None
    training_compliance_percent: Percent | None = None
    occupational_therapists: Count | None = None
    staff_survey_response_percent: Percent | None = None
    practice_forums: bool | None = Field(
        None, description="Regular practice forums (e.g. led by the PSW or POT) for reflective learning and practice "
        "development."
    )


# --- access and waiting --------------------------------------------------------------------


class WaitingList(Sourced):
    people: Count | None = None
    median_days: Days | None = None
    longest_days: Days | None = None
    over_six_months: Count | None = None
    trend: Trend | None = None
    risk_prioritised: bool | None = Field(None, description="People waiting are triaged and checked by risk.")


class Waiting(Sourced):
    assessment: WaitingList | None = None
    review: WaitingList | None = None
    carers_assessment: WaitingList | None = None
    occupational_therapy: WaitingList | None = None
    equipment: WaitingList | None = None
    financial_assessment: WaitingList | None = None
    service_start: WaitingList | None = None


class Access(Sourced):
    channels: list[Literal["phone", "online", "email", "face-to-face", "text"]] | None = None
    self_serve: bool | None = Field(None, description="People can find support or equipment without an assessment.")
    information_and_advice_offer: bool | None = None
    accessible_formats: bool | None = None
    strengths_based_practice: bool | None = None
    face_to_face_assessments: bool | None = None


# --- safeguarding --------------------------------------------------------------------------


class SafeguardingReview(Sourced):
    title: str
    status: Literal["not-started", "in-progress", "published", "paused"] | None = None
    commissioned_on: date | None = None
    actions_complete_percent: Percent | None = None
    learning_shared: bool | None = None


class Dols(Sourced):
    applications: Count | None = None
    awaiting: Count | None = None
    median_days: Days | None = None
    longest_days: Days | None = None
    within_21_days_percent: Percent | None = None
    prioritised: bool | None = None


class Safeguarding(Sourced):
    concerns: Count | None = None
    s42_enquiries: Count | None = None
    conversion_comparator_percent: Percent | None = Field(
        None, description="Concern-to-enquiry conversion for the comparator (region or England)."
    )
    timely_response_percent: Percent | None = Field(None, description="Concerns screened within the local target.")
    msp_outcomes_asked_percent: Percent | None = None
    msp_outcomes_achieved_percent: Percent | None = None
    risk_reduced_or_removed_percent: Percent | None = None
    human_review_of_concerns: bool | None = None
    enquiries_tracked: bool | None = None
    thresholds_agreed_with_partners: bool | None = None
    sab_roles_vacant: bool | None = None
    reviews: list[SafeguardingReview] | None = None
    dols: Dols | None = None

    @computed_field(description="Section 42 enquiries as a share of concerns (derived).")
    @property
    def conversion_percent(self) -> float | None:
        if self.concerns and self.s42_enquiries is not None:
            return round(100 * self.s42_enquiries / self.concerns, 1)
        return None

    @computed_field(description="Points above (+) or below (-) the comparator's concern-to-enquiry conversion "
                                "(derived).")
    @property
    def conversion_gap(self) -> float | None:
        conversion = self.conversion_percent
        if conversion is None or self.conversion_comparator_percent is None:
            return None
        return round(conversion - self.conversion_comparator_percent, 1)


# --- partnerships, commissioning and market ------------------------------------------------


class Partnership(Sourced):
    name: str
    kind: Literal[
        "board", "pooled-budget", "joint-commissioning", "integrated-team", "delegated-function",
        "shared-record", "forum", "collaboration-agreement",
    ]
    partners: list[str] | None = None
    status: Literal["draft", "active", "ending", "ended"] | None = None
    monitored: bool | None = None
    impact_evidenced: bool | None = None
    people_involvement: Literal["none", "members", "co-chair", "chair"] | None = Field(
        None, description="How people who draw on care, or carers, take part in it (boards and forums)."
    )


class BetterCareFund(Sourced):
    plan_agreed: bool | None = None
    pooled_budget: bool | None = None


class VoluntarySector(Sourced):
    engagement_forum: bool | None = None
    grants: bool | None = None
    directory_complete: bool | None = None
    actively_involved: bool | None = Field(None, description="The council seeks the sector out and uses it.")


class Market(Sourced):
    providers_good_or_outstanding_percent: Percent | None = None
    comparator_good_or_outstanding_percent: Percent | None = None
    sufficiency_gaps: list[str] | None = None
    pays_real_living_wage: bool | None = None
    provider_forum: bool | None = None
    provider_failure_plan: bool | None = None
    quality_monitoring: bool | None = None

    @computed_field(description="Number of sufficiency gaps recorded (derived; rules cannot count a list of text).")
    @property
    def sufficiency_gap_count(self) -> int | None:
        return None if self.sufficiency_gaps is None else len(self.sufficiency_gaps)

    @computed_field(description="Points above (+) or below (-) the comparator share of providers rated Good or "
                                "Outstanding (derived).")
    @property
    def good_or_outstanding_gap(self) -> float | None:
        if self.providers_good_or_outstanding_percent is None or self.comparator_good_or_outstanding_percent is None:
            return None
        return round(self.providers_good_or_outstanding_percent - self.comparator_good_or_outstanding_percent, 2)


class Partnerships(Sourced):
    arrangements: list[Partnership] | None = None
    better_care_fund: BetterCareFund | None = None
    voluntary_sector: VoluntarySector | None = None
    shared_care_record: bool | None = None
    double_recording: bool | None = Field(
        None, description="Staff re-key the same case information into more than one system (e.g. an NHS record)."
    )


# --- people's experience and equity --------------------------------------------------------


class Coproduction(Sourced):
    level: Literal["none", "consultation", "some", "embedded"] | None = None
    people_on_boards: bool | None = None
    lead_or_officer: bool | None = None


class Complaints(Sourced):
    received: Count | None = None
    upheld_percent: Percent | None = None
    ombudsman_upheld: Count | None = None
    learning_reported: bool | None = None


class Carers(Sourced):
    assessments_delegated: bool | None = None
    delegation_overseen: bool | None = None
    respite_available: bool | None = None
    flexible_support: bool | None = None
    on_partnership_board: bool | None = None


class DirectPayments(Sourced):
    uptake_percent: Percent | None = None
    employing_pa_percent: Percent | None = None
    flexible_use: bool | None = None


class Equity(Sourced):
    population_needs_understood: bool | None = None
    outcomes_analysed_by_group: bool | None = None
    seldom_heard_engagement: bool | None = None
    interpreters: bool | None = None
    locality_variation_monitored: bool | None = None
    equality_impact_assessments: bool | None = None
    staff_equality_training_percent: Percent | None = None


class Transitions(Sourced):
    protocol: bool | None = None
    identified_from_age: Annotated[int, Field(ge=0, le=25)] | None = None
    tracked: bool | None = None
    plans_in_place_percent: Percent | None = None


class HospitalDischarge(Sourced):
    integrated_team: bool | None = None
    home_first: bool | None = None
    pathway3_percent: Percent | None = Field(None, description="Discharges to a care home bed (pathway 3).")


class Prevention(Sourced):
    reablement_offer: bool | None = None
    technology_enabled_care: bool | None = None
    falls_prevention: bool | None = None
    community_link_workers: bool | None = None


class Experience(Sourced):
    coproduction: Coproduction | None = None
    complaints: Complaints | None = None
    carers: Carers | None = None
    direct_payments: DirectPayments | None = None
    equity: Equity | None = None
    transitions: Transitions | None = None
    hospital_discharge: HospitalDischarge | None = None
    prevention: Prevention | None = None


class Feedback(Sourced):
    """What people, carers, staff, leaders or partners said: CQC weighs it as heavily as data."""

    group: Literal["people", "carers", "staff", "leaders", "partners", "providers", "voluntary-sector"]
    about: str = Field(description="One line: what was said.")
    heard_on: date | None = None
    sentiment: Sentiment
    extent: Literal["all", "most", "some", "one"] | None = Field(None, description="How widespread the view was.")
    topics: list[Topic] = Field(default_factory=list)
    statements: list[StatementId] = Field(default_factory=list, description="Quality statements it bears on.")

    @computed_field(description="CQC evidence category the feedback belongs to (derived from group).")
    @property
    def category(self) -> str:
        return {
            "people": "people", "carers": "people",
            "staff": "staff-and-leaders", "leaders": "staff-and-leaders",
        }.get(self.group, "partners")


class Indicator(Sourced):
    """A national or local measure with its comparator, read with its direction of good."""

    id: str = Field(description="e.g. ascs-satisfaction, sace-carer-satisfaction, ascof-2b1-reablement-91-days")
    name: str | None = None
    value: float
    england: float | None = None
    region: float | None = None
    polarity: Literal["higher-is-better", "lower-is-better"]
    period: str | None = None
    significance: Literal["better", "similar", "worse"] | None = Field(
        None, description="Statistically tested against England, where the publisher gives it."
    )

    @computed_field(description="Points better (+) or worse (-) than England, by direction of good.")
    @property
    def gap_to_england(self) -> float | None:
        if self.england is None:
            return None
        sign = 1 if self.polarity == "higher-is-better" else -1
        return round(sign * (self.value - self.england), 2)

    @computed_field(description="The gap to England as a percentage of the England value, by direction of "
                                "good (derived): lets rules compare rates such as admissions per 100,000.")
    @property
    def gap_to_england_percent(self) -> float | None:
        if self.england is None or self.england == 0:
            return None
        sign = 1 if self.polarity == "higher-is-better" else -1
        return round(100 * sign * (self.value - self.england) / abs(self.england), 2)


class Profile(Fact):
    """A council's adult social care evidence, as of one date."""

    council: Council
    documents: list[Document] | None = None
    documents_complete: bool | None = Field(
        None, description="true: `documents` lists every current policy, strategy and plan, so a missing one "
        "means the council has none. Otherwise a document not listed is only not evidenced."
    )
    roles: list[Role] | None = None
    governance: Governance | None = None
    workforce: Workforce | None = None
    waiting: Waiting | None = None
    access: Access | None = None
    safeguarding: Safeguarding | None = None
    partnerships: Partnerships | None = None
    market: Market | None = None
    experience: Experience | None = None
    feedback: list[Feedback] | None = None
    indicators: list[Indicator] | None = None

