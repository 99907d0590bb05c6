"""Loading a profile: errors name the file, the line, the field and what was expected."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from readiness.model.errors import ProfileError, ReadinessError
from readiness.io.profiles import load_profile
from readiness.model.profile import Profile

from conftest import EXAMPLES

HEAD = "council:\n  name: Test Council\n  as_of: 2024-06-30\n"


def problem(tmp_path: Path, text: str | bytes, name: str = "profile.yaml"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profile(path)
    return exc.value


def only(err: ReadinessError):
    assert len(err.problems) == 1, err.describe()
    return err.problems[0]


def test_loads_a_yaml_profile(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + "roles:\n  - {role: psw, status: interim}\n")
    p = load_profile(path)
    assert p.council.as_of == date(2024, 6, 30)
    assert p.roles[0].status == "interim"
    assert load_profile(str(path)) == p


def test_shipped_examples_load():
    for example in sorted(EXAMPLES.glob("*.yaml")):
        assert isinstance(load_profile(example), Profile)


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    err = problem(tmp_path, HEAD + "documents:\n  - {title: a, kind: policy\n  - {title: b}\n")
    p = only(err)
    assert p.file.endswith("profile.yaml")
    assert p.message.startswith("not valid YAML")
    assert p.line in (5, 6)
    assert str(p).startswith(f"{p.file}:{p.line}: not valid YAML")


def test_unknown_field_with_did_you_mean(tmp_path):
    p = only(problem(tmp_path, HEAD + "workforce:\n  supervision:\n    compliance_percnt: 50\n"))
    assert (p.line, p.field) == (6, "workforce.supervision.compliance_percnt")
    assert "is not a field readiness knows (did you mean 'compliance_percent'?)" in p.message


def test_unknown_section_with_did_you_mean(tmp_path):
    p = only(problem(tmp_path, HEAD + "safegaurding:\n  concerns: 3\n"))
    assert (p.line, p.field) == (4, "safegaurding")
    assert "did you mean 'safeguarding'" in p.message


def test_wrong_enum_value_lists_the_choices(tmp_path):
    p = only(problem(tmp_path, HEAD + "documents:\n  - title: Policy\n    kind: policy\n    status: aproved\n"))
    assert (p.line, p.field) == (7, "documents[0].status")
    assert "got 'aproved'" in p.message and "'approved'" in p.message
    assert "did you mean 'approved'" in p.message


def test_impossible_date(tmp_path):
    p = only(problem(tmp_path, "council:\n  name: X\n  as_of: 2024-13-01\n"))
    assert (p.line, p.field) == (3, "council.as_of")
    assert p.message == "got '2024-13-01'; expected a date written YYYY-MM-DD"


@pytest.mark.parametrize("body, line, field, words", [
    ("workforce:\n  turnover_percent: lots\n", 5, "workforce.turnover_percent", "expected a number"),
    ("access:\n  self_serve: maybe\n", 5, "access.self_serve", "expected true or false"),
    ("workforce:\n  turnover_percent: 130\n", 5, "workforce.turnover_percent", "less than or equal to 100"),
    ("documents:\n  title: x\n", 4, "documents", "expected a list"),
    ("governance: yes\n", 4, "governance", "expected a section of named fields"),
    ("documents:\n  - {title: [a], kind: policy}\n", 5, "documents[0].title", "expected text"),
])
def test_wrong_type(tmp_path, body, line, field, words):
    p = only(problem(tmp_path, HEAD + body))
    assert (p.line, p.field) == (line, field)
    assert words in p.message


def test_several_problems_are_all_reported(tmp_path):
    err = problem(tmp_path, HEAD + "workforce:\n  turnover_percent: lots\naccess:\n  self_serve: maybe\n")
    assert [(p.line, p.field) for p in err.problems] == [(5, "workforce.turnover_percent"), (7, "access.self_serve")]
    assert err.describe().startswith("2 problem(s) in the profile:")


def test_missing_required_council_fields(tmp_path):
    err = problem(tmp_path, "council:\n  region: North\n")
    assert {(p.field, p.message) for p in err.problems} == {
        ("council.name", "is required but missing"), ("council.as_of", "is required but missing")}
    assert all(p.line == 1 for p in err.problems)


def test_missing_council(tmp_path):
    p = only(problem(tmp_path, "workforce: {}\n"))
    assert (p.field, p.message) == ("council", "is required but missing")


@pytest.mark.parametrize("text", ["- council\n", "just text\n", "", "42\n"])
def test_top_level_not_a_mapping(tmp_path, text):
    p = only(problem(tmp_path, text))
    assert p.line == 1
    assert "expected a profile" in p.message and "council:" in p.message


def test_file_not_found(tmp_path):
    with pytest.raises(ProfileError) as exc:
        load_profile(tmp_path / "nope.yaml")
    p = only(exc.value)
    assert p.file == str(tmp_path / "nope.yaml") and p.message == "file not found"


def test_a_folder(tmp_path):
    with pytest.raises(ProfileError) as exc:
        load_profile(tmp_path)
    assert "is a folder" in only(exc.value).message


def test_non_utf8(tmp_path):
    p = only(problem(tmp_path, b"council:\n  name: Caf\xe9\n  as_of: 2024-06-30\n"))
    assert "is not UTF-8" in p.message


def test_profile_errors_are_readiness_errors(tmp_path):
    assert issubclass(ProfileError, ReadinessError) and ProfileError.kind == "profile"


def test_json_profiles_load(tmp_path):
    data = {"council": {"name": "J", "as_of": "2024-06-30"}, "roles": [{"role": "psw", "status": "interim"}],
            "workforce": {"turnover_percent": 12.5}}
    for indent in (None, 2, "\t"):
        path = tmp_path / "p.json"
        path.write_text(json.dumps(data, indent=indent))
        p = load_profile(path)
        assert p.council.as_of == date(2024, 6, 30) and p.workforce.turnover_percent == 12.5


def test_json_errors_have_lines_too(tmp_path):
    data = {"council": {"name": "J", "as_of": "2024-06-30"}, "roles": [{"role": "psw", "status": "interm"}]}
    p = only(problem(tmp_path, json.dumps(data, indent=2), name="p.json"))
    assert p.field == "roles[0].status" and p.line == 9 and "did you mean 'interim'" in p.message


def test_a_dict_loads_and_is_not_changed():
    data = {"$schema": "https://example/profile.json", "council": {"name": "D", "as_of": date(2024, 6, 30)},
            "documents": [{"title": "a", "kind": "policy"}]}
    before = copy.deepcopy(data)
    p = load_profile(data)
    assert p.documents[0].title == "a"
    assert data == before


def test_dict_errors_have_fields_but_no_file():
    with pytest.raises(ProfileError) as exc:
        load_profile({"council": {"name": "D", "as_of": "2024-06-30"}, "access": {"self_serv": True}})
    p = only(exc.value)
    assert (p.file, p.line, p.field) == (None, None, "access.self_serv")
    assert str(p).startswith("<input>: field 'access.self_serv'")


def test_a_profile_passes_through():
    p = load_profile({"council": {"name": "D", "as_of": "2024-06-30"}})
    assert load_profile(p) is p


def test_schema_key_is_ignored_in_files(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("$schema: ./profile.schema.json\n" + HEAD)
    assert load_profile(path).council.name == "Test Council"


def test_loading_never_modifies_the_file(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("$schema: x\n" + HEAD + "documents:\n  - {title: a, kind: policy}\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + "workforce: {turnover_percent: lots}\n")
    for path in (good, bad, *sorted(EXAMPLES.glob("*.yaml"))[:2]):
        digest, mtime = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
        try:
            load_profile(path)
        except ProfileError:
            pass
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
        assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "good.yaml"]  # nothing written beside


def test_safe_loader_only(tmp_path):
    p = only(problem(tmp_path, HEAD + "documents: !!python/object/apply:os.system ['echo hi']\n"))
    assert "not valid YAML" in p.message


def test_a_key_written_twice_is_an_error_naming_both_lines(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("council:\n  name: X\n  as_of: 2024-01-01\ngovernance:\n  data: {used_in_planning: false}\n"
                    "workforce: {}\ngovernance:\n  scrutiny: {effectiveness: weak}\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    text = caught.value.describe()
    assert "p.yaml:7" in text and "'governance' appears twice" in text and "line 4" in text


def test_common_yaml_slips_get_a_hint(tmp_path):
    colon = tmp_path / "colon.yaml"
    colon.write_text("council:\n  name: X\n  as_of: 2024-01-01\ndocuments:\n  - title: Carers: a strategy\n"
                     "    kind: strategy\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(colon)
    assert "colon.yaml:5" in caught.value.describe() and "quotes" in caught.value.describe()
    tab = tmp_path / "tab.yaml"
    tab.write_text("council:\n\tname: X\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(tab)
    assert "tab.yaml:2" in caught.value.describe() and "spaces" in caught.value.describe()


def test_non_utf8_text_names_its_line_and_the_fix(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"council:\n  name: Caf\xe9\n  as_of: 2024-01-01\n")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert "latin.yaml:2" in caught.value.describe() and "UTF-8" in caught.value.describe()


def test_known_indicators_are_checked_for_direction_of_good(tmp_path):
    path = tmp_path / "ind.yaml"
    path.write_text(
        "council: {name: X, as_of: 2024-01-01}\n"
        "indicators:\n"
        "  - {id: admissions-65-plus, value: 900, england: 560, polarity: higher-is-better}\n"
        "  - {id: ascs-satisfacton, value: 60, england: 62, polarity: higher-is-better}\n"
        "  - {id: local-carer-cafe-visits, value: 60, polarity: higher-is-better}\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    text = caught.value.describe()
    assert "ind.yaml:3" in text and "lower-is-better, not higher-is-better" in text
    # A local measure is never refused as a misspelling of a known one (format 2): the
    # assessment lists ids no rule reads instead (tests/test_engine.py).
    assert "ind.yaml:4" not in text and "local-carer-cafe-visits" not in text


def test_a_known_indicator_takes_its_direction_of_good_from_the_catalogue():
    p = load_profile({"council": {"name": "X", "as_of": "2024-01-01"},
                      "indicators": [{"id": "admissions-65-plus", "value": 900, "england": 560},
                                     {"id": "sace-carer-information-helpful", "comparison": "somewhat-better"}]})
    known, local = p.indicators
    assert known.polarity == "lower-is-better" and known.gap_to_england == -340
    assert local.polarity is None and local.gap_to_england is None and local.versus_england == "better"


def test_an_indicator_needs_a_value_a_comparison_or_a_rank():
    with pytest.raises(ProfileError) as caught:
        load_profile({"council": {"name": "X", "as_of": "2024-01-01"}, "indicators": [{"id": "local-thing"}]})
    assert "give the value, or how it compares" in caught.value.describe()


def test_profile_yaml_loads_back_to_the_same_profile():
    """io.profiles.profile_yaml (what `readiness import` writes) for every example."""
    import yaml as _yaml

    from readiness.io.profiles import profile_yaml

    for source in sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(source)
        text = profile_yaml(profile, "a comment\non two lines")
        assert text.startswith("# a comment\n# on two lines\n")
        assert load_profile(_yaml.safe_load(text)).model_dump() == profile.model_dump()
