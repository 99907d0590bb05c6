"""Fact paths: reading values from a profile and knowing their types before any profile exists."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.lang import facts
from readiness.lang.facts import MISSING, FactType, UnknownPath, all_paths, model_at, read, type_at
from readiness.io.profiles import load_profile
from readiness.model.profile import Document, Feedback, Governance, Profile, RegisterRisk

COUNCIL = {"name": "Test Council", "as_of": "2024-06-30"}


def profile(**sections) -> Profile:
    return load_profile({"council": COUNCIL, **sections})


# --- reading -------------------------------------------------------------------------------


def test_reads_nested_facts():
    p = profile(workforce={"supervision": {"compliance_percent": 71.5}})
    assert read("workforce.supervision.compliance_percent", p, p) == 71.5
    assert read("council.as_of", p, p) == date(2024, 6, 30)
    assert read("council.name", p, p) == "Test Council"


def test_missing_section_field_and_none_are_all_missing():
    p = profile(workforce={"turnover_percent": 10})
    assert read("workforce.supervision.compliance_percent", p, p) is MISSING  # section absent
    assert read("workforce.vacancy_percent", p, p) is MISSING  # field None
    assert read("governance.finance.medium_term_plan", p, p) is MISSING  # top-level section absent
    assert read("council.population", p, p) is MISSING


def test_false_and_zero_are_values_not_missing():
    p = profile(access={"self_serve": False}, workforce={"turnover_percent": 0})
    assert read("access.self_serve", p, p) is False
    assert read("workforce.turnover_percent", p, p) == 0


def test_absent_list_is_missing_but_empty_list_is_evidence_of_none():
    assert read("documents", profile(), profile()) is MISSING
    p = profile(documents=[])
    assert read("documents", p, p) == []
    assert read("documents.title", p, p) == []


def test_reading_through_a_list_reads_every_item():
    p = profile(documents=[
        {"title": "A", "kind": "policy", "status": "draft"},
        {"title": "B", "kind": "strategy"},  # no status: skipped, not None
        {"title": "C", "kind": "plan", "status": "approved"},
    ])
    assert read("documents.title", p, p) == ["A", "B", "C"]
    assert read("documents.status", p, p) == ["draft", "approved"]


def test_reading_through_lists_flattens():
    p = profile(governance={"risk_register": [
        {"title": "r1", "topics": ["finance", "workforce"]},
        {"title": "r2", "topics": []},
        {"title": "r3", "topics": ["safeguarding"]},
    ]})
    assert read("governance.risk_register.topics", p, p) == ["finance", "workforce", "safeguarding"]


def test_reading_through_nested_lists():
    p = profile(governance={"peer_reviews": [
        {"title": "LGA", "held_on": "2023-01-01", "recommendations": [{"title": "x", "status": "complete"},
                                                                      {"title": "y"}]},
        {"title": "ADASS", "held_on": "2024-01-01"},  # recommendations absent: skipped
        {"title": "Other", "held_on": "2024-02-01", "recommendations": [{"title": "z", "status": "not-started"}]},
    ]})
    assert read("governance.peer_reviews.recommendations.title", p, p) == ["x", "y", "z"]
    assert read("governance.peer_reviews.recommendations.status", p, p) == ["complete", "not-started"]


def test_paths_inside_items_start_at_the_item_unless_rooted_at_profile():
    p = profile(documents=[{"title": "A", "kind": "policy"}])
    item = p.documents[0]
    assert read("title", item, p) == "A"
    assert read("profile.council.as_of", item, p) == date(2024, 6, 30)
    assert read("council.as_of", item, p) is MISSING  # a document has no council
    assert read("profile.documents.title", item, p) == ["A"]


def test_computed_fields_are_readable():
    p = profile(safeguarding={"concerns": 200, "s42_enquiries": 50},
                feedback=[{"group": "staff", "about": "x", "sentiment": "positive"},
                          {"group": "carers", "about": "y", "sentiment": "negative"}],
                market={"sufficiency_gaps": ["nursing", "home care"]})
    assert read("safeguarding.conversion_percent", p, p) == 25.0
    assert read("feedback.category", p, p) == ["staff-and-leaders", "people"]
    assert read("market.sufficiency_gap_count", p, p) == 2
    assert read("market.good_or_outstanding_gap", p, p) is MISSING  # computed as None


def test_only_profile_facts_are_read_never_python_attributes():
    p = profile(documents=[{"title": "A", "kind": "policy"}])
    for path in ("council.__class__", "council.model_fields", "council.name.upper", "council.__dict__",
                 "profile.__init__.__globals__"):
        assert read(path, p, p) is MISSING, path
    assert read("documents.__class__", p, p) == []


def test_missing_is_a_falsy_singleton():
    assert facts.Missing() is MISSING
    assert not MISSING
    assert repr(MISSING) == "MISSING"


def test_split():
    assert facts.split("profile.council.as_of") == (True, ["council", "as_of"])
    assert facts.split("status") == (False, ["status"])


# --- static types --------------------------------------------------------------------------


@pytest.mark.parametrize("path, kind, many", [
    ("council.name", "text", False),
    ("council.population", "number", False),
    ("workforce.turnover_percent", "number", False),
    ("workforce.supervision.target_frequency_weeks", "number", False),
    ("access.self_serve", "bool", False),
    ("council.as_of", "date", False),
    ("council.type", "enum", False),
    ("governance", "object", False),
    ("documents", "object", True),
    ("documents.title", "text", True),
    ("documents.review_due", "date", True),
    ("documents.statements", "enum", True),
    ("governance.risk_register.topics", "enum", True),
    ("governance.peer_reviews.recommendations.status", "enum", True),
    ("access.channels", "enum", True),
    ("market.sufficiency_gaps", "text", True),
    # computed fields
    ("safeguarding.conversion_percent", "number", False),
    ("market.sufficiency_gap_count", "number", False),
    ("feedback.category", "text", True),
    ("indicators.gap_to_england", "number", True),
])
def test_type_at_every_kind(path, kind, many):
    ftype = type_at(Profile, path, Profile)
    assert (ftype.kind, ftype.many) == (kind, many)


def test_enum_types_carry_their_choices():
    ftype = type_at(Profile, "council.type", Profile)
    assert ftype.choices == ("county", "unitary", "metropolitan-borough", "london-borough")
    assert "one of county" in ftype.describe()
    assert "finance" in type_at(Profile, "governance.risk_register.topics", Profile).choices


def test_object_types_carry_their_model():
    assert type_at(Profile, "governance", Profile).model is Governance
    assert type_at(Profile, "governance.risk_register", Profile) == FactType("object", True, model=RegisterRisk)
    assert type_at(Profile, "documents", Profile).describe() == "a list of a Document section"


def test_type_at_inside_items_and_from_the_root():
    assert type_at(Document, "status", Profile).kind == "enum"
    assert type_at(Document, "profile.council.as_of", Profile) == FactType("date")
    assert type_at(Feedback, "category", Profile) == FactType("text")
    with pytest.raises(UnknownPath):
        type_at(Document, "council.as_of", Profile)


def test_unknown_path_names_the_bad_part_and_the_known_fields():
    with pytest.raises(UnknownPath) as exc:
        type_at(Profile, "workforce.supervison.compliance_percent", Profile)
    assert exc.value.at == "supervison"
    assert "supervision" in exc.value.known
    assert "supervison" in str(exc.value)


def test_unknown_path_lists_computed_fields_as_known():
    with pytest.raises(UnknownPath) as exc:
        type_at(Profile, "safeguarding.conversion", Profile)
    assert "conversion_percent" in exc.value.known


def test_path_through_a_value_is_unknown_with_no_suggestions():
    with pytest.raises(UnknownPath) as exc:
        type_at(Profile, "council.name.first", Profile)
    assert exc.value.at == "first"
    assert exc.value.known == []


def test_suggestion_for_unknown_path():
    from readiness.lang.text import suggest

    with pytest.raises(UnknownPath) as exc:
        type_at(Profile, "workforce.turnover_percnt", Profile)
    assert suggest(exc.value.at, exc.value.known) == " (did you mean 'turnover_percent'?)"


def test_model_at():
    assert model_at(Profile, ["governance", "risk_register"]) is RegisterRisk
    assert model_at(Profile, ["governance", "nope"]) is None
    assert model_at(Profile, ["council", "name"]) is None


def test_all_paths_cover_stored_and_computed_fields():
    paths = dict(all_paths(Profile))
    assert paths["workforce.supervision.compliance_percent"].kind == "number"
    assert paths["safeguarding.conversion_percent"].kind == "number"
    assert paths["indicators.gap_to_england"].kind == "number"
    assert "governance.risk_register.topics" in paths
    for path, ftype in paths.items():  # every listed path is one a rule may use
        assert type_at(Profile, path, Profile).kind == ftype.kind


def test_sources_name_the_most_specific_entries_read():
    from readiness.lang.facts import sources
    from readiness.model.profile import Profile

    p = Profile.model_validate({
        "council": {"name": "C", "as_of": "2024-01-01", "source": "front page"},
        "governance": {"source": "governance pack", "data": {"quality_issues": True, "source": "seed 000 para 13"},
                       "scrutiny": {"effectiveness": "weak"}},
        "roles": [{"role": "psw", "status": "interim", "source": "org chart"}, {"role": "dass", "status": "in-post"}],
    })
    assert sources("governance.data.quality_issues", p, p) == ["seed 000 para 13"]
    assert sources("governance.scrutiny.effectiveness", p, p) == ["governance pack"]  # the section's, as the nearest
    assert sources("roles.status", p, p) == ["org chart"]
    assert sources("council.as_of", p, p) == ["front page"]
    assert sources("workforce.turnover_percent", p, p) == []
