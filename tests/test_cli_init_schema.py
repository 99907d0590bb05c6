"""`readiness init` (the commented template profile) and `readiness schema` (JSON Schemas)."""

from __future__ import annotations

from datetime import date
import json
import re
import stat

import pytest
import yaml
from pydantic import BaseModel

import readiness
from clihelp import COUNCIL, MALFORMED, PACK, REPO, run, run_process
from readiness.cli.init import init_text, template_text
from readiness.lang.facts import type_of
from readiness.model.framework import framework
from readiness.model.profile import Council, Profile
from readiness.io.template import profile_template

TEMPLATE = REPO / "src" / "readiness" / "data" / "profile-template.yaml"
EXAMPLE = REPO / "examples" / "template.yaml"

# --- the template -----------------------------------------------------------------------------


def test_template_data_file_and_example_are_identical():
    assert TEMPLATE.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


def test_template_is_current_with_the_profile_model():
    assert TEMPLATE.read_text(encoding="utf-8") == profile_template(), (
        "the template is stale: run python -m readiness.io.template")


def test_template_loads_as_a_valid_profile_and_assesses():
    profile = readiness.load_profile(TEMPLATE)
    # Nothing but the placeholders is switched on: an unfilled template evidences nothing.
    assert profile == readiness.load_profile({"format_version": 2, "council": {"name": "Your Council", "as_of": "2025-01-01"}})
    assert readiness.evaluate(profile).council.name == "Your Council"


def _uncommented(text: str) -> dict:
    """The template with every commented key switched on, as a user filling it in would do."""
    lines = text.splitlines()
    body = lines[next(i for i, line in enumerate(lines) if line and not line.startswith("#")):]
    out = []
    for line in body:
        m = re.match(r"^(\s*)# (\s*(?:- )?[a-z_0-9]+:)(\s.*)?$", line)
        out.append(m.group(1) + m.group(2) + (m.group(3) or "") if m else line)
    return yaml.safe_load("\n".join(out))


def _check_keys(model: type[BaseModel], data: dict, where: str) -> None:
    expected = {n for n in model.model_fields if n != "source" or model is Council}
    assert set(data) == expected, f"{where}: template keys differ from {model.__name__}"
    for name, value in data.items():
        ftype = type_of(model.model_fields[name].annotation)
        if ftype.kind == "object" and ftype.model is not None:
            if ftype.many:
                assert isinstance(value, list) and len(value) == 1, f"{where}.{name}: one example item"
                _check_keys(ftype.model, value[0], f"{where}.{name}[0]")
            else:
                assert isinstance(value, dict), f"{where}.{name}: a section"
                _check_keys(ftype.model, value, f"{where}.{name}")


def test_template_covers_every_field_of_the_profile_at_the_right_place():
    _check_keys(Profile, _uncommented(TEMPLATE.read_text(encoding="utf-8")), "profile")


def test_template_has_a_comment_on_every_field_line():
    text = TEMPLATE.read_text(encoding="utf-8")
    body = text.split("\ncouncil:", 1)[1]
    for line in body.splitlines():
        if re.match(r"^\s*(# )?\s*(- )?[a-z_0-9]+:", line):
            assert re.search(r":\s.*# \S", line), f"field without a comment: {line!r}"
    assert 'ABSENT MEANS "NOT EVIDENCED"' in text
    assert "(percent 0-100)" in text and "(date YYYY-MM-DD)" in text and "(true | false)" in text


# --- init -------------------------------------------------------------------------------------


def test_init_writes_the_template(capsys, tmp_path):
    target = tmp_path / "my-council.yaml"
    r = run(capsys, "init", target)
    assert r.code == 0
    assert template_text() == TEMPLATE.read_text(encoding="utf-8")
    written = target.read_text(encoding="utf-8")
    assert written == init_text(date.today()) != template_text()
    assert f"  as_of: {date.today().isoformat()} " in written  # today's date, not the example's
    assert "readiness check" in r.err
    assert stat.S_IMODE(target.stat().st_mode) & 0o044, "readable by others, like any new file"


def test_init_defaults_to_profile_yaml(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init").code == 0
    assert (tmp_path / "profile.yaml").read_text(encoding="utf-8") == init_text(date.today())


def test_init_never_overwrites_without_force(capsys, tmp_path):
    target = tmp_path / "profile.yaml"
    target.write_text("council: {name: Mine, as_of: 2024-01-01}\n", encoding="utf-8")
    r = run(capsys, "init", target)
    assert r.code == 2
    assert "already exists" in r.err and "--force" in r.err
    assert target.read_text(encoding="utf-8") == "council: {name: Mine, as_of: 2024-01-01}\n"
    r = run(capsys, "init", target, "--force")
    assert r.code == 0
    assert target.read_text(encoding="utf-8") == init_text(date.today())


def test_init_then_check_works_end_to_end(tmp_path):
    p = run_process("init", "council.yaml", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    p = run_process("check", "council.yaml", "--format", "json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["council"]["name"] == "Your Council"


# --- schema -----------------------------------------------------------------------------------


def _schema(capsys, kind: str) -> dict:
    r = run(capsys, "schema", kind)
    assert r.code == 0
    return json.loads(r.out)


def test_rules_schema_describes_a_rule_file(capsys):
    s = _schema(capsys, "rules")
    assert s["$schema"].endswith("2020-12/schema")
    assert s["type"] == "object" and set(s["properties"]) == {"rules"} and s["required"] == ["rules"]
    assert s["additionalProperties"] is False
    rule = s["$defs"]["Rule"]
    assert {"id", "title", "statements", "category", "kind", "level", "when", "message", "why",
            "recommendation", "references"} <= set(rule["required"])
    assert rule["properties"]["statements"]["items"]["enum"] == list(framework().statement_ids)
    kinds = {ref["$ref"].rsplit("/", 1)[1] for ref in rule["properties"]["when"]["oneOf"]}
    assert kinds == {"All", "AnyOf", "Not", "Compare", "Some", "Every", "NoneOf", "Count", "Share"}
    assert "not" in s["$defs"]["Not"]["properties"], "aliases as written in YAML"


def test_profile_schema_describes_a_profile(capsys):
    s = _schema(capsys, "profile")
    assert set(s["properties"]) == set(Profile.model_fields) | {"$schema"}
    assert s["required"] == ["council"]
    assert "conversion_percent" not in json.dumps(s["$defs"]["Safeguarding"]), "derived fields are not written"


def test_assessment_schema_describes_the_json_output(capsys):
    s = _schema(capsys, "assessment")
    assert {"schema_version", "tool_version", "council", "policy_version", "rules_evaluated", "overall", "themes",
            "statements", "rules", "ignored_waivers", "unused_indicators", "unsourced_facts",
            "sources_required"} == set(s["properties"]) == set(s["required"])
    assert set(s["$defs"]["StatementResult"]["required"]) >= {"findings", "missing_evidence", "path_to_next_score"}


def test_schema_output_file(capsys, tmp_path):
    out = tmp_path / "profile.schema.json"
    r = run(capsys, "schema", "profile", "--output", out)
    assert r.code == 0 and r.out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "readiness council profile"


def test_schema_unknown_kind(capsys):
    r = run(capsys, "schema", "waiver")
    assert r.code == 2 and "invalid choice" in r.err


@pytest.mark.parametrize("kind", ["profile", "rules", "assessment"])
def test_published_schemas_are_current(capsys, kind):
    on_disk = (REPO / "docs" / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert on_disk == run(capsys, "schema", kind).out, (
        f"docs/schema/{kind}.schema.json is stale: run python -m readiness.io.schemas")


# --- validating with the schemas (when jsonschema is installed) --------------------------------


def _plain(data):
    return json.loads(json.dumps(data, default=str))  # YAML dates -> ISO strings, as editors see them


@pytest.fixture
def jsonschema():
    return pytest.importorskip("jsonschema", reason="jsonschema is not installed (optional)")


def test_check_json_validates_against_the_assessment_schema(capsys, jsonschema):
    schema = _schema(capsys, "assessment")
    for argv in (["check", COUNCIL, "--rules", PACK, "-f", "json"],
                 ["check", REPO / "examples" / "blackpool-2024.yaml", "-f", "json"]):
        document = json.loads(run(capsys, *argv).out)
        jsonschema.Draft202012Validator(schema).validate(document)
    broken = dict(document, overall="Good")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_profiles_validate_against_the_profile_schema(capsys, jsonschema):
    validator = jsonschema.Draft202012Validator(_schema(capsys, "profile"))
    for path in sorted((REPO / "examples").glob("*.yaml")):
        validator.validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert list(validator.iter_errors(_plain(yaml.safe_load(MALFORMED.read_text(encoding="utf-8")))))


def test_rule_files_validate_against_the_rules_schema(capsys, jsonschema):
    from readiness.io.packs import rule_files, shipped_pack_dir

    validator = jsonschema.Draft202012Validator(_schema(capsys, "rules"))
    for path in [*rule_files(shipped_pack_dir()), *rule_files(PACK)]:
        validator.validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))))
    bad = _plain(yaml.safe_load((REPO / "tests" / "data" / "pack" / "rules.yaml").read_text(encoding="utf-8")))
    bad["rules"][0]["when"] = {"fact": "x", "op": "is about"}
    assert list(validator.iter_errors(bad))
