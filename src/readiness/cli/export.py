"""`readiness export PROFILE -o FILE.xlsx`: a profile (any input format) as a workbook to fill in further."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import EXIT_OK, UsageError, inputs, output_option, profile_argument, sub_parser, write_file, write_output_check


def register(sub: Any) -> None:
    export = sub_parser(sub, "export", "write a profile as a spreadsheet (.xlsx) to fill in and share",
                        description="Write a profile as a workbook: a Council sheet of single facts and one sheet "
                                    "per list (docs/spreadsheets.md). `readiness import` or `readiness check` read "
                                    "it back as the same profile.")
    profile_argument(export)
    output_option(export)
    export.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import readiness
    from ..io.workbook.write import profile_workbook

    if args.output is None:
        raise UsageError("export writes a workbook: give its name with -o, e.g. -o profile.xlsx")
    if args.output.suffix.lower() != ".xlsx":
        raise UsageError(f"--output {args.output} must end in .xlsx (export writes an Excel workbook)")
    write_output_check(args.output, inputs(args))
    profile = readiness.load_profile(args.profile)
    write_file(args.output, profile_workbook(profile, str(args.profile)))
    sys.stderr.write(f"next: add to it or share it; readiness reads it as it is: readiness check {args.output}\n")
    return EXIT_OK
