"""Missing evidence in plain words: what to collect, in the profile model's own descriptions,
grouped per statement; which list item lacks which detail; the paths stay in the JSON."""

from __future__ import annotations

import json

from clihelp import REPO, run
from readiness.lang.facts import words_for
from readiness.model.profile import Profile

BLACKPOOL = REPO / "examples" / "blackpool-2024.yaml"


def test_a_path_in_the_models_own_words():
    assert words_for(Profile, "waiting.assessment.longest_days") == (
        "longest wait so far, in days (waiting for a Care Act assessment)")


def test_the_json_groups_what_to_collect_and_keeps_the_paths(capsys):
    data = json.loads(run(capsys, "check", BLACKPOOL, "-f", "json").out)
    an = data["statements"][0]
    assert an["what_to_collect"], "Blackpool's Assessing needs is not evidenced"
    longest = next(c for c in an["what_to_collect"] if c["facts"] == ["waiting.assessment.longest_days"])
    assert longest["what"] == "longest wait so far, in days (waiting for a Care Act assessment)"
    assert all(m["facts"] and m["collect"] for s in data["statements"] for m in s["missing_evidence"])
    ruled = {r for s in data["statements"] for c in s["what_to_collect"] for r in c["rules"]}
    assert ruled == {m["rule_id"] for s in data["statements"] for m in s["missing_evidence"]}


def test_a_list_item_is_named_with_the_detail_it_lacks(capsys):
    data = json.loads(run(capsys, "check", BLACKPOOL, "-f", "json").out)
    lines = [c["what"] for s in data["statements"] for c in s["what_to_collect"]]
    assert any("'s entry in arrangements lacks: status" in w for w in lines), lines


def test_reports_say_what_to_collect_without_paths(capsys):
    for argv in (("check", "-f", "markdown"), ("check", "-f", "html"), ("explain",)):
        out = run(capsys, argv[0], BLACKPOOL, *argv[1:]).out
        assert "What to collect" in out or "What to collect".upper() in out
        assert "longest wait so far, in days (waiting for a Care Act assessment)" in out
        assert "waiting.assessment.longest_days" not in out, argv
        assert "(facts inside list items)" not in out


LONGEST = "longest wait so far, in days (waiting for a Care Act assessment)"


def test_debug_adds_the_paths_after_the_words(capsys):
    """Under the global --debug the field path follows the plain words (as code in Markdown and HTML)."""
    shown = {
        ("check", "-f", "markdown"): f"{LONGEST} (`waiting.assessment.longest_days`)",
        ("check", "-f", "html"): f"{LONGEST} (<code>waiting.assessment.longest_days</code>)",
        ("explain",): f"{LONGEST} (`waiting.assessment.longest_days`)",
        ("explain", "-f", "markdown"): f"{LONGEST} (`waiting.assessment.longest_days`)",
    }
    for argv, expected in shown.items():
        plain = run(capsys, argv[0], BLACKPOOL, *argv[1:])
        debug = run(capsys, "--debug", argv[0], BLACKPOOL, *argv[1:])
        assert plain.code == debug.code == 0, (argv, debug.err)
        assert "waiting.assessment.longest_days" not in plain.out, argv
        assert expected in " ".join(debug.out.split()), argv  # the terminal may wrap the line
    # --debug after the command name works the same
    after = run(capsys, "check", BLACKPOOL, "-f", "markdown", "--debug")
    assert f"{LONGEST} (`waiting.assessment.longest_days`)" in after.out


def test_debug_paths_for_every_thing_to_collect(capsys):
    import readiness
    from readiness.reports import brief

    a = readiness.evaluate(readiness.load_profile(BLACKPOOL), readiness.load_rules())
    out = run(capsys, "--debug", "check", BLACKPOOL, "-f", "markdown").out
    for s in a.statements:
        for c in s.what_to_collect:
            assert all(f"`{p}`" in out for p in c.facts), c
    top = brief.brief(a).collect
    for fmt, shown in (("markdown", "`{}`"), ("html", "<code>{}</code>")):
        plain = run(capsys, "check", BLACKPOOL, "-f", fmt, "--brief").out
        debug = run(capsys, "--debug", "check", BLACKPOOL, "-f", fmt, "--brief").out
        assert top and all(shown.format(p) in debug for c in top for p in c.facts), fmt
        assert not any(shown.format(p) in plain for c in top for p in c.facts), fmt
