"""The JSON contract (docs/assessment-json.md): versioned, complete and byte-stable."""

from __future__ import annotations

import json
import re

from clihelp import COUNCIL, REPO, WAIVERS, assess, run
from readiness.model.assessment import SCHEMA_VERSION, Assessment


def test_identical_input_gives_byte_identical_json(capsys):
    outputs = {run(capsys, "check", COUNCIL, "--rules", REPO / "tests/data/pack", "--waivers", WAIVERS,
                   "-f", "json").out for _ in range(3)}
    assert len(outputs) == 1


def test_json_round_trips_through_the_model():
    text = assess(waivers=WAIVERS).to_json()
    assert Assessment.model_validate_json(text).to_json() == text


def test_schema_version_is_first_and_documented():
    data = json.loads(assess().to_json())
    assert next(iter(data)) == "schema_version" and data["schema_version"] == SCHEMA_VERSION
    doc = (REPO / "docs" / "assessment-json.md").read_text(encoding="utf-8")
    assert "`schema_version`" in doc and f'"{SCHEMA_VERSION}"' in doc


def json_keys(model) -> set[str]:
    """Every key a model's JSON can hold, its nested models' included."""
    out = set(model.model_fields)
    for field in model.model_fields.values():
        for sub in _models(field.annotation):
            out |= json_keys(sub)
    return out


def test_every_field_of_the_json_is_documented():
    """docs/assessment-json.md names every key the JSON can hold."""
    doc = (REPO / "docs" / "assessment-json.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc))

    missing = json_keys(Assessment) - documented
    assert not missing, f"undocumented JSON fields: {sorted(missing)}"


def _models(annotation):
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models(a)]


def test_waived_and_ignored_waivers_appear_in_the_json(capsys):
    r = run(capsys, "check", COUNCIL, "--rules", REPO / "tests/data/pack", "--waivers", WAIVERS, "-f", "json")
    data = json.loads(r.out)
    gms = next(s for s in data["statements"] if s["code"] == "GMS")
    finding = next(f for f in gms["findings"] if f["rule_id"] == "test-psw-interim")
    assert finding["waived"] == {"rule": "test-psw-interim", "owner": "Director of Adult Social Services",
                                 "justification": "Recruitment approved at board | minute 12 <b>bold</b>",
                                 "expires": "2099-12-31"}
    assert any("expired on 2020-01-01" in n for n in data["ignored_waivers"])
    assert any("malformed" in n and "owner" in n for n in data["ignored_waivers"])
    # machine formats also warn on stderr, where a pipeline's log will show it
    assert "warning: ignored waiver for 'test-self-serve-offer'" in r.err
