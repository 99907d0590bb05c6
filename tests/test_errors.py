"""Errors and YAML reading: problems name file, line, rule and field; lines are found on demand."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.model.errors import Problem, ProfileError, ReadinessError, RuleError
from readiness.lang.text import dotted, suggest
from readiness.io import yamlfile
from readiness.io.yamlfile import line_in, line_of, parse, parse_located


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


@pytest.mark.parametrize("loc, line", [
    ((), 1), (("council",), 1), (("council", "name"), 2), (("documents", 1), 6), (("documents", 1, "status"), 7),
    (("documents", 1, "nope"), 6), (("documents", 9, "title"), 3), (("missing",), 1),
])
def test_line_in_the_first_parse_is_the_line_of_the_text(loc, line):
    _, root = parse_located(TEXT, "f", RuleError)
    assert line_in(root, loc) == line == line_of(TEXT, loc)


def _paths(data, loc=()):
    yield loc
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, loc + (i,))


def test_every_line_of_a_real_profile_comes_from_the_first_parse():
    from conftest import EXAMPLES

    text = (EXAMPLES / "blackpool-2024.yaml").read_text()
    data, root = parse_located(text, "f", RuleError)
    paths = list(_paths(data))
    assert len(paths) > 300
    assert all(line_in(root, loc) == line_of(text, loc) for loc in paths)


def test_the_happy_path_and_its_errors_parse_each_file_once(tmp_path, monkeypatch):
    from readiness.io.packs import load_rules, shipped_pack_dir
    from readiness.io.profiles import load_profile

    def again(text):
        raise AssertionError("the text was parsed a second time to find a line")

    monkeypatch.setattr(yamlfile, "_compose", again)
    monkeypatch.setenv("READINESS_NO_CACHE", "1")
    assert load_rules(shipped_pack_dir() / "safeguarding.yaml").locations
    bad = tmp_path / "p.yaml"
    bad.write_text("council:\n  name: X\n  as_of: 2024-06-30\n  nmae_typo: nowhere\n")
    with pytest.raises(ProfileError) as exc:
        load_profile(bad)
    assert "p.yaml:4" in exc.value.describe()


def test_line_of_unparseable_text_is_none():
    assert line_of("a: [", ("a",)) is None


def test_parse_keeps_impossible_dates_as_text():
    assert parse("d: 2024-13-01\ne: 2024-02-29\n", "f", RuleError) == {"d": "2024-13-01", "e": date(2024, 2, 29)}


def test_parse_errors_are_located():
    with pytest.raises(ProfileError) as exc:
        parse("a: 1\nb: [\n", "f.yaml", ProfileError)
    [p] = exc.value.problems
    assert p.file == "f.yaml" and p.line == 3 and p.message.startswith("not valid YAML")


def test_the_collector_is_paused_while_a_document_is_built_and_restored_after(monkeypatch):
    import gc

    seen = []
    real = yamlfile._plain_data  # builds every document's data (or hands it to the careful way)
    monkeypatch.setattr(yamlfile, "_plain_data", lambda *a, **k: (seen.append(gc.isenabled()), real(*a, **k))[1])
    assert gc.isenabled()
    assert parse("a: 1\n", "f", RuleError) == {"a": 1}
    with pytest.raises(RuleError):
        parse("a: [1\n", "f", RuleError)
    assert gc.isenabled(), "a parse, or a failed one, left the collector off"
    gc.disable()
    try:
        parse("a: 1\n", "f", RuleError)
        assert not gc.isenabled(), "a parse switched on a collector its caller had switched off"
    finally:
        gc.enable()
    assert seen == [False, False]
