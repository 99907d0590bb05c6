"""The council profile: what a council has on file about its adult social care, dated.

Every fact is optional. An absent fact means "not evidenced", which the engine keeps apart
from "false": a rule that needs it is reported as not evaluable, never as passed. Lists
follow the same idea: an absent list is not evidenced; an empty list is evidence of none.
"""

# No `from __future__ import annotations` here: with it, pydantic evaluates each of the ~400
# field annotations from its text when the ~50 classes are created (in every `check`, a sixth of
# importing this module). The few annotations naming a class not yet defined are quoted.

from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal, Union, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator
from pydantic_core import core_schema

from ..lang.dates import PartialDate

Percent = Annotated[float, Field(ge=0, le=100)]
Count = Annotated[int, Field(ge=0)]
Days = Annotated[float, Field(ge=0)]
RiskScore = Annotated[int, Field(ge=1, le=25)]
# A day, a month or a year: sources often give only "May 2024" or "2023" (see docs/recording-evidence.md).
When = PartialDate
# A yes/no fact that sources also give as a state between: "partly" (in some areas or for some
# people, not all) or "in-progress" (being put in place). Either one fails both `eq true` and `eq false`.
class _OneJudgement:
    """Validates a Judgement as one choice, so a wrong value gets one message, not one per branch."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.union_schema(
            [core_schema.bool_schema(), core_schema.literal_schema(list(JUDGEMENT_STATES))],
            custom_error_type="judgement", custom_error_message="expected true or false, or partly or in-progress",
        )


JUDGEMENT_STATES = ("partly", "in-progress")
Judgement = Annotated[Union[bool, Literal["partly", "in-progress"]], _OneJudgement()]

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
    # format 2
    "advocacy", "allocation", "autism", "choice", "crisis", "culture", "dementia", "early-help",
    "health-inequalities", "homelessness", "intermediate-care", "learning-and-development",
    "mental-capacity", "neighbourhood-working", "population-needs", "public-health", "rapid-response",
    "research", "staff-wellbeing",
    "admission-avoidance", "complex-needs", "long-term-conditions", "refugees-and-asylum-seekers",
    "tenancy-sustainment",
]
Frequency = Literal[
    "daily", "weekly", "fortnightly", "monthly", "quarterly", "six-monthly", "yearly", "ad-hoc",
]
Trend = Literal["rising", "stable", "falling"]
Sentiment = Literal["positive", "mixed", "negative", "neutral", "uncertain"]


class Fact(BaseModel):
    """Base for every profile section: unknown fields are errors, so typos cannot hide facts.

    Schemas are built on first validation (defer_build), once for the whole Profile, instead of
    once per section at import: a command that reads rules from the pack cache never builds them."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)

    def model_copy(self, *, update: Any = None, deep: bool = False) -> Any:
        """A copy; with `update`, without the derived values a first read kept (`derived` over a
        cached_property), which the updated fields may change."""
        copy = super().model_copy(update=update, deep=deep)
        if update:
            for name in type(self).model_computed_fields:
                if isinstance(getattr(type(self), name, None), cached_property):
                    copy.__dict__.pop(name, None)
        return copy


def derived(**kwargs: Any) -> Any:
    """`computed_field` whose return type is known at once: a deferred model leaves it unset
    until it is built, and the rule checker (lang.facts) reads it to type a derived fact. Over a
    `cached_property` (for one that many rules read from every item, e.g. feedback categories),
    the value is worked out on first read and kept: a profile does not change (frozen)."""
    def decorate(prop: property | cached_property) -> Any:
        getter = prop.func if isinstance(prop, cached_property) else prop.fget
        return computed_field(prop, return_type=get_type_hints(getter)["return"], **kwargs)
    return decorate


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
        "annual-report", "local-account", "report", "research", "review",
    ] = Field(
        description=(
            "What sort of document it is: annual-report and local-account for yearly reports (e.g. the "
            "Safeguarding Adults Board's); research or review for work commissioned to understand something."
        )
    )
    topic: Topic | None = Field(None, description="What it is mainly about.")
    topics: list[Topic] = Field(
        default_factory=list,
        description="Everything it covers, e.g. a strategy's priorities; `topic`, if given, is counted here too.",
    )
    status: Literal[
        "draft", "in-development", "approved", "published", "out-of-date", "withdrawn", "not-in-place",
        "in-place", "in-use", "launched", "being-implemented", "planned",
    ] | None = Field(
        None,
        description=(
            "Where it stands, in the source's words: in-place or in-use where it simply exists or is used, "
            "launched, being-implemented, planned. Leave it out when the source does not say (do not guess "
            "approved). not-in-place records that the council has no such document."
        ),
    )
    scope: Literal["adult-social-care", "council-wide", "system-wide"] | None = Field(
        None, description="Whose document it is: adult social care's own, the whole council's, or the local system's."
    )
    summary: str | None = Field(None, description="What it sets out, in a line or the source's own words.")
    by: str | None = Field(None, description="Who wrote or carried it out, where not the council (e.g. a partner).")
    audience: str | None = Field(None, description="Who it is for, e.g. people with or without current care needs.")
    count: Annotated[int, Field(ge=1)] | None = Field(
        None, description="How many such documents this item stands for (3 for a profile per locality)."
    )
    approved_on: When | None = Field(None, description="When it was approved (or produced).")
    period_start: When | None = Field(None, description="The first year (or date) it covers, e.g. 2024 for 2024-2028.")
    period_end: When | None = Field(
        None, description="The last year (or date) it covers, e.g. 2028 for 2024-2028: after it, it is out of date."
    )
    last_reviewed: When | None = Field(None, description="When it was last reviewed.")
    review_due: When | None = Field(
        None, description="When it is due for review (past this date it counts as out of date)."
    )
    coproduced: Judgement | None = Field(None, description="Written with people who draw on care and carers.")
    has_actions: Judgement | None = Field(None, description="Has measures or actions with owners and dates.")
    monitored: Judgement | None = Field(None, description="Progress against it is reported and reviewed.")
    impact_evidenced: Judgement | None = Field(None, description="The council can show what difference it made.")
    joint: Judgement | None = Field(None, description="Held jointly with partners (NHS, police, voluntary sector).")
    statements: list[StatementId] = Field(
        default_factory=list, description="Quality statements it supports, e.g. [safeguarding]."
    )

    @model_validator(mode="after")
    def _topic_counts_in_topics(self) -> "Document":
        if self.topic is not None and self.topic not in self.topics:
            object.__setattr__(self, "topics", [self.topic, *self.topics])
        return self



# --- roles ---------------------------------------------------------------------------------


class Role(Sourced):
    role: Literal[
        "dass", "psw", "pot", "sab-chair", "sab-manager", "caldicott-guardian", "siro",
        "assistant-director", "lead-member", "carers-lead", "safeguarding-lead", "data-lead",
        "coproduction-lead", "transitions-lead",
        "chief-executive", "executive-director-people", "place-director", "director-of-public-health",
        "commissioning-lead", "housing-lead", "independent-scrutineer", "quality-assurance-lead",
        "workforce-lead", "mental-health-lead", "other",
    ] = Field(
        description="The role (other: name it in `title`)."
    )
    title: str | None = Field(None, description="The post's own title, e.g. Director of Adults and Health.")
    status: Literal["in-post", "interim", "vacant", "shared", "not-established", "recruiting"] | None = Field(
        None,
        description=(
            "Whether the role is filled, and how; recruiting while the post is being filled. Leave it out when "
            "the source shows the role exists but not how it is held."
        ),
    )
    joint_with: str | None = Field(None, description="The organisation a joint post is shared with, e.g. the ICB.")
    new_in_post: Judgement | None = Field(None, description="The holder is new in post (when is not given).")
    chairs: list[str] | None = Field(
        None, description="Boards or partnerships the holder chairs, as a list of text."
    )
    since: When | None = Field(None, description="When the current holder took it up.")
    reports_to: str | None = Field(None, description="Who the holder reports to, e.g. chief executive.")
    independent_of_operations: Judgement | None = Field(
        None, description="Sits apart from operational line management (matters for the PSW)."
    )
    other_duties: Judgement | None = Field(None, description="Also carries operational duties beyond the role.")


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
    last_reviewed: When | None = Field(None, description="When the entry was last reviewed.")
    controls: list[str] | None = Field(None, description="The controls in place, as a list of text.")


class KnownRisk(Sourced):
    """A risk the council knows of from other evidence (self-assessment, peer review, data)."""

    title: str = Field(description="The risk in a few words.")
    topic: Topic = Field(description="What it is about.")
    identified_by: Literal[
        "self-assessment", "peer-review", "internal-audit", "data", "staff-feedback",
        "partner-feedback", "people-feedback", "cqc", "other",
        "leaders", "quality-assurance-audit", "jsna", "analysis", "council", "not-stated",
    ] = Field(
        description=(
            "Where the risk was found: leaders (the council's own leaders said so), quality-assurance-audit, "
            "jsna, analysis (the council's own data work), council (the council recognised it, source not named)."
        )
    )
    identified_on: When | None = Field(None, description="When it was found.")
    statements: list[StatementId] = Field(default_factory=list, description="Quality statements it bears on.")
    status: Literal["open", "being-addressed", "mitigated", "closed"] | None = Field(
        None, description="What the council is doing about it: mitigated where it is controlled off the register."
    )
    mitigation: str | None = Field(None, description="What is being done, in a line.")
    recurring: Judgement | None = Field(None, description="Found again and again (e.g. in successive audits).")


class Action(Sourced):
    title: str = Field(description="The action.")
    topic: Topic | None = Field(None, description="What it is about.")
    owner: str | None = Field(None, description="Who owns it.")
    due: When | None = Field(None, description="When it is due.")
    status: Literal["not-started", "on-track", "at-risk", "delayed", "complete"] | None = Field(
        None, description="Where it stands."
    )


class ImprovementPlan(Sourced):
    title: str = Field(description="The plan's title.")
    approved_on: When | None = Field(None, description="When it was approved.")
    monitored: Judgement | None = Field(None, description="Progress is reported and reviewed.")
    actions: list[Action] | None = Field(None, description="The plan's actions, one item each.")


class Recommendation(Sourced):
    title: str = Field(description="The recommendation.")
    topic: Topic | None = Field(None, description="What it is about.")
    status: Literal["not-started", "little-progress", "in-progress", "complete"] | None = Field(
        None, description="Progress on it."
    )


class PeerReview(Sourced):
    title: str = Field(description="e.g. LGA Preparation for Assurance peer challenge.")
    held_on: When = Field(description="When the review took place (last day on site).")
    by: str | None = Field(None, description="Who carried it out, e.g. LGA.")
    action_plan: Judgement | None = Field(None, description="An action plan responds to its recommendations.")
    recommendations: list[Recommendation] | None = Field(
        None, description="Its recommendations, one item each."
    )


class Scrutiny(Sourced):
    adult_social_care_committee: Judgement | None = Field(
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
    in_place: Judgement | None = Field(None, description="The council has a self-assessment.")
    updated_on: When | None = Field(None, description="When it was last updated.")
    coproduced: Judgement | None = Field(None, description="Written with people who draw on care and carers.")
    covers_all_statements: Judgement | None = Field(None, description="It addresses all 9 quality statements.")
    matches_external_findings: Judgement | None = Field(
        None, description="Peer review, audit or CQC found what the self-assessment says."
    )
    priorities: list[str] | None = Field(None, description="What it names as priorities, as a list of text.")


class QualityAssurance(Sourced):
    framework_in_place: Judgement | None = Field(
        None, description="A practice quality assurance framework is in place."
    )
    case_audits_last_year: Count | None = Field(
        None, description="Case file audits completed in the last 12 months."
    )
    thematic_audits: Judgement | None = Field(
        None, description="Themed audits are carried out (e.g. on safeguarding)."
    )
    findings_acted_on: Judgement | None = Field(
        None, description="Audit findings lead to recorded changes in practice."
    )
    post_incident_reviews: Judgement | None = Field(
        None, description="Incidents and complaints are reviewed for learning."
    )
    case_audits: Judgement | None = Field(None, description="Case file audits are carried out (when no count is given).")
    recurring_themes: list[str] | None = Field(
        None, description="What audits find again and again, as a list of text."
    )
    quality_monitoring_team: Judgement | None = Field(
        None, description="An internal team monitors quality (and may run surveys of people's experience)."
    )


class DataCapability(Sourced):
    quality_issues: Judgement | None = Field(None, description="Known gaps or errors in adult social care data.")
    performance_dashboard: Judgement | None = Field(None, description="A performance dashboard is in regular use.")
    used_in_planning: Judgement | None = Field(None, description="Data informs strategy, commissioning and resources.")
    demographic_recording_percent: Percent | None = Field(
        None, description="Share of records with ethnicity, disability and other protected characteristics."
    )
    equality_data: Judgement | None = Field(
        None, description="Data on equality and demographics of people using services is held (partly: some)."
    )
    benchmarked: Judgement | None = Field(
        None, description="Performance is compared with other councils using national data."
    )
    data_governance_group: Judgement | None = Field(
        None, description="A group oversees data quality and explores patterns in the data."
    )
    population_dashboard: Judgement | None = Field(
        None, description="Population health and care data is published as an interactive dashboard (e.g. the JSNA)."
    )
    commissioning_data: Judgement | None = Field(
        None, description="Commissioners have current activity and spend data for everyone in long-term care."
    )
    demand_forecasting: Judgement | None = Field(None, description="Future need is forecast from data and growth.")
    quality_feedback_to_teams: Judgement | None = Field(
        None, description="Gaps in recording are found and fed back to teams (e.g. by a data tool)."
    )


class Finance(Sourced):
    budget_variance_percent: float | None = Field(
        None, description="Forecast overspend (+) or underspend (-), as a percent of budget."
    )
    medium_term_plan: Judgement | None = Field(
        None, description="A medium-term financial plan covers adult social care."
    )
    savings_delivered_percent: Percent | None = Field(None, description="Share of planned savings delivered.")


class Leadership(Sourced):
    vision_defined: Judgement | None = Field(None, description="A vision for adult social care is agreed.")
    vision_understood_by_staff: Judgement | None = Field(
        None, description="Staff can describe the vision (e.g. from a survey or peer review)."
    )
    dass_reports_to_chief_executive: Judgement | None = Field(
        None, description="The Director of Adult Social Services reports to the chief executive."
    )
    senior_turnover_high: Judgement | None = Field(
        None, description="Senior leadership has changed a lot recently."
    )
    staff_briefings: Judgement | None = Field(None, description="Leaders brief staff regularly.")
    innovation_evidenced: Judgement | None = Field(
        None, description="The council can show innovations it has tried (often staff's ideas) and what they changed."
    )
    political_stability: Judgement | None = Field(
        None, description="The council has been politically stable (the same administration for a long period)."
    )
    restructured_for_outcomes: Judgement | None = Field(
        None, description="Leaders changed the structure of adult social care to improve outcomes."
    )


class InformationGovernance(Sourced):
    breaches_reported: Judgement | None = Field(None, description="Data breaches are reported and learnt from.")
    training_percent: Percent | None = Field(
        None, description="Staff up to date with information governance training."
    )
    sharing_agreements: Judgement | None = Field(
        None, description="Information sharing agreements are in place with partners."
    )


class Governance(Sourced):
    risk_register: list[RegisterRisk] | None = Field(
        None, description="Adult social care risks on the council's risk register, one item each."
    )
    risk_register_in_place: Judgement | None = Field(
        None, description="A risk register covers adult social care, where its entries are not known."
    )
    risk_escalation_council_wide: Judgement | None = Field(
        None, description="Risk, performance and escalation arrangements join adult social care with the rest of the council."
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
    tracked: Judgement | None = Field(None, description="Supervision is recorded and compliance reported.")
    meeting_target: Judgement | None = Field(
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
    practice_forums: Judgement | None = Field(
        None, description="Regular practice forums (e.g. led by the PSW or POT) for reflective learning and practice "
        "development."
    )
    learning_offer: Judgement | None = Field(
        None, description="Staff have ongoing access to training and development beyond the mandatory."
    )
    grow_your_own: Judgement | None = Field(
        None, description="Routes into social work or therapy for existing staff (apprenticeships, sponsored training)."
    )
    multi_agency_training: Judgement | None = Field(
        None, description="Training and learning events run with partners (e.g. by the safeguarding partnership)."
    )
    learning_shared_with_staff: Judgement | None = Field(
        None, description="Learning is shared through events, team meetings and written updates."
    )
    wellbeing_supported: Judgement | None = Field(
        None, description="Staff wellbeing is looked after (staff say so, or the council can show it)."
    )
    mandatory_training_programme: Judgement | None = Field(
        None, description="A mandatory training programme is in place (when no compliance figure is given)."
    )
    training_programmes: list[str] | None = Field(
        None, description="Training programmes offered or rolled out, as a list of text (e.g. [strengths-based practice])."
    )
    training_developed_with: list[str] | None = Field(
        None, description="Who the training offer was built with, e.g. [children's services, neighbouring councils]."
    )
    lived_experience_in_learning: Judgement | None = Field(
        None, description="People with lived experience take part in staff learning (conferences, training)."
    )


# --- access and waiting --------------------------------------------------------------------


class WaitingList(Sourced):
    people: Count | None = Field(None, description="People waiting now.")
    median_days: Days | None = Field(None, description="Median wait so far.")
    longest_days: Days | None = Field(None, description="Longest wait so far.")
    over_six_months: Count | None = Field(None, description="People waiting more than six months.")
    trend: Trend | None = Field(None, description="Which way the list is going.")
    risk_prioritised: Judgement | None = Field(None, description="People waiting are triaged and checked by risk.")
    audited: Judgement | None = Field(None, description="The risk to people waiting is checked by audit.")
    counted_on: When | None = Field(None, description="The date the counts here were taken, where not `as_of`.")


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
    self_serve: Judgement | None = Field(None, description="People can find support or equipment without an assessment.")
    self_assessment: Judgement | None = Field(None, description="People can assess their own needs (e.g. online).")
    support_while_waiting: Judgement | None = Field(
        None, description="People waiting for an assessment are offered preventative support meanwhile."
    )
    contact_monitored: Judgement | None = Field(
        None, description="Calls and contacts are monitored, and audited for quality and timeliness."
    )
    information_and_advice_offer: Judgement | None = Field(
        None, description="A clear information and advice offer is published."
    )
    accessible_formats: Judgement | None = Field(
        None, description="Information is available in accessible formats and languages."
    )
    strengths_based_practice: Judgement | None = Field(
        None, description="Assessments follow a strengths-based, person-centred model."
    )
    face_to_face_assessments: Judgement | None = Field(
        None, description="People can have an assessment face to face when they need it."
    )


# --- safeguarding --------------------------------------------------------------------------


class SafeguardingReview(Sourced):
    title: str = Field(description="The review's title or reference.")
    status: Literal["not-started", "in-progress", "published", "paused"] | None = Field(
        None, description="Where it stands."
    )
    commissioned_on: When | None = Field(None, description="When it was commissioned.")
    actions_complete_percent: Percent | None = Field(None, description="Share of its actions completed.")
    learning_shared: Judgement | None = Field(
        None, description="Its learning has been shared with staff and partners."
    )
    practice_changed: Judgement | None = Field(
        None, description="Its learning changed practice or process (e.g. a referral form, a new team)."
    )
    change: str | None = Field(None, description="What changed because of it, in a line.")


class Dols(Sourced):
    applications: Count | None = Field(None, description="DoLS applications received in the last year.")
    awaiting: Count | None = Field(None, description="Applications awaiting a decision now.")
    median_days: Days | None = Field(None, description="Median days waiting for a decision.")
    longest_days: Days | None = Field(None, description="Longest wait for a decision.")
    within_21_days_percent: Percent | None = Field(
        None, description="Standard authorisations completed within 21 days."
    )
    prioritised: Judgement | None = Field(None, description="Applications are triaged by risk.")
    screening_tool: str | None = Field(None, description="The tool used to prioritise, e.g. the ADASS screening tool.")
    community_awaiting: Count | None = Field(
        None, description="Community (court-authorised) deprivation of liberty cases waiting."
    )
    counted_on: When | None = Field(None, description="The date the counts here were taken, where not `as_of`.")


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
    human_review_of_concerns: Judgement | None = Field(
        None, description="A practitioner reviews every concern (none closed automatically)."
    )
    enquiries_tracked: Judgement | None = Field(
        None, description="Open enquiries are tracked and overseen by managers."
    )
    thresholds_agreed_with_partners: Judgement | None = Field(
        None, description="Safeguarding thresholds are agreed with partners."
    )
    sab_roles_vacant: Judgement | None = Field(None, description="Key Safeguarding Adults Board roles are vacant.")
    concerns_per_100k: Annotated[float, Field(ge=0)] | None = Field(
        None, description="Safeguarding concerns per 100,000 adults (context: no direction is good in itself)."
    )
    days_to_decision: Days | None = Field(
        None, description="Median days from a concern to the decision whether to make a section 42 enquiry."
    )
    days_to_complete_enquiry: Days | None = Field(
        None, description="Median days from the start of a section 42 enquiry to its completion."
    )
    awaiting_allocation: Count | None = Field(
        None, description="Concerns or enquiries waiting to be allocated to a worker now."
    )
    performance_reported: Judgement | None = Field(
        None, description="Leaders receive regular safeguarding performance information (volumes, types, timeliness)."
    )
    roles_clear_across_partners: Judgement | None = Field(
        None, description="Partners know their roles in identifying and responding to concerns."
    )
    shared_risk_model: Judgement | None = Field(
        None, description="A shared multi-agency model for managing safeguarding risk is in place."
    )
    learning_into_practice: Judgement | None = Field(
        None, description="Learning from reviews and audits is seen in practice."
    )
    information_sharing: Judgement | None = Field(
        None, description="Safeguarding information-sharing arrangements with partners are in place."
    )
    route_to_raise_clear: Judgement | None = Field(
        None, description="Partners and the public know where and how to raise a concern (a single point of access)."
    )
    screened_at: str | None = Field(None, description="Where concerns are screened, e.g. the front door, the MASH.")
    benchmarked: Judgement | None = Field(
        None, description="Safeguarding performance is compared with other councils using national data."
    )
    counted_on: When | None = Field(None, description="The date the counts here were taken, where not `as_of`.")
    reviews: list[SafeguardingReview] | None = Field(
        None, description="Safeguarding Adults Reviews (SARs), one item each."
    )
    dols: Dols | None = Field(None, description="Deprivation of Liberty Safeguards.")

    @derived(description="Section 42 enquiries as a share of concerns.")
    @property
    def conversion_percent(self) -> float | None:
        if self.concerns and self.s42_enquiries is not None:
            return round(100 * self.s42_enquiries / self.concerns, 1)
        return None

    @derived(description="Points above (+) or below (-) the comparator's concern-to-enquiry conversion.")
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
        "place-based-partnership", "safeguarding-partnership", "research-partnership", "joint-working",
        "council-departments",
    ] = Field(
        description="What sort of arrangement it is."
    )
    partners: list[str] | None = Field(
        None, description="Who is in it, as a list of text, e.g. [ICB, NHS trust]."
    )
    status: Literal["draft", "active", "ending", "ended", "planned", "pilot", "being-implemented"] | None = Field(
        None, description="Where it stands: a pilot or test-and-learn work is pilot."
    )
    since: When | None = Field(None, description="When it started.")
    chaired_by: str | None = Field(None, description="Who chairs it, e.g. DASS, ICB, an independent chair.")
    led_by_council: Judgement | None = Field(None, description="The council leads or chairs it.")
    not_included: list[str] | None = Field(
        None, description="Partners notably absent from it, as a list of text, e.g. [advocacy, providers]."
    )
    summary: str | None = Field(None, description="What it does, in a line.")
    part_of: str | None = Field(None, description="The arrangement it is a subgroup of.")
    aligned_with: list[str] | None = Field(None, description="Other boards or partnerships it is joined up with.")
    frequency: Frequency | None = Field(None, description="How often it meets.")
    monitored: Judgement | None = Field(None, description="Its performance is reported and reviewed.")
    impact_evidenced: Judgement | None = Field(None, description="The partners can show what difference it makes.")
    people_involvement: Literal["none", "members", "co-chair", "chair", "co-produced"] | None = Field(
        None, description="How people who draw on care, or carers, take part in it (boards and forums)."
    )


class BetterCareFund(Sourced):
    plan_agreed: Judgement | None = Field(None, description="This year's plan is agreed.")
    pooled_budget: Judgement | None = Field(None, description="The fund is pooled under a section 75 agreement.")
    in_place: Judgement | None = Field(None, description="A Better Care Fund is run with the ICB (pooling not stated).")
    relationship_good: Judgement | None = Field(
        None, description="The council and the ICB work well together on the fund."
    )


class VoluntarySector(Sourced):
    engagement_forum: Judgement | None = Field(None, description="A forum meets regularly with the sector.")
    grants: Judgement | None = Field(None, description="The council funds the sector through grants.")
    directory_complete: Judgement | None = Field(
        None, description="An up-to-date directory of community support is published."
    )
    actively_involved: Judgement | None = Field(None, description="The council seeks the sector out and uses it.")


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
    pays_real_living_wage: Judgement | None = Field(
        None, description="Commissioned rates allow the Real Living Wage."
    )
    provider_forum: Judgement | None = Field(None, description="A provider forum meets regularly.")
    provider_failure_plan: Judgement | None = Field(
        None, description="A plan covers provider failure and market exit."
    )
    quality_monitoring: Judgement | None = Field(None, description="Commissioned providers' quality is monitored.")

    @derived(description="Number of sufficiency gaps recorded.")
    @property
    def sufficiency_gap_count(self) -> int | None:
        return None if self.sufficiency_gaps is None else len(self.sufficiency_gaps)

    @derived(description="Points above (+) or below (-) the comparator share of providers rated Good or "
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
    shared_care_record: Judgement | None = Field(
        None, description="Staff can see a shared care record with health."
    )
    double_recording: Judgement | None = Field(
        None, description="Staff re-key the same case information into more than one system (e.g. an NHS record)."
    )


# --- people's experience and equity --------------------------------------------------------


class Coproduction(Sourced):
    level: Literal["none", "consultation", "early-stage", "some", "embedded"] | None = Field(
        None, description="How far co-production goes: early-stage where principles are agreed but practice is new."
    )
    approach: str | None = Field(None, description="A named model it follows, e.g. Think Local Act Personal.")
    groups_and_forums: Judgement | None = Field(
        None, description="Co-production groups or forums of people who draw on care meet."
    )
    people_on_boards: Judgement | None = Field(
        None, description="People who draw on care sit on boards that make decisions."
    )
    lead_or_officer: Judgement | None = Field(None, description="A co-production lead or officer is in post.")


class Complaints(Sourced):
    received: Count | None = Field(None, description="Complaints received in the last year.")
    upheld_percent: Percent | None = Field(None, description="Share upheld or partly upheld.")
    ombudsman_upheld: Count | None = Field(
        None, description="Ombudsman decisions upheld against the council in the last year."
    )
    learning_reported: Judgement | None = Field(
        None, description="Learning from complaints is reported and acted on."
    )


class Carers(Sourced):
    assessments_delegated: Judgement | None = Field(
        None, description="Carers' assessments are delegated to another organisation."
    )
    delegation_overseen: Judgement | None = Field(
        None, description="The council oversees the quality of delegated carers' assessments."
    )
    respite_available: Judgement | None = Field(
        None, description="Carers can get a break (respite) when they need it."
    )
    flexible_support: Judgement | None = Field(
        None, description="Carers' support is flexible (e.g. direct payments, short notice)."
    )
    on_partnership_board: Judgement | None = Field(None, description="Carers have a seat on a partnership board.")


class DirectPayments(Sourced):
    uptake_percent: Percent | None = Field(
        None, description="People on long-term support who take a direct payment."
    )
    employing_pa_percent: Percent | None = Field(
        None, description="Direct payment users who employ a personal assistant."
    )
    flexible_use: Judgement | None = Field(None, description="Direct payments can be used flexibly.")


class Equity(Sourced):
    population_needs_understood: Judgement | None = Field(
        None, description="The council knows its population's needs (e.g. from the JSNA)."
    )
    outcomes_analysed_by_group: Judgement | None = Field(
        None, description="Outcomes are analysed by ethnicity, disability and other groups."
    )
    seldom_heard_engagement: Judgement | None = Field(
        None, description="The council reaches out to seldom-heard groups."
    )
    interpreters: Judgement | None = Field(None, description="Interpreters and translation are available.")
    groups_engaged: list[str] | None = Field(
        None, description="Seldom-heard groups the council worked with, as a list of text."
    )
    locality_variation_monitored: Judgement | None = Field(
        None, description="Differences between localities are monitored."
    )
    equality_impact_assessments: Judgement | None = Field(
        None, description="Equality impact assessments are done for changes."
    )
    staff_equality_training_percent: Percent | None = Field(
        None, description="Staff who have done equality training."
    )


class Transitions(Sourced):
    protocol: Judgement | None = Field(
        None, description="A transitions protocol with children's services is in place."
    )
    identified_from_age: Annotated[int, Field(ge=0, le=25)] | None = Field(
        None, description="Age from which young people are identified for transition."
    )
    tracked: Judgement | None = Field(None, description="Young people in transition are tracked.")
    plans_in_place_percent: Percent | None = Field(
        None, description="Young people in transition with a plan."
    )


class HospitalDischarge(Sourced):
    integrated_team: Judgement | None = Field(None, description="An integrated discharge team works with the NHS.")
    home_first: Judgement | None = Field(None, description="Discharge follows Home First (home is the default).")
    pathway3_percent: Percent | None = Field(None, description="Discharges to a care home bed (pathway 3).")


class Prevention(Sourced):
    reablement_offer: Judgement | None = Field(
        None, description="Reablement is offered after illness or a hospital stay."
    )
    technology_enabled_care: Judgement | None = Field(None, description="Technology-enabled care is offered.")
    falls_prevention: Judgement | None = Field(None, description="A falls prevention service is in place.")
    community_link_workers: Judgement | None = Field(
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


Group = Literal[
    "people", "carers", "staff", "leaders", "partners", "providers", "voluntary-sector", "council", "unnamed",
]
GROUP_CATEGORY = {
    "people": "people", "carers": "people", "staff": "staff-and-leaders", "leaders": "staff-and-leaders",
    "council": "staff-and-leaders", "partners": "partners", "providers": "partners", "voluntary-sector": "partners",
}


class Feedback(Sourced):
    """What people, carers, staff, leaders or partners said: CQC weighs it as heavily as data."""

    group: Group | None = Field(
        None,
        description=(
            "Who said it: council for the local authority speaking as a body, unnamed where the source does "
            "not say who (\"we heard\"). One view voiced by several groups goes in `groups` instead."
        ),
    )
    groups: list[Group] = Field(
        default_factory=list,
        description="Every group that voiced the view (\"staff, leaders and partners told us\"); `group` counts here too.",
    )
    about: str = Field(description="One line: what was said.")
    quote: str | None = Field(None, description="The words as the source reports them, for reports to show.")
    heard_on: When | None = Field(None, description="When it was heard.")
    how: Literal[
        "interview", "focus-group", "survey", "case-tracking", "case-records", "self-assessment", "other",
    ] | None = Field(None, description="How the view was gathered, where the source says.")
    sentiment: Sentiment = Field(
        description="Whether it was positive, mixed or negative; neutral where it describes without judging."
    )
    extent: Literal["all", "most", "some", "one", "not-stated"] | None = Field(
        None,
        description=(
            "How widespread the view was, from the source's words (docs/recording-evidence.md): all for "
            "\"consistently\", \"every\"; most for \"most\", \"many\", \"generally\"; some for \"some\", "
            "\"several\"; one for \"an unpaid carer\", \"a partner\"; not-stated when the source gives no word."
        ),
    )
    frequency: Literal["always", "usually", "sometimes", "not-always", "rarely", "never"] | None = Field(
        None, description="How often what it describes happened (\"sometimes\", \"not always\"): not how many said it."
    )
    strongly: Judgement | None = Field(
        None, description="The source marks the view as strongly held (\"very positive\", \"very concerned\")."
    )
    trend: Literal["improving", "stable", "worsening"] | None = Field(
        None, description="Which way the view says things have gone (\"strong ten years ago, declined since\")."
    )
    speaker: str | None = Field(None, description="The one role holder who said it, where named (e.g. the PSW).")
    topics: list[Topic] = Field(default_factory=list, description="What it was about.")
    statements: list[StatementId] = Field(default_factory=list, description="Quality statements it bears on.")

    @model_validator(mode="after")
    def _someone_said_it(self) -> "Feedback":
        if self.group is None and not self.groups:
            raise ValueError("say who said it: `group` (one) or `groups` (several)")
        if self.group is not None and self.group not in self.groups:
            object.__setattr__(self, "groups", [self.group, *self.groups])
        if self.group is None:
            object.__setattr__(self, "group", self.groups[0])
        return self

    @derived(description="CQC evidence category the feedback belongs to (from its first group).")
    @property
    def category(self) -> str:
        return GROUP_CATEGORY.get(self.group or "", "unattributed")

    @derived(description="Every CQC evidence category its groups belong to.")
    @cached_property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(GROUP_CATEGORY.get(g, "unattributed") for g in self.groups))


class Indicator(Sourced):
    """A national or local measure with its comparator, read with its direction of good."""

    id: str = Field(description="e.g. ascs-satisfaction, sace-carer-satisfaction, reablement-91-days (see docs/indicators.md)")
    name: str | None = Field(None, description="Its name as published.")
    value: float | None = Field(
        None, description="Your council's value (leave out where the source gives only a comparison word)."
    )
    england: float | None = Field(None, description="The England value, for the same period.")
    region: float | None = Field(None, description="The regional value.")
    polarity: Literal["higher-is-better", "lower-is-better"] | None = Field(
        None,
        description=(
            "Which direction is good. For a known id it is filled in (and checked); leave it out for a measure "
            "with no agreed direction, such as a rate of concerns."
        ),
    )
    period: str | None = Field(None, description="The period it covers, e.g. 2023-24.")
    significance: Literal["better", "similar", "worse"] | None = Field(
        None, description="Statistically tested against England, where the publisher gives it."
    )
    comparison: Literal[
        "better", "somewhat-better", "tending-better", "similar", "tending-worse", "somewhat-worse", "worse",
        "higher", "lower",
    ] | None = Field(
        None,
        description=(
            "How CQC or the publisher words it against England: \"somewhat worse\", \"tending towards better\", "
            "\"similar to\" or \"in line with\" (similar) ... with or without a figure; higher or lower for a "
            "measure with no direction of good (\"higher levels of need than average\")."
        ),
    )
    rank: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Its place among comparators, counted from `ranked_from` (3 for \"third lowest\")."
    )
    rank_among: Annotated[int, Field(ge=1)] | None = Field(None, description="How many councils were ranked (16).")
    ranked_from: Literal["lowest", "highest"] | None = Field(None, description="Which end `rank` counts from.")
    trend: Literal["improving", "stable", "worsening"] | None = Field(
        None, description="Which way it is going, by direction of good (improving means getting better)."
    )
    described_as: str | None = Field(
        None, description="CQC's or the publisher's own description, e.g. \"a very high proportion\"."
    )

    @model_validator(mode="after")
    def _known_measure(self) -> "Indicator":
        """A wrong direction of good silently turns a shortfall into a strength: check known ids.

        An id that is not known is a local measure, never refused as a misspelling: the assessment
        lists the ids no rule reads, with the nearest known id.
        """
        from .framework import known_indicators

        known = known_indicators().get(self.id)
        if known is not None:
            if self.polarity is None:
                object.__setattr__(self, "polarity", known.polarity)
            elif self.polarity != known.polarity:
                raise ValueError(f"'{self.id}' ({known.measure}) is {known.polarity}, not {self.polarity}")
        if all(v is None for v in (self.value, self.comparison, self.significance, self.rank, self.trend)):
            raise ValueError("give the value, or how it compares (comparison or significance), its rank or its trend")
        return self

    @derived(description="Better, similar or worse than England: the significance test where given, "
                                "else CQC's or the publisher's words (somewhat better counts as better, "
                                "tending towards better as similar).")
    @property
    def versus_england(self) -> str | None:
        if self.significance is not None:
            return self.significance
        if self.comparison is None:
            return None
        if self.comparison in ("higher", "lower"):
            return None  # no direction of good: not better or worse
        return {"better": "better", "somewhat-better": "better", "worse": "worse",
                "somewhat-worse": "worse"}.get(self.comparison, "similar")

    @derived(description="Points better (+) or worse (-) than England, by direction of good.")
    @property
    def gap_to_england(self) -> float | None:
        if self.england is None or self.value is None or self.polarity is None:
            return None
        sign = 1 if self.polarity == "higher-is-better" else -1
        return round(sign * (self.value - self.england), 2)

    @derived(description="The gap to England as a percentage of the England value, by direction of "
                                "good: lets rules compare rates such as admissions per 100,000.")
    @property
    def gap_to_england_percent(self) -> float | None:
        if self.england is None or self.england == 0 or self.value is None or self.polarity is None:
            return None
        sign = 1 if self.polarity == "higher-is-better" else -1
        return round(100 * sign * (self.value - self.england) / abs(self.england), 2)


# --- services and teams (format 2) ---------------------------------------------------------


class Service(Sourced):
    """A service, team or panel the council runs or takes part in: how people actually get help."""

    name: str = Field(description="Its name, e.g. Adult Contact Team, virtual MASH.")
    kind: Literal[
        "front-door", "duty", "mash", "safeguarding-advice-line", "out-of-hours", "emergency-duty",
        "integrated-neighbourhood-team", "rapid-response", "hospital-discharge", "reablement",
        "intermediate-care", "transitions", "panel", "carers-support", "advocacy", "equipment",
        "technology-enabled-care", "information-and-advice", "early-help", "mental-health",
        "learning-and-development", "quality-monitoring", "other",
        "commissioning-team", "safeguarding-team", "neighbourhood-team", "self-assessment", "community-fund",
        "staff-conference", "not-stated",
    ] = Field(
        description=(
            "What sort of service: front-door for first contact (access, advice and contact teams), mash for "
            "a multi-agency safeguarding hub, panel for a forum that decides or validates cases."
        )
    )
    run_by: str | None = Field(None, description="Who runs it, e.g. the council, the ICB, a provider.")
    partners: list[str] | None = Field(None, description="Who works in it with the council, as a list of text.")
    stage: Literal["planned", "pilot", "being-implemented", "launched", "established", "ending", "ended"] | None = Field(
        None, description="Where it stands: pilot includes test-and-learn work; established where it is simply in place."
    )
    frequency: Frequency | None = Field(None, description="How often it runs or meets (forums, panels, conferences).")
    days_per_week: Annotated[float, Field(gt=0, le=7)] | None = Field(
        None, description="Days a week it runs, where fewer than every day."
    )
    disciplines: list[str] | None = Field(
        None, description="Who works in it, as a list of text, e.g. [social workers, police, ICB-funded nurse]."
    )
    connects_to: list[str] | None = Field(
        None, description="Where it connects people onward, e.g. [voluntary services, health services]."
    )
    coverage: str | None = Field(None, description="Who or what it covers now, e.g. complex cases.")
    planned_coverage: str | None = Field(None, description="What it is meant to cover later, e.g. every case.")
    decides: Literal["advisory", "decides", "validates"] | None = Field(
        None, description="For a panel or forum: whether its decisions are advice, decisions, or validation of others'."
    )
    changed: str | None = Field(None, description="How it has changed, e.g. its remit widened to ...")
    free_for_weeks: Annotated[float, Field(ge=0)] | None = Field(
        None, description="Weeks it is free of charge (e.g. six weeks after hospital discharge)."
    )
    since: When | None = Field(None, description="When it started.")
    hours: Literal["office-hours", "weekdays", "extended", "24-7"] | None = Field(
        None, description="When it operates."
    )
    channels: list[Literal["phone", "online", "email", "face-to-face", "text"]] | None = Field(
        None, description="How people reach it."
    )
    triage: Judgement | None = Field(None, description="It triages: gathers needs and routes cases to the right team.")
    resolves_at_first_contact: Judgement | None = Field(
        None, description="It resolves needs at first contact (advice, equipment, short-term help)."
    )
    impact: Literal["positive", "mixed", "negative", "not-yet-known"] | None = Field(
        None, description="What is known of its effect."
    )
    impact_evidence: str | None = Field(None, description="How its effect is known, in a line.")
    summary: str | None = Field(None, description="What it does, in a line or the source's words.")
    topics: list[Topic] = Field(default_factory=list, description="What it is about.")
    statements: list[StatementId] = Field(default_factory=list, description="Quality statements it bears on.")


# --- the self-assessment evidence log (format 2) --------------------------------------------

EvidenceCategory = Literal["people", "staff-and-leaders", "partners", "processes"]


class EvidenceEntry(Sourced):
    """One line of a self-assessment (or another assessor's) evidence log, weighed by the scoring policy.

    For what no typed field holds. Each entry bears on the statements it names; an entry without a
    `source` is flagged wherever it counts.
    """

    statements: list[StatementId] = Field(min_length=1, description="Quality statements it bears on.")
    category: EvidenceCategory = Field(description="CQC evidence category: people, staff-and-leaders, partners, processes.")
    kind: Literal["strength", "area-for-improvement"] = Field(description="A strength or an area for improvement.")
    weight: Literal["exceptional", "good", "some", "significant"] = Field(
        description=(
            "Its weight in CQC's words: exceptional or good for a strength (\"exceptional standard\", \"good "
            "standard\"); some or significant for an area for improvement (\"some shortfalls\", \"significant "
            "shortfalls\")."
        )
    )
    shows: str = Field(description="What it shows, in a line.")
    quote: str | None = Field(None, description="The source's own words.")
    judged_by: Literal["cqc", "peer-review", "self-assessment", "internal-audit", "external-audit", "other"] | None = Field(
        None, description="Who made the judgement."
    )
    dated: When | None = Field(None, description="When the evidence is from.")
    extent: Literal["all", "most", "some", "one", "not-stated"] | None = Field(
        None, description="How widely it holds, from the source's words (\"generally\": most)."
    )
    stage: Literal["achieved", "being-addressed", "planned"] | None = Field(
        None, description="For an area for improvement: whether work on it is under way or planned; for a strength, achieved."
    )
    topics: list[Topic] = Field(default_factory=list, description="What it is about.")

    @model_validator(mode="after")
    def _weight_fits_kind(self) -> "EvidenceEntry":
        strength = self.weight in ("exceptional", "good")
        if strength != (self.kind == "strength"):
            allowed = "exceptional or good" if self.kind == "strength" else "some or significant"
            raise ValueError(f"a {self.kind} is weighed {allowed}, not {self.weight}")
        return self

    @derived(description="The effect it has in scoring, in the policy's terms.")
    @property
    def effect(self) -> str:
        return {"exceptional": "exceptional-strength", "good": "good-strength", "some": "some-shortfall",
                "significant": "significant-shortfall"}[self.weight]


class Recognition(Sourced):
    """An accreditation or award given by someone outside the council."""

    title: str = Field(description="What it is, e.g. Borough of Sanctuary (full accreditation).")
    by: str | None = Field(None, description="Who gave it.")
    awarded_on: When | None = Field(None, description="When it was given.")
    statements: list[StatementId] = Field(default_factory=list, description="Quality statements it bears on.")


class Profile(Fact):
    """A council's adult social care evidence, as of one date."""

    format_version: Literal[1, 2] | None = Field(
        None,
        description=(
            "The profile format: 2 is today's (services, the evidence log, partial dates and the other "
            "additions of docs/recording-evidence.md). A profile without it is read as format 1, which is a "
            "subset of 2: every format 1 profile is a valid format 2 profile with the same meaning."
        ),
    )
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
    services: list[Service] | None = Field(
        None,
        description=(
            "Services, teams and panels: the front door, duty, MASH, out-of-hours, neighbourhood teams, "
            "discharge and rapid response, transitions, panels and pilots, one item each."
        ),
    )
    recognitions: list[Recognition] | None = Field(
        None, description="Accreditations and awards from outside the council, one item each."
    )
    evidence: list[EvidenceEntry] | None = Field(
        None,
        description=(
            "The self-assessment evidence log: strengths and areas for improvement per quality statement "
            "with their evidence, one item each. For what no other field holds; weighed by the scoring policy."
        ),
    )

