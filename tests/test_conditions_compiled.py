"""Compiled conditions (lang.compiled) give exactly what the reference interpreter gives.

`conditions.Evaluator` is the specification; the engine runs `compiled.CompiledEvaluator`. On
random conditions (typed against the profile model, so they are ones a rule could hold) and
random profiles, and on every shipped rule over the example profiles, both must give the same
three-valued result, the same evidence trail (facts read, values, sources, the items that could
not be checked and the facts each lacked) and the same named counts.
"""

from __future__ import annotations

import pickle
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from readiness.io.packs import load_rules
from readiness.io.profiles import load_profile
from readiness.lang import facts
from readiness.lang.compiled import CompiledEvaluator, plan
from readiness.lang.memo import memo
from readiness.lang.conditions import (
    All, AnyOf, Compare, CountOf, Every, Evaluator, FactRef, NoneOf, Not, Quantifier, Share, Some, check, walk,
)
from readiness.lang.operators import OPERATORS
from readiness.model.profile import Council, Profile

from conftest import REPO
from strategies import for_annotation, model_strategy

PACK = load_rules()
PROFILE_FILES = sorted((REPO / "examples").glob("*.yaml")) + sorted((REPO / "calibration" / "profiles").glob("*.yaml"))
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.data_too_large])


def both(node: Any, profile: Profile, as_of: date | None = None):
    as_of = as_of or profile.council.as_of
    outcome = (_attempt(lambda: Evaluator(profile, as_of).run(node)),
               _attempt(lambda: CompiledEvaluator(profile, as_of).run(node)))
    return outcome


def _attempt(run):
    """The outcome, or the kind of error raised: the two must fail alike if either fails."""
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - compared, not hidden
        return type(exc)


def assert_same(reference, compiled) -> None:
    if isinstance(reference, type) or isinstance(compiled, type):
        assert reference == compiled
        return
    assert compiled.result is reference.result
    assert compiled.evidence == reference.evidence  # facts, values, sources, unknown items, what each lacked
    assert compiled.named == reference.named
    assert _missing(compiled) == _missing(reference)


def _missing(outcome) -> list[tuple[str, tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]]:
    return [(e.fact, tuple(e.unknown_items), tuple((k, tuple(v)) for k, v in e.lacking.items()))
            for e in outcome.evidence if e.missing or e.unknown_items]


# --- random profiles: only the sections a condition reads, so they are quick to draw and hold data ---

SECTIONS = ("council", "documents", "documents_complete", "roles", "access", "workforce", "feedback", "indicators",
            "services", "market", "safeguarding")


def _section(name: str) -> st.SearchStrategy:
    """A section, or None; a list of items is mostly there and not empty, for the quantifiers to read."""
    ftype = facts.type_of(Profile.model_fields[name].annotation)
    if ftype.many and ftype.model is not None:
        items = st.lists(model_strategy(ftype.model), min_size=1, max_size=4)
        return st.one_of(st.none(), st.just([]), items, items)
    if ftype.model is not None:  # a section: mostly there, for its own lists to be read
        section = model_strategy(ftype.model)
        return st.one_of(st.none(), section, section)
    return for_annotation(Profile.model_fields[name].annotation)


def sections_read(node: Any) -> set[str]:
    """The profile sections a condition may read (a superset: item paths are counted too)."""
    paths = []
    for _, inner in walk(node):
        if isinstance(inner, Compare):
            paths += [inner.fact] + ([inner.value.fact] if isinstance(inner.value, FactRef) else [])
        elif isinstance(inner, Quantifier):
            paths.append(inner.collection)
    names = {p.split(".")[1] if p.startswith(facts.ROOT + ".") else p.split(".")[0] for p in paths}
    return names & set(SECTIONS)


def _profile_or_none(sections: dict[str, Any]) -> Profile | None:
    try:
        return Profile(**{k: v for k, v in sections.items() if v is not None})
    except ValidationError:
        return None


@cache
def profiles(sections: frozenset[str]) -> st.SearchStrategy:
    """Valid profiles holding (or not) each of `sections`, and a council."""
    return st.fixed_dictionaries({
        name: model_strategy(Council) if name == "council" else _section(name) for name in {"council", *sections}
    }).map(_profile_or_none).filter(lambda p: p is not None)


# --- random conditions, typed against the model ------------------------------------------------

TEXTS = st.sampled_from(["", "a", "carers", "Workforce", "finance", "strategy", "x" * 25])
NUMBERS = st.one_of(st.integers(-5, 120), st.floats(-5, 120, allow_nan=False, allow_infinity=False))
DURATIONS = st.builds(lambda n, unit: f"{n} {unit}s", st.integers(0, 30), st.sampled_from(["day", "week", "month", "year"]))
ORDERING = ["eq", "ne", "lt", "lte", "gt", "gte"]


@cache
def _paths(model: type[BaseModel]) -> list[tuple[str, facts.FactType]]:
    """Every fact a condition can read on `model` (through sections and lists), with its type."""
    return [(path, facts.type_at(model, path, Profile)) for path, _ in facts.all_paths(model)]


@cache
def _collections(model: type[BaseModel]) -> list[tuple[str, type[BaseModel]]]:
    return [(path, t.model) for path, t in _readable(model) if t.many and t.kind == "object" and t.model is not None]


def _value_for(ftype: facts.FactType) -> st.SearchStrategy:
    if ftype.kind == "number":
        return NUMBERS
    if ftype.kind == "date":
        return st.dates(date(2015, 1, 1), date(2030, 12, 31))
    if ftype.kind == "bool":
        return st.sampled_from([True, False, *ftype.choices])
    if ftype.kind == "enum":
        return st.sampled_from(ftype.choices)
    return TEXTS


def _readable(model: type[BaseModel]) -> list[tuple[str, facts.FactType]]:
    """The paths the random conditions read: on the profile, only the sections random profiles hold."""
    return [(p, t) for p, t in _paths(model) if model is not Profile or p.split(".")[0] in SECTIONS]


def _compare(model: type[BaseModel], inside: bool) -> st.SearchStrategy:
    local = _readable(model)
    whole = [(f"{facts.ROOT}.{p}", t) for p, t in _readable(Profile) if t.kind != "object" and not t.many]
    reads = local + whole if inside else local  # a `profile.` path inside a quantifier reads the whole profile
    paths = st.one_of(*[st.sampled_from(local)] * 3, st.sampled_from(whole)) if inside else st.sampled_from(local)

    @st.composite
    def build(draw) -> Compare:
        path, ftype = draw(paths)
        if ftype.kind == "object" and not ftype.many:
            op = draw(st.sampled_from(["present", "absent"]))
        elif ftype.many:
            op = draw(st.sampled_from(["present", "absent"] + (["contains"] if ftype.kind != "object" else [])))
        else:
            ops = ["eq", "ne", "in", "not_in", "present", "absent"]
            if ftype.kind in ("number", "date"):
                ops += ORDERING[2:]
            if ftype.kind == "date":
                ops += ["older_than", "newer_than"]
            op = draw(st.sampled_from(ops))
        shape = OPERATORS[op].value
        if shape == "none":
            value = None
        elif shape == "duration":
            value = draw(DURATIONS)
        elif draw(st.integers(0, 4)) == 0:  # another fact of the same kind
            same = [p for p, t in reads if t.kind == ftype.kind and t.many == (shape == "list")
                    and (t.kind != "enum" or t.choices == ftype.choices)]
            value = FactRef(fact=draw(st.sampled_from(same))) if same else draw(_value_for(ftype))
            if not same and shape == "list":
                value = [value]
        elif shape == "list":
            value = draw(st.lists(_value_for(ftype), min_size=1, max_size=3))
        else:
            value = draw(_value_for(ftype))
        return Compare(fact=path, op=op, value=value)

    return build()


@cache
def conditions(model: type[BaseModel] = Profile, depth: int = 2, inside: bool = False) -> st.SearchStrategy:
    """Conditions over `model` (nested quantifiers read their items' model)."""
    leaves = _compare(model, inside)
    collections = _collections(model)

    def extend(children: st.SearchStrategy) -> st.SearchStrategy:
        options = [
            st.lists(children, min_size=1, max_size=3).map(lambda xs: All(all=xs)),
            st.lists(children, min_size=1, max_size=3).map(lambda xs: AnyOf(any=xs)),
            children.map(lambda c: Not(**{"not": c})),
        ]
        if collections and depth > 0:
            options.append(_quantifier(collections, depth))
        return st.one_of(*options)

    trees = st.recursive(leaves, extend, max_leaves=6)
    if collections and depth > 0:  # half of them over the items of a list, the part with most to get wrong
        return st.one_of(_quantifier(collections, depth), trees)
    return trees


def _quantifier(collections: list[tuple[str, type[BaseModel]]], depth: int) -> st.SearchStrategy:
    @st.composite
    def build(draw) -> Any:
        path, item_model = draw(st.sampled_from(collections))
        where = draw(conditions(item_model, depth - 1, inside=True))
        name = draw(st.sampled_from([None, "found"]))
        kind = draw(st.sampled_from(["some", "every", "none", "count", "count-all", "share", "share-of"]))
        if kind == "some":
            return Some(some=path, where=where, name=name)
        if kind == "every":
            return Every(every=path, where=where, name=name)
        if kind == "none":
            return NoneOf(none=path, where=where, name=name)
        op = draw(st.sampled_from(ORDERING))
        if kind.startswith("count"):
            return CountOf(count=path, where=None if kind == "count-all" else where, op=op,
                           value=draw(st.integers(0, 4)), name=name)
        of = draw(conditions(item_model, depth - 1, inside=True)) if kind == "share-of" else None
        return Share(share=path, where=where, of=of, op=op, value=draw(st.sampled_from([0, 25, 50, 66.7, 100])),
                     name=name)

    return build()


PROFILES = model_strategy(Profile)  # any valid profile: slow to draw, so drawn fewer times


@SETTINGS
@given(conditions(), st.data())
def test_compiled_and_reference_agree_on_random_conditions_and_profiles(node, data):
    assert not check(node, Profile, Profile), "the strategy makes only conditions a rule could hold"
    profile = data.draw(profiles(frozenset(sections_read(node))))
    assert_same(*both(node, profile))


def _item_tests(model: type[BaseModel]) -> st.SearchStrategy:
    """Comparisons of an item's own values (not present / absent): an item without one lacks it."""
    return _compare(model, inside=False).filter(lambda c: OPERATORS[c.op].needs_value)


@st.composite
def _over_items(draw) -> Any:
    path, model = draw(st.sampled_from(_collections(Profile)))

    def tests(most: int) -> Any:  # all or any of a few item tests, maybe under `not`
        group = draw(st.sampled_from([All, AnyOf]))
        inner = draw(st.lists(_item_tests(model), min_size=1, max_size=most))
        node = All(all=inner) if group is All else AnyOf(any=inner)
        return Not(**{"not": node}) if draw(st.booleans()) and draw(st.booleans()) else node

    where = tests(3)
    kind = draw(st.sampled_from(["some", "every", "share-of"]))
    if kind == "some":
        return Some(some=path, where=where, name="found")
    if kind == "every":
        return Every(every=path, where=where)
    return Share(share=path, of=tests(2), where=where, op=draw(st.sampled_from(ORDERING)), value=50, name="found")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_over_items(), st.data())
def test_compiled_and_reference_agree_on_what_each_item_lacks(node, data):
    """Items whose own values are often absent: the unknown items and the facts each lacked."""
    assert not check(node, Profile, Profile)
    profile = data.draw(profiles(frozenset(sections_read(node))))
    assert_same(*both(node, profile))


REAL_PROFILES = [load_profile(path) for path in PROFILE_FILES]  # full lists, with the gaps real profiles have


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(conditions(), _over_items()), st.sampled_from(REAL_PROFILES))
def test_compiled_and_reference_agree_on_random_conditions_over_real_profiles(node, profile):
    assert_same(*both(node, profile))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(PACK.rules), PROFILES, st.dates(date(2018, 1, 1), date(2030, 12, 31)))
def test_compiled_and_reference_agree_on_shipped_rules_and_random_profiles(rule, profile, as_of):
    assert_same(*both(rule.when, profile, as_of))


@pytest.mark.parametrize("path", PROFILE_FILES, ids=lambda p: p.name)
def test_every_shipped_rule_agrees_on_the_example_and_calibration_profiles(path: Path):
    profile = load_profile(path)
    for rule in PACK.rules:
        assert_same(*both(rule.when, profile))


# --- the plan is kept beside the condition, not on it -------------------------------------------


def test_the_plan_is_built_once_and_reused():
    rule = PACK.rules[0]
    assert plan(rule.when) is plan(rule.when)
    calls = []
    fresh = Compare(fact="access.self_serve", op="eq", value=True)
    memo(fresh, "probe", lambda: calls.append(1) or len(calls))
    assert memo(fresh, "probe", lambda: calls.append(1) or len(calls)) == 1


def test_an_equal_condition_gets_its_own_plan():
    """Kept by identity: two equal conditions never share (or overwrite) each other's entry."""
    a = Compare(fact="access.self_serve", op="eq", value=True)
    b = Compare(fact="access.self_serve", op="eq", value=True)
    assert a == b
    assert memo(a, "probe", lambda: "a") == "a"
    assert memo(b, "probe", lambda: "b") == "b"
    assert memo(a, "probe", lambda: "again") == "a"


def test_a_compiled_rule_pickles_and_dumps_as_before_and_evaluates_the_same():
    profile = load_profile(REPO / "examples" / "bristol-2024.yaml")
    for rule in PACK.rules[:40]:
        before_pickle, before_dump = pickle.dumps(rule), rule.model_dump()
        outcome = CompiledEvaluator(profile, profile.council.as_of).run(rule.when)  # compiles it
        assert pickle.dumps(rule) == before_pickle
        assert rule.model_dump() == before_dump
        copy = pickle.loads(pickle.dumps(rule))
        assert copy == rule
        again = CompiledEvaluator(profile, profile.council.as_of).run(copy.when)
        assert (again.result, again.evidence, again.named) == (outcome.result, outcome.evidence, outcome.named)


def test_a_plan_does_not_keep_its_condition_alive():
    """A pack loaded again and again (calibration, a long-lived service) must not pile up plans."""
    import gc
    import weakref

    from pydantic import TypeAdapter

    from readiness.lang import memo as memo_module
    from readiness.lang.conditions import Condition

    adapter = TypeAdapter(Condition)
    profile = load_profile(REPO / "examples" / "bristol-2024.yaml")
    nodes = [adapter.validate_python(rule.when.model_dump(by_alias=True, exclude_none=True)) for rule in PACK.rules]
    for node in nodes:  # every shape of plan: comparisons, quantifiers, shares with `of`
        CompiledEvaluator(profile, profile.council.as_of).run(node)
    refs, before = [weakref.ref(node) for node in nodes], memo_module.kept()
    del nodes, node
    gc.collect()
    assert [r for r in refs if r() is not None] == []
    assert memo_module.kept() <= before - len(refs)  # their entries went with them


@pytest.mark.parametrize("path", sorted((REPO / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_the_assessment_json_is_the_same_through_the_reference_interpreter(path: Path, monkeypatch):
    """The whole report, byte for byte: the engine's compiled path against the specification's."""
    from readiness.engine import run as engine_run
    from readiness.engine.assess import evaluate

    profile = load_profile(path)
    compiled = evaluate(profile, PACK).to_json()
    monkeypatch.setattr(engine_run, "CompiledEvaluator", Evaluator)
    assert evaluate(profile, PACK).to_json() == compiled


# --- where the compiled plans stop early, they agree on what each item lacks ----------------------

def _document_share(of: dict, where: dict) -> Any:
    from pydantic import TypeAdapter

    from readiness.lang.conditions import Condition

    return TypeAdapter(Condition).validate_python({"share": "documents", "op": "gt", "value": 50, "of": of,
                                                   "where": where, "name": "found"})


KIND = {"fact": "kind", "op": "in", "value": ["policy", "strategy"]}
LIVE = {"fact": "status", "op": "ne", "value": "not-in-place"}
DRAFT = {"fact": "status", "op": "in", "value": ["draft"]}
OVERDUE = {"fact": "review_due", "op": "older_than", "value": "0 days"}
SCOPED = {"fact": "scope", "op": "eq", "value": "adult-social-care"}
DOCUMENTS = [  # every mix of the three facts the tests below read being there or not
    {"title": f"D{i}", "kind": kind, **({"status": status} if status else {}),
     **({"review_due": due} if due else {}), **({"scope": scope} if scope else {})}
    for i, (kind, status, due, scope) in enumerate(
        (k, s, d, c) for k in ("policy", "vision") for s in (None, "draft", "approved", "not-in-place")
        for d in (None, "2020-01-01", "2030-01-01") for c in (None, "adult-social-care", "council-wide"))
]


@pytest.mark.parametrize("of, where", [
    ({"all": [KIND, LIVE]}, {"any": [DRAFT, OVERDUE]}),  # the shape of the shipped rules
    ({"any": [KIND, LIVE]}, {"all": [DRAFT, OVERDUE, SCOPED]}),  # `of` true early, `where` false early
    ({"not": {"all": [KIND, LIVE]}}, {"not": {"all": [OVERDUE, SCOPED]}}),  # under `not`, the other way round
    ({"all": [KIND, {"any": [LIVE, SCOPED]}]}, {"any": [{"all": [DRAFT, SCOPED]}, OVERDUE]}),  # groups
    ({"all": [KIND, {"not": {"any": [LIVE, SCOPED]}}]}, {"any": [DRAFT, {"not": {"all": [OVERDUE, SCOPED]}}]}),
    (KIND, {"all": [DRAFT, {"fact": "profile.documents_complete", "op": "eq", "value": True}]}),  # reads the profile
], ids=["all-any", "any-all", "not", "groups", "groups-under-not", "impure-where"])
def test_a_share_of_documents_agrees_on_every_mix_of_missing_facts(of, where):
    from readiness.model.profile import Document

    profile = Profile(council=Council(name="D", as_of=date(2024, 6, 30)), documents_complete=True,
                      documents=[Document(**d) for d in DOCUMENTS])
    share = _document_share(of, where)
    assert_same(*both(share, profile))
    assert_same(*both(Some(some="documents", where=share.where, name="found"), profile))


# --- a list's sources are found once per run, for every rule over it that matched nothing -----------

def test_rules_over_one_list_that_match_nothing_show_its_sources_found_once(monkeypatch):
    from pydantic import TypeAdapter

    from readiness.lang.conditions import Condition

    profile = Profile.model_validate({"council": {"name": "X", "as_of": "2026-01-01"}, "documents": [
        {"title": f"D{i}", "kind": "policy", "source": f"https://example.org/{i % 3}"} for i in range(7)]})
    nodes = [TypeAdapter(Condition).validate_python({"some": "documents", "where": {"fact": "title", "op": "eq",
                                                                                     "value": value}})
             for value in ("none such", "nor this")]
    asked = []
    source_of = facts.source_of
    monkeypatch.setattr(facts, "source_of", lambda item: asked.append(item) or source_of(item))
    first, second = CompiledEvaluator(profile, profile.council.as_of).run_all(nodes)
    want = [f"https://example.org/{i}" for i in range(3)]
    assert first.evidence[0].sources == want and second.evidence[0].sources == want
    assert len(asked) == 7  # (once per item, not once per rule)
    first.evidence[0].sources.append("changed")  # each line has its own list
    assert second.evidence[0].sources == want
    reference = Evaluator(profile, profile.council.as_of).run(nodes[1])
    assert [e.sources for e in second.evidence] == [e.sources for e in reference.evidence]
