"""Waivers: loading (malformed entries ignored with a note) and which are in force on a date."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.model.errors import WaiverError
from readiness.model.waiver import Waiver, applicable_waivers
from readiness.io.waivers import load_waivers


def w(rule: str, expires: date) -> Waiver:
    return Waiver(rule=rule, justification="plan", owner="DASS", expires=expires)


def test_applicable_waivers():
    waivers = [w("a", date(2024, 6, 30)), w("b", date(2024, 6, 29)), w("c", date(2030, 1, 1))]
    active, notes = applicable_waivers(waivers, date(2024, 6, 30), {"a", "b"})
    assert sorted(active) == ["a"]
    assert notes == ["ignored waiver for 'b': expired on 2024-06-29",
                     "ignored waiver for 'c': no such rule in the pack"]


def test_load_waivers_keeps_the_valid_and_notes_the_rest(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("waivers:\n"
                    "  - {rule: a, justification: Board minute 3, owner: DASS, expires: 2025-01-01}\n"
                    "  - {rule: b, justification: '  ', owner: DASS, expires: 2025-01-01}\n"
                    "  - {rule: c, owner: DASS, expires: 2025-01-01}\n"
                    "  - {rule: d, justification: x, owner: DASS, expires: 2025-01-01, extra: 1}\n")
    valid, notes = load_waivers(path)
    assert valid == [Waiver(rule="a", justification="Board minute 3", owner="DASS", expires=date(2025, 1, 1))]
    assert len(notes) == 3
    assert all(n.startswith("ignored malformed waiver: ") and str(path) in n for n in notes)
    assert f"{path}:3:" in notes[0] and "justification" in notes[0]
    assert "waivers[2].justification" in notes[1] and "required" in notes[1]
    assert "waivers[3].extra" in notes[2]


@pytest.mark.parametrize("text", ["rules: []\n", "waivers: 3\n", "- a\n"])
def test_a_file_without_a_waivers_list_is_an_error(tmp_path, text):
    path = tmp_path / "w.yaml"
    path.write_text(text)
    with pytest.raises(WaiverError, match="expected a 'waivers:' list"):
        load_waivers(path)


def test_missing_waivers_file(tmp_path):
    with pytest.raises(WaiverError, match="file not found"):
        load_waivers(tmp_path / "none.yaml")
