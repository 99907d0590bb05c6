"""Coverage, not "confidence": what share of a statement's checks had their evidence, said as
such in every human-facing format; and the terminal table fits 100 columns."""

from __future__ import annotations

import json

import pytest

from clihelp import REPO, run
from readiness.model.framework import framework

BLACKPOOL = REPO / "examples" / "blackpool-2024.yaml"


def _assessment(capsys):
    r = run(capsys, "check", BLACKPOOL, "-f", "json")
    return json.loads(r.out)


def test_the_json_counts_the_checks_and_keeps_confidence(capsys):
    for s in _assessment(capsys)["statements"]:
        assert 0 <= s["checks_evaluable"] <= s["checks_total"]
        assert s["confidence"] == round(s["checks_evaluable"] / s["checks_total"], 2)
        assert s["confidence_label"] in {"low", "medium", "high"}


@pytest.mark.parametrize("argv", [("check",), ("check", "-f", "markdown"), ("check", "-f", "html"),
                                  ("explain",), ("explain", "-f", "markdown")])
def test_no_report_calls_coverage_confidence(capsys, argv):
    data = _assessment(capsys)
    r = run(capsys, argv[0], BLACKPOOL, *argv[1:])
    assert r.code == 0, r.err
    for old in ("Confidence:", " confidence)", "Confidence |", "Confidence ┃", "Confidence</th>"):
        assert old not in r.out, old
    s = data["statements"][1]
    short = f"{s['checks_evaluable']}/{s['checks_total']}"
    words = f"{s['checks_evaluable']} of {s['checks_total']} checks had the evidence they need"
    assert short in r.out or words in r.out


def test_html_tiles_carry_the_coverage_and_hatch_low_coverage(capsys):
    data = _assessment(capsys)
    html = run(capsys, "check", BLACKPOOL, "-f", "html").out
    tiles = html.split('<a class="tile')[1:]
    assert len(tiles) == 9
    for s, tile in zip(data["statements"], tiles):
        assert f"<strong>{s['checks_evaluable']}/{s['checks_total']}</strong> checks had the evidence they need" in tile
        low = s["checks_evaluable"] / s["checks_total"] < 0.5
        shaded = tile.split('"', 1)[0]
        assert (" thin" in shaded or " blank" in shaded) == low, (s["code"], shaded)


def test_the_table_fits_100_columns_without_cutting_cqcs_words(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    for name in ("blackpool-2024", "bristol-2024", "trafford-2023"):
        r = run(capsys, "check", REPO / "examples" / f"{name}.yaml")
        assert r.code == 0, r.err
        lines = r.out.splitlines()
        assert max(len(line) for line in lines) <= 100, name
        assert "…" not in r.out, name
        for words in framework().score_descriptors.values():
            for word in words.split():
                assert word + "…" not in r.out
        cells = {cell.strip() for line in lines for cell in line.split("│")}
        assert cells & {"Evidence", "Evidence shows", "Evidence shows some", "Not evidenced", "Not"}, name
