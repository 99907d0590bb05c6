"""Writing a file wholly or not at all."""

from __future__ import annotations

import pytest

from readiness.io import atomic
from readiness.io.atomic import write_atomic


def test_writes_and_replaces(tmp_path):
    path = tmp_path / "out.json"
    write_atomic(path, "one\n")
    write_atomic(path, "two\n")
    assert path.read_text() == "two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    path.write_text("old")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_new_file_gets_the_usual_permissions_not_private_ones(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        target = tmp_path / "report.html"
        write_atomic(target, "x")
        assert target.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(old)


def test_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_text(encoding="utf-8") == "new"


def test_writes_bytes_exactly(tmp_path):
    target = tmp_path / "book.xlsx"
    data = bytes(range(256)) * 4
    write_atomic(target, data)
    assert target.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]
