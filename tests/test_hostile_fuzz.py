"""Fuzz (issue 12): random YAML/JSON documents and random profile strings (control characters,
markup, surrogates, huge numbers) through load, evaluate and every report format: never an
unexpected exception, and every written output free of control characters."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from clihelp import COUNCIL, pack_with_tests
from readiness.io.documents import parse_json
from readiness.io.yamlfile import parse
from readiness.model.errors import ProfileError, ReadinessError
from readiness.reports.formats import find, formats_for
from readiness.reports.safe import has_control, neutralise

FRAGMENTS = list("ab [/]=:#&*!{}\"'\\\n\t") + ["\x1b", "\x07", "\x9b", "\u202e", "\ud83c", "\U0001f3f4",
                                               "[link=x]", "[/x]", "[draft]", "\x1b]0;t\x07", "9" * 5000]
HOSTILE = st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_parses_or_is_a_profile_error(text):
    for reader in (parse, parse_json):
        try:
            reader(text, "f", ProfileError)
        except ProfileError as exc:
            assert "f" in exc.describe()


@SETTINGS
@given(st.recursive(st.none() | st.booleans() | st.integers(-10**6000, 10**6000) | st.floats() | HOSTILE,
                    lambda c: st.lists(c, max_size=4) | st.dictionaries(HOSTILE, c, max_size=4), max_leaves=20))
def test_random_documents_load_or_are_refused(data):
    import readiness

    for doc in (data, {"council": data}):
        try:
            readiness.load_profile(doc if isinstance(doc, dict) else {"x": doc})
        except ReadinessError as exc:
            exc.describe()


@SETTINGS
@given(HOSTILE, HOSTILE)
def test_hostile_names_go_through_every_format_escaped(name, service):
    import io

    import readiness
    from readiness.reports.formats import ReportOptions
    from readiness.reports.safe import SafeConsole

    data = yaml.safe_load(COUNCIL.read_text(encoding="utf-8"))
    data["council"]["name"] = name or "x"
    try:
        profile = readiness.load_profile(data)
    except ReadinessError:
        return  # a lone surrogate or an empty name: refused, located
    assessment = readiness.evaluate(profile, pack_with_tests())
    for fmt in formats_for("check"):
        if fmt.console:
            buffer = io.StringIO()
            fmt.render(assessment, SafeConsole(file=buffer, width=120, force_terminal=True), ReportOptions())
            text = buffer.getvalue()
            assert "\x1b]0;" not in text and "[draft]" not in name or "[draft]" in text.replace("\x1b", "")
            assert "\x07" not in text and "\u202e" not in text and "\x9b" not in text
        elif fmt.binary:  # a workbook: every text cell free of control characters and of formulas
            from io import BytesIO

            from openpyxl import load_workbook

            for ws in load_workbook(BytesIO(fmt.render(assessment, ReportOptions()))):
                for row in ws.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f"
                        assert not (isinstance(cell.value, str) and has_control(cell.value))
        else:
            text = neutralise(fmt.render(assessment, ReportOptions()))
            assert not has_control(text)
            if fmt.name == "json":
                json.loads(text)
