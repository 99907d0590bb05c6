"""`readiness import FILE.xlsx [-o PROFILE.yaml]`: a profile workbook as a YAML profile.

(`import` is a Python keyword, hence the module's name.)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import EXIT_OK, UsageError, inputs, output_option, sub_parser, write_file, write_output, write_output_check


def register(sub: Any) -> None:
    p = sub_parser(sub, "import", "turn a profile workbook (.xlsx) into a YAML profile",
                   description="Read a profile workbook (from `readiness init --format xlsx` or `readiness "
                               "export`) and print it as a YAML profile, sources kept. Every problem is listed "
                               "with its sheet and cell.")
    p.add_argument("profile", type=Path, help="the profile workbook (.xlsx)")
    output_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import readiness
    from ..io.profiles import profile_yaml

    if args.profile.suffix.lower() != ".xlsx":
        raise UsageError(f"{args.profile} is not a workbook (.xlsx): import reads spreadsheets; a YAML or JSON "
                         "profile is already a profile")
    profile = readiness.load_profile(args.profile)
    text = profile_yaml(profile, f"Imported by `readiness import` from {args.profile.name}")
    if args.output is None:
        write_output(text, None, inputs(args))  # on screen, control characters are neutralised
    else:  # a file is data: written exactly, so that it loads to the same profile
        write_output_check(args.output, inputs(args))
        write_file(args.output, text)
    return EXIT_OK
