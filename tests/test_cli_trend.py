"""`readiness trend SNAPSHOT...`: exit codes, the refusals in an officer's words, every bad file
reported, and -o never overwriting an input. Snapshots are built in tmp_path from the test
council (tests/data/council.yaml and council-later.yaml) with their dates and a few facts changed."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

import readiness
from clihelp import COUNCIL, DATA, LATER, MALFORMED, PACK, TEST_OPTS, WAIVERS, pack_with_tests, run, run_process
from readiness.engine.trend import trend

MONTHS = {"june.yaml": (COUNCIL, "2024-06-30"), "july.yaml": (COUNCIL, "2024-07-31"),
          "august.yaml": (LATER, "2024-08-31")}


def write_snapshot(path, base, as_of, **council) -> None:
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    data["council"].update(as_of=as_of, **council)
    if path.name.startswith("july"):
        data["roles"] = [{"role": "psw", "status": "in-post", "independent_of_operations": True}]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture
def months(tmp_path):
    paths = {}
    for name, (base, as_of) in MONTHS.items():
        paths[name] = tmp_path / name
        write_snapshot(paths[name], base, as_of)
    return paths


def library_trend(files):
    pack = pack_with_tests()
    return trend([readiness.evaluate(readiness.load_profile(f), pack) for f in files], files)


def test_json_is_the_library_trend_whatever_the_order_given(capsys, months):
    given = [months["august.yaml"], months["june.yaml"], months["july.yaml"]]
    r = run(capsys, "trend", *given, *TEST_OPTS, "--format", "json")
    assert r.code == 0, r.err
    assert r.out == library_trend(given).to_json()
    data = json.loads(r.out)
    assert [s["as_of"] for s in data["snapshots"]] == ["2024-06-30", "2024-07-31", "2024-08-31"]
    assert [s["file"] for s in data["snapshots"]] == [str(months[n]) for n in ("june.yaml", "july.yaml", "august.yaml")]


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_each_format_exits_0(capsys, months, fmt):
    r = run(capsys, "trend", *months.values(), *TEST_OPTS, "-f", fmt)
    assert r.code == 0
    assert all(line.startswith("warning: ") and "have no source" in line for line in r.err.splitlines())
    assert "30 Jun" in r.out and "31 Aug" in r.out
    if fmt != "table":  # on a screen the name is plain text, shown as it is
        assert "<script>alert" not in r.out


def test_any_input_format_load_profile_reads_works(capsys, months, tmp_path):
    """A JSON snapshot among YAML ones: trend reads through load_profile, not by suffix."""
    as_json = tmp_path / "july.json"
    as_json.write_text(json.dumps(yaml.safe_load(months["july.yaml"].read_text(encoding="utf-8")), default=str),
                       encoding="utf-8")
    r = run(capsys, "trend", months["june.yaml"], as_json, months["august.yaml"], *TEST_OPTS, "-f", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["snapshots"][1]["file"] == str(as_json)


def test_a_workbook_snapshot_among_yaml_ones_gives_the_same_trend(capsys, months, tmp_path):
    """An officer who keeps one month as a spreadsheet (readiness export) sees the same trend."""
    pytest.importorskip("openpyxl")
    book = tmp_path / "july.xlsx"
    assert run(capsys, "export", months["july.yaml"], "-o", book).code == 0
    as_yaml = json.loads(run(capsys, "trend", *months.values(), *TEST_OPTS, "-f", "json").out)
    mixed = run(capsys, "trend", months["june.yaml"], book, months["august.yaml"], *TEST_OPTS, "-f", "json")
    assert mixed.code == 0, mixed.err
    mixed_data = json.loads(mixed.out)
    assert mixed_data["snapshots"][1]["file"] == str(book)
    for data in (as_yaml, mixed_data):
        for snap in data["snapshots"]:
            snap.pop("file")
    assert json.dumps(mixed_data, sort_keys=True, default=str).replace("july.xlsx", "july.yaml") == \
        json.dumps(as_yaml, sort_keys=True, default=str)


def test_the_options_of_diff_apply_to_every_snapshot(capsys, months, tmp_path):
    without = json.loads(run(capsys, "trend", *months.values(), "-f", "json").out)
    with_pack = json.loads(run(capsys, "trend", *months.values(), *TEST_OPTS, "-f", "json").out)
    assert without["snapshots"][0]["checks_total"] < with_pack["snapshots"][0]["checks_total"]
    assert run(capsys, "trend", *months.values(), "--as-of", "2024-01-01").code == 2  # not an option of trend


def test_ignored_waivers_are_warned_about_once(capsys, months):
    r = run(capsys, "trend", *months.values(), *TEST_OPTS, "--waivers", WAIVERS, "-f", "json")
    assert r.code == 0, r.err
    warnings = r.err.splitlines()
    assert len([w for w in warnings if "ignored malformed waiver" in w and "waivers.yaml:10" in w]) == 1
    assert len([w for w in warnings if "expired on 2020-01-01" in w]) == 1
    quiet = run(capsys, "trend", *months.values(), *TEST_OPTS, "--waivers", WAIVERS, "--no-waivers").err
    assert "ignored malformed waiver" not in quiet and "expired on" not in quiet


def test_unsourced_facts_are_counted_once_per_snapshot_naming_its_file(capsys, months, tmp_path):
    """Each snapshot says how many facts its findings rest on have no source, and where the list is;
    a snapshot whose facts all carry a source says nothing."""
    r = run(capsys, "trend", *months.values(), *TEST_OPTS, "-f", "json")
    assessments = [readiness.evaluate(readiness.load_profile(f), pack_with_tests()) for f in months.values()]
    lines = r.err.splitlines()
    for file, a in zip(months.values(), assessments):
        said = [line for line in lines if line.startswith(f"warning: {file}: ")]
        if a.unsourced_facts:
            assert len(said) == 1 and f"{len(a.unsourced_facts)} fact(s)" in said[0]
            assert f"readiness check {file}" in said[0]
        else:
            assert said == []
    assert any(a.unsourced_facts for a in assessments), "the test needs a snapshot with unsourced facts"
    strict = run(capsys, "trend", *months.values(), *TEST_OPTS, "--require-sources", "-f", "json").err
    assert "do not count (--require-sources)" in strict


# --- refusals: exit 2, one clear message, nothing on stdout ----------------------------------------


def test_two_snapshots_are_refused_pointing_to_diff(capsys, months):
    r = run(capsys, "trend", months["june.yaml"], months["july.yaml"])
    assert r.code == 2 and r.out == ""
    assert "at least 3 snapshots" in r.err and "readiness diff OLD NEW" in r.err
    assert str(months["june.yaml"]) in r.err and "Traceback" not in r.err


def test_different_councils_are_refused_naming_both_and_the_files(capsys, months, tmp_path):
    other = tmp_path / "elsewhere.yaml"
    write_snapshot(other, COUNCIL, "2024-09-30", name="Elsewhere District Council")
    r = run(capsys, "trend", *months.values(), other, *TEST_OPTS)
    assert r.code == 2 and r.out == ""
    assert f"error: {other}: field 'council.name'" in r.err
    assert "'Elsewhere District Council'" in r.err and str(months["june.yaml"]) in r.err


def test_two_snapshots_of_one_date_are_refused_naming_the_files(capsys, months, tmp_path):
    copy = tmp_path / "june-again.yaml"
    shutil.copy(months["june.yaml"], copy)
    r = run(capsys, "trend", *months.values(), copy, *TEST_OPTS)
    assert r.code == 2 and r.out == ""
    assert str(copy) in r.err and str(months["june.yaml"]) in r.err and "2024-06-30" in r.err


def test_every_bad_file_is_reported_as_a_load_error(capsys, months, tmp_path):
    missing = tmp_path / "missing.yaml"
    r = run(capsys, "trend", months["june.yaml"], MALFORMED, missing, months["july.yaml"])
    assert r.code == 2 and r.out == ""
    errors = [line for line in r.err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2, r.err
    assert "malformed.yaml:6" in errors[0] and "missing.yaml" in errors[1]
    assert "Traceback" not in r.err
    alone = run(capsys, "check", MALFORMED)  # said exactly as check says it
    assert alone.err.splitlines()[0] == errors[0]


def test_output_refuses_to_overwrite_a_snapshot(capsys, months):
    target = months["july.yaml"]
    before = target.read_bytes()
    r = run(capsys, "trend", *months.values(), *TEST_OPTS, "-f", "markdown", "-o", target)
    assert r.code == 2 and "refusing to write the report over an input file" in r.err
    assert target.read_bytes() == before


def test_output_refuses_to_overwrite_a_council_rule_file(capsys, months, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    rule_file = sorted(pack.glob("*.yaml"))[0]
    before = rule_file.read_bytes()
    r = run(capsys, "trend", *months.values(), "--rules", pack, "-f", "json", "-o", rule_file)
    assert r.code == 2 and "refusing" in r.err and rule_file.read_bytes() == before


def test_output_writes_a_new_file(capsys, months, tmp_path):
    out = tmp_path / "trend.html"
    r = run(capsys, "trend", *months.values(), *TEST_OPTS, "-f", "html", "-o", out)
    assert r.code == 0 and r.out == "" and f"wrote {out}" in r.err
    assert out.read_text(encoding="utf-8").count("<svg ") == 2


def test_as_a_process_with_the_committed_snapshots():
    files = sorted((DATA / "trend").glob("*.yaml"))
    p = run_process("trend", *files, "--format", "markdown")
    assert p.returncode == 0, p.stderr
    assert "| Quality statement | 31 Jan 2025 | 28 Feb 2025 | 31 Mar 2025 |" in p.stdout
    bad = run_process("trend", *files[:2])
    assert bad.returncode == 2 and "readiness diff" in bad.stderr and bad.stdout == ""


def test_help_lists_trend_after_diff(capsys):
    r = run(capsys, "--help")
    commands = re.findall(r"^    (\w+)", r.out, re.M)
    assert commands.index("trend") == commands.index("diff") + 1
    r = run(capsys, "trend", "--help")
    assert r.code == 0 and "--format" in r.out and "table,markdown,json,html" in r.out.replace(" ", "").replace(
        "{", "").replace("}", "")
