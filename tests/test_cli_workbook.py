"""`readiness init --format xlsx`, `export` and `import`, and every command reading a workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

pytest.importorskip("openpyxl")

from clihelp import COUNCIL, LATER, run  # noqa: E402
from conftest import EXAMPLES  # noqa: E402
from readiness import load_profile  # noqa: E402


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    """tests/data/council.yaml and its later self, exported (one workbook each, made once)."""
    from readiness.io.workbook.write import profile_workbook

    folder = tmp_path_factory.mktemp("exported")
    out = []
    for source in (COUNCIL, LATER):
        path = folder / f"{source.stem}.xlsx"
        path.write_bytes(profile_workbook(load_profile(source)))
        out.append(path)
    return out[0], out[1]


def test_init_writes_the_workbook_template(capsys, tmp_path):
    path = tmp_path / "ours.xlsx"
    r = run(capsys, "init", "--format", "xlsx", path)
    assert r.code == 0 and f"readiness check {path}" in r.err
    profile = load_profile(path)
    assert profile.council.name == "Your Council" and profile.council.as_of == date.today()
    before = path.read_bytes()
    r = run(capsys, "init", "--format", "xlsx", path)
    assert r.code == 2 and "already exists" in r.err and path.read_bytes() == before
    assert run(capsys, "init", "--format", "xlsx", "--force", path).code == 0


def test_init_chooses_the_format_by_the_file_and_keeps_yaml_the_default(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init").code == 0 and Path("profile.yaml").read_text().startswith("#")
    assert run(capsys, "init", "--format", "xlsx").code == 0 and Path("profile.xlsx").read_bytes()[:2] == b"PK"
    assert run(capsys, "init", "other.xlsx").code == 0 and load_profile(Path("other.xlsx"))
    r = run(capsys, "init", "--format", "xlsx", "wrong.yaml")
    assert r.code == 2 and "ending in .xlsx" in r.err and not Path("wrong.yaml").exists()


def test_export_then_import_gives_yaml_that_loads_to_the_same_profile(capsys, tmp_path):
    book = tmp_path / "blackpool.xlsx"
    r = run(capsys, "export", EXAMPLES / "blackpool-2024.yaml", "-o", book)
    assert r.code == 0 and f"wrote {book}" in r.err
    r = run(capsys, "import", book)
    assert r.code == 0 and r.out.startswith("# Imported by `readiness import` from blackpool.xlsx")
    data = yaml.safe_load(r.out)
    assert load_profile(data).model_dump() == load_profile(EXAMPLES / "blackpool-2024.yaml").model_dump()
    assert "source" in data["council"]  # sources are kept
    out = tmp_path / "back.yaml"
    assert run(capsys, "import", book, "-o", out).code == 0
    assert load_profile(out).model_dump() == load_profile(data).model_dump()


def test_export_needs_an_xlsx_output_and_never_overwrites_its_input(capsys, tmp_path, exported):
    book, _ = exported
    assert "give its name with -o" in run(capsys, "export", COUNCIL).err
    r = run(capsys, "export", COUNCIL, "-o", tmp_path / "x.yaml")
    assert r.code == 2 and "must end in .xlsx" in r.err
    copy = tmp_path / "in.xlsx"
    copy.write_bytes(book.read_bytes())
    r = run(capsys, "export", copy, "-o", copy)
    assert r.code == 2 and "over an input file" in r.err and copy.read_bytes() == book.read_bytes()


def test_import_refuses_what_is_not_a_workbook(capsys):
    r = run(capsys, "import", COUNCIL)
    assert r.code == 2 and "is not a workbook" in r.err


def test_every_command_reads_a_workbook(capsys, tmp_path, exported):
    book, later = exported
    yaml_check = run(capsys, "check", COUNCIL, "--format", "json")
    r = run(capsys, "check", book, "--format", "json")
    assert r.code == 0 and r.out == yaml_check.out.replace(str(COUNCIL), str(book))
    assert run(capsys, "explain", book).code == 0
    r = run(capsys, "validate", book)
    assert r.code == 0 and str(book) in r.out
    r = run(capsys, "diff", book, later)
    assert r.code == 0 and r.out == run(capsys, "diff", COUNCIL, LATER).out.replace(
        str(COUNCIL), str(book)).replace(str(LATER), str(later))
    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(book.read_bytes())
    (folder / "b.yaml").write_text(COUNCIL.read_text())
    r = run(capsys, "batch", folder, "--format", "csv")
    assert r.code == 0 and "a.xlsx" in r.out and "b.yaml" in r.out


def test_a_bad_workbook_is_one_located_error_and_nothing_is_written(capsys, tmp_path, exported):
    import openpyxl

    book, _ = exported
    wb = openpyxl.load_workbook(book)
    rows = {r[1].value: r for r in wb["Council"].iter_rows(min_row=2)}
    rows["workforce.turnover_percent"][2].value = "lots"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    out = tmp_path / "report.txt"
    for argv in (("check", bad, "-o", out), ("import", bad, "-o", out), ("explain", bad, "-o", out)):
        r = run(capsys, *argv)
        assert r.code == 2
        assert not out.exists()
    r = run(capsys, "validate", bad)  # validate's report is the list of problems
    assert r.code == 2 and "Council!C" in r.out
    r = run(capsys, "check", bad)
    row = [r[1].value for r in wb["Council"].iter_rows(min_row=2)].index("workforce.turnover_percent") + 2
    assert r.err.startswith(f"error: {bad}: Council!C{row}: field 'workforce.turnover_percent': got 'lots'")


def test_import_writes_text_exactly_to_a_file(capsys, tmp_path):
    from readiness.io.workbook.write import profile_workbook

    data = load_profile(COUNCIL).model_dump(exclude_computed_fields=True)
    data["council"]["name"] = "Council \u202e of \u0085 next line"  # shown escaped on a screen, kept in a file
    book, out = tmp_path / "c.xlsx", tmp_path / "c.yaml"
    book.write_bytes(profile_workbook(load_profile(data)))
    assert run(capsys, "import", book, "-o", out).code == 0
    assert load_profile(out).council.name == data["council"]["name"]
    r = run(capsys, "import", book)
    assert "\u202e" not in r.out
