"""`readiness init [FILE]`: a commented template profile to fill in."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .common import EXIT_OK, UsageError, sub_parser, write_output


def register(sub: Any) -> None:
    init = sub_parser(sub, "init", "write a commented template profile to fill in")
    init.add_argument("file", nargs="?", type=Path, default=Path("profile.yaml"),
                      help="where to write it (default: profile.yaml)")
    init.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    init.set_defaults(run=run)


def template_text() -> str:
    from importlib.resources import files

    return files("readiness").joinpath("data/profile-template.yaml").read_text(encoding="utf-8")


def init_text(today: date) -> str:
    """The template with its example date replaced by `today`."""
    return template_text().replace("  as_of: 2025-01-01 ", f"  as_of: {today.isoformat()} ", 1)


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.exists() and not args.force:
        raise UsageError(f"{path} already exists; choose another name, or use --force to overwrite it")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    # The template's fixed example date becomes today's, so a profile whose date nobody changed
    # is at least current (the engine itself never reads the clock).
    write_output(init_text(date.today()), path, [])
    sys.stderr.write(f"next: fill in {path} (council name and as_of first), then run: readiness check {path}\n")
    return EXIT_OK


