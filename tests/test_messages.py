"""Filling a rule's message with what was observed; nothing in it is evaluated."""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from readiness.lang.conditions import Evaluator, Outcome
from readiness.io.profiles import load_profile
from readiness.lang.messages import NOT_RECORDED, render, show
from readiness.model.rule import Rule


@pytest.mark.parametrize("value, text", [
    (None, "not recorded"), (True, "yes"), (False, "no"), (12.5, "12.5"), (12.0, "12"), (100.0, "100"),
    (0.0, "0"), (3, "3"), (date(2024, 3, 1), "1 March 2024"), ([], "none"), (["a", 2.0, None], "a, 2, not recorded"),
    ("text", "text"),
])
def test_show(value, text):
    assert show(value) == text


def test_show_a_section_by_its_label():
    p = load_profile({"council": {"name": "C", "as_of": "2024-06-30"},
                      "roles": [{"role": "psw", "status": "interim"}]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no pydantic deprecation warning (model_fields read on an instance)
        assert show(p.roles[0]) == "psw"
        assert show(p.council) == "C"


P = load_profile({
    "council": {"name": "Test Council", "as_of": "2024-06-30"},
    "workforce": {"turnover_percent": 21.5},
    "documents": [{"title": "A", "kind": "policy", "status": "draft"},
                  {"title": "B", "kind": "policy", "status": "approved"},
                  {"title": "C", "kind": "strategy", "status": "out-of-date"}],
})


def fired_message(when: dict, message: str) -> str:
    rule = Rule.model_validate({"id": "an-x", "title": "t", "statements": ["assessing-needs"], "category": "processes",
                                "kind": "shortfall", "level": "some", "when": when, "message": message, "why": "w",
                                "recommendation": "r", "references": ["x"]})
    outcome = Evaluator(P, P.council.as_of).run(rule.when)
    return render(rule.message, outcome, P)


def test_fact_placeholders():
    assert render("Turnover {workforce.turnover_percent}% at {council.name} on {council.as_of}.", Outcome(None), P) == \
        "Turnover 21.5% at Test Council on 30 June 2024."
    assert render("{profile.council.name}", Outcome(None), P) == "Test Council"
    assert render("{documents.title}", Outcome(None), P) == "A, B, C"


def test_missing_values_print_as_not_recorded():
    assert render("{workforce.vacancy_percent}|{safeguarding.concerns}", Outcome(None), P) == \
        f"{NOT_RECORDED}|{NOT_RECORDED}"


def test_named_quantifier_placeholders():
    when = {"share": "documents", "name": "stale", "where": {"fact": "status", "op": "in",
                                                            "value": ["draft", "out-of-date"]}, "op": "gte", "value": 50}
    text = fired_message(when, "{stale.count} of {stale.total} ({stale.share}%): {stale.items}; {stale.items.status}; "
                               "{stale.items.kind}")
    assert text == "2 of 3 (66.7%): A, C; draft, out-of-date; policy, strategy"


def test_text_outside_placeholders_is_kept_and_nothing_is_evaluated():
    assert render("100% {not a placeholder} {1+1} {{council.name}}", Outcome(None), P) == \
        "100% {not a placeholder} {1+1} {Test Council}"


def test_python_internals_cannot_be_reached():
    """Even an unvalidated template reads profile facts only."""
    for placeholder in ("{council.__class__}", "{council.__init__.__globals__}", "{council.model_fields}",
                        "{council.name.upper}", "{documents.__len__}"):
        text = render(placeholder, Outcome(None), P)
        assert text in (NOT_RECORDED, "none"), (placeholder, text)  # "none": read through a list, nothing found


def test_missing_item_fields_and_units_read_not_recorded():
    import readiness
    from readiness.lang.conditions import Evaluator
    from readiness.model.rule import Rule

    rule = Rule.model_validate({
        "id": "t-msg", "title": "t", "statements": ["governance-management-and-sustainability"],
        "category": "processes", "kind": "shortfall", "level": "some",
        "when": {"some": "roles", "name": "r", "where": {"fact": "status", "op": "eq", "value": "interim"}},
        "message": "PSW independent: {r.items.independent_of_operations}; turnover {workforce.turnover_percent}%",
        "why": "w", "recommendation": "r", "references": ["x"]})
    profile = readiness.load_profile({"council": {"name": "C", "as_of": "2024-01-01"},
                                      "roles": [{"role": "psw", "status": "interim"}]})
    outcome = Evaluator(profile, profile.council.as_of).run(rule.when)
    text = render(rule.message, outcome, profile)
    assert text == "PSW independent: not recorded; turnover not recorded"
