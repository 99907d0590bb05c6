"""`readiness init [FILE]`: a commented template profile to fill in (YAML, or a workbook with --format xlsx)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .common import EXIT_OK, UsageError, sub_parser, write_file, write_output, write_output_check


def register(sub: Any) -> None:
    init = sub_parser(sub, "init", "write a template profile to fill in: commented YAML, or a workbook (--format xlsx)")
    init.add_argument("file", nargs="?", type=Path, default=None,
                      help="where to write it (default: profile.yaml, or profile.xlsx with --format xlsx)")
    init.add_argument("--format", "-f", choices=FORMATS, default=None,
                      help="yaml: a commented YAML file (the default); xlsx: a workbook with a sheet per list, "
                           "dropdowns and the meaning of every field (docs/spreadsheets.md). FILE ending in .xlsx "
                           "chooses xlsx")
    init.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    init.set_defaults(run=run)


def template_text() -> str:
    from importlib.resources import files

    return files("readiness").joinpath("data/profile-template.yaml").read_text(encoding="utf-8")


def init_text(today: date) -> str:
    """The template with its example date replaced by `today`."""
    return template_text().replace("  as_of: 2025-01-01 ", f"  as_of: {today.isoformat()} ", 1)


FORMATS = ("yaml", "xlsx")


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("xlsx" if args.file is not None and args.file.suffix.lower() == ".xlsx" else "yaml")
    path: Path = args.file or Path(f"profile.{fmt}")
    if fmt == "xlsx" and path.suffix.lower() != ".xlsx":
        raise UsageError(f"--format xlsx writes a workbook: give a file name ending in .xlsx, not {path}")
    if fmt == "yaml" and path.suffix.lower() == ".xlsx":
        raise UsageError(f"{path} ends in .xlsx but --format is yaml; use --format xlsx for a workbook")
    if path.exists() and not args.force:
        raise UsageError(f"{path} already exists; choose another name, or use --force to overwrite it")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    # The template's fixed example date becomes today's, so a profile whose date nobody changed
    # is at least current (the engine itself never reads the clock).
    if fmt == "xlsx":
        from ..io.workbook.write import template_workbook

        write_output_check(path, [])
        write_file(path, template_workbook(date.today()))
    else:
        write_output(init_text(date.today()), path, [])
    sys.stderr.write(f"next: fill in {path} (council name and as_of first), then run: readiness check {path}\n")
    return EXIT_OK


