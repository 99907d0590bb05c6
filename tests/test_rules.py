"""Rule packs: the rule model, validation with file/line/rule errors, overriding, the shipped pack."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import get_args

import pytest
import yaml

import readiness
from readiness.model.errors import RuleError
from readiness.model.framework import framework
from readiness.model.rule import Rule, RulePack, placeholder_problems
from readiness.io.packs import load_rules, shipped_pack_dir

RULE = """\
  - id: {id}
    title: {title}
    statements: [{statement}]
    category: {category}
    kind: {kind}
    level: {level}
    when: {when}
    message: "{message}"
    why: Because.
    recommendation: Do it.
    references: [test]
"""


def rule_text(**over) -> str:
    fields = dict(id="an-test", title="Test rule", statement="assessing-needs", category="processes",
                  kind="shortfall", level="some", when="{fact: workforce.turnover_percent, op: gt, value: 20}",
                  message="Turnover is {workforce.turnover_percent}%.")
    fields.update(over)
    return RULE.format(**fields)


def write_pack(folder: Path, *rules: str, name: str = "rules.yaml", head: str = "rules:\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(head + "".join(rules))
    return folder


def errors(*paths) -> list:
    with pytest.raises(RuleError) as exc:
        load_rules(*paths)
    return exc.value.problems


def test_a_valid_pack_loads(tmp_path):
    pack = load_rules(write_pack(tmp_path / "p", rule_text(), rule_text(id="an-two", kind="strength", level="good")))
    assert [r.id for r in pack.rules] == ["an-test", "an-two"]
    rule = pack.get("an-test")
    assert rule.statement == "assessing-needs" and rule.effect == "some-shortfall"
    assert pack.get("an-two").effect == "good-strength"
    assert pack.origin["an-test"].endswith("rules.yaml:2")
    assert pack.sources == [str(tmp_path / "p")]


def test_a_single_file_loads(tmp_path):
    folder = write_pack(tmp_path / "p", rule_text())
    assert [r.id for r in load_rules(folder / "rules.yaml").rules] == ["an-test"]


def test_get_unknown_rule_suggests():
    pack = RulePack([Rule.model_validate(yaml.safe_load(rule_text())[0])])
    with pytest.raises(KeyError, match="did you mean 'an-test'"):
        pack.get("an-tset")


def test_unknown_rule_key(tmp_path):
    [p] = errors(write_pack(tmp_path / "p", rule_text() + "    recomendation: x\n"))
    assert p.rule_id == "an-test" and p.field == "rules[0].recomendation" and p.line == 13
    assert p.file.endswith("rules.yaml")
    assert "did you mean 'recommendation'" in p.message


def test_unknown_top_level_key(tmp_path):
    problems = errors(write_pack(tmp_path / "p", rule_text(), head="version: 2\nrules:\n"))
    assert [(p.field, p.line) for p in problems] == [("version", 1)]


@pytest.mark.parametrize("head", ["", "rules: 3\n", "- a\n"])
def test_file_without_a_rules_list(tmp_path, head):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "rules.yaml").write_text(head)
    [p] = errors(folder)
    assert "rules" in p.message and p.line == 1


def test_unknown_statement_id(tmp_path):
    [p] = errors(write_pack(tmp_path / "p", rule_text(statement="assesing-needs")))
    assert (p.rule_id, p.field, p.line) == ("an-test", "rules[0].statements[0]", 4)
    assert "did you mean 'assessing-needs'" in p.message


def test_unknown_category_and_bad_id(tmp_path):
    problems = errors(write_pack(tmp_path / "p", rule_text(id="AN_Test", category="process")))
    assert {p.field for p in problems} == {"rules[0].id", "rules[0].category"}
    assert all(p.rule_id == "AN_Test" for p in problems)


def test_duplicate_ids_within_a_pack(tmp_path):
    folder = write_pack(tmp_path / "p", rule_text())
    write_pack(folder, rule_text(title="Again"), name="z-more.yaml")
    [p] = errors(folder)
    assert p.rule_id == "an-test" and p.field == "id" and p.line == 2
    assert p.file.endswith("z-more.yaml")
    assert "duplicate rule id" in p.message and "rules.yaml:2" in p.message


def test_duplicate_ids_within_one_file(tmp_path):
    [p] = errors(write_pack(tmp_path / "p", rule_text(), rule_text()))
    assert p.line == 13 and "duplicate" in p.message


@pytest.mark.parametrize("kind, level", [("strength", "significant"), ("strength", "some"),
                                         ("shortfall", "good"), ("shortfall", "exceptional")])
def test_level_must_fit_kind(tmp_path, kind, level):
    [p] = errors(write_pack(tmp_path / "p", rule_text(kind=kind, level=level)))
    assert (p.rule_id, p.field, p.line) == ("an-test", "rules[0].level", 7)
    assert f"a {kind} takes level" in p.message
    assert "{" not in p.message  # the rule's raw data is not dumped into the message


def test_unknown_fact_path(tmp_path):
    [p] = errors(write_pack(tmp_path / "p", rule_text(when="{fact: workforce.turnover_percnt, op: gt, value: 20}",
                                                      message="x")))
    assert (p.rule_id, p.field, p.line) == ("an-test", "when.fact", 8)
    assert "did you mean 'turnover_percent'" in p.message


def test_errors_deep_in_a_condition_point_at_their_line(tmp_path):
    when = ("\n      all:\n        - {fact: council.name, op: present}\n"
            "        - some: documents\n          where:\n            any:\n"
            "              - {fact: status, op: eq, value: drafft}\n")
    [p] = errors(write_pack(tmp_path / "p", rule_text(when=when, message="x")))
    assert p.field == "when.all[1].where.any[0].value" and p.line == 14
    assert "did you mean 'draft'" in p.message


def test_malformed_condition_errors_have_clean_fields_and_lines(tmp_path):
    """pydantic's union tags do not leak into the field name, and the line is the condition's own."""
    when = "\n      all:\n        - {fact: council.name, op: present}\n        - {fact: council.name, opp: eq}\n"
    problems = errors(write_pack(tmp_path / "p", rule_text(when=when, message="x")))
    assert {(p.field, p.line) for p in problems} == {("rules[0].when.all[1].op", 11),
                                                     ("rules[0].when.all[1].opp", 11)}
    assert any("did you mean 'op'" in p.message for p in problems)


@pytest.mark.parametrize("when, words", [
    ("{fact: council.name, op: lt, value: x}", "compares numbers or dates"),
    ("{fact: council.name, op: contains, value: x}", "'contains' needs a list"),
    ("{fact: documents.status, op: eq, value: draft}", "use 'contains'"),
    ("{fact: council.type, op: eq, value: countie}", "not one of its values"),
    ("{fact: workforce.turnover_percent, op: gt, value: high}", "not a number"),
    ("{fact: council.as_of, op: older_than, value: 6 mnths}", "expected a duration"),
    ("{some: council, where: {fact: name, op: present}}", "needs a list of items"),
    ("{fact: governance, op: eq, value: x}", "not a value"),
])
def test_operator_and_type_mismatches(tmp_path, when, words):
    [p] = errors(write_pack(tmp_path / "p", rule_text(when=when, message="x")))
    assert p.rule_id == "an-test" and p.line == 8 and p.file.endswith("rules.yaml")
    assert words in p.message


@pytest.mark.parametrize("message, words", [
    ("{workforce.turnover_percnt}", "neither a fact in the profile nor a named count"),
    ("{hi.cnt}", "'hi' counts items; use {hi.count}"),
    ("{hi.items.titel}", "'titel' is not a field of the items 'hi' counts"),
    ("{nobody.count}", "named counts: hi"),
])
def test_bad_placeholders_in_message(tmp_path, message, words):
    when = "{some: documents, name: hi, where: {fact: kind, op: eq, value: policy}}"
    [p] = errors(write_pack(tmp_path / "p", rule_text(when=when, message=message)))
    assert (p.rule_id, p.field, p.line) == ("an-test", "message", 9)
    assert words in p.message


def test_good_placeholders_pass():
    rule = Rule.model_validate(yaml.safe_load(rule_text(
        when="{some: documents, name: hi, where: {fact: kind, op: eq, value: policy}}",
        message="{hi.count} of {hi.total} ({hi.share}%): {hi.items}, {hi.items.status}; {council.name}"))[0])
    assert placeholder_problems(rule) == []


def test_nested_named_quantifier_placeholders():
    rule = Rule.model_validate(yaml.safe_load(rule_text(
        when=("{some: governance.peer_reviews, name: pr, where: {some: recommendations, name: rec, "
              "where: {fact: status, op: eq, value: not-started}}}"),
        message="{pr.items.held_on} {rec.items.status} {rec.items.held_on}"))[0])
    assert placeholder_problems(rule) == ["placeholder {rec.items.held_on}: 'held_on' is not a field of the "
                                          "items 'rec' counts"]


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    folder = write_pack(tmp_path / "p", rule_text(statement="nope"), rule_text(id="an-b", when="{fact: x.y, op: present}"))
    write_pack(folder, rule_text(id="an-c", kind="strength", level="some"), name="other.yaml")
    problems = errors(folder)
    assert {p.rule_id for p in problems} == {"an-test", "an-b", "an-c"}
    assert all(p.file and p.line for p in problems)


def test_a_later_pack_overrides_an_earlier_one_by_id(tmp_path):
    base = write_pack(tmp_path / "base", rule_text(), rule_text(id="an-other"))
    council = write_pack(tmp_path / "council", rule_text(title="Council version", level="significant"),
                         rule_text(id="an-local", kind="strength", level="good"))
    pack = load_rules(base, council)
    assert sorted(r.id for r in pack.rules) == ["an-local", "an-other", "an-test"]
    assert pack.get("an-test").title == "Council version" and pack.get("an-test").level == "significant"
    assert pack.origin["an-test"].startswith(str(council))
    assert pack.sources == [str(base), str(council)]
    assert load_rules(council, base).get("an-test").title == "Test rule"


def test_enabled_false_turns_a_rule_off(tmp_path):
    base = write_pack(tmp_path / "base", rule_text(), rule_text(id="an-other"))
    off = write_pack(tmp_path / "off", rule_text() + "    enabled: false\n")
    pack = load_rules(base, off)
    assert [r.id for r in pack.active()] == ["an-other"]
    assert not pack.get("an-test").enabled
    profile = readiness.load_profile({"council": {"name": "T", "as_of": "2024-06-30"},
                                      "workforce": {"turnover_percent": 50}})
    assessment = readiness.evaluate(profile, pack)
    assert [r.rule_id for r in assessment.rules] == ["an-other"]


def test_a_folder_with_no_yaml_is_an_error(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "README.md").write_text("no rules here")
    [p] = errors(folder)
    assert p.file == str(folder) and "no .yaml rule files" in p.message


def test_a_missing_pack_is_an_error(tmp_path):
    [p] = errors(tmp_path / "nowhere")
    assert p.message == "no such file or folder"


def test_fixtures_and_policy_folders_are_not_read_as_rules(tmp_path):
    folder = write_pack(tmp_path / "p", rule_text())
    (folder / "tests").mkdir()
    (folder / "tests" / "cases.yaml").write_text("cases: []\n")
    (folder / "policy").mkdir()
    (folder / "policy" / "scoring.yaml").write_text("policy_version: 1\n")
    assert [r.id for r in load_rules(folder).rules] == ["an-test"]


def test_yaml_syntax_error_in_a_pack(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "bad.yaml").write_text("rules:\n  - id: [unclosed\n")
    [p] = errors(folder)
    assert p.file.endswith("bad.yaml") and p.line and "not valid YAML" in p.message


# --- the shipped pack ----------------------------------------------------------------------

SHIPPED = load_rules()
STATEMENTS = set(framework().statement_ids)


def test_shipped_pack_loads_and_is_cached():
    assert SHIPPED.rules
    assert load_rules() is SHIPPED
    assert shipped_pack_dir().is_dir()
    assert SHIPPED.sources == [str(shipped_pack_dir())]


def test_shipped_rules_name_known_statements_and_follow_the_id_convention():
    codes = {s.id: s.code.lower() for s in framework().statements}
    for rule in SHIPPED.rules:
        assert set(rule.statements) <= STATEMENTS, rule.id
        assert rule.id.startswith(codes[rule.statement] + "-"), rule.id
        assert rule.references and rule.why.strip() and rule.recommendation.strip()


def test_shipped_pack_covers_every_statement():
    """Each statement needs at least 8 rules, both shortfalls and strengths, in all 4 evidence categories.

    Fails while the rule authors are still writing the pack.
    """
    by_statement = defaultdict(list)
    for rule in SHIPPED.active():
        by_statement[rule.statement].append(rule)
    gaps = []
    for sid in framework().statement_ids:
        rules = by_statement[sid]
        kinds = {r.kind for r in rules}
        categories = {r.category for r in rules}
        if len(rules) < 8:
            gaps.append(f"{sid}: {len(rules)} rules (need 8)")
        if kinds != {"shortfall", "strength"}:
            gaps.append(f"{sid}: kinds {sorted(kinds)}")
        if categories != set(framework().category_ids):
            gaps.append(f"{sid}: no rule in {sorted(set(framework().category_ids) - categories)}")
    assert not gaps, "\n".join(gaps)


def test_rule_model_vocabulary():
    from readiness.model.rule import Category

    assert get_args(Rule.model_fields["kind"].annotation) == ("shortfall", "strength")
    assert set(get_args(Category)) == set(framework().category_ids)


def test_quantifier_names_must_be_unique_within_a_rule(tmp_path):
    (tmp_path / "r.yaml").write_text(
        "rules:\n"
        "  - id: gms-twice\n"
        "    title: Twice\n"
        "    statements: [governance-management-and-sustainability]\n"
        "    category: processes\n"
        "    kind: shortfall\n"
        "    level: some\n"
        "    when:\n"
        "      all:\n"
        "        - {some: documents, name: d, where: {fact: status, op: eq, value: draft}}\n"
        "        - {some: roles, name: d, where: {fact: status, op: eq, value: vacant}}\n"
        "    message: '{d.count}'\n"
        "    why: w\n"
        "    recommendation: r\n"
        "    references: [x]\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path)
    text = caught.value.describe()
    assert "gms-twice" in text and "'d'" in text and "more than one" in text
    assert "r.yaml:" in text


def test_a_council_pack_can_switch_a_shipped_rule_off(tmp_path):
    (tmp_path / "off.yaml").write_text("rules:\n  - {id: gms-budget-overspend, enabled: false}\n", encoding="utf-8")
    shipped = load_rules()
    pack = load_rules(tmp_path, base=shipped)
    assert "gms-budget-overspend" not in {r.id for r in pack.active()}
    assert len(pack.active()) == len(shipped.active()) - 1
    assert "gms-budget-overspend" in {r.id for r in shipped.active()}  # the shipped pack is untouched
    from readiness.engine.fixtures import coverage_gaps

    assert not [g for g in coverage_gaps(pack, []) if g.rule_id == "gms-budget-overspend"]


def test_switching_off_an_unknown_rule_is_an_error(tmp_path):
    (tmp_path / "off.yaml").write_text("rules:\n  - {id: gms-no-such-rule, enabled: false}\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path, base=load_rules())
    assert "off.yaml:2" in caught.value.describe() and "nothing to switch off" in caught.value.describe()
