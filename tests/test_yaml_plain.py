"""The one-walk build of a plain YAML document (io.yamlfile._plain_data) gives exactly what the
careful way gives (check_tree, then the loader's constructors): the same data, of the same
types, or, for anything it does not take on, it hands over and the careful way's own error is
raised. Every YAML file in the repository, hand-made edge cases and random documents."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from readiness.io import yamlfile


def typed(value):
    """The value with every type spelt out: 1, 1.0 and True are equal in Python, not here."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def careful(text: str):
    """What the document gave before the one-walk build: the data, or the error's type and words."""
    loader = yamlfile._Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return ("data", typed(None))
        yamlfile.check_tree(node, len(text))
        return ("data", typed(loader.construct_document(node)))
    except Exception as exc:  # noqa: BLE001 - the error itself is what is compared
        return ("error", type(exc).__name__, str(exc))
    finally:
        loader.dispose()


def loaded(text: str):
    try:
        return ("data", typed(yamlfile._load(text)[0]))
    except Exception as exc:  # noqa: BLE001
        return ("error", type(exc).__name__, str(exc))


def plain(text: str):
    """The one-walk build alone: its data, or None when it hands the document over."""
    loader = yamlfile._Loader(text)
    try:
        data = yamlfile._plain_data(loader.get_single_node(), loader, len(text), "&" in text)
        return None if data is yamlfile._NOT_PLAIN else data
    finally:
        loader.dispose()


YAML_FILES = sorted(p for folder in ("examples", "calibration", "rules", "tests", "docs")
                    for p in (REPO / folder).rglob("*") if p.suffix in (".yaml", ".yml"))


def test_every_yaml_file_here_is_built_the_same_and_the_profiles_in_one_walk():
    assert len(YAML_FILES) > 50
    for path in YAML_FILES:
        text = path.read_text(encoding="utf-8")
        assert loaded(text) == careful(text), path
    for path in sorted((REPO / "examples").glob("*.yaml")) + sorted((REPO / "calibration" / "profiles").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert plain(text) is not None, f"{path} was not built in one walk"


EDGE_CASES = [
    "", "# only a comment\n", "plain", "42", "'quoted'", "[]", "{}", "a:\n", "- \n- ~\n- null\n",
    "a: yes\nb: no\nc: true\nd: False\ne: on\nf: 'true'\n",
    "a: 0x1F\nb: 0o17\nc: 017\nd: -12_000\ne: +3\nf: 1e3\ng: .5\nh: 1_0.5\n",
    "a: .nan\n", "a: .inf\n", "a: -.Inf\n", "a: " + "9" * 5000 + "\n",
    "d: 2024-02-29\ne: 2024-13-01\nf: 2024-01-01T10:00:00Z\ng: 2024-1-1\n",
    "1: a\n2.5: b\nnull: c\ntrue: d\n2024-01-01: e\n",
    "1: a\ntrue: b\n", "1: a\n1.0: b\n", "a: 1\na: 2\n", "a: {b: 1, b: 2}\n",
    "? [a, b]\n: c\n", "? {a: 1}\n: c\n", "=: value\n", "<<: {a: 1}\nb: 2\n",
    "a: &x [1, 2]\nb: *x\n", "a: &x hello\nb: *x\nc: *x\n", "a: &x {b: 1}\nc: [*x, *x]\n", "a: &x\n  - *x\n",
    "title: Health & Wellbeing\nother: [a & b]\n", "a: *x\n", "a: !!binary aGVsbG8=\n", "a: !!set {x, y}\n",
    "a: !!omap [{x: 1}]\n", "a: !!pairs [{x: 1}]\n", "a: !!str 12\nb: !!int '7'\nc: !!float 1\n",
    "a: !!str [1]\n", "a: !!map [1]\n", "a: !!seq {b: 1}\n", "a: !custom x\n", "a: !!python/object:os.system x\n",
    "a: !!bool maybe\n", "a: !!null x\n", "a: !!timestamp not-a-date\n",
    "a: |\n  two\n  lines\n", "a: >-\n  folded\n  text\n", "a: \"esc\\ttab\\u00e9\"\n",
    "[" * 99 + "]" * 99, "[" * 100 + "]" * 100, "[" * 101 + "]" * 101, "a:\n" + "".join("  " * i + "- \n" for i in range(1, 120)),
    "[1, [2, [3]], {a: [4, {b: 5}]}]\n", "a: 1\n---\nb: 2\n", "a: [\n",
    "a:\n  - b: 1\n    c: 2\n    b: 3\n", "a: {b: {}, c: [], d: {e: [{}, []]}}\n", "x: 1\ny: {x: 1, 'x': 2}\n",
    "a: {no: 1, false: 2}\n", "a: {~: 1, null: 2}\n", "a: {'': 1, \"\": 2}\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_are_built_the_same_or_refused_with_the_same_error(text):
    assert loaded(text) == careful(text)


def test_the_bounds_are_the_careful_ways(monkeypatch):
    monkeypatch.setenv("READINESS_MAX_DEPTH", "3")
    for text in ("a: [1]\n", "a: [[1]]\n", "a: [[]]\n", "a: {b: {}}\n", "a: {b: {c: 1}}\n"):
        assert loaded(text) == careful(text), text
    monkeypatch.setenv("READINESS_MAX_ALIASES", "2")
    for text in ("a: &x 1\nb: [*x, *x]\n", "a: &x 1\nb: [*x, *x, *x]\n"):
        assert loaded(text) == careful(text), text
    assert loaded("a: &x 1\nb: [*x, *x, *x]\n")[0] == "error"
    monkeypatch.setenv("READINESS_MIN_EXPANSION", "20")
    monkeypatch.setenv("READINESS_MAX_EXPANSION_RATIO", "1")
    # keys without values: each counts one more than the text it takes, so this is over the limit
    over = "{" + ", ".join("abcdefghijklmnopqrstu") + "}"
    for text in ("a: 123456789\n", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "x" * 30, "{a, b}", over):
        assert loaded(text) == careful(text), text
    assert loaded(over)[0] == "error" and "over the limit" in loaded(over)[2]


def test_a_document_the_walk_does_not_take_on_is_handed_over():
    for text in ("a: &x 1\nb: *x\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "a: .nan\n", "a: !!set {x}\n", "? [a]\n: b\n"):
        assert plain(text) is None, text
    assert plain("title: Health & Wellbeing\n") == {"title": "Health & Wellbeing"}


scalars = st.one_of(
    st.sampled_from(["yes", "No", "~", "null", "0x1A", "0o7", "012", "1_000", "1.5e3", ".inf", ".NaN", "2024-02-30",
                     "2024-03-01", "2024-03-01 10:00:00", "=", "<<", "'1'", '"x\\ty"', "true", "&a 1", "*a", "!!str 5",
                     "!!int 5", "!!binary aGk=", "-", "a & b", "'x: y'"]),
    st.integers(-10**6, 10**6).map(str),
    st.text(alphabet="abc123 .-_", min_size=1, max_size=8).map(lambda s: f"'{s}'"),
)


def block(depth: int, keys=scalars, values=scalars):
    """Flow-style YAML nested up to four deep, its keys and scalar values drawn from `keys` and `values`."""
    if depth > 3:
        return values
    inner = st.deferred(lambda: block(depth + 1, keys, values))
    return st.one_of(
        values,
        st.lists(st.tuples(keys, inner), max_size=4).map(lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"),
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    )


@settings(max_examples=300, deadline=None)
@given(block(0))
def test_random_documents_are_built_the_same_or_refused_with_the_same_error(text):
    assert loaded(text) == careful(text)


# --- duplicate keys found once per section, at any depth; empty sections and lists -----------

DEPTH_CASES = [
    "a:\n  b:\n    c: 1\n    c: 2\n", "a: [{x: 1, x: 2}]\n", "a:\n  - b: 1\n    b: 1\n", "- - - {k: [], k: {}}\n",
    "a: {1: x, true: y}\n", "a: {b: {1: x, 1.0: y}}\n", "a: {b: {~: x, null: y}}\n", "a: {'1': x, 1: y}\n",
    "a: {b: 1}\nc: {b: 1}\n", "a: {}\n", "a: []\n", "- {}\n- []\n- [{}]\n", "{a: {}, b: [], c: [[], {}]}\n",
    "a:\n  b: {}\n  c: []\n  d:\n", "a: {b: {c: {d: {e: {}}}}}\n", "a: {b: 1, c: 2, b: 3}\n",
]


@pytest.mark.parametrize("text", DEPTH_CASES)
def test_duplicates_at_depth_and_empty_collections_are_built_the_same(text):
    assert loaded(text) == careful(text)


def test_a_key_twice_at_depth_is_handed_over_and_empty_collections_are_taken_on():
    for text in ("a:\n  b:\n    c: 1\n    c: 2\n", "a: [{x: 1, x: 2}]\n", "a: {1: x, true: y}\n", "a: {b: {~: x, null: y}}\n"):
        assert plain(text) is None, text
        assert loaded(text)[0] == "error" and "appears twice" in loaded(text)[2], text
    assert plain("a: {}\nb: []\nc: [{}, []]\n") == {"a": {}, "b": [], "c": [{}, []]}
    assert plain("{}") == {} and plain("[]") == []
    assert plain("a: {'1': x, 1: y}\n") == {"a": {"1": "x", 1: "y"}}


few_keys = st.sampled_from(["a", "b", "1", "1.0", "true", "yes", "~", "null", "'a'", "'1'", "2024-01-01", "0x1"])
few_scalars = st.sampled_from(["x", "1", "true", "~", "'y'", "2.5", "!!str 3", "&a 1", "*a"])


@settings(max_examples=400, deadline=None)
@given(block(0, few_keys, few_scalars))
def test_random_documents_with_keys_often_written_twice_are_built_the_same(text):
    assert loaded(text) == careful(text)
