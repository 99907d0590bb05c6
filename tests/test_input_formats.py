"""Input formats: the registry load_profile and batch read profiles through, and their locations."""

from __future__ import annotations

import json

import pytest

from readiness.io.documents import Document
from readiness.io.formats import INPUT_FORMATS, InputFormat, input_format, profile_suffixes, register_input_format
from readiness.io.profiles import load_profile
from readiness.model.errors import Cell, FileLine, Problem, ProfileError

COUNCIL = {"council": {"name": "X", "as_of": "2024-06-30"}}


def test_yaml_and_json_are_registered():
    assert profile_suffixes() == (".yaml", ".yml", ".json", ".xlsx")
    assert input_format(__import__("pathlib").Path("a.XLSX")).name == "xlsx"
    assert input_format(__import__("pathlib").Path("a.JSON")).name == "json"
    assert input_format(__import__("pathlib").Path("a.txt")).name == "yaml"  # anything else is read as YAML


def test_json_profiles_load_with_lines(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**COUNCIL, "workforce": {"turnover_percent": "high"}}, indent=2))
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    [problem] = caught.value.problems
    assert isinstance(problem.location, FileLine) and problem.line and problem.file == str(path)


class Sheet(Document):
    """A pretend workbook: every value sits in column B of sheet 'profile', one row per key path."""

    def at(self, loc):
        return Cell(self.file, "profile", f"B{len(loc) + 1}")


def test_a_registered_format_locates_problems_its_own_way(tmp_path):
    fmt = register_input_format(InputFormat("sheet", (".sheet",), lambda path, error: Sheet(
        {**COUNCIL, "workforce": {"turnover_percent": "high"}}, None, str(path))))
    try:
        with pytest.raises(ProfileError) as caught:
            load_profile(tmp_path / "council.sheet")
        [problem] = caught.value.problems
        assert problem.location == Cell(str(tmp_path / "council.sheet"), "profile", "B3")
        assert str(problem).startswith(f"{tmp_path / 'council.sheet'}: profile!B3: field "
                                       "'workforce.turnover_percent'")
        assert ".sheet" in profile_suffixes()
    finally:
        INPUT_FORMATS.remove(fmt)


def test_a_location_is_given_once():
    assert Problem("m", file="a.yaml", line=3).location == FileLine("a.yaml", 3)
    cell = Problem("m", location=Cell("book.xlsx", "Workforce", "C7"))
    assert (cell.file, cell.line) == ("book.xlsx", None)
    assert str(cell) == "book.xlsx: Workforce!C7: m"
    assert str(Problem("m", location=Cell("book.xlsx", "Risk register", "D7"))) == "book.xlsx: 'Risk register'!D7: m"
