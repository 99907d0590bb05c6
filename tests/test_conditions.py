"""The condition language: operators, Kleene logic, quantifiers, dates, and load-time checking."""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from readiness.lang.conditions import All, AnyOf, Compare, Condition, CountOf, Evaluator, Not, check, kleene_all, kleene_any
from readiness.lang.operators import holds as compare, parse_duration, subtract
from readiness.io.profiles import load_profile
from readiness.model.profile import Access, Council, Document, Profile

ADAPTER = TypeAdapter(Condition)
AS_OF = date(2024, 6, 30)


def cond(raw: dict) -> Any:
    return ADAPTER.validate_python(raw)


def profile(as_of: str = "2024-06-30", **sections) -> Profile:
    return load_profile({"council": {"name": "Test Council", "as_of": as_of}, **sections})


def run(raw: dict, p: Profile, as_of: date | None = None):
    return Evaluator(p, as_of or p.council.as_of).run(cond(raw))


def ev(raw: dict, p: Profile, as_of: date | None = None) -> bool | None:
    return run(raw, p, as_of).result


def issues(raw: dict) -> list[str]:
    return [i.message for i in check(cond(raw), Profile, Profile)]


def kleene_not(x: bool | None) -> bool | None:
    return None if x is None else not x


# --- comparisons ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def p() -> Profile:
    return profile(
        workforce={"turnover_percent": 20, "vacancy_percent": 12.5, "average_caseload": 30, "caseload_target": 25,
                   "turnover_trend": "rising"},
        access={"self_serve": True, "accessible_formats": False, "channels": ["phone", "online"]},
        governance={"risk_register": [
            {"title": "Workforce", "topics": ["workforce", "finance"], "net_score": 16, "target_score": 8},
            {"title": "Budget", "topics": ["finance"], "net_score": 6, "target_score": 6},
        ]},
        documents=[{"title": "Carers strategy", "kind": "strategy", "topic": "carers", "approved_on": "2024-01-15"}],
    )


@pytest.mark.parametrize("op, value, expected", [
    ("eq", 20, True), ("eq", 21, False), ("ne", 20, False), ("ne", 21, True),
    ("lt", 21, True), ("lt", 20, False), ("lte", 20, True), ("lte", 19.9, False),
    ("gt", 19, True), ("gt", 20, False), ("gte", 20, True), ("gte", 20.1, False),
    ("in", [10, 20], True), ("in", [10, 30], False), ("not_in", [10, 30], True), ("not_in", [20], False),
])
def test_number_operators(p, op, value, expected):
    assert ev({"fact": "workforce.turnover_percent", "op": op, "value": value}, p) is expected


@pytest.mark.parametrize("raw, expected", [
    ({"fact": "workforce.turnover_trend", "op": "eq", "value": "rising"}, True),
    ({"fact": "workforce.turnover_trend", "op": "ne", "value": "rising"}, False),
    ({"fact": "workforce.turnover_trend", "op": "in", "value": ["stable", "falling"]}, False),
    ({"fact": "access.self_serve", "op": "eq", "value": True}, True),
    ({"fact": "access.accessible_formats", "op": "eq", "value": True}, False),
    ({"fact": "access.accessible_formats", "op": "eq", "value": False}, True),
    ({"fact": "council.name", "op": "eq", "value": "Test Council"}, True),
    ({"fact": "access.channels", "op": "contains", "value": "online"}, True),
    ({"fact": "access.channels", "op": "contains", "value": "text"}, False),
    ({"fact": "governance.risk_register.topics", "op": "contains", "value": "workforce"}, True),
    ({"fact": "governance.risk_register.topics", "op": "contains", "value": "carers"}, False),
    ({"fact": "council.as_of", "op": "gt", "value": date(2024, 6, 29)}, True),
    ({"fact": "council.as_of", "op": "lt", "value": date(2024, 6, 30)}, False),
    ({"fact": "council.as_of", "op": "eq", "value": date(2024, 6, 30)}, True),
])
def test_other_kinds(p, raw, expected):
    assert ev(raw, p) is expected


def test_present_and_absent_are_never_unknown(p):
    assert ev({"fact": "workforce.turnover_percent", "op": "present"}, p) is True
    assert ev({"fact": "workforce.turnover_percent", "op": "absent"}, p) is False
    assert ev({"fact": "workforce.agency_percent", "op": "present"}, p) is False
    assert ev({"fact": "workforce.agency_percent", "op": "absent"}, p) is True
    assert ev({"fact": "safeguarding.concerns", "op": "absent"}, p) is True  # whole section absent
    assert ev({"fact": "access.accessible_formats", "op": "present"}, p) is True  # false is a value
    assert ev({"fact": "documents", "op": "present"}, profile(documents=[])) is True  # empty list is evidence


def test_fact_to_fact_comparison(p):
    assert ev({"fact": "workforce.average_caseload", "op": "gt", "value": {"fact": "workforce.caseload_target"}}, p)
    assert ev({"fact": "workforce.average_caseload", "op": "lte", "value": {"fact": "workforce.caseload_target"}},
              p) is False
    # inside items: both sides read from the item
    above = {"some": "governance.risk_register", "where": {"fact": "net_score", "op": "gt",
                                                           "value": {"fact": "target_score"}}, "name": "above"}
    out = run(above, p)
    assert out.result is True and out.named["above"]["items"] == ["Workforce"]
    # an item's date against the profile's date
    approved_before = {"some": "documents", "where": {"fact": "approved_on", "op": "lt",
                                                      "value": {"fact": "profile.council.as_of"}}}
    assert ev(approved_before, p) is True


def test_fact_to_fact_with_either_side_missing_is_unknown(p):
    assert ev({"fact": "workforce.agency_percent", "op": "gt", "value": {"fact": "workforce.vacancy_percent"}},
              p) is None
    assert ev({"fact": "workforce.vacancy_percent", "op": "gt", "value": {"fact": "workforce.agency_percent"}},
              p) is None


def test_in_with_a_fact_reading_many_values(p):
    raw = {"some": "documents", "where": {"fact": "topic", "op": "in",
                                          "value": {"fact": "profile.governance.risk_register.topics"}}}
    assert ev(raw, p) is False  # carers is not a register topic
    raw["where"]["op"] = "not_in"
    assert ev(raw, p) is True


MISSING_CASES = [
    {"fact": "workforce.agency_percent", "op": "eq", "value": 1},
    {"fact": "workforce.agency_percent", "op": "ne", "value": 1},
    {"fact": "workforce.agency_percent", "op": "lt", "value": 1},
    {"fact": "workforce.agency_percent", "op": "gte", "value": 1},
    {"fact": "workforce.agency_percent", "op": "in", "value": [1, 2]},
    {"fact": "workforce.agency_percent", "op": "not_in", "value": [1, 2]},
    {"fact": "access.face_to_face_assessments", "op": "eq", "value": False},
    {"fact": "governance.known_risks.topic", "op": "contains", "value": "finance"},
    {"fact": "governance.self_assessment.updated_on", "op": "older_than", "value": "1 year"},
    {"fact": "governance.self_assessment.updated_on", "op": "newer_than", "value": "1 year"},
]


@pytest.mark.parametrize("raw", MISSING_CASES)
def test_missing_fact_is_unknown_and_not_keeps_it_unknown(p, raw):
    assert ev(raw, p) is None
    assert ev({"not": raw}, p) is None


def test_missing_fact_is_flagged_in_the_evidence_trail(p):
    out = run({"all": [{"fact": "workforce.agency_percent", "op": "gt", "value": 5},
                       {"fact": "workforce.turnover_percent", "op": "gt", "value": 5}]}, p)
    assert out.result is None
    trail = {e.fact: (e.value, e.missing) for e in out.evidence}
    assert trail == {"workforce.agency_percent": (None, True), "workforce.turnover_percent": (20, False)}


def test_fact_refs_are_in_the_evidence_trail(p):
    out = run({"fact": "workforce.average_caseload", "op": "gt", "value": {"fact": "workforce.caseload_target"}}, p)
    assert [(e.fact, e.value) for e in out.evidence] == [("workforce.average_caseload", 30),
                                                         ("workforce.caseload_target", 25)]


def test_item_paths_inside_where_are_not_reported_as_profile_facts(p):
    """Only rooted paths (profile.x) inside a `where` are profile facts; item fields are summarised."""
    raw = {"some": "governance.risk_register", "where": {"all": [
        {"fact": "net_score", "op": "gt", "value": {"fact": "target_score"}},
        {"fact": "profile.workforce.turnover_percent", "op": "gt", "value": {"fact": "profile.workforce.agency_percent"}},
    ]}}
    out = run(raw, p)
    facts_read = {e.fact: e for e in out.evidence}
    assert "net_score" not in facts_read and "target_score" not in facts_read
    assert facts_read["workforce.turnover_percent"].value == 20
    assert facts_read["workforce.agency_percent"].missing  # a rooted reference that is missing is flagged
    assert facts_read["governance.risk_register"].value.startswith("2 item(s)")


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("day, amount, unit, expected", [
    (date(2024, 3, 31), 1, "month", date(2024, 2, 29)),  # leap year: end of February
    (date(2023, 3, 31), 1, "month", date(2023, 2, 28)),
    (date(2024, 5, 31), 1, "month", date(2024, 4, 30)),
    (date(2024, 1, 31), 2, "month", date(2023, 11, 30)),
    (date(2024, 1, 15), 1, "month", date(2023, 12, 15)),
    (date(2024, 2, 29), 1, "year", date(2023, 2, 28)),
    (date(2024, 2, 29), 4, "year", date(2020, 2, 29)),
    (date(2024, 6, 30), 6, "month", date(2023, 12, 30)),
    (date(2024, 6, 30), 18, "month", date(2022, 12, 30)),
    (date(2024, 3, 1), 1, "day", date(2024, 2, 29)),
    (date(2024, 3, 1), 2, "week", date(2024, 2, 16)),
    (date(2024, 3, 1), 0, "day", date(2024, 3, 1)),
])
def test_subtract_calendar_durations(day, amount, unit, expected):
    assert subtract(day, amount, unit) == expected


@pytest.mark.parametrize("text, parsed", [
    ("6 months", (6, "month")), ("1 month", (1, "month")), ("2 years", (2, "year")), ("90 days", (90, "day")),
    ("1 week", (1, "week")), (" 3  weeks ", (3, "week")), ("0 days", (0, "day")),
])
def test_parse_duration(text, parsed):
    assert parse_duration(text) == parsed


@pytest.mark.parametrize("text", ["6 monthz", "six months", "6", "months", "-1 days", "1.5 years", ""])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


def _dated(as_of: str, day: str) -> Profile:
    return profile(as_of=as_of, governance={"self_assessment": {"updated_on": day}})


@pytest.mark.parametrize("as_of, day, op, duration, expected", [
    # 31 March minus 1 month is 29 February (2024 is a leap year)
    ("2024-03-31", "2024-02-28", "older_than", "1 month", True),
    ("2024-03-31", "2024-02-29", "older_than", "1 month", False),
    ("2024-03-31", "2024-03-01", "newer_than", "1 month", True),
    ("2024-03-31", "2024-02-29", "newer_than", "1 month", False),
    ("2023-03-31", "2023-02-27", "older_than", "1 month", True),
    ("2023-03-31", "2023-02-28", "older_than", "1 month", False),
    # older_than 0 days: strictly before as_of (overdue)
    ("2024-06-30", "2024-06-29", "older_than", "0 days", True),
    ("2024-06-30", "2024-06-30", "older_than", "0 days", False),
    ("2024-06-30", "2024-07-01", "newer_than", "0 days", True),
    ("2024-06-30", "2023-06-29", "older_than", "1 year", True),
    ("2024-06-30", "2023-06-30", "older_than", "1 year", False),
    ("2024-06-30", "2024-03-31", "older_than", "90 days", True),  # cutoff: 1 April
    ("2024-06-30", "2024-04-01", "older_than", "90 days", False),
    ("2024-06-30", "2024-04-02", "newer_than", "13 weeks", True),  # 13 weeks: 91 days
    ("2024-06-30", "2024-03-31", "newer_than", "13 weeks", False),
])
def test_older_than_and_newer_than(as_of, day, op, duration, expected):
    raw = {"fact": "governance.self_assessment.updated_on", "op": op, "value": duration}
    assert ev(raw, _dated(as_of, day)) is expected


def test_as_of_override_moves_the_cutoff():
    p = _dated("2024-06-30", "2024-01-01")
    raw = {"fact": "governance.self_assessment.updated_on", "op": "older_than", "value": "1 year"}
    assert ev(raw, p) is False
    assert ev(raw, p, as_of=date(2025, 6, 30)) is True


def test_date_cutoffs_before_year_one_do_not_crash():
    """A cutoff before the calendar starts: nothing is older, everything is newer."""
    for amount, unit in ((1, "month"), (1, "year"), (1, "day"), (999999, "year"), (10**12, "day")):
        assert compare("older_than", date.min, f"{amount} {unit}s", date.min) is False
        assert compare("newer_than", date.min, f"{amount} {unit}s", date.min) is True
        assert compare("newer_than", date(1, 1, 5), f"{amount} {unit}s", date(1, 1, 5)) is True
    assert compare("older_than", date.min, "3 days", date(1, 1, 5)) is True  # cutoff 2 January: still in range


# --- Kleene logic --------------------------------------------------------------------------


def test_all_any_not_with_unknowns(p):
    t = {"fact": "workforce.turnover_percent", "op": "eq", "value": 20}
    f = {"fact": "workforce.turnover_percent", "op": "eq", "value": 0}
    u = {"fact": "workforce.agency_percent", "op": "eq", "value": 0}
    assert ev({"all": [t, u]}, p) is None
    assert ev({"all": [f, u]}, p) is False
    assert ev({"any": [t, u]}, p) is True
    assert ev({"any": [f, u]}, p) is None
    assert ev({"not": t}, p) is False
    assert ev({"not": {"not": t}}, p) is True


def test_every_node_is_evaluated_for_the_trail(p):
    """No short-circuit: a false first branch still leaves the second in the evidence trail."""
    out = run({"all": [{"fact": "workforce.turnover_percent", "op": "eq", "value": 0},
                       {"fact": "workforce.vacancy_percent", "op": "gt", "value": 1}]}, p)
    assert out.result is False
    assert {e.fact for e in out.evidence} == {"workforce.turnover_percent", "workforce.vacancy_percent"}


# --- quantifiers ---------------------------------------------------------------------------


def docs(*coproduced: bool | None, **extra) -> Profile:
    return profile(documents=[{"title": f"d{i}", "kind": "policy", "coproduced": c, **extra}
                              for i, c in enumerate(coproduced)])


WHERE = {"fact": "coproduced", "op": "eq", "value": True}


def test_quantifiers_over_an_absent_list_are_unknown():
    p = profile()
    for key in ("some", "every", "none"):
        assert ev({key: "documents", "where": WHERE}, p) is None
    assert ev({"count": "documents", "op": "eq", "value": 0}, p) is None
    assert ev({"share": "documents", "where": WHERE, "op": "gte", "value": 0}, p) is None


def test_quantifiers_over_an_empty_list_are_evaluated():
    p = docs()
    assert ev({"some": "documents", "where": WHERE}, p) is False
    assert ev({"every": "documents", "where": WHERE}, p) is True
    assert ev({"none": "documents", "where": WHERE}, p) is True
    assert ev({"count": "documents", "op": "eq", "value": 0}, p) is True
    assert ev({"share": "documents", "where": WHERE, "op": "gte", "value": 0}, p) is None  # 0 of 0: no share


def test_some_every_none_with_known_items():
    p = docs(True, False)
    assert ev({"some": "documents", "where": WHERE}, p) is True
    assert ev({"every": "documents", "where": WHERE}, p) is False
    assert ev({"none": "documents", "where": WHERE}, p) is False
    assert ev({"none": "documents", "where": WHERE}, docs(False, False)) is True


def test_unknown_items_make_quantifiers_unknown_only_when_they_could_decide():
    assert ev({"some": "documents", "where": WHERE}, docs(True, None)) is True
    assert ev({"some": "documents", "where": WHERE}, docs(False, None)) is None
    assert ev({"every": "documents", "where": WHERE}, docs(False, None)) is False
    assert ev({"every": "documents", "where": WHERE}, docs(True, None)) is None
    assert ev({"count": "documents", "where": WHERE, "op": "gte", "value": 1}, docs(True, None, None)) is True
    assert ev({"count": "documents", "where": WHERE, "op": "gte", "value": 2}, docs(True, None, None)) is None
    assert ev({"count": "documents", "where": WHERE, "op": "gte", "value": 4}, docs(True, None, None)) is False


def test_count_without_where_counts_items():
    assert ev({"count": "documents", "op": "eq", "value": 3}, docs(None, None, None)) is True


def test_count_eq_a_value_the_count_cannot_take_is_false():
    """1 to 3 items may match: a count of 2.5 is impossible whatever the unknown items are."""
    p = docs(True, None, None)
    assert ev({"count": "documents", "where": WHERE, "op": "eq", "value": 2.5}, p) is False
    assert ev({"count": "documents", "where": WHERE, "op": "eq", "value": 2}, p) is None


def test_share_eq_a_share_that_cannot_occur_is_decided():
    """1 of 3 known to match and 1 unknown: the share is 33.3% or 66.7%, never 50%."""
    p = docs(True, False, None)
    assert ev({"share": "documents", "where": WHERE, "op": "eq", "value": 50}, p) is False
    assert ev({"share": "documents", "where": WHERE, "op": "ne", "value": 50}, p) is True


def test_share_and_named_outputs():
    p = docs(True, True, False, False)
    out = run({"share": "documents", "where": WHERE, "op": "gte", "value": 50, "name": "co"}, p)
    assert out.result is True
    named = out.named["co"]
    assert (named["count"], named["total"], named["share"], named["items"]) == (2, 4, 50.0, ["d0", "d1"])
    assert [d.title for d in named["matched"]] == ["d0", "d1"]
    assert ev({"share": "documents", "where": WHERE, "op": "gt", "value": 50}, p) is False


def test_share_of_counts_only_the_whole():
    p = profile(documents=[
        {"title": "a", "kind": "policy", "status": "draft"},
        {"title": "b", "kind": "policy", "status": "approved"},
        {"title": "c", "kind": "vision", "status": "draft"},  # not a policy: outside the whole
    ])
    raw = {"share": "documents", "of": {"fact": "kind", "op": "eq", "value": "policy"},
           "where": {"fact": "status", "op": "eq", "value": "draft"}, "op": "eq", "value": 50, "name": "s"}
    out = run(raw, p)
    assert out.result is True
    assert (out.named["s"]["count"], out.named["s"]["total"], out.named["s"]["items"]) == (1, 2, ["a"])


def test_share_of_with_nothing_surely_in_the_whole_is_unknown():
    """Every item might fall outside the whole, so the share might not exist: even `lte 100` is unknown."""
    p = profile(documents=[{"title": "a", "kind": "policy"}])  # joint and status both unknown
    raw = {"share": "documents", "of": {"fact": "joint", "op": "eq", "value": True},
           "where": {"fact": "status", "op": "eq", "value": "draft"}, "op": "lte", "value": 100}
    assert ev(raw, p) is None


def test_quantifier_evidence_summarises_items():
    out = run({"some": "documents", "where": WHERE}, docs(True, None))
    [e] = out.evidence
    assert e.fact == "documents"
    assert e.value == "2 item(s); 1 match: d0; 1 cannot be checked (facts missing): d1"
    assert not e.missing
    [missing] = run({"some": "documents", "where": WHERE}, profile()).evidence
    assert missing.missing and missing.value is None


def test_nested_quantifiers():
    p = profile(governance={"peer_reviews": [
        {"title": "LGA", "held_on": "2023-01-01", "recommendations": [{"title": "x", "status": "complete"}]},
        {"title": "ADASS", "held_on": "2024-01-01", "recommendations": [{"title": "y", "status": "not-started"}]},
    ]})
    raw = {"count": "governance.peer_reviews", "op": "eq", "value": 1,
           "where": {"some": "recommendations", "where": {"fact": "status", "op": "eq", "value": "not-started"}}}
    assert ev(raw, p) is True


# --- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [
    {"all": []},
    {"all": [{"fact": "council.name", "op": "present"}], "any": [{"fact": "council.name", "op": "present"}]},
    {"fact": "council.name", "op": "like", "value": "x"},
    {"fact": "council.name", "op": "eq", "value": "x", "extra": 1},
    {"share": "documents", "where": WHERE, "op": "gte", "value": 101},
    {"some": "documents"},
    {"nothing": 1},
    "council.name",
])
def test_malformed_conditions_do_not_parse(raw):
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(raw)


def test_not_is_written_not():
    node = cond({"not": {"fact": "council.name", "op": "present"}})
    assert isinstance(node, Not) and isinstance(node.not_, Compare)


# --- load-time checking --------------------------------------------------------------------


def test_valid_conditions_have_no_issues():
    assert issues({"all": [
        {"fact": "workforce.turnover_percent", "op": "gt", "value": 20},
        {"fact": "council.type", "op": "in", "value": ["county", "unitary"]},
        {"fact": "access.channels", "op": "contains", "value": "online"},
        {"fact": "governance.self_assessment.updated_on", "op": "older_than", "value": "1 year"},
        {"fact": "workforce.average_caseload", "op": "gt", "value": {"fact": "workforce.caseload_target"}},
        {"some": "documents", "where": {"fact": "approved_on", "op": "lt", "value": {"fact": "profile.council.as_of"}}},
        {"share": "documents", "of": {"fact": "kind", "op": "eq", "value": "policy"}, "where": WHERE,
         "op": "gte", "value": 50},
        {"fact": "governance", "op": "present"},
    ]}) == []


@pytest.mark.parametrize("raw, words", [
    ({"fact": "workforce.supervison.compliance_percent", "op": "gt", "value": 1},
     ["unknown fact", "'supervison'", "did you mean 'supervision'"]),
    ({"fact": "council.name", "op": "lt", "value": "x"}, ["'lt' compares numbers or dates", "text"]),
    ({"fact": "council.name", "op": "contains", "value": "x"}, ["'contains' needs a list"]),
    ({"fact": "council.type", "op": "eq", "value": "countyy"}, ["not one of its values", "did you mean 'county'"]),
    ({"fact": "council.type", "op": "in", "value": "county"}, ["'in' needs a list of values"]),
    ({"fact": "council.type", "op": "eq", "value": ["county"]}, ["needs a single value"]),
    ({"fact": "council.as_of", "op": "older_than", "value": "6 monthz"}, ["expected a duration"]),
    ({"fact": "council.name", "op": "older_than", "value": "6 months"}, ["needs a date"]),
    ({"some": "council", "where": WHERE}, ["'some' needs a list of items"]),
    ({"count": "workforce.turnover_percent", "op": "gt", "value": 1}, ["'count' needs a list of items"]),
    ({"every": "access.channels", "where": WHERE}, ["'every' needs a list of items"]),
    ({"fact": "documents.status", "op": "eq", "value": "draft"}, ["use 'contains', or a quantifier"]),
    ({"fact": "council.name", "op": "present", "value": "x"}, ["takes no value"]),
    ({"fact": "council.name", "op": "eq"}, ["needs a value"]),
    ({"fact": "workforce.turnover_percent", "op": "eq", "value": "high"}, ["is not a number"]),
    ({"fact": "workforce.turnover_percent", "op": "eq", "value": True}, ["is not a number"]),
    ({"fact": "access.self_serve", "op": "eq", "value": "yes"}, ["not true or false"]),
    ({"fact": "council.as_of", "op": "lt", "value": "2024-13-01"}, ["not a date"]),
    ({"fact": "council.name", "op": "eq", "value": 3}, ["not text"]),
    ({"fact": "council.name", "op": "eq", "value": {"fact": "council.as_of"}}, ["cannot compare"]),
    ({"fact": "council.name", "op": "eq", "value": {"fact": "council.nmae"}}, ["did you mean 'name'"]),
    ({"fact": "council.type", "op": "in", "value": {"fact": "council.region"}}, ["needs a list of"]),
    ({"fact": "governance.scrutiny", "op": "eq", "value": "weak"}, ["a Scrutiny section, not a value"]),
    ({"some": "documents", "where": {"fact": "titel", "op": "present"}}, ["'titel'", "did you mean 'title'"]),
    ({"share": "documents", "of": {"fact": "knd", "op": "present"}, "where": WHERE, "op": "gt", "value": 1},
     ["'knd'"]),
])
def test_load_time_check_errors(raw, words):
    found = issues(raw)
    assert len(found) == 1, found
    for word in words:
        assert word in found[0]


def test_check_locates_each_issue():
    raw = {"all": [{"fact": "council.name", "op": "present"},
                   {"some": "documents", "where": {"any": [{"fact": "status", "op": "eq", "value": "drafft"}]}}]}
    [issue] = check(cond(raw), Profile, Profile)
    assert issue.loc == ("all", 1, "where", "any", 0, "value")
    assert "did you mean 'draft'" in issue.message


def test_check_reports_every_issue():
    raw = {"any": [{"fact": "council.nme", "op": "present"}, {"fact": "council.name", "op": "gt", "value": "x"},
                   {"not": {"fact": "council.type", "op": "eq", "value": "city"}}]}
    assert len(issues(raw)) == 3


# --- properties: Kleene logic --------------------------------------------------------------

FLAGS = ["self_serve", "information_and_advice_offer", "accessible_formats", "strengths_based_practice",
         "face_to_face_assessments"]
TRI = st.sampled_from([True, False, None])


def leaf(name: str) -> Compare:
    return Compare(fact=f"access.{name}", op="eq", value=True)


TREES = st.recursive(
    st.sampled_from(FLAGS).map(leaf),
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=4).map(lambda xs: All(all=xs)),
        st.lists(children, min_size=1, max_size=4).map(lambda xs: AnyOf(any=xs)),
        children.map(lambda c: Not(**{"not": c})),
    ),
    max_leaves=12,
)
WORLDS = st.fixed_dictionaries({name: TRI for name in FLAGS})


def world_profile(world: dict[str, bool | None]) -> Profile:
    return Profile(council=Council(name="W", as_of=AS_OF), access=Access(**world))


def reference(node: Any, world: dict[str, bool | None]) -> bool | None:
    """Kleene logic written out with truth tables, independently of the engine."""
    if isinstance(node, Compare):
        return world[node.fact.split(".")[1]]
    if isinstance(node, Not):
        return {True: False, False: True, None: None}[reference(node.not_, world)]
    values = [reference(c, world) for c in (node.all if isinstance(node, All) else node.any)]
    if isinstance(node, All):
        return False if False in values else (None if None in values else True)
    return True if True in values else (None if None in values else False)


def evaluate(node: Any, world: dict[str, bool | None]) -> bool | None:
    return Evaluator(world_profile(world), AS_OF).run(node).result


@given(TREES, WORLDS)
def test_trees_follow_kleene_logic(tree, world):
    assert evaluate(tree, world) == reference(tree, world)


@given(TREES, WORLDS)
def test_not_swaps_true_and_false_and_keeps_unknown(tree, world):
    assert evaluate(Not(**{"not": tree}), world) == kleene_not(evaluate(tree, world))


@given(st.lists(TREES, min_size=1, max_size=4), WORLDS, st.randoms())
def test_all_and_any_are_commutative(trees, world, rnd):
    shuffled = list(trees)
    rnd.shuffle(shuffled)
    assert evaluate(All(all=trees), world) == evaluate(All(all=shuffled), world)
    assert evaluate(AnyOf(any=trees), world) == evaluate(AnyOf(any=shuffled), world)


@given(st.lists(TREES, min_size=1, max_size=4), WORLDS)
def test_de_morgan_in_kleene_logic(trees, world):
    negated = [Not(**{"not": t}) for t in trees]
    assert evaluate(Not(**{"not": All(all=trees)}), world) == evaluate(AnyOf(any=negated), world)
    assert evaluate(Not(**{"not": AnyOf(any=trees)}), world) == evaluate(All(all=negated), world)


@given(TREES, WORLDS)
def test_singleton_all_and_any_are_identity(tree, world):
    value = evaluate(tree, world)
    assert evaluate(All(all=[tree]), world) == value
    assert evaluate(AnyOf(any=[tree]), world) == value


@given(st.lists(TREES, max_size=4), WORLDS, st.sampled_from(FLAGS), st.data())
def test_any_with_a_true_part_is_true_and_all_with_a_false_part_is_false(trees, world, flag, data):
    position = data.draw(st.integers(0, len(trees)))
    world = {**world, flag: True}
    assert evaluate(AnyOf(any=trees[:position] + [leaf(flag)] + trees[position:]), world) is True
    world = {**world, flag: False}
    assert evaluate(All(all=trees[:position] + [leaf(flag)] + trees[position:]), world) is False


@given(st.lists(TRI, max_size=6))
def test_kleene_helpers_match_truth_tables(values):
    assert kleene_all(values) == (False if False in values else (None if None in values else True))
    assert kleene_any(values) == (True if True in values else (None if None in values else False))


# --- properties: a missing fact --------------------------------------------------------------

NUMBER_OPS = st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"])


@given(NUMBER_OPS, st.floats(-1e6, 1e6, allow_nan=False), st.booleans())
def test_a_missing_number_is_never_true_except_for_absent(op, value, as_fact):
    p = profile(workforce={"vacancy_percent": 10})
    rhs = {"fact": "workforce.vacancy_percent"} if as_fact else value
    assert ev({"fact": "workforce.agency_percent", "op": op, "value": rhs}, p) is None
    if as_fact:  # the missing fact on the other side
        assert ev({"fact": "workforce.vacancy_percent", "op": op, "value": {"fact": "workforce.agency_percent"}},
                  p) is None
    assert ev({"fact": "workforce.agency_percent", "op": "absent"}, p) is True
    assert ev({"fact": "workforce.agency_percent", "op": "present"}, p) is False


@given(st.sampled_from(["eq", "ne", "in", "not_in", "lt", "gt", "older_than", "newer_than"]), st.dates(),
       st.integers(0, 40), st.sampled_from(["day", "week", "month", "year"]))
def test_a_missing_date_is_never_true(op, day, amount, unit):
    value = {"eq": day, "ne": day, "lt": day, "gt": day, "in": [day], "not_in": [day]}.get(op, f"{amount} {unit}s")
    raw = {"fact": "governance.self_assessment.updated_on", "op": op, "value": value}
    assert not issues(raw)
    for p in (profile(), profile(governance={}), profile(governance={"self_assessment": {"coproduced": True}})):
        assert ev(raw, p) is None
        assert ev({"not": raw}, p) is None
        assert ev({"any": [raw, {"fact": "council.name", "op": "eq", "value": "nope"}]}, p) is None


# --- properties: quantifiers on random lists -----------------------------------------------

COMPARE_OPS = ["eq", "ne", "lt", "lte", "gt", "gte"]
PY_OPS = {"eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "lt": lambda a, b: a < b,
          "lte": lambda a, b: a <= b, "gt": lambda a, b: a > b, "gte": lambda a, b: a >= b}


def decided(outcomes: set[bool | None]) -> bool | None:
    """What is known: a single outcome over every way the unknowns could turn out, else unknown."""
    return outcomes.pop() if len(outcomes) == 1 else None


def completions(values: list[bool | None]):
    """Every way the unknown (None) values could turn out."""
    holes = [i for i, v in enumerate(values) if v is None]
    for fill in itertools.product([True, False], repeat=len(holes)):
        out = list(values)
        for i, v in zip(holes, fill):
            out[i] = v
        yield out


def brute_count(values, op, n):
    return decided({PY_OPS[op](sum(c), n) for c in completions(values)})


def brute_share(values, op, n):
    if not values:
        return None
    return decided({PY_OPS[op](100 * sum(c) / len(c), n) for c in completions(values)})


ITEMS = st.lists(TRI, max_size=7)


@given(ITEMS, st.sampled_from(COMPARE_OPS), st.one_of(st.integers(0, 8), st.sampled_from([0.5, 2.5])))
@settings(max_examples=300)
def test_count_agrees_with_brute_force(values, op, n):
    raw = {"count": "documents", "where": WHERE, "op": op, "value": n}
    assert ev(raw, docs(*values)) == brute_count(values, op, n)


SHARES = st.one_of(st.sampled_from([0, 20, 25, 100 / 3, 50, 60, 75, 100]), st.floats(0, 100))


@given(ITEMS, st.sampled_from(COMPARE_OPS), SHARES)
@settings(max_examples=300)
def test_share_agrees_with_brute_force(values, op, n):
    raw = {"share": "documents", "where": WHERE, "op": op, "value": n}
    assert ev(raw, docs(*values)) == brute_share(values, op, n)


def brute_share_of(rows, op, n):
    """rows: (in the whole?, matches?) with None unknown; a completion with an empty whole has no share."""
    flat = [v for row in rows for v in row]
    outcomes = set()
    for c in completions(flat):
        pairs = list(zip(c[0::2], c[1::2]))
        whole = [m for inside, m in pairs if inside]
        outcomes.add(PY_OPS[op](100 * sum(whole) / len(whole), n) if whole else None)
    return decided(outcomes)


@given(st.lists(st.tuples(TRI, TRI), max_size=5), st.sampled_from(COMPARE_OPS), SHARES)
@settings(max_examples=300)
def test_share_of_is_never_wrong_and_exact_for_ordering(rows, op, n):
    p = profile(documents=[{"title": f"d{i}", "kind": "policy", "joint": j, "coproduced": c}
                           for i, (j, c) in enumerate(rows)])
    raw = {"share": "documents", "of": {"fact": "joint", "op": "eq", "value": True}, "where": WHERE,
           "op": op, "value": n}
    got, truth = ev(raw, p), brute_share_of(rows, op, n)
    if got is not None:
        assert got == truth  # sound: a definite answer is right whatever the unknowns are
    if op not in ("eq", "ne"):
        assert got == truth  # exact for ordering comparisons (eq/ne may stay unknown conservatively)


@given(ITEMS)
def test_some_every_none_relationships(values):
    p = docs(*values)
    some, every, none = (ev({k: "documents", "where": WHERE}, p) for k in ("some", "every", "none"))
    some_not = ev({"some": "documents", "where": {"not": WHERE}}, p)
    assert none == kleene_not(some)
    assert every == kleene_not(some_not)  # holds in Kleene logic, unknowns included
    assert some == decided({any(c) for c in completions(values)})
    assert every == decided({all(c) for c in completions(values)})
    assert ev({"count": "documents", "where": WHERE, "op": "gte", "value": 1}, p) == some
    assert ev({"count": "documents", "where": WHERE, "op": "eq", "value": 0}, p) == none
    if values:
        assert ev({"share": "documents", "where": WHERE, "op": "eq", "value": 100}, p) == every


@given(st.lists(st.booleans(), max_size=6))
def test_quantifiers_on_known_items_are_plain_logic(values):
    p = docs(*values)
    assert ev({"some": "documents", "where": WHERE}, p) is any(values)
    assert ev({"every": "documents", "where": WHERE}, p) is all(values)
    assert ev({"none": "documents", "where": WHERE}, p) is (not any(values))
    out = run({"count": "documents", "where": WHERE, "op": "gte", "value": 0, "name": "n"}, p)
    assert out.named["n"]["count"] == sum(values) and out.named["n"]["total"] == len(values)


# --- properties: dates ---------------------------------------------------------------------


def ref_subtract(day: date, amount: int, unit: str) -> date | None:
    """Calendar arithmetic by stepping month by month (None: before year 1)."""
    if unit in ("day", "week"):
        days = amount * (7 if unit == "week" else 1)
        return day - timedelta(days=days) if (day - date.min).days >= days else None
    year, month = day.year, day.month
    for _ in range(amount * (12 if unit == "year" else 1)):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        if year < 1:
            return None
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
DURATIONS = st.tuples(st.integers(0, 400), st.sampled_from(["day", "week", "month", "year"]))


@given(DATES, DATES, DURATIONS)
@settings(max_examples=300)
def test_date_operators_agree_with_a_reference(as_of, observed, duration):
    amount, unit = duration
    text = f"{amount} {unit}{'s' if amount != 1 else ''}"
    cutoff = ref_subtract(as_of, amount, unit)
    older = cutoff is not None and observed < cutoff
    newer = cutoff is None or observed > cutoff
    assert compare("older_than", observed, text, as_of) is older
    assert compare("newer_than", observed, text, as_of) is newer
    if cutoff is not None:
        assert subtract(as_of, amount, unit) == cutoff
    # and through a whole condition on a profile
    p = Profile(council=Council(name="D", as_of=as_of),
                documents=[Document(title="d", kind="policy", review_due=observed)])
    assert ev({"some": "documents", "where": {"fact": "review_due", "op": "older_than", "value": text}}, p) is older


@given(DATES, DATES, st.integers(0, 400), st.integers(0, 400))
def test_older_than_is_monotone_in_the_duration(as_of, observed, a, b):
    assume(a != b)
    shorter, longer = sorted((a, b))
    if compare("older_than", observed, f"{longer} days", as_of):
        assert compare("older_than", observed, f"{shorter} days", as_of)
    if compare("newer_than", observed, f"{shorter} days", as_of):
        assert compare("newer_than", observed, f"{longer} days", as_of)


@given(DATES, DATES)
def test_date_comparisons_are_plain_date_order(a, b):
    p = Profile(council=Council(name="D", as_of=a))
    for op, fn in PY_OPS.items():
        assert ev({"fact": "council.as_of", "op": op, "value": b}, p) is fn(a, b)


def test_count_without_where_counts_the_values_of_any_list():
    from readiness.model.profile import Profile

    node = CountOf.model_validate({"count": "market.sufficiency_gaps", "op": "gte", "value": 2})
    assert check(node, Profile, Profile) == []
    with_where = CountOf.model_validate({"count": "market.sufficiency_gaps", "where": {"fact": "x", "op": "present"},
                                       "op": "gte", "value": 2})
    assert check(with_where, Profile, Profile)  # a `where` needs items with fields
    profile = Profile.model_validate({"council": {"name": "C", "as_of": "2024-01-01"},
                                      "market": {"sufficiency_gaps": ["nursing", "dementia"]}})
    assert Evaluator(profile, profile.council.as_of).run(node).result is True
    none = Profile.model_validate({"council": {"name": "C", "as_of": "2024-01-01"}})
    assert Evaluator(none, none.council.as_of).run(node).result is None


# --- what each item lacks in a share with `of` -----------------------------------------------------

SHARE_OF_STALE = {
    "share": "documents", "op": "gt", "value": 50,
    "of": {"all": [{"fact": "kind", "op": "in", "value": ["policy", "strategy"]},
                   {"fact": "status", "op": "ne", "value": "not-in-place"}]},
    "where": {"any": [{"fact": "status", "op": "in", "value": ["draft"]},
                      {"fact": "review_due", "op": "older_than", "value": "0 days"}]},
}


def test_a_share_lists_what_the_items_that_cannot_be_checked_lack_and_only_those():
    """An item outside the whole (`of` false) is not counted, so what it lacks for `where` is
    nothing to collect; an item that may be in it, or is in it with `where` unknown, lists what it
    lacks for both."""
    p = profile(documents=[
        {"title": "Maybe in", "kind": "policy"},  # of unknown (no status): lacks status and review_due
        {"title": "Outside", "kind": "vision"},  # of false: lacks the same, and it does not count
        {"title": "In, unknown", "kind": "policy", "status": "approved"},  # of true, where unknown
        {"title": "In, stale", "kind": "policy", "status": "draft"},  # of true, where true
    ])
    line = run(SHARE_OF_STALE, p).evidence[0]
    assert line.unknown_items == ["In, unknown", "Maybe in"]
    assert line.lacking == {"Maybe in": ["status", "review_due"], "In, unknown": ["review_due"]}


def _share_bounds_by_definition(sure, maybe):
    """The bounds of a share, as its definition reads: the first version of share_holds."""
    low_num = sum(1 for _, w in sure if w is True)
    low_den = len(sure) + sum(1 for _, w in maybe if w is not True)
    high_num = sum(1 for _, w in sure if w is not False) + sum(1 for _, w in maybe if w is not False)
    high_den = len(sure) + sum(1 for _, w in maybe if w is not False)
    return 100 * low_num / low_den, 100 * high_num / high_den


MATCHES = st.lists(st.tuples(st.none(), st.sampled_from([True, False, None])), max_size=8)


@given(MATCHES.filter(bool), MATCHES, st.sampled_from(["gt", "gte", "lt", "lte", "eq", "ne"]),
       st.sampled_from([0, 20, 25, 50, 66.7, 100]))
def test_a_share_is_decided_from_its_bounds_as_defined(sure, maybe, op, value):
    from readiness.lang.conditions import _range_holds, share_holds

    assert share_holds(op, value, sure, maybe) == _range_holds(op, *_share_bounds_by_definition(sure, maybe), value)
