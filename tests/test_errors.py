"""Errors and YAML reading: problems name file, line, rule and field; lines are found on demand."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.model.errors import Problem, ProfileError, ReadinessError, RuleError
from readiness.lang.text import dotted, suggest
from readiness.io.yamlfile import line_of, parse


def test_problem_text():
    assert str(Problem("bad", file="a.yaml", line=3, field="x.y", rule_id="an-r")) == \
        "a.yaml:3: rule an-r: field 'x.y': bad"
    assert str(Problem("bad")) == "<input>: bad"
    assert str(Problem("bad", file="a.yaml")) == "a.yaml: bad"


def test_error_describes_one_or_many_problems():
    assert ReadinessError("just this").describe() == "<input>: just this"
    err = RuleError([Problem("one", file="a"), Problem("two", file="b")])
    assert err.describe() == "2 problem(s) in the rule pack:\n  a: one\n  b: two"
    assert str(err) == err.describe()
    assert ProfileError(Problem("p")).problems == [Problem("p")]


def test_suggest_and_dotted():
    assert suggest("statsu", ["status", "title"]) == " (did you mean 'status'?)"
    assert suggest("zzz", ["status"]) == ""
    assert dotted(("documents", 3, "status")) == "documents[3].status"
    assert dotted(("rules", 0, "when", "all", 1)) == "rules[0].when.all[1]"


TEXT = """\
council:
  name: X
documents:
  - title: a
    kind: policy
  - title: b
    status: draft
"""


@pytest.mark.parametrize("loc, line", [
    ((), 1), (("council",), 1), (("council", "name"), 2), (("documents", 1), 6), (("documents", 1, "status"), 7),
    (("documents", 1, "nope"), 6), (("documents", 9, "title"), 3), (("missing",), 1),
])
def test_line_of(loc, line):
    assert line_of(TEXT, loc) == line


def test_line_of_unparseable_text_is_none():
    assert line_of("a: [", ("a",)) is None


def test_parse_keeps_impossible_dates_as_text():
    assert parse("d: 2024-13-01\ne: 2024-02-29\n", "f", RuleError) == {"d": "2024-13-01", "e": date(2024, 2, 29)}


def test_parse_errors_are_located():
    with pytest.raises(ProfileError) as exc:
        parse("a: 1\nb: [\n", "f.yaml", ProfileError)
    [p] = exc.value.problems
    assert p.file == "f.yaml" and p.line == 3 and p.message.startswith("not valid YAML")
