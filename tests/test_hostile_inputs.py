"""Hostile inputs (issue 12): every one is a clear error naming the file (exit 2), or, where the
input is valid, is shown literally (exit 0); never `internal error`, never unbounded time or
memory (measured here, in the test's own process), and nothing destroyed. Attack files are
generated small, in tmp_path; none is committed."""

from __future__ import annotations

import json
import os
import stat
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from clihelp import COUNCIL, run
from readiness.io.packs import shipped_pack_dir

SECONDS, MEGABYTES = 20.0, 200  # generous: the attacks without the bounds took minutes and gigabytes


@contextmanager
def bounded():
    tracemalloc.start()
    start = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < SECONDS, f"took {elapsed:.1f}s"
    assert peak < MEGABYTES * 2**20, f"peak {peak / 2**20:.0f} MB"


def refused(capsys, path: Path, *argv, code: int = 2):
    with bounded():
        r = run(capsys, *argv)
    assert r.code == code, r.err
    assert "internal error" not in r.err and "Traceback" not in r.err
    if code == 2:
        assert r.err.count("error:") == 1 and str(path) in r.err
        assert len(r.err) < 2000
    return r


def profile_text() -> str:
    return COUNCIL.read_text(encoding="utf-8")


def council_with(name: str) -> str:
    data = yaml.safe_load(profile_text())
    data["council"]["name"] = name
    return yaml.safe_dump(data, allow_unicode=True)


# --- 1. --output ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder", "device", "pack", "package"])
def test_output_refuses_anything_but_a_new_path_or_a_regular_file(capsys, tmp_path, kind):
    target = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        (tmp_path / "real.txt").write_text("keep")
        target.symlink_to(tmp_path / "real.txt")
    elif kind == "folder":
        target.mkdir()
    elif kind == "device":
        target = Path("/dev/null")
    elif kind == "pack":
        target = shipped_pack_dir() / "safeguarding.yaml"
    else:
        import readiness
        target = Path(readiness.__file__).parent / "report.txt"
    before = os.lstat(target) if os.path.lexists(target) else None
    before_bytes = target.read_bytes() if kind == "pack" else None
    refused(capsys, target, "check", COUNCIL, "-o", target)
    if before is not None:
        after = os.lstat(target)
        assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    if kind == "symlink":
        assert (tmp_path / "real.txt").read_text() == "keep"
    if kind == "pack":
        assert target.read_bytes() == before_bytes
    if kind == "package":
        assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_over_a_hard_link_to_the_input_is_refused(capsys, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(profile_text())
    (tmp_path / "link.txt").hardlink_to(profile)
    refused(capsys, tmp_path / "link.txt", "check", profile, "-o", tmp_path / "link.txt")
    assert profile.read_text() == profile_text()


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path, monkeypatch):
    import signal

    from readiness.io import atomic

    real = os.fsync

    def interrupted(fd):
        real(fd)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(SystemExit):
        atomic.write_atomic(tmp_path / "r.txt", "x")
    assert list(tmp_path.iterdir()) == []


# --- 2. batch ---------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["? [a]\n: 1\n", "council:\n  name: " + "[" * 5000 + "]" * 5000 + "\n"])
def test_one_odd_file_is_its_row_and_the_batch_writes_its_report(capsys, tmp_path, bad):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(profile_text())
    (folder / "b.yaml").write_text(bad)
    (folder / "c.yaml").write_text(profile_text())
    out = tmp_path / "batch.json"
    with bounded():
        r = run(capsys, "batch", folder, "-f", "json", "-o", out)
    assert r.code == 2 and "internal error" not in r.err and "b.yaml" in r.err
    rows = json.loads(out.read_text())
    text = json.dumps(rows)
    assert "a.yaml" in text and "b.yaml" in text and "c.yaml" in text


def test_batch_goes_on_after_any_exception(capsys, tmp_path, monkeypatch):
    import readiness

    real = readiness.load_profile

    def boom(path):
        if Path(path).name == "b.yaml":
            raise TypeError("unhashable type: 'list'")
        return real(path)

    monkeypatch.setattr(readiness, "load_profile", boom)
    for name in "ab":
        (tmp_path / f"{name}.yaml").write_text(profile_text())
    r = run(capsys, "batch", tmp_path / "a.yaml", tmp_path / "b.yaml", "-f", "json")
    assert r.code == 2 and "internal error" not in r.err
    assert "a.yaml" in r.out and "b.yaml" in r.out


# --- 3. bounded YAML and file kinds -----------------------------------------------------------


def bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


KINDS = {  # command line for each kind of YAML input, given the attack file
    "profile": lambda f: ["check", f],
    "waivers": lambda f: ["check", COUNCIL, "--waivers", f],
    "policy": lambda f: ["check", COUNCIL, "--policy", f],
    "rules": lambda f: ["rules", "validate", f.parent],
}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("attack", ["bomb", "wide-string", "merge", "deep", "huge-int", "inf"])
def test_yaml_attacks_on_every_reader(capsys, tmp_path, kind, attack):
    folder = tmp_path / "pack"
    folder.mkdir()
    f = folder / "x.yaml"
    text = {
        "bomb": bomb(),
        "wide-string": "s: &s " + "y" * 200_000 + "\n" + "".join(f"k{i}: *s\n" for i in range(200)),
        "merge": "base: &b {a: 1}\nwaivers:\n  <<: *b\n",
        "deep": "x: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "huge-int": "policy_version: 1" + "0" * 5000 + "\n",
        "inf": "policy_version: .inf\n",
    }[attack]
    f.write_text(text)
    r = refused(capsys, f, *KINDS[kind](f))
    assert len(r.out) < 10_000


def test_a_valid_profile_aliasing_one_long_title_is_refused_not_multiplied(capsys, tmp_path):
    data = yaml.safe_load(profile_text())
    f = tmp_path / "p.yaml"
    text = yaml.safe_dump(data) + "notes_anchor: &t " + "z" * 300_000 + "\n" + "".join(
        f"n{i}: *t\n" for i in range(100))
    f.write_text(text)
    refused(capsys, f, "check", f, "-f", "json")


def test_an_input_over_the_size_limit_is_refused_before_parsing(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("READINESS_MAX_INPUT_BYTES", "1000")
    f = tmp_path / "p.yaml"
    f.write_text(profile_text() + "#" * 2000 + "\n")
    r = refused(capsys, f, "check", f)
    assert "READINESS_MAX_INPUT_BYTES" in r.err


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_fifo_or_dev_zero_is_refused_at_once(capsys, tmp_path, kind):
    folder = tmp_path / "pack"
    folder.mkdir()
    fifo = folder / "x.yaml"
    os.mkfifo(fifo)
    if kind == "rules":
        r = refused(capsys, folder, *KINDS[kind](fifo))
    else:
        refused(capsys, fifo, *KINDS[kind](fifo))
        refused(capsys, Path("/dev/zero"), *KINDS[kind](Path("/dev/zero")))


# --- 4. markup and control characters -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html", "junit"])
@pytest.mark.parametrize("name", ["Council [/x] of [draft] [link=https://evil.example]here[/link]",
                                  "Evil\x1b]0;owned\x07\x1b[2J\x9b31m council\u202e"])
def test_names_are_shown_literally_and_escapes_neutralised(capsys, tmp_path, fmt, name):
    f = tmp_path / "p.yaml"
    f.write_text(council_with(name))
    out = tmp_path / "r.out"
    r = refused(capsys, f, "check", f, "-f", fmt, "-o", out, code=0)
    text = out.read_text(encoding="utf-8")
    for char in "\x1b\x07\x9b\u202e":
        assert char not in text and char not in r.err
    if "[draft]" in name and fmt in ("table",):
        assert "[draft]" in text and "[/x]" in text and "[link=https://evil.example]" in text


def test_explain_diff_and_batch_show_markup_literally(capsys, tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text(council_with("A [/x] [bold]council\x1b[31m"))
    for argv in (["explain", f], ["diff", COUNCIL, f], ["batch", f, COUNCIL]):
        r = refused(capsys, f, *argv, code=0)
        assert "[/x]" in r.out and "\x1b" not in r.out


# --- 5. JSON --------------------------------------------------------------------------------


def _json_profile(name: str) -> str:
    data = yaml.safe_load(profile_text())
    data["council"]["name"] = name
    return json.dumps(data, default=str, indent=2)


def test_json_with_an_escaped_emoji_loads(capsys, tmp_path):
    f = tmp_path / "p.json"
    f.write_text(_json_profile("Bristol \U0001f3f4"))
    assert "\\ud83c\\udff4" in f.read_text()
    r = refused(capsys, f, "check", f, "-f", "json", code=0)
    assert "Bristol \U0001f3f4" in r.out


def test_a_lone_surrogate_is_refused_with_its_line(capsys, tmp_path):
    f = tmp_path / "p.json"
    f.write_text(_json_profile("Bristol \U0001f3f4").replace("\\udff4", ""))
    r = refused(capsys, f, "check", f)
    assert f"{f}:" in r.err and "surrogate" in r.err


def test_json_syntax_errors_keep_line_and_column(capsys, tmp_path):
    f = tmp_path / "p.json"
    f.write_text('{\n  "council": {"name": "x",}\n}\n')
    r = refused(capsys, f, "check", f)
    assert f"{f}:2" in r.err and "column" in r.err


# --- 6. no internal error -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1" + "0" * 5000, "NaN", "Infinity", "1e999"])
def test_json_numbers_that_cannot_be_used_are_refused(capsys, tmp_path, value):
    f = tmp_path / "p.json"
    f.write_text(_json_profile("X").replace('"council": {', f'"council": {{"x": {value}, ', 1))
    refused(capsys, f, "check", f)


def test_a_policy_missing_a_points_entry_is_a_located_error(capsys, tmp_path):
    shipped = next((shipped_pack_dir() / "policy").glob("*.yaml"))
    data = yaml.safe_load(shipped.read_text())
    data["category_score"]["points"].pop("good-strength")
    f = tmp_path / "policy.yaml"
    f.write_text(yaml.safe_dump(data))
    r = refused(capsys, f, "check", COUNCIL, "--policy", f)
    assert "good-strength" in r.err


def test_two_waivers_for_one_rule_is_an_error(capsys, tmp_path):
    w = {"rule": "x", "justification": "j", "owner": "o", "expires": "2999-01-01"}
    f = tmp_path / "w.yaml"
    f.write_text(yaml.safe_dump({"waivers": [w, w]}))
    r = refused(capsys, f, "check", COUNCIL, "--waivers", f)
    assert f"{f}:" in r.err


def test_stdout_on_a_full_disk_is_a_clear_error(capsys, monkeypatch):
    import errno
    import sys

    class Full:
        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            pass

        def isatty(self):
            return False

    monkeypatch.setattr(sys, "stdout", Full())
    with bounded():
        from readiness.cli.main import main
        code = main(["check", str(COUNCIL), "-f", "json"])
    err = capsys.readouterr().err
    assert code == 2 and "No space left" in err and "internal error" not in err


def test_a_closed_pipe_is_quiet():
    import subprocess
    import sys

    proc = subprocess.run(f"{sys.executable} -m readiness check {COUNCIL} -f json | head -c 10 > /dev/null",
                          shell=True, capture_output=True, text=True, timeout=60)
    assert "Error" not in proc.stderr and "internal error" not in proc.stderr


def test_the_library_refuses_inf_from_a_dict():
    import math

    import readiness
    from readiness.model.errors import ReadinessError

    data = yaml.safe_load(profile_text())
    data["council"]["population"] = math.inf
    with pytest.raises(ReadinessError):
        readiness.load_profile(data)


# --- 6. spreadsheets (issue 11) ----------------------------------------------------------------
# Every hostile workbook is refused by `check` and `import` with one clear message naming the file,
# exit 2, nothing written, in bounded time and memory.


def _minimal_xlsx(sheet_xml: bytes | None = None) -> bytes:
    """A real workbook (the exported test council) whose Feedback sheet may be replaced."""
    import io
    import re
    import zipfile

    from readiness import load_profile
    from readiness.io.workbook.write import profile_workbook

    data = profile_workbook(load_profile(COUNCIL))
    if sheet_xml is None:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    titles = re.findall(r'<sheet [^>]*name="([^"]+)"', source.read("xl/workbook.xml").decode())
    part = f"xl/worksheets/sheet{titles.index('Feedback') + 1}.xml"  # openpyxl numbers them in order
    assert part in source.namelist()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in source.namelist():
            z.writestr(name, sheet_xml if name == part else source.read(name))
    return out.getvalue()


def _rows_xml(rows: int) -> bytes:
    head = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>group</t></is></c><c r="B1" t="inlineStr"><is><t>about'
            '</t></is></c><c r="C1" t="inlineStr"><is><t>sentiment</t></is></c></row>')
    body = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>staff</t></is></c><c r="B{r}" t="inlineStr">'
                   f'<is><t>view {r}</t></is></c><c r="C{r}" t="inlineStr"><is><t>positive</t></is></c></row>'
                   for r in range(2, rows + 2))
    return (head + body + "</sheetData></worksheet>").encode()


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _declaring(data: bytes, size: int) -> bytes:
    """The zip with every member's declared unpacked size (local and central headers) set to `size`."""
    import struct

    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(signature)
        while at >= 0:
            struct.pack_into("<I", out, at + offset, size)
            at = out.find(signature, at + 4)
    return bytes(out)


WORKBOOK_ATTACKS = {
    "renamed-csv": (lambda: b"council.name,council.as_of\nTest,2024-01-01\n", "CSV file renamed"),
    "zip-not-xlsx": (lambda: _zip({"notes.txt": b"hello"}), "a zip file but not an Excel workbook"),
    "encrypted": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, "password-protected workbook"),
    "damaged": (lambda: _minimal_xlsx()[:3000], "damaged"),
    "declared-bomb": (lambda: _declaring(_zip({"xl/workbook.xml": b"<x/>"}), 4_000_000_000), "READINESS_MAX_WORKBOOK_BYTES"),
    "ratio-bomb": (lambda: _zip({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * 30_000_000}),
                   "READINESS_MAX_COMPRESSION_RATIO"),
    "lying-size": (lambda: _declaring(_zip({"xl/workbook.xml": b"<" + b"x" * 5_000_000 + b"/>"}), 1000), "damaged"),
    "100000-rows": (lambda: _minimal_xlsx(_rows_xml(100_000)), "more than 10,000 filled rows"),
    "far-cell": (lambda: _minimal_xlsx(_rows_xml(1)[:-len(b"</sheetData></worksheet>")] + (
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')),
        "Feedback!XFD1048576: a value in a column with no name"),
}


@pytest.mark.parametrize("attack", sorted(WORKBOOK_ATTACKS))
def test_hostile_workbooks_are_refused(capsys, tmp_path, attack):
    make, words = WORKBOOK_ATTACKS[attack]
    book = tmp_path / "profile.xlsx"
    book.write_bytes(make())
    out = tmp_path / "out.txt"
    for argv in (("check", book, "-o", out), ("import", book, "-o", out)):
        r = refused(capsys, book, *argv)
        assert words in r.err, r.err
        assert not out.exists()


def test_a_workbook_over_a_limit_names_the_knob_and_obeys_it(capsys, tmp_path, monkeypatch):
    book = tmp_path / "profile.xlsx"
    book.write_bytes(_minimal_xlsx(_rows_xml(30)))
    monkeypatch.setenv("READINESS_MAX_ROWS", "20")
    assert "more than 20 filled rows" in refused(capsys, book, "check", book).err
    monkeypatch.setenv("READINESS_MAX_ROWS", "1000")  # (the Council sheet has a row per fact)
    assert run(capsys, "check", book).code == 0
