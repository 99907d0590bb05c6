"""The council profile: what a council has on file about its adult social care, dated.

Every fact is optional. An absent fact means "not evidenced", which the engine keeps apart
from "false": a rule that needs it is reported as not evaluable, never as passed. Lists
follow the same idea: an absent list is not evidenced; an empty list is evidence of none.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

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
    name: str = Field(description="The council's name.")
    type: Literal["county", "unitary", "metropolitan-borough", "london-borough"] | None = Field(
        None, description="The kind of council."
    )
    region: str | None = Field(None, description="e.g. North West.")
    population: Count | None = Field(None, description="Resident population.")
    as_of: date = Field(
        description="The date this profile describes; ages (e.g. 'review overdue') are measured from it."
    )


# --- documents -----------------------------------------------------------------------------


class Document(Sourced):
    title: str = Field(description="The document's title.")
    kind: Literal[
        "policy", "strategy", "plan", "framework", "procedure", "guidance", "vision",
        "agreement", "statement", "assessment",
    ] = Field(
        description="What sort of document it is."
    )
    topic: Topic | None = Field(None, description="What it is about.")
    status: Literal[
        "draft", "in-development", "approved", "published", "out-of-date", "withdrawn", "not-in-place",
    ] | None = Field(
        None, description="Where it stands; not-in-place records that the council has no such document."
    )
    approved_on: date | None = Field(None, description="When it was approved.")
    review_due: date | None = Field(
        None, description="When it is due for review (past this date it counts as out of date)."
    )
    coproduced: bool | None = Field(None, description="Written with people who draw on care and carers.")
    has_actions: bool | None = Field(None, description="Has measures or actions with owners and dates.")
    monitored: bool | None = Field(None, description="Progress against it is reported and reviewed.")
    impact_evidenced: bool | None = Field(None, description="The council can show what difference it made.")
    joint: bool | None = Field(None, description="Held jointly with partners (NHS, police, voluntary sector).")
    statements: list[StatementId] = Field(
        default_factory=list, description="Quality statements it supports, e.g. [safeguarding]."
    )


# --- roles ---------------------------------------------------------------------------------


class Role(Sourced):
    role: Literal[
        "dass", "psw", "pot", "sab-chair", "sab-manager", "caldicott-guardian", "siro",
        "assistant-director", "lead-member", "carers-lead", "safeguarding-lead", "data-lead",
        "coproduction-lead", "transitions-lead",
    ] = Field(
        description="The role."
    )
    status: Literal["in-post", "interim", "vacant", "shared", "not-established"] = Field(
        description="Whether the role is filled, and how."
    )
    since: date | None = Field(None, description="When the current holder took it up.")
    reports_to: str | None = Field(None, description="Who the holder reports to, e.g. chief executive.")
    independent_of_operations: bool | None = Field(
        None, description="Sits apart from operational line management (matters for the PSW)."
    )
    other_duties: bool | None = Field(None, description="Also carries operational duties beyond the role.")


# --- governance ----------------------------------------------------------------------------


class RegisterRisk(Sourced):
    id: str | None = Field(None, description="The register's own reference, e.g. ASC-07.")
    title: str = Field(description="The risk as the register words it.")
    topics: list[Topic] = Field(
        default_factory=list, description="What it covers, e.g. [workforce, finance]."
    )
    category: str | None = Field(None, description="The register's own category, if any.")
    gross_score: RiskScore | None = Field(None, description="Score before controls (likelihood x impact).")
    net_score: RiskScore | None = Field(None, description="Score with current controls.")
    target_score: RiskScore | None = Field(None, description="Score the council aims for.")
    owner: str | None = Field(None, description="Who owns the risk.")
    last_reviewed: date | None = Field(None, description="When the entry was last reviewed.")
    controls: list[str] | None = Field(None, description="The controls in place, as a list of text.")


class KnownRisk(Sourced):
    """A risk the council knows of from other evidence (self-assessment, peer review, data)."""

    title: str = Field(description="The risk in a few words.")
    topic: Topic = Field(description="What it is about.")
    identified_by: Literal[
        "self-assessment", "peer-review", "internal-audit", "data", "staff-feedback",
        "partner-feedback", "people-feedback", "cqc", "other",
    ] = Field(
        description="Where the risk was found."
    )
    identified_on: date | None = Field(None, description="When it was found.")


class Action(Sourced):
    title: str = Field(description="The action.")
    topic: Topic | None = Field(None, description="What it is about.")
    owner: str | None = Field(None, description="Who owns it.")
    due: date | None = Field(None, description="When it is due.")
    status: Literal["not-started", "on-track", "at-risk", "delayed", "complete"] | None = Field(
        None, description="Where it stands."
    )


class ImprovementPlan(Sourced):
    title: str = Field(description="The plan's title.")
    approved_on: date | None = Field(None, description="When it was approved.")
    monitored: bool | None = Field(None, description="Progress is reported and reviewed.")
    actions: list[Action] | None = Field(None, description="The plan's actions, one item each.")


class Recommendation(Sourced):
    title: str = Field(description="The recommendation.")
    topic: Topic | None = Field(None, description="What it is about.")
    status: Literal["not-started", "little-progress", "in-progress", "complete"] | None = Field(
        None, description="Progress on it."
    )


class PeerReview(Sourced):
    title: str = Field(description="e.g. LGA Preparation for Assurance peer challenge.")
    held_on: date = Field(description="When the review took place (last day on site).")
    by: str | None = Field(None, description="Who carried it out, e.g. LGA.")
    action_plan: bool | None = Field(None, description="An action plan responds to its recommendations.")
    recommendations: list[Recommendation] | None = Field(
        None, description="Its recommendations, one item each."
    )


class Scrutiny(Sourced):
    adult_social_care_committee: bool | None = Field(
        None, description="A committee or scrutiny panel oversees adult social care."
    )
    reports_received: list[
        Literal["performance", "finance", "risk", "safeguarding", "waiting-lists", "transformation", "workforce"]
    ] | None = Field(
        None, description="Regular reports members receive, e.g. [performance, finance, risk]."
    )
    effectiveness: Literal["effective", "inconsistent", "weak"] | None = Field(
        None, description="How well members challenge and oversee (from an audit or peer review)."
    )


class SelfAssessment(Sourced):
    updated_on: date | None = Field(None, description="When it was last updated.")
    coproduced: bool | None = Field(None, description="Written with people who draw on care and carers.")
    covers_all_statements: bool | None = Field(None, description="It addresses all 9 quality statements.")
    matches_external_findings: bool | None = Field(
        None, description="Peer review or audit found what the self-assessment says."
    )


class QualityAssurance(Sourced):
    framework_in_place: bool | None = Field(
        None, description="A practice quality assurance framework is in place."
    )
    case_audits_last_year: Count | None = Field(
        None, description="Case file audits completed in the last 12 months."
    )
    thematic_audits: bool | None = Field(
        None, description="Themed audits are carried out (e.g. on safeguarding)."
    )
    findings_acted_on: bool | None = Field(
        None, description="Audit findings lead to recorded changes in practice."
    )
    post_incident_reviews: bool | None = Field(
        None, description="Incidents and complaints are reviewed for learning."
    )


class DataCapability(Sourced):
    quality_issues: bool | None = Field(None, description="Known gaps or errors in adult social care data.")
    performance_dashboard: bool | None = Field(None, description="A performance dashboard is in regular use.")
    used_in_planning: bool | None = Field(None, description="Data informs strategy, commissioning and resources.")
    demographic_recording_percent: Percent | None = Field(
        None, description="Share of records with ethnicity, disability and other protected characteristics."
    )


class Finance(Sourced):
    budget_variance_percent: float | None = Field(
        None, description="Forecast overspend (+) or underspend (-), as a percent of budget."
    )
    medium_term_plan: bool | None = Field(
        None, description="A medium-term financial plan covers adult social care."
    )
    savings_delivered_percent: Percent | None = Field(None, description="Share of planned savings delivered.")


class Leadership(Sourced):
    vision_defined: bool | None = Field(None, description="A vision for adult social care is agreed.")
    vision_understood_by_staff: bool | None = Field(
        None, description="Staff can describe the vision (e.g. from a survey or peer review)."
    )
    dass_reports_to_chief_executive: bool | None = Field(
        None, description="The Director of Adult Social Services reports to the chief executive."
    )
    senior_turnover_high: bool | None = Field(
        None, description="Senior leadership has changed a lot recently."
    )
    staff_briefings: bool | None = Field(None, description="Leaders brief staff regularly.")
    innovation_evidenced: bool | None = Field(
        None, description="The council can show innovations it has tried (often staff's ideas) and what they changed."
    )


class InformationGovernance(Sourced):
    breaches_reported: bool | None = Field(None, description="Data breaches are reported and learnt from.")
    training_percent: Percent | None = Field(
        None, description="Staff up to date with information governance training."
    )
    sharing_agreements: bool | None = Field(
        None, description="Information sharing agreements are in place with partners."
    )


class Governance(Sourced):
    risk_register: list[RegisterRisk] | None = Field(
        None, description="Adult social care risks on the council's risk register, one item each."
    )
    known_risks: list[KnownRisk] | None = Field(
        None,
        description=(
            "Risks the council knows of from other evidence (self-assessment, peer review, data), "
            "one item each: readiness checks the register covers them."
        ),
    )
    improvement_plan: ImprovementPlan | None = Field(
        None, description="The adult social care improvement plan."
    )
    peer_reviews: list[PeerReview] | None = Field(
        None, description="Peer reviews or challenges (e.g. LGA), one item each."
    )
    scrutiny: Scrutiny | None = Field(None, description="Member oversight of adult social care.")
    self_assessment: SelfAssessment | None = Field(None, description="The council's CQC self-assessment.")
    quality_assurance: QualityAssurance | None = Field(None, description="How practice quality is checked.")
    data: DataCapability | None = Field(None, description="Data and performance information.")
    finance: Finance | None = Field(None, description="The adult social care budget.")
    leadership: Leadership | None = Field(None, description="Vision and senior leadership.")
    information_governance: InformationGovernance | None = Field(
        None, description="Information governance and data sharing."
    )


# --- workforce -----------------------------------------------------------------------------


class Supervision(Sourced):
    target_frequency_weeks: Annotated[float, Field(gt=0)] | None = Field(
        None, description="How often staff should be supervised, in weeks."
    )
    target_percent: Percent | None = Field(None, description="Compliance the council aims for.")
    compliance_percent: Percent | None = Field(None, description="Measured share of supervisions held on time.")
    tracked: bool | None = Field(None, description="Supervision is recorded and compliance reported.")
    meeting_target: bool | None = Field(
        None, description="Supervision happens as often as the target says (when no compliance figure is kept)."
    )


class Workforce(Sourced):
    supervision: Supervision | None = Field(None, description="Supervision of practitioners.")
    turnover_percent: Percent | None = Field(None, description="Staff turnover in the last 12 months.")
    turnover_trend: Trend | None = Field(None, description="Which way turnover is going.")
    vacancy_percent: Percent | None = Field(None, description="Posts vacant.")
    agency_percent: Percent | None = Field(None, description="Posts filled by agency staff.")
    average_caseload: Annotated[float, Field(ge=0)] | None = Field(
        None, description="Average open cases per practitioner."
    )
    caseload_target: Annotated[float, Field(ge=0)] | None = Field(
        None, description="The caseload the council aims for per practitioner."
    )
    training_compliance_percent: Percent | None = Field(
        None, description="Staff up to date with mandatory training."
    )
    occupational_therapists: Count | None = Field(
        None, description="Occupational therapists employed (headcount)."
    )
    staff_survey_response_percent: Percent | None = Field(
        None, description="Response rate to the latest staff survey."
    )
    practice_forums: bool | None = Field(
        None, description="Regular practice forums (e.g. led by the PSW or POT) for reflective learning and practice "
        "development."
    )


# --- access and waiting --------------------------------------------------------------------


class WaitingList(Sourced):
    people: Count | None = Field(None, description="People waiting now.")
    median_days: Days | None = Field(None, description="Median wait so far.")
    longest_days: Days | None = Field(None, description="Longest wait so far.")
    over_six_months: Count | None = Field(None, description="People waiting more than six months.")
    trend: Trend | None = Field(None, description="Which way the list is going.")
    risk_prioritised: bool | None = Field(None, description="People waiting are triaged and checked by risk.")


class Waiting(Sourced):
    assessment: WaitingList | None = Field(None, description="Waiting for a Care Act assessment.")
    review: WaitingList | None = Field(None, description="Waiting for a review of care and support.")
    carers_assessment: WaitingList | None = Field(
        None, description="Carers waiting for a carer's assessment."
    )
    occupational_therapy: WaitingList | None = Field(
        None, description="Waiting for an occupational therapy assessment."
    )
    equipment: WaitingList | None = Field(None, description="Waiting for equipment or adaptations.")
    financial_assessment: WaitingList | None = Field(None, description="Waiting for a financial assessment.")
    service_start: WaitingList | None = Field(
        None, description="Waiting for care and support to start once agreed."
    )


class Access(Sourced):
    channels: list[Literal["phone", "online", "email", "face-to-face", "text"]] | None = Field(
        None, description="How people can make contact, e.g. [phone, online]."
    )
    self_serve: bool | None = Field(None, description="People can find support or equipment without an assessment.")
    information_and_advice_offer: bool | None = Field(
        None, description="A clear information and advice offer is published."
    )
    accessible_formats: bool | None = Field(
        None, description="Information is available in accessible formats and languages."
    )
    strengths_based_practice: bool | None = Field(
        None, description="Assessments follow a strengths-based, person-centred model."
    )
    face_to_face_assessments: bool | None = Field(
        None, description="People can have an assessment face to face when they need it."
    )


# --- safeguarding --------------------------------------------------------------------------


class SafeguardingReview(Sourced):
    title: str = Field(description="The review's title or reference.")
    status: Literal["not-started", "in-progress", "published", "paused"] | None = Field(
        None, description="Where it stands."
    )
    commissioned_on: date | None = Field(None, description="When it was commissioned.")
    actions_complete_percent: Percent | None = Field(None, description="Share of its actions completed.")
    learning_shared: bool | None = Field(
        None, description="Its learning has been shared with staff and partners."
    )


class Dols(Sourced):
    applications: Count | None = Field(None, description="DoLS applications received in the last year.")
    awaiting: Count | None = Field(None, description="Applications awaiting a decision now.")
    median_days: Days | None = Field(None, description="Median days waiting for a decision.")
    longest_days: Days | None = Field(None, description="Longest wait for a decision.")
    within_21_days_percent: Percent | None = Field(
        None, description="Standard authorisations completed within 21 days."
    )
    prioritised: bool | None = Field(None, description="Applications are triaged by risk.")


class Safeguarding(Sourced):
    concerns: Count | None = Field(None, description="Safeguarding concerns received in the last year.")
    s42_enquiries: Count | None = Field(None, description="Section 42 enquiries started in the same year.")
    conversion_comparator_percent: Percent | None = Field(
        None, description="Concern-to-enquiry conversion for the comparator (region or England)."
    )
    timely_response_percent: Percent | None = Field(None, description="Concerns screened within the local target.")
    msp_outcomes_asked_percent: Percent | None = Field(
        None, description="Making Safeguarding Personal: people asked what outcomes they wanted."
    )
    msp_outcomes_achieved_percent: Percent | None = Field(
        None, description="Making Safeguarding Personal: outcomes fully or partly achieved."
    )
    risk_reduced_or_removed_percent: Percent | None = Field(
        None, description="Enquiries where the risk was reduced or removed."
    )
    human_review_of_concerns: bool | None = Field(
        None, description="A practitioner reviews every concern (none closed automatically)."
    )
    enquiries_tracked: bool | None = Field(
        None, description="Open enquiries are tracked and overseen by managers."
    )
    thresholds_agreed_with_partners: bool | None = Field(
        None, description="Safeguarding thresholds are agreed with partners."
    )
    sab_roles_vacant: bool | None = Field(None, description="Key Safeguarding Adults Board roles are vacant.")
    reviews: list[SafeguardingReview] | None = Field(
        None, description="Safeguarding Adults Reviews (SARs), one item each."
    )
    dols: Dols | None = Field(None, description="Deprivation of Liberty Safeguards.")

    @computed_field(description="Section 42 enquiries as a share of concerns.")
    @property
    def conversion_percent(self) -> float | None:
        if self.concerns and self.s42_enquiries is not None:
            return round(100 * self.s42_enquiries / self.concerns, 1)
        return None

    @computed_field(description="Points above (+) or below (-) the comparator's concern-to-enquiry conversion.")
    @property
    def conversion_gap(self) -> float | None:
        conversion = self.conversion_percent
        if conversion is None or self.conversion_comparator_percent is None:
            return None
        return round(conversion - self.conversion_comparator_percent, 1)


# --- partnerships, commissioning and market ------------------------------------------------


class Partnership(Sourced):
    name: str = Field(description="The arrangement's name.")
    kind: Literal[
        "board", "pooled-budget", "joint-commissioning", "integrated-team", "delegated-function",
        "shared-record", "forum", "collaboration-agreement",
    ] = Field(
        description="What sort of arrangement it is."
    )
    partners: list[str] | None = Field(
        None, description="Who is in it, as a list of text, e.g. [ICB, NHS trust]."
    )
    status: Literal["draft", "active", "ending", "ended"] | None = Field(None, description="Where it stands.")
    monitored: bool | None = Field(None, description="Its performance is reported and reviewed.")
    impact_evidenced: bool | None = Field(None, description="The partners can show what difference it makes.")
    people_involvement: Literal["none", "members", "co-chair", "chair"] | None = Field(
        None, description="How people who draw on care, or carers, take part in it (boards and forums)."
    )


class BetterCareFund(Sourced):
    plan_agreed: bool | None = Field(None, description="This year's plan is agreed.")
    pooled_budget: bool | None = Field(None, description="The fund is pooled under a section 75 agreement.")


class VoluntarySector(Sourced):
    engagement_forum: bool | None = Field(None, description="A forum meets regularly with the sector.")
    grants: bool | None = Field(None, description="The council funds the sector through grants.")
    directory_complete: bool | None = Field(
        None, description="An up-to-date directory of community support is published."
    )
    actively_involved: bool | None = Field(None, description="The council seeks the sector out and uses it.")


class Market(Sourced):
    providers_good_or_outstanding_percent: Percent | None = Field(
        None, description="Local providers rated Good or Outstanding by CQC."
    )
    comparator_good_or_outstanding_percent: Percent | None = Field(
        None, description="The same share for the comparator (region or England)."
    )
    sufficiency_gaps: list[str] | None = Field(
        None,
        description=(
            "Kinds of care in short supply, as a list of text, e.g. [nursing care, home care in "
            "rural areas]; [] for none."
        ),
    )
    pays_real_living_wage: bool | None = Field(
        None, description="Commissioned rates allow the Real Living Wage."
    )
    provider_forum: bool | None = Field(None, description="A provider forum meets regularly.")
    provider_failure_plan: bool | None = Field(
        None, description="A plan covers provider failure and market exit."
    )
    quality_monitoring: bool | None = Field(None, description="Commissioned providers' quality is monitored.")

    @computed_field(description="Number of sufficiency gaps recorded.")
    @property
    def sufficiency_gap_count(self) -> int | None:
        return None if self.sufficiency_gaps is None else len(self.sufficiency_gaps)

    @computed_field(description="Points above (+) or below (-) the comparator share of providers rated Good or "
                                "Outstanding.")
    @property
    def good_or_outstanding_gap(self) -> float | None:
        if self.providers_good_or_outstanding_percent is None or self.comparator_good_or_outstanding_percent is None:
            return None
        return round(self.providers_good_or_outstanding_percent - self.comparator_good_or_outstanding_percent, 2)


class Partnerships(Sourced):
    arrangements: list[Partnership] | None = Field(
        None, description="Joint arrangements with partners, one item each."
    )
    better_care_fund: BetterCareFund | None = Field(None, description="The Better Care Fund.")
    voluntary_sector: VoluntarySector | None = Field(
        None, description="Working with the voluntary and community sector."
    )
    shared_care_record: bool | None = Field(
        None, description="Staff can see a shared care record with health."
    )
    double_recording: bool | None = Field(
        None, description="Staff re-key the same case information into more than one system (e.g. an NHS record)."
    )


# --- people's experience and equity --------------------------------------------------------


class Coproduction(Sourced):
    level: Literal["none", "consultation", "some", "embedded"] | None = Field(
        None, description="How far co-production goes."
    )
    people_on_boards: bool | None = Field(
        None, description="People who draw on care sit on boards that make decisions."
    )
    lead_or_officer: bool | None = Field(None, description="A co-production lead or officer is in post.")


class Complaints(Sourced):
    received: Count | None = Field(None, description="Complaints received in the last year.")
    upheld_percent: Percent | None = Field(None, description="Share upheld or partly upheld.")
    ombudsman_upheld: Count | None = Field(
        None, description="Ombudsman decisions upheld against the council in the last year."
    )
    learning_reported: bool | None = Field(
        None, description="Learning from complaints is reported and acted on."
    )


class Carers(Sourced):
    assessments_delegated: bool | None = Field(
        None, description="Carers' assessments are delegated to another organisation."
    )
    delegation_overseen: bool | None = Field(
        None, description="The council oversees the quality of delegated carers' assessments."
    )
    respite_available: bool | None = Field(
        None, description="Carers can get a break (respite) when they need it."
    )
    flexible_support: bool | None = Field(
        None, description="Carers' support is flexible (e.g. direct payments, short notice)."
    )
    on_partnership_board: bool | None = Field(None, description="Carers have a seat on a partnership board.")


class DirectPayments(Sourced):
    uptake_percent: Percent | None = Field(
        None, description="People on long-term support who take a direct payment."
    )
    employing_pa_percent: Percent | None = Field(
        None, description="Direct payment users who employ a personal assistant."
    )
    flexible_use: bool | None = Field(None, description="Direct payments can be used flexibly.")


class Equity(Sourced):
    population_needs_understood: bool | None = Field(
        None, description="The council knows its population's needs (e.g. from the JSNA)."
    )
    outcomes_analysed_by_group: bool | None = Field(
        None, description="Outcomes are analysed by ethnicity, disability and other groups."
    )
    seldom_heard_engagement: bool | None = Field(
        None, description="The council reaches out to seldom-heard groups."
    )
    interpreters: bool | None = Field(None, description="Interpreters and translation are available.")
    locality_variation_monitored: bool | None = Field(
        None, description="Differences between localities are monitored."
    )
    equality_impact_assessments: bool | None = Field(
        None, description="Equality impact assessments are done for changes."
    )
    staff_equality_training_percent: Percent | None = Field(
        None, description="Staff who have done equality training."
    )


class Transitions(Sourced):
    protocol: bool | None = Field(
        None, description="A transitions protocol with children's services is in place."
    )
    identified_from_age: Annotated[int, Field(ge=0, le=25)] | None = Field(
        None, description="Age from which young people are identified for transition."
    )
    tracked: bool | None = Field(None, description="Young people in transition are tracked.")
    plans_in_place_percent: Percent | None = Field(
        None, description="Young people in transition with a plan."
    )


class HospitalDischarge(Sourced):
    integrated_team: bool | None = Field(None, description="An integrated discharge team works with the NHS.")
    home_first: bool | None = Field(None, description="Discharge follows Home First (home is the default).")
    pathway3_percent: Percent | None = Field(None, description="Discharges to a care home bed (pathway 3).")


class Prevention(Sourced):
    reablement_offer: bool | None = Field(
        None, description="Reablement is offered after illness or a hospital stay."
    )
    technology_enabled_care: bool | None = Field(None, description="Technology-enabled care is offered.")
    falls_prevention: bool | None = Field(None, description="A falls prevention service is in place.")
    community_link_workers: bool | None = Field(
        None, description="Community connectors or link workers are in place."
    )


class Experience(Sourced):
    coproduction: Coproduction | None = Field(
        None, description="Co-production with people who draw on care and carers."
    )
    complaints: Complaints | None = Field(None, description="Complaints about adult social care.")
    carers: Carers | None = Field(None, description="Support for unpaid carers.")
    direct_payments: DirectPayments | None = Field(None, description="Direct payments.")
    equity: Equity | None = Field(None, description="Understanding and tackling inequality.")
    transitions: Transitions | None = Field(None, description="Young people moving to adult services.")
    hospital_discharge: HospitalDischarge | None = Field(None, description="Leaving hospital.")
    prevention: Prevention | None = Field(None, description="Prevention and reablement.")


class Feedback(Sourced):
    """What people, carers, staff, leaders or partners said: CQC weighs it as heavily as data."""

    group: Literal["people", "carers", "staff", "leaders", "partners", "providers", "voluntary-sector"] = Field(
        description="Who said it."
    )
    about: str = Field(description="One line: what was said.")
    heard_on: date | None = Field(None, description="When it was heard.")
    sentiment: Sentiment = Field(description="Whether it was positive, mixed or negative.")
    extent: Literal["all", "most", "some", "one"] | None = Field(None, description="How widespread the view was.")
    topics: list[Topic] = Field(default_factory=list, description="What it was about.")
    statements: list[StatementId] = Field(default_factory=list, description="Quality statements it bears on.")

    @computed_field(description="CQC evidence category the feedback belongs to (from its group).")
    @property
    def category(self) -> str:
        return {
            "people": "people", "carers": "people",
            "staff": "staff-and-leaders", "leaders": "staff-and-leaders",
        }.get(self.group, "partners")


class Indicator(Sourced):
    """A national or local measure with its comparator, read with its direction of good."""

    id: str = Field(description="e.g. ascs-satisfaction, sace-carer-satisfaction, reablement-91-days (see docs/indicators.md)")
    name: str | None = Field(None, description="Its name as published.")
    value: float = Field(description="Your council's value.")
    england: float | None = Field(None, description="The England value, for the same period.")
    region: float | None = Field(None, description="The regional value.")
    polarity: Literal["higher-is-better", "lower-is-better"] = Field(description="Which direction is good.")
    period: str | None = Field(None, description="The period it covers, e.g. 2023-24.")
    significance: Literal["better", "similar", "worse"] | None = Field(
        None, description="Statistically tested against England, where the publisher gives it."
    )

    @model_validator(mode="after")
    def _known_measure(self) -> Indicator:
        """A wrong direction of good silently turns a shortfall into a strength: check known ids."""
        from .errors import suggest
        from .framework import known_indicators

        known = known_indicators()
        if self.id in known:
            if self.polarity != known[self.id].polarity:
                raise ValueError(f"'{self.id}' ({known[self.id].measure}) is {known[self.id].polarity}, "
                                 f"not {self.polarity}")
        else:
            hint = suggest(self.id, list(known))
            if hint:
                raise ValueError(f"unknown indicator id '{self.id}'{hint}; ids the rules read are in "
                                 "docs/indicators.md (other local ids are fine)")
        return self

    @computed_field(description="Points better (+) or worse (-) than England, by direction of good.")
    @property
    def gap_to_england(self) -> float | None:
        if self.england is None:
            return None
        sign = 1 if self.polarity == "higher-is-better" else -1
        return round(sign * (self.value - self.england), 2)

    @computed_field(description="The gap to England as a percentage of the England value, by direction of "
                                "good: lets rules compare rates such as admissions per 100,000.")
    @property
    def gap_to_england_percent(self) -> float | None:
        if self.england is None or self.england == 0:
            return None
        sign = 1 if self.polarity == "higher-is-better" else -1
        return round(100 * sign * (self.value - self.england) / abs(self.england), 2)


class Profile(Fact):
    """A council's adult social care evidence, as of one date."""

    council: Council = Field(description="Who the profile is about, and the date it describes.")
    documents: list[Document] | None = Field(
        None, description="One item per policy, strategy, plan or framework you can evidence."
    )
    documents_complete: bool | None = Field(
        None,
        description=(
            "true only if `documents` lists every current policy, strategy and plan: then a "
            "document not listed means the council has none. Otherwise a document not listed is "
            "only not evidenced."
        ),
    )
    roles: list[Role] | None = Field(
        None, description="Key roles and who holds them (DASS, PSW, SAB chair ...), one item each."
    )
    governance: Governance | None = Field(
        None, description="Risk, improvement, assurance, data, finance and leadership."
    )
    workforce: Workforce | None = Field(None, description="The council's own adult social care workforce.")
    waiting: Waiting | None = Field(None, description="Waiting lists, one section per kind of wait.")
    access: Access | None = Field(None, description="How people reach advice, assessment and support.")
    safeguarding: Safeguarding | None = Field(
        None, description="Safeguarding adults: concerns, enquiries, reviews and DoLS."
    )
    partnerships: Partnerships | None = Field(
        None,
        description=(
            "Joint arrangements with the NHS and others, the Better Care Fund, the voluntary "
            "sector."
        ),
    )
    market: Market | None = Field(
        None, description="The local care market the council shapes and commissions."
    )
    experience: Experience | None = Field(
        None, description="People's and carers' experience, equity, transitions, discharge and prevention."
    )
    feedback: list[Feedback] | None = Field(
        None,
        description=(
            "What people, carers, staff, leaders and partners said, one item per view. CQC weighs "
            "this as heavily as data."
        ),
    )
    indicators: list[Indicator] | None = Field(
        None,
        description=(
            "National or local measures with their England comparator, one item each (ids in "
            "docs/indicators.md)."
        ),
    )

