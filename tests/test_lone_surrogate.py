"""A lone surrogate (half of an emoji) in any text is refused with where it is, whether the data
had to be searched for one or the source text showed none could be there (io.documents)."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from readiness.io.documents import Document, _lone_surrogate
from readiness.io.profiles import load_profile
from readiness.model.errors import ReadinessError
from readiness.model.profile import Profile

PROFILE = 'council:\n  name: "{name}"\n  as_of: 2024-06-01\n{more}'


def refusal(text: str, data=None) -> str:
    doc = Document(yaml.safe_load(text) if data is None else data, text, "p.yaml")
    with pytest.raises(ReadinessError) as caught:
        doc.validate(Profile, ReadinessError)
    return caught.value.describe()


@pytest.mark.parametrize("field, text", [
    ("council.name", PROFILE.format(name="Bristol \\ud83c", more="")),
    ("roles[0].title", PROFILE.format(name="Bristol", more='roles:\n  - title: "DASS \\udff4"\n')),
    ("key", PROFILE.format(name="Bristol", more="") + '"key \\ud83c": 1\n'),
])
def test_a_lone_surrogate_written_as_an_escape_is_found_in_a_value_a_list_or_a_key(field, text):
    said = refusal(text)
    assert "lone surrogate" in said and f"field '{field}" in said, said


def test_the_text_skips_nothing_that_searching_every_text_finds():
    text = PROFILE.format(name="Bristol", more='roles:\n  - title: "DASS \\udff4"\n')
    data = yaml.safe_load(text)
    assert _lone_surrogate(data) == (("roles", 0, "title"), "DASS \udff4")
    with pytest.raises(ReadinessError) as searched:
        Document(data).validate(Profile, ReadinessError)  # no text: the data is searched
    assert searched.value.describe().split(": ", 1)[1] == refusal(text).split(": ", 1)[1]


def test_whole_characters_and_accents_are_not_surrogates():
    text = PROFILE.format(name="Bristol \\U0001F3F4 Cymru é", more="")
    assert Document(yaml.safe_load(text), text, "p.yaml").validate(Profile, ReadinessError).council.name == \
        "Bristol \U0001f3f4 Cymru é"
    plain = PROFILE.format(name="Bristol \U0001f3f4 é", more="")
    assert Document(yaml.safe_load(plain), plain, "p.yaml")._cannot_hold_surrogates()


def test_only_a_text_without_escapes_or_surrogates_skips_the_search():
    assert Document({}, "a: b\n")._cannot_hold_surrogates()
    assert Document({}, "a: é\n")._cannot_hold_surrogates()
    assert not Document({}, 'a: "\\u00e9"\n')._cannot_hold_surrogates()
    assert not Document({}, "a: \ud83c\n")._cannot_hold_surrogates()  # held in memory, never read from a file
    assert not Document({})._cannot_hold_surrogates()  # no text (a dict, a workbook): always searched


@settings(max_examples=200, deadline=None)
@example(name="Bristol \ud83c", kind="json")
@example(name="Bristol \ud83c", kind="yaml")
@example(name="Bristol \U0001f3f4", kind="json")
@given(st.text(st.characters(categories=["Cs", "Ll", "Lu", "Nd", "So", "Zs"]), max_size=20), st.sampled_from(["yaml", "json"]))
def test_any_name_written_to_a_file_is_refused_exactly_when_it_holds_a_lone_surrogate(tmp_path_factory, name, kind):
    data = {"council": {"name": name or "x", "as_of": "2024-06-01"}}
    text = json.dumps(data) if kind == "json" else yaml.safe_dump(data, allow_unicode=True)
    path = tmp_path_factory.mktemp("p") / f"p.{kind}"
    path.write_bytes(text.encode("utf-8", "surrogatepass") if kind == "yaml" else text.encode())
    holds = any(0xD800 <= ord(c) <= 0xDFFF for c in name)
    try:
        load_profile(path)
        said = ""
    except ReadinessError as exc:
        said = exc.describe()
    assert bool(said) == holds, (name, said)  # (YAML's parser refuses the escape itself; JSON's takes it)
    assert not holds or kind == "yaml" or "lone surrogate" in said, said

