"""`readiness validate`: profiles checked without scoring, every problem at once, exit 0 / 2."""

from __future__ import annotations

import json

from readiness.cli.main import main

GOOD = "council: {name: Good, as_of: 2024-01-01}\n"
BAD = "council: {name: Bad, as_of: 2024-01-01}\naccess: {self_serve: maybe}\nworkforce: {turnover_percent: 120}\n"
LOCAL = ("council: {name: Local, as_of: 2024-01-01}\nindicators:\n"
         "  - {id: ascs-satisfacton, value: 60, england: 62, polarity: higher-is-better}\n")


def test_every_problem_in_every_file_is_listed_in_line_order(tmp_path, capsys):
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    code = main(["validate", str(tmp_path / "good.yaml"), str(tmp_path / "bad.yaml")])
    out = capsys.readouterr().out
    assert code == 2
    assert "good.yaml: valid" in out and "bad.yaml: 2 problem(s)" in out
    assert out.index("access.self_serve") < out.index("workforce.turnover_percent")
    assert "1 of 2 profile(s) valid" in out


def test_valid_profiles_exit_0_and_notes_are_not_errors(tmp_path, capsys):
    (tmp_path / "local.yaml").write_text(LOCAL, encoding="utf-8")
    assert main(["validate", str(tmp_path / "local.yaml"), "--format", "json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["valid"] and result["problems"] == []
    assert "did you mean 'ascs-satisfaction'" in result["notes"][0]


def test_json_gives_file_line_field_and_message(tmp_path, capsys):
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    assert main(["validate", str(tmp_path), "--format", "json"]) == 2
    [result] = json.loads(capsys.readouterr().out)
    assert [(p["line"], p["field"]) for p in result["problems"]] == [(2, "access.self_serve"), (3, "workforce.turnover_percent")]
    assert all(p["file"].endswith("bad.yaml") and p["message"] for p in result["problems"])
