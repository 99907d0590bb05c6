"""The operator table: one record per operator, read by the rule model, the checker, the evaluator
and the describer."""

from __future__ import annotations

from datetime import date
from typing import get_args

import pytest

from readiness.lang.conditions import Compare, CountOf, check
from readiness.lang.describe import describe
from readiness.lang.operators import COUNT_OP_NAMES, OP_NAMES, OPERATORS, holds
from readiness.model.profile import Profile


def test_the_rule_model_offers_exactly_the_table():
    assert get_args(Compare.model_fields["op"].annotation) == OP_NAMES
    assert get_args(CountOf.model_fields["op"].annotation) == COUNT_OP_NAMES == ("eq", "ne", "lt", "lte", "gt", "gte")


@pytest.mark.parametrize("name", OP_NAMES)
def test_every_operator_has_words_and_describes_itself(name):
    op = OPERATORS[name]
    assert op.words and op.name == name
    value = {"none": None, "single": 3, "list": [1, 2], "duration": "6 months"}[op.value]
    text = describe(Compare(fact="workforce.turnover_percent", op=name, value=value))
    assert text.startswith("workforce.turnover_percent ")


@pytest.mark.parametrize(("name", "observed", "expected", "result"), [
    ("eq", 3, 3, True), ("ne", 3, 3, False), ("lt", 2, 3, True), ("lte", 3, 3, True), ("gt", 3, 3, False),
    ("gte", 3, 3, True), ("in", "a", ["a", "b"], True), ("not_in", "a", ["a"], False), ("contains", ["a"], "a", True),
    ("older_than", date(2023, 1, 1), "1 year", True), ("newer_than", date(2023, 1, 1), "1 year", False),
])
def test_each_operator_tests_as_its_name_says(name, observed, expected, result):
    assert holds(name, observed, expected, date(2024, 6, 30)) is result


def test_the_checker_reads_the_table():
    issues = check(Compare(fact="council.name", op="gt", value=1), Profile, Profile)
    assert [i.message for i in issues] == ["'gt' compares numbers or dates, but 'council.name' is text"]
    issues = check(Compare(fact="council.name", op="older_than", value="1 year"), Profile, Profile)
    assert [i.message for i in issues] == ["'older_than' needs a date, but 'council.name' is text"]
    assert check(Compare(fact="council.name", op="present", value=1), Profile, Profile)[0].message == (
        "'present' takes no value")
