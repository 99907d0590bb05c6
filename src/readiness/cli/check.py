"""`readiness check PROFILE`: the 9 quality statement scores and the overall rating."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..reports.formats import ReportOptions
from .common import (
    assess, assessment_options, deliver, fail_under_option, format_option, inputs, output_option, statement_option,
    sub_parser, threshold_exit,
)


def register(sub: Any) -> None:
    check = sub_parser(sub, "check", "predict the 9 quality statement scores and the overall rating")
    check.add_argument("profile", type=Path, help="council profile (YAML or JSON)")
    format_option(check, "check")
    output_option(check)
    statement_option(check, "report only this quality statement, by id or code (repeatable)")
    fail_under_option(check)
    assessment_options(check)
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    assessment = assess(args)
    ids = args.statement
    deliver("check", args.format, assessment, args.output, inputs(args), ReportOptions(statements=ids),
            notes_of=assessment)
    return threshold_exit(assessment, args.fail_under, ids)
