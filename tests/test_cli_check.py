"""`readiness check`: every format, the filters and thresholds, output files, and user errors."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
import yaml

from clihelp import (
    COUNCIL, DATA, MALFORMED, NAMES, PACK, STARTER, TEST_OPTS, assess, run, run_process,
)
from readiness.model.errors import ProfileError

GMS = "governance-management-and-sustainability"


# --- formats ----------------------------------------------------------------------------------


def test_table_names_the_council_the_statements_and_the_rating(capsys):
    r = run(capsys, "check", COUNCIL, *TEST_OPTS)
    assert r.code == 0, r.err
    expected = assess()
    assert "Test <b>Borough</b>" in r.out  # a terminal shows text as it is: nothing to escape
    for name in ["Assessing needs", "Safeguarding", "Partnerships and communities"]:
        assert name in r.out
    assert f"Predicted overall rating: {expected.overall.rating}" in r.out
    assert "\x1b[" not in r.out, "piped output must be plain"
    assert all(line == line.rstrip() for line in r.out.splitlines()), "no trailing spaces when piped"


def test_json_is_the_library_assessment_byte_for_byte(capsys):
    first = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "json")
    second = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "json")
    assert first.code == 0
    assert first.out == second.out == assess().to_json()
    data = json.loads(first.out)
    assert data["schema_version"] == "1.3"
    assert [s["name"] for s in data["statements"]] == NAMES


def test_statement_filter_applies_to_json(capsys):
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "-f", "json", "--statement", "GMS", "--statement", "safeguarding")
    data = json.loads(r.out)
    assert [s["id"] for s in data["statements"]] == ["safeguarding", GMS]
    assert data["rules"], "the rules of the chosen statements are kept"
    assert all({"safeguarding", GMS} & set(x["statements"]) for x in data["rules"])
    assert len(data["themes"]) == 4, "overall and themes stay whole"


def test_statement_filter_applies_to_the_table(capsys):
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--statement", "safeguarding")
    assert "Safeguarding" in r.out
    assert "Assessing needs" not in r.out


@pytest.mark.parametrize("fmt,marker", [("markdown", "## Summary"), ("html", "<!DOCTYPE html>"),
                                        ("junit", "<testsuites")])
def test_every_format_renders(capsys, fmt, marker):
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", fmt)
    assert r.code == 0, r.err
    assert marker in r.out


def test_junit_output_is_well_formed_xml(capsys):
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "junit")
    root = ET.fromstring(r.out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert len(root.findall("testsuite")) == 9
    assert int(root.get("tests")) == len(assess().rules)


# --- thresholds -------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_fail_under_exits_1_exactly_when_a_statement_is_below(capsys, n):
    expected = assess()
    low = [s for s in expected.statements if s.predicted_score < n]
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--fail-under", n, "-f", "json")
    assert r.code == (1 if low else 0)
    for s in low:
        assert f"below threshold: {s.name}" in r.err
    if n == 1:
        assert r.code == 0  # nothing is below 1
    if n == 4:
        assert r.code == 1  # no exceptional strength: nothing reaches 4


def test_fail_under_only_looks_at_the_chosen_statements(capsys):
    expected = assess()
    gms = expected.statement(GMS).predicted_score
    best = max(expected.statements, key=lambda s: s.predicted_score)
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--statement", best.id, "--fail-under", best.predicted_score)
    assert r.code == 0
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--statement", GMS, "--fail-under", gms + 1)
    assert r.code == 1


# --- options ----------------------------------------------------------------------------------


def test_as_of_replaces_the_profile_date(capsys):
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "-f", "json", "--as-of", "2025-03-31")
    assert json.loads(r.out)["council"]["as_of"] == "2025-03-31"


def test_rules_adds_to_the_shipped_pack_and_overrides_by_id(capsys, tmp_path):
    plain = json.loads(run(capsys, "check", COUNCIL, "-f", "json").out)
    added = json.loads(run(capsys, "check", COUNCIL, *TEST_OPTS, "-f", "json").out)
    ids = {x["rule_id"] for x in added["rules"]}
    assert "test-psw-interim" in ids and "test-psw-interim" not in {x["rule_id"] for x in plain["rules"]}
    assert added["rules_evaluated"] == plain["rules_evaluated"] + 4

    # A council pack can switch a shipped rule off by giving its id with enabled: false.
    import readiness

    shipped = readiness.load_rules().rules[0]
    off = shipped.model_dump(mode="json", by_alias=True, exclude_none=True) | {"enabled": False}
    (tmp_path / "local.yaml").write_text(yaml.safe_dump({"rules": [off]}), encoding="utf-8")
    r = run(capsys, "check", COUNCIL, "--rules", tmp_path, "-f", "json")
    data = json.loads(r.out)
    assert shipped.id not in {x["rule_id"] for x in data["rules"]}
    assert data["rules_evaluated"] == plain["rules_evaluated"] - 1


def test_policy_replaces_the_shipped_scoring_policy(capsys, tmp_path):
    from readiness.io.packs import shipped_pack_dir

    policy = yaml.safe_load((shipped_pack_dir() / "policy" / "scoring.yaml").read_text(encoding="utf-8"))
    policy["policy_version"] = 99
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy), encoding="utf-8")
    r = run(capsys, "check", COUNCIL, "--policy", path, "-f", "json")
    assert json.loads(r.out)["policy_version"] == 99


# --- output files -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html", "junit"])
def test_output_writes_the_file_and_nothing_to_stdout(capsys, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "-f", fmt, "--output", out)
    assert r.code == 0
    assert r.out == ""
    assert f"wrote {out}" in r.err
    text = out.read_text(encoding="utf-8")
    assert "Governance, management and sustainability" in text
    assert "\x1b[" not in text
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file left behind"


def test_refuses_to_write_over_the_input_profile(capsys, tmp_path):
    profile = tmp_path / "profile.yaml"
    original = COUNCIL.read_text(encoding="utf-8")
    profile.write_text(original, encoding="utf-8")
    r = run(capsys, "check", profile, "-f", "json", "--output", profile)
    assert r.code == 2
    assert "refusing to write the report over an input file" in r.err
    assert profile.read_text(encoding="utf-8") == original


def test_refuses_to_write_over_the_waivers_file(capsys, tmp_path):
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers: []\n", encoding="utf-8")
    r = run(capsys, "check", COUNCIL, "--waivers", waivers, "-o", waivers)
    assert r.code == 2 and waivers.read_text() == "waivers: []\n"


def test_output_into_a_missing_folder_is_a_clear_error(capsys, tmp_path):
    r = run(capsys, "check", COUNCIL, "-f", "json", "--output", tmp_path / "no" / "such" / "report.json")
    assert r.code == 2
    assert "does not exist" in r.err and "Traceback" not in r.err


# --- errors -----------------------------------------------------------------------------------


def test_missing_profile_is_one_line_and_exit_2(capsys, tmp_path):
    r = run(capsys, "check", tmp_path / "nope.yaml")
    assert r.code == 2
    assert r.err.strip() == f"error: {tmp_path / 'nope.yaml'}: file not found"


def test_malformed_profile_names_file_line_and_field(capsys):
    r = run(capsys, "check", MALFORMED)
    assert r.code == 2
    assert f"{MALFORMED}:6" in r.err
    assert "roles[0].status" in r.err
    assert "'sometimes'" in r.err and "in-post" in r.err
    assert "Traceback" not in r.err and r.out == ""


def test_debug_shows_the_exception(capsys):
    with pytest.raises(ProfileError):
        run(capsys, "check", MALFORMED, "--debug")
    with pytest.raises(ProfileError):
        run(capsys, "--debug", "check", MALFORMED)


def test_unknown_statement_is_a_usage_error_with_a_suggestion(capsys):
    r = run(capsys, "check", COUNCIL, "--statement", "safeguardin")
    assert r.code == 2
    assert "unknown quality statement 'safeguardin'" in r.err
    assert "did you mean 'safeguarding'" in r.err


@pytest.mark.parametrize("argv,words", [
    (["check", str(COUNCIL), "--as-of", "30/06/2024"], "expected a date written YYYY-MM-DD"),
    (["check", str(COUNCIL), "--format", "pdf"], "invalid choice: 'pdf'"),
    (["check", str(COUNCIL), "--fail-under", "5"], "invalid choice: 5"),
    (["check"], "the following arguments are required: profile"),
])
def test_bad_usage_exits_2(capsys, argv, words):
    r = run(capsys, *argv)
    assert r.code == 2
    assert words in r.err


def test_bad_rule_folder_is_an_input_error(capsys):
    r = run(capsys, "check", COUNCIL, "--rules", DATA / "broken-pack")
    assert r.code == 2
    assert "test-broken" in r.err and "Traceback" not in r.err


# --- as a real process ------------------------------------------------------------------------


def test_python_m_readiness_runs_check():
    p = run_process("check", STARTER, "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["council"]["name"] == "Example Borough Council"


def test_python_m_readiness_bad_input_has_no_traceback():
    p = run_process("check", MALFORMED)
    assert p.returncode == 2
    assert "malformed.yaml:6" in p.stderr
    assert "Traceback" not in p.stderr


def test_python_m_readiness_fail_under():
    p = run_process("check", COUNCIL, "--rules", PACK, "--fail-under", "4", "-f", "json")
    assert p.returncode == 1
    assert "below threshold" in p.stderr


def test_help_lists_every_command_and_the_exit_codes():
    p = run_process("--help")
    assert p.returncode == 0
    for command in ["check", "explain", "rules", "init", "schema", "diff", "batch"]:
        assert command in p.stdout
    assert "exit codes:" in p.stdout and "bad usage or bad input" in p.stdout


def test_help_does_not_import_the_engine():
    import subprocess
    import sys

    code = ("import sys; from readiness.cli.main import main\n"
            "assert main(['--help']) == 0\n"
            "heavy = [m for m in ('readiness.engine', 'readiness.model.rule', 'rich', 'pydantic') if m in sys.modules]\n"
            "sys.stderr.write('heavy:' + ','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "usage: readiness" in out.stdout
    assert out.stderr.strip() == "heavy:", out.stderr


# --- colour -----------------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _colours(text: str) -> set[str]:
    """The colour codes (not bold or italic) among the ANSI escapes in `text`."""
    import re

    found = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", text):
        for p in params.split(";"):
            if p in ("38", "48") or (p.isdigit() and (30 <= int(p) <= 47 or 90 <= int(p) <= 107)):
                found.add(p)
    return found


def test_colour_on_a_terminal_and_no_colour_with_no_color(monkeypatch):
    from readiness.cli.common import console
    from readiness.reports import terminal

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    tty = _Tty()
    terminal.render(assess(), console(tty))
    assert _colours(tty.getvalue()), "a terminal gets colour"

    monkeypatch.setenv("NO_COLOR", "1")
    tty = _Tty()
    terminal.render(assess(), console(tty))
    assert "Governance" in tty.getvalue()
    assert not _colours(tty.getvalue()), "NO_COLOR: bold is allowed, colour is not"


def test_council_packs_load_the_same_as_load_rules(tmp_path):
    """The CLI reuses the loaded shipped pack; the result must be what load_rules gives."""
    import readiness
    from readiness.cli.common import load_pack
    from readiness.io.packs import load_rules, shipped_pack_dir

    shipped = readiness.load_rules().rules[0]
    override = shipped.model_dump(mode="json", by_alias=True, exclude_none=True) | {"title": "Replaced"}
    (tmp_path / "local.yaml").write_text(yaml.safe_dump({"rules": [override]}), encoding="utf-8")
    for extra in ([PACK], [PACK, tmp_path], [tmp_path]):
        mine, theirs = load_pack(extra), load_rules(shipped_pack_dir(), *extra)
        assert mine.rules == theirs.rules
        assert mine.origin == theirs.origin
    assert load_pack([tmp_path]).get(shipped.id).title == "Replaced"


def test_check_as_json_never_imports_rich():
    import subprocess
    import sys

    code = ("import sys, io, contextlib; from readiness.cli.main import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): code = main(['check', {str(COUNCIL)!r}, '-f', 'json'])\n"
            "print(code, 'rich' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["0", "False"], done.stderr
