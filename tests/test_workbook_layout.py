"""The workbook layout follows the profile model: every field has exactly one place, and sheets
are named in plain English within Excel's limits."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

openpyxl = pytest.importorskip("openpyxl")

from readiness.io.workbook.layout import COUNCIL, README, layout  # noqa: E402
from readiness.io.workbook.write import ALLOWED  # noqa: E402
from readiness.lang.annotations import members  # noqa: E402
from readiness.model.profile import Profile  # noqa: E402


def _leaf_fields(model: type[BaseModel]) -> int:
    """Fields that hold a value (not a section or a list of sections), counted through every list."""
    count = 0
    for info in model.model_fields.values():
        inner = [m for m in members(info.annotation, keep_none=False)]
        inner = [a for m in inner for a in (members(m.__args__[0], keep_none=False) if getattr(m, "__origin__", None) is list else [m])]
        models = [m for m in inner if isinstance(m, type) and issubclass(m, BaseModel)]
        count += sum(_leaf_fields(m) for m in models) if models else 1
    return count


def test_every_field_of_the_profile_has_exactly_one_place():
    plan = layout()
    places = [(COUNCIL, f.name) for f in plan.facts] + [(s.title, c.name) for s in plan.sheets for c in s.columns]
    assert len(places) == len(set(places))
    assert len(places) == _leaf_fields(Profile)


def test_single_facts_are_on_the_council_sheet_and_lists_have_sheets():
    plan = layout()
    names = {f.name for f in plan.facts}
    assert {"council.name", "council.as_of", "waiting.assessment.longest_days", "governance.scrutiny.source",
            "governance.improvement_plan.title", "documents_complete"} <= names
    titles = [s.title for s in plan.sheets]
    assert {"Documents", "Roles", "Risk register", "Known risks", "Improvement plan actions", "Peer reviews",
            "Peer review recommendations", "Feedback", "Indicators", "Services", "Partnership arrangements",
            "Safeguarding reviews", "Evidence", "Recognitions"} <= set(titles)
    recommendations = plan.sheet("Peer review recommendations")
    assert recommendations.parent is plan.sheet("Peer reviews")
    assert recommendations.headers[0] == "Peer review row"
    assert titles.index("Peer reviews") < titles.index("Peer review recommendations")


def test_sheet_names_fit_excel():
    titles = layout().sheet_titles()
    assert titles[:2] == [README, COUNCIL]
    assert all(len(t) <= 31 and not set(t) & set("[]:*?/\\") for t in titles)
    assert len({t.lower() for t in titles + [ALLOWED]}) == len(titles) + 1


def test_kinds_come_from_the_model():
    plan = layout()
    facts = {f.name: f for f in plan.facts}
    assert facts["council.as_of"].kind == "date" and facts["council.as_of"].required
    assert facts["governance.self_assessment.updated_on"].kind == "when"
    assert facts["governance.self_assessment.coproduced"].kind == "judgement"
    assert facts["documents_complete"].kind == "yes-no"
    assert facts["workforce.turnover_trend"].choices == ("rising", "stable", "falling")
    assert facts["market.sufficiency_gaps"].kind == "text-list" and facts["market.sufficiency_gaps"].none_is_empty
    documents = {c.name: c for c in plan.sheet("Documents").columns}
    assert documents["topics"].kind == "choice-list" and not documents["topics"].none_is_empty
    assert documents["title"].required and documents["title"].meaning == "The document's title."
    assert plan.sheet("Documents").columns[-1].name == "source"
