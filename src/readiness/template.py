"""The commented profile template that `readiness init` writes (data/profile-template.yaml).

Generated from the profile model, so it covers every field and cannot drift: a test fails when
the data file (or its copy examples/template.yaml) is stale. Regenerate both with

    python -m readiness.template

Meanings come from MEANINGS below, else the field's own description; allowed values and units
come from the field's type.
"""

from __future__ import annotations

import sys
import textwrap
import types
import typing
from datetime import date
from pathlib import Path
from typing import Literal, Union, get_args, get_origin

from pydantic import BaseModel

from . import profile as P
from .framework import framework

WIDTH = 100

MEANINGS = {
    # sections
    "Profile.council": "Who the profile is about, and the date it describes.",
    "Profile.documents": "One item per policy, strategy, plan or framework you can evidence.",
    "Profile.roles": "Key roles and who holds them (DASS, PSW, SAB chair ...), one item each.",
    "Profile.governance": "Risk, improvement, assurance, data, finance and leadership.",
    "Profile.workforce": "The council's own adult social care workforce.",
    "Profile.waiting": "Waiting lists, one section per kind of wait.",
    "Profile.access": "How people reach advice, assessment and support.",
    "Profile.safeguarding": "Safeguarding adults: concerns, enquiries, reviews and DoLS.",
    "Profile.partnerships": "Joint arrangements with the NHS and others, the Better Care Fund, the voluntary sector.",
    "Profile.market": "The local care market the council shapes and commissions.",
    "Profile.experience": "People's and carers' experience, equity, transitions, discharge and prevention.",
    "Profile.feedback": "What people, carers, staff, leaders and partners said, one item per view. CQC weighs "
                        "this as heavily as data.",
    "Profile.indicators": "National or local measures with their England comparator, one item each (ids in "
                          "docs/indicators.md).",
    "Profile.documents_complete": None,
    # council
    "Council.name": "The council's name.",
    "Council.type": "The kind of council.",
    "Council.region": "e.g. North West.",
    "Council.population": "Resident population.",
    "Council.as_of": None,
    # documents
    "Document.title": "The document's title.",
    "Document.kind": "What sort of document it is.",
    "Document.topic": "What it is about.",
    "Document.status": None,
    "Document.approved_on": "When it was approved.",
    "Document.review_due": "When it is due for review (past this date it counts as out of date).",
    "Document.statements": "Quality statements it supports, e.g. [safeguarding].",
    # roles
    "Role.role": "The role.",
    "Role.status": "Whether the role is filled, and how.",
    "Role.since": "When the current holder took it up.",
    "Role.reports_to": "Who the holder reports to, e.g. chief executive.",
    # governance
    "Governance.risk_register": "Adult social care risks on the council's risk register, one item each.",
    "Governance.known_risks": "Risks the council knows of from other evidence (self-assessment, peer review, "
                              "data), one item each: readiness checks the register covers them.",
    "Governance.improvement_plan": "The adult social care improvement plan.",
    "Governance.peer_reviews": "Peer reviews or challenges (e.g. LGA), one item each.",
    "Governance.scrutiny": "Member oversight of adult social care.",
    "Governance.self_assessment": "The council's CQC self-assessment.",
    "Governance.quality_assurance": "How practice quality is checked.",
    "Governance.data": "Data and performance information.",
    "Governance.finance": "The adult social care budget.",
    "Governance.leadership": "Vision and senior leadership.",
    "Governance.information_governance": "Information governance and data sharing.",
    "RegisterRisk.id": "The register's own reference, e.g. ASC-07.",
    "RegisterRisk.title": "The risk as the register words it.",
    "RegisterRisk.topics": "What it covers, e.g. [workforce, finance].",
    "RegisterRisk.category": "The register's own category, if any.",
    "RegisterRisk.gross_score": "Score before controls (likelihood x impact).",
    "RegisterRisk.net_score": "Score with current controls.",
    "RegisterRisk.target_score": "Score the council aims for.",
    "RegisterRisk.owner": "Who owns the risk.",
    "RegisterRisk.last_reviewed": "When the entry was last reviewed.",
    "RegisterRisk.controls": "The controls in place, as a list of text.",
    "KnownRisk.title": "The risk in a few words.",
    "KnownRisk.topic": "What it is about.",
    "KnownRisk.identified_by": "Where the risk was found.",
    "KnownRisk.identified_on": "When it was found.",
    "ImprovementPlan.title": "The plan's title.",
    "ImprovementPlan.approved_on": "When it was approved.",
    "ImprovementPlan.monitored": "Progress is reported and reviewed.",
    "ImprovementPlan.actions": "The plan's actions, one item each.",
    "Action.title": "The action.",
    "Action.topic": "What it is about.",
    "Action.owner": "Who owns it.",
    "Action.due": "When it is due.",
    "Action.status": "Where it stands.",
    "PeerReview.title": "e.g. LGA Preparation for Assurance peer challenge.",
    "PeerReview.held_on": "When the review took place (last day on site).",
    "PeerReview.by": "Who carried it out, e.g. LGA.",
    "PeerReview.action_plan": "An action plan responds to its recommendations.",
    "PeerReview.recommendations": "Its recommendations, one item each.",
    "Recommendation.title": "The recommendation.",
    "Recommendation.topic": "What it is about.",
    "Recommendation.status": "Progress on it.",
    "Scrutiny.adult_social_care_committee": "A committee or scrutiny panel oversees adult social care.",
    "Scrutiny.reports_received": "Regular reports members receive, e.g. [performance, finance, risk].",
    "Scrutiny.effectiveness": "How well members challenge and oversee (from an audit or peer review).",
    "SelfAssessment.updated_on": "When it was last updated.",
    "SelfAssessment.coproduced": "Written with people who draw on care and carers.",
    "SelfAssessment.covers_all_statements": "It addresses all 9 quality statements.",
    "QualityAssurance.framework_in_place": "A practice quality assurance framework is in place.",
    "QualityAssurance.case_audits_last_year": "Case file audits completed in the last 12 months.",
    "QualityAssurance.thematic_audits": "Themed audits are carried out (e.g. on safeguarding).",
    "QualityAssurance.findings_acted_on": "Audit findings lead to recorded changes in practice.",
    "QualityAssurance.post_incident_reviews": "Incidents and complaints are reviewed for learning.",
    "DataCapability.performance_dashboard": "A performance dashboard is in regular use.",
    "Finance.budget_variance_percent": "Forecast overspend (+) or underspend (-), as a percent of budget.",
    "Finance.medium_term_plan": "A medium-term financial plan covers adult social care.",
    "Finance.savings_delivered_percent": "Share of planned savings delivered.",
    "Leadership.vision_defined": "A vision for adult social care is agreed.",
    "Leadership.vision_understood_by_staff": "Staff can describe the vision (e.g. from a survey or peer review).",
    "Leadership.dass_reports_to_chief_executive": "The Director of Adult Social Services reports to the chief "
                                                  "executive.",
    "Leadership.senior_turnover_high": "Senior leadership has changed a lot recently.",
    "Leadership.staff_briefings": "Leaders brief staff regularly.",
    "InformationGovernance.breaches_reported": "Data breaches are reported and learnt from.",
    "InformationGovernance.training_percent": "Staff up to date with information governance training.",
    "InformationGovernance.sharing_agreements": "Information sharing agreements are in place with partners.",
    # workforce
    "Workforce.supervision": "Supervision of practitioners.",
    "Workforce.turnover_percent": "Staff turnover in the last 12 months.",
    "Workforce.turnover_trend": "Which way turnover is going.",
    "Workforce.vacancy_percent": "Posts vacant.",
    "Workforce.agency_percent": "Posts filled by agency staff.",
    "Workforce.average_caseload": "Average open cases per practitioner.",
    "Workforce.caseload_target": "The caseload the council aims for per practitioner.",
    "Workforce.training_compliance_percent": "Staff up to date with mandatory training.",
    "Workforce.occupational_therapists": "Occupational therapists employed (headcount).",
    "Workforce.staff_survey_response_percent": "Response rate to the latest staff survey.",
    "Supervision.tracked": "Supervision is recorded and compliance reported.",
    # waiting
    "Waiting.assessment": "Waiting for a Care Act assessment.",
    "Waiting.review": "Waiting for a review of care and support.",
    "Waiting.carers_assessment": "Carers waiting for a carer's assessment.",
    "Waiting.occupational_therapy": "Waiting for an occupational therapy assessment.",
    "Waiting.equipment": "Waiting for equipment or adaptations.",
    "Waiting.financial_assessment": "Waiting for a financial assessment.",
    "Waiting.service_start": "Waiting for care and support to start once agreed.",
    "WaitingList.people": "People waiting now.",
    "WaitingList.median_days": "Median wait so far.",
    "WaitingList.longest_days": "Longest wait so far.",
    "WaitingList.over_six_months": "People waiting more than six months.",
    "WaitingList.trend": "Which way the list is going.",
    # access
    "Access.channels": "How people can make contact, e.g. [phone, online].",
    "Access.information_and_advice_offer": "A clear information and advice offer is published.",
    "Access.accessible_formats": "Information is available in accessible formats and languages.",
    "Access.strengths_based_practice": "Assessments follow a strengths-based, person-centred model.",
    "Access.face_to_face_assessments": "People can have an assessment face to face when they need it.",
    # safeguarding
    "Safeguarding.concerns": "Safeguarding concerns received in the last year.",
    "Safeguarding.s42_enquiries": "Section 42 enquiries started in the same year.",
    "Safeguarding.msp_outcomes_asked_percent": "Making Safeguarding Personal: people asked what outcomes "
                                               "they wanted.",
    "Safeguarding.msp_outcomes_achieved_percent": "Making Safeguarding Personal: outcomes fully or partly "
                                                  "achieved.",
    "Safeguarding.risk_reduced_or_removed_percent": "Enquiries where the risk was reduced or removed.",
    "Safeguarding.human_review_of_concerns": "A practitioner reviews every concern (none closed "
                                             "automatically).",
    "Safeguarding.enquiries_tracked": "Open enquiries are tracked and overseen by managers.",
    "Safeguarding.thresholds_agreed_with_partners": "Safeguarding thresholds are agreed with partners.",
    "Safeguarding.sab_roles_vacant": "Key Safeguarding Adults Board roles are vacant.",
    "Safeguarding.reviews": "Safeguarding Adults Reviews (SARs), one item each.",
    "Safeguarding.dols": "Deprivation of Liberty Safeguards.",
    "SafeguardingReview.title": "The review's title or reference.",
    "SafeguardingReview.status": "Where it stands.",
    "SafeguardingReview.commissioned_on": "When it was commissioned.",
    "SafeguardingReview.actions_complete_percent": "Share of its actions completed.",
    "SafeguardingReview.learning_shared": "Its learning has been shared with staff and partners.",
    "Dols.applications": "DoLS applications received in the last year.",
    "Dols.awaiting": "Applications awaiting a decision now.",
    "Dols.median_days": "Median days waiting for a decision.",
    "Dols.longest_days": "Longest wait for a decision.",
    "Dols.within_21_days_percent": "Standard authorisations completed within 21 days.",
    "Dols.prioritised": "Applications are triaged by risk.",
    # partnerships
    "Partnerships.arrangements": "Joint arrangements with partners, one item each.",
    "Partnerships.better_care_fund": "The Better Care Fund.",
    "Partnerships.voluntary_sector": "Working with the voluntary and community sector.",
    "Partnerships.shared_care_record": "Staff can see a shared care record with health.",
    "Partnership.name": "The arrangement's name.",
    "Partnership.kind": "What sort of arrangement it is.",
    "Partnership.partners": "Who is in it, as a list of text, e.g. [ICB, NHS trust].",
    "Partnership.status": "Where it stands.",
    "Partnership.monitored": "Its performance is reported and reviewed.",
    "Partnership.impact_evidenced": "The partners can show what difference it makes.",
    "BetterCareFund.plan_agreed": "This year's plan is agreed.",
    "BetterCareFund.pooled_budget": "The fund is pooled under a section 75 agreement.",
    "VoluntarySector.engagement_forum": "A forum meets regularly with the sector.",
    "VoluntarySector.grants": "The council funds the sector through grants.",
    "VoluntarySector.directory_complete": "An up-to-date directory of community support is published.",
    # market
    "Market.providers_good_or_outstanding_percent": "Local providers rated Good or Outstanding by CQC.",
    "Market.comparator_good_or_outstanding_percent": "The same share for the comparator (region or England).",
    "Market.sufficiency_gaps": "Kinds of care in short supply, as a list of text, e.g. [nursing care, home care "
                               "in rural areas]; [] for none.",
    "Market.pays_real_living_wage": "Commissioned rates allow the Real Living Wage.",
    "Market.provider_forum": "A provider forum meets regularly.",
    "Market.provider_failure_plan": "A plan covers provider failure and market exit.",
    "Market.quality_monitoring": "Commissioned providers' quality is monitored.",
    # experience
    "Experience.coproduction": "Co-production with people who draw on care and carers.",
    "Experience.complaints": "Complaints about adult social care.",
    "Experience.carers": "Support for unpaid carers.",
    "Experience.direct_payments": "Direct payments.",
    "Experience.equity": "Understanding and tackling inequality.",
    "Experience.transitions": "Young people moving to adult services.",
    "Experience.hospital_discharge": "Leaving hospital.",
    "Experience.prevention": "Prevention and reablement.",
    "Coproduction.level": "How far co-production goes.",
    "Coproduction.people_on_boards": "People who draw on care sit on boards that make decisions.",
    "Coproduction.lead_or_officer": "A co-production lead or officer is in post.",
    "Complaints.received": "Complaints received in the last year.",
    "Complaints.upheld_percent": "Share upheld or partly upheld.",
    "Complaints.ombudsman_upheld": "Ombudsman decisions upheld against the council in the last year.",
    "Complaints.learning_reported": "Learning from complaints is reported and acted on.",
    "Carers.assessments_delegated": "Carers' assessments are delegated to another organisation.",
    "Carers.delegation_overseen": "The council oversees the quality of delegated carers' assessments.",
    "Carers.respite_available": "Carers can get a break (respite) when they need it.",
    "Carers.flexible_support": "Carers' support is flexible (e.g. direct payments, short notice).",
    "Carers.on_partnership_board": "Carers have a seat on a partnership board.",
    "DirectPayments.uptake_percent": "People on long-term support who take a direct payment.",
    "DirectPayments.employing_pa_percent": "Direct payment users who employ a personal assistant.",
    "DirectPayments.flexible_use": "Direct payments can be used flexibly.",
    "Equity.population_needs_understood": "The council knows its population's needs (e.g. from the JSNA).",
    "Equity.outcomes_analysed_by_group": "Outcomes are analysed by ethnicity, disability and other groups.",
    "Equity.seldom_heard_engagement": "The council reaches out to seldom-heard groups.",
    "Equity.interpreters": "Interpreters and translation are available.",
    "Equity.locality_variation_monitored": "Differences between localities are monitored.",
    "Equity.equality_impact_assessments": "Equality impact assessments are done for changes.",
    "Equity.staff_equality_training_percent": "Staff who have done equality training.",
    "Transitions.protocol": "A transitions protocol with children's services is in place.",
    "Transitions.identified_from_age": "Age from which young people are identified for transition.",
    "Transitions.tracked": "Young people in transition are tracked.",
    "Transitions.plans_in_place_percent": "Young people in transition with a plan.",
    "HospitalDischarge.integrated_team": "An integrated discharge team works with the NHS.",
    "HospitalDischarge.home_first": "Discharge follows Home First (home is the default).",
    "Prevention.reablement_offer": "Reablement is offered after illness or a hospital stay.",
    "Prevention.technology_enabled_care": "Technology-enabled care is offered.",
    "Prevention.falls_prevention": "A falls prevention service is in place.",
    "Prevention.community_link_workers": "Community connectors or link workers are in place.",
    # feedback and indicators
    "Feedback.group": "Who said it.",
    "Feedback.heard_on": "When it was heard.",
    "Feedback.sentiment": "Whether it was positive, mixed or negative.",
    "Feedback.topics": "What it was about.",
    "Feedback.statements": "Quality statements it bears on.",
    "Indicator.name": "Its name as published.",
    "Indicator.value": "Your council's value.",
    "Indicator.england": "The England value, for the same period.",
    "Indicator.region": "The regional value.",
    "Indicator.polarity": "Which direction is good.",
    "Indicator.period": "The period it covers, e.g. 2023-24.",
}

OVERRIDE = {
    "Council.as_of": "The date this profile describes; ages (e.g. 'review overdue') are measured from it.",
    "Profile.documents_complete": "true only if `documents` lists every current policy, strategy and plan: "
                                  "then a document not listed means the council has none. Otherwise a "
                                  "document not listed is only not evidenced.",
    "Document.status": "Where it stands; not-in-place records that the council has no such document.",
}

EXAMPLE_VALUES = {"Council.name": "Your Council", "Council.as_of": "2025-01-01"}


def members(annotation):
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for a in get_args(annotation) for m in members(a) if m is not type(None)]
    return [annotation]


def bounds(annotation):
    out = {}

    def walk(a):
        if get_origin(a) is typing.Annotated:
            for meta in get_args(a)[1:]:
                for m in getattr(meta, "metadata", []):
                    for k in ("ge", "le", "gt", "lt"):
                        if hasattr(m, k):
                            out[k] = getattr(m, k)
            walk(get_args(a)[0])
        elif get_origin(a) in (Union, types.UnionType, list):
            for x in get_args(a):
                walk(x)

    walk(annotation)
    return out


def kind_words(name, annotation):
    """(is_list, model or None, allowed words)."""
    ms = members(annotation)
    a = ms[0]
    many = False
    if get_origin(a) is list:
        many = True
        a = members(get_args(a)[0])[0]
    if isinstance(a, type) and issubclass(a, BaseModel):
        return many, a, ""
    if get_origin(a) is Literal:
        choices = [str(c) for c in get_args(a)]
        words = " | ".join(choices)
        if tuple(choices) == get_args(P.Topic):
            return many, None, "topics from the list at the top" if many else "a topic from the list at the top"
        if tuple(choices) == get_args(P.StatementId):
            return many, None, ("quality statement ids from the list at the top" if many
                                else "a quality statement id from the list at the top")
        return many, None, ("list of: " if many else "") + words
    b = bounds(annotation)
    if a is bool:
        words = "true | false"
    elif a is date:
        words = "date YYYY-MM-DD"
    elif a in (int, float):
        unit = ""
        if name.endswith("_percent"):
            unit = "percent 0-100" if b.get("le") == 100 else "percent"
        elif name.endswith("_days"):
            unit = "days"
        elif name.endswith("_weeks"):
            unit = "weeks"
        elif name.endswith("_score"):
            unit = f"{b.get('ge', 1)}-{b.get('le', 25)}"
        elif "le" in b:
            unit = f"{'whole number' if a is int else 'number'} {b.get('ge', 0)}-{b['le']}"
        elif a is int:
            unit = "whole number"
        else:
            unit = "number" + (" 0 or more" if b.get("ge") == 0 else "")
        words = unit
    else:
        words = "text"
    return many, None, ("list of " + words if many else words)


def meaning(model, name, field):
    key = f"{model.__name__}.{name}"
    return OVERRIDE.get(key) or MEANINGS.get(key) or field.description or ""


def fields(model):
    for name, field in model.model_fields.items():
        if name == "source" and model is not P.Council:
            continue
        yield name, field


def has_required(model):
    return any(f.is_required() for _, f in fields(model))


def line(text: str, ind: int, h: int | None, live: bool = False) -> tuple[str, int]:
    """(the line without its comment, where its '#' goes for continuation lines)."""
    if live:
        return " " * ind + text, ind
    h = ind if h is None else h
    return " " * h + "# " + " " * (ind - h) + text, h


def wrap(prefix: str, hash_at: int, column: int, text: str) -> list[str]:
    avail = max(30, WIDTH - column - 2)
    wrapped = textwrap.wrap(text, avail, break_on_hyphens=False) or [""]
    out = [prefix.ljust(column) + "# " + wrapped[0]]
    out += [(" " * hash_at + "#").ljust(column) + "# " + w for w in wrapped[1:]]
    return out


def emit_fields(model, ind: int, h: int | None, out: list[str], dash: bool = False, top: bool = False):
    """The fields of `model` with keys at column `ind`. h: the column of the '#' when the whole
    block is commented (inside a commented list item or section), None when keys are live."""
    entries = []  # (prefix, hash_at, comment, nested (model, ind, h, dash) or None, blank line before)
    for i, (name, field) in enumerate(fields(model)):
        lead = "- " if dash and i == 0 else ""
        key_ind = ind - 2 if lead else ind
        many, sub, words = kind_words(name, field.annotation)
        text = meaning(model, name, field)
        req = "Required. " if field.is_required() else ""
        if sub is not None:
            comment = ("List: " if many else "Section: ") + req + text
            # Only top-level section and list lines are live: a live line holding nothing reads as
            # absent, but a live parent with a live (empty) child would read as a present section.
            if many:
                live = h is None and key_ind == 0
                prefix, hash_at = line(lead + f"{name}:", key_ind, h, live=live)
                item_h = key_ind + 2 if live else (key_ind if h is None else h)
                nested = (sub, key_ind + 4, item_h, True)
            else:
                live = h is None and key_ind == 0 and (not has_required(sub) or sub is P.Council)
                prefix, hash_at = line(lead + f"{name}:", key_ind, h, live=live)
                sub_h = None if live else (key_ind if h is None else h)
                nested = (sub, key_ind + 2, sub_h, False)
            entries.append((prefix, hash_at, comment, nested, top))
            continue
        body = f"{req}{text} ({words})" if text else f"{req}({words})"
        example = EXAMPLE_VALUES.get(f"{model.__name__}.{name}")
        if example and h is None:
            prefix, hash_at = line(f"{name}: {example}", key_ind, None, live=True)
        else:
            prefix, hash_at = line(lead + f"{name}:", key_ind, h)
        entries.append((prefix, hash_at, body, None, False))
    column = max(len(e[0]) for e in entries) + 2
    for prefix, hash_at, comment, nested, blank in entries:
        if blank and out:
            out.append("")
        out += wrap(prefix, hash_at, column, comment)
        if nested:
            sub, sub_ind, sub_h, sub_dash = nested
            emit_fields(sub, sub_ind, sub_h, out, dash=sub_dash)


HEAD = """\
# Council profile template for readiness
#
# A blank profile for one council, as `readiness init` writes it. Fill in what your council can
# evidence, then run:   readiness check profile.yaml   (and: readiness explain profile.yaml)
#
# How to fill it in
# - Only council.name and council.as_of are required; every other fact is optional.
# - ABSENT MEANS "NOT EVIDENCED". A fact left out (still commented) counts neither for nor against
#   the council: rules that need it are listed as missing evidence and lower the confidence. It is
#   never treated as a pass. Leave a fact out rather than guess.
# - To record a fact, delete the "# " in front of its line (keep the indentation) and write the
#   value after the colon; if the section or list line above it is commented too, uncomment that
#   as well. For a list item, uncomment the lines you need, starting with the "- " line, and copy
#   the block for each further item. A section left empty is the same as absent.
# - An empty list, [], means "evidenced: none" - different from leaving the list out.
# - Dates: YYYY-MM-DD. Percentages: numbers 0-100 without a % sign. true / false without quotes.
# - Every section and every list item may also carry `source:`, naming the document and passage
#   the fact came from (shown here only under council). Record it: your board and CQC will ask.
# - Full reference: docs/profile.md. Editors can complete and check this file from a JSON Schema:
#   run `readiness schema profile --output profile.schema.json`, then make this file's first line
#   the yaml-language-server modeline pointing at it (docs/cli.md shows how).
#
"""


def profile_template() -> str:
    """The template's text."""
    fw = framework()
    topics = ", ".join(get_args(P.Topic))
    statements = ", ".join(s.id for s in fw.statements)
    out = [HEAD.rstrip("\n")]
    out += ["# Topics (for documents, risks, actions, recommendations and feedback):"]
    out += ["#   " + line for line in textwrap.wrap(topics, WIDTH - 4, break_on_hyphens=False)]
    out += ["# Quality statement ids (for documents and feedback):"]
    out += ["#   " + line for line in textwrap.wrap(statements, WIDTH - 4, break_on_hyphens=False)]
    out.append("")
    body: list[str] = []
    emit_fields(P.Profile, 0, None, body, top=True)
    out += body
    return "\n".join(line.rstrip() for line in out) + "\n"


def write_all(repo: Path) -> list[Path]:
    text = profile_template()
    targets = [repo / "src" / "readiness" / "data" / "profile-template.yaml", repo / "examples" / "template.yaml"]
    for path in targets:
        path.write_text(text, encoding="utf-8")
    return targets


if __name__ == "__main__":  # pragma: no cover
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
    for written in write_all(root):
        print(f"wrote {written}")
