"""The acceptance test of the spreadsheet round trip: export then import gives the same profile,
and the same assessment, for every shipped profile and for random ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("openpyxl")

from readiness import evaluate, load_profile, load_rules  # noqa: E402
from readiness.io.workbook.write import profile_workbook  # noqa: E402
from readiness.model.profile import Profile  # noqa: E402

from conftest import REPO  # noqa: E402
from strategies import model_strategy  # noqa: E402

SHIPPED = sorted((REPO / "examples").glob("*.yaml")) + sorted((REPO / "calibration" / "profiles").glob("*.yaml"))


def _round_trip(profile: Profile, folder: Path, name: str = "profile.xlsx") -> Profile:
    path = folder / name
    path.write_bytes(profile_workbook(profile))
    return load_profile(path)


def test_every_shipped_profile_is_shipped_here():
    assert len(SHIPPED) > 20 and any(p.parent.name == "examples" for p in SHIPPED)


@pytest.mark.parametrize("source", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_export_then_import_gives_the_same_profile_and_assessment(source, tmp_path):
    original = load_profile(source)
    again = _round_trip(original, tmp_path)
    assert again.model_dump() == original.model_dump()
    rules = load_rules()
    assert evaluate(again, rules).model_dump() == evaluate(original, rules).model_dump()


# --- random profiles -----------------------------------------------------------------------------

# What a cell cannot hold (XML 1.0 has no C0 controls but tab and newline; a carriage return is a
# spreadsheet line break, i.e. a newline), and an empty text, which a cell shows as blank (not evidenced).
_UNWRITABLE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def _writable(value):
    if isinstance(value, str):
        value = _UNWRITABLE.sub("", value)
        return value if value.strip() else "x"
    if isinstance(value, dict):
        return {k: _writable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_writable(v) for v in value]
    return value


def _pruned(value):
    """A section whose facts are all absent is the same evidence as no section (what a blank row says)."""
    if isinstance(value, dict):
        out = {k: _pruned(v) for k, v in value.items()}
        return out if any(v is not None for v in out.values()) else None
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


TRICKY = st.sampled_from(["=1+1", "+44 1632 960000", "-5 days", "@SUM(A1)", "=HYPERLINK(\"http://x\")",
                          "line one\nline two", "Überprüfung – 日本 🙂", "a; b", "[\"x\"]", "(none)", " spaced "])


def _profiles():
    def with_tricky_text(profile: Profile, text: str) -> Profile:
        data = _writable(profile.model_dump(exclude_computed_fields=True))
        data["council"]["name"] = text
        data["council"]["source"] = text
        if data.get("documents"):
            data["documents"][0]["title"] = text
            data["documents"][0]["summary"] = text
        return Profile.model_validate(data)

    return st.builds(with_tricky_text, model_strategy(Profile), TRICKY)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                 HealthCheck.function_scoped_fixture])
@given(profile=_profiles())
def test_random_profiles_survive_the_round_trip(profile, tmp_path_factory):
    again = _round_trip(profile, tmp_path_factory.mktemp("wb"))
    assert _pruned(again.model_dump()) == _pruned(profile.model_dump())
