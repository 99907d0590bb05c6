"""`readiness explain PROFILE`: the full reasoning behind each statement's score."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..reports.formats import ReportOptions
from .common import EXIT_OK, assess, assessment_options, deliver, format_option, inputs, output_option, statement_option, sub_parser


def register(sub: Any) -> None:
    explain = sub_parser(sub, "explain", "the full reasoning behind each statement's score")
    explain.add_argument("profile", type=Path, help="council profile (YAML or JSON)")
    statement_option(explain, "explain only this quality statement, by id or code (repeatable)")
    format_option(explain, "explain")
    output_option(explain)
    assessment_options(explain)
    explain.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    assessment = assess(args)
    deliver("explain", args.format, assessment, args.output, inputs(args), ReportOptions(statements=args.statement),
            notes_of=assessment)
    return EXIT_OK
