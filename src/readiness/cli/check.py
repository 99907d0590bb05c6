"""`readiness check PROFILE`: the 9 quality statement scores and the overall rating."""

from __future__ import annotations

import argparse
from typing import Any

from ..reports.formats import find, formats_for
from .common import (
    UsageError, assessment_options, fail_under_option, format_option, output_option, profile_argument, report_assessment,
    statement_option, sub_parser, threshold_exit,
)


def register(sub: Any) -> None:
    check = sub_parser(sub, "check", "predict the 9 quality statement scores and the overall rating")
    profile_argument(check)
    format_option(check, "check")
    output_option(check)
    statement_option(check, "report only this quality statement, by id or code (repeatable)")
    fail_under_option(check)
    brief = ", ".join(f.name for f in formats_for("check") if f.brief)
    check.add_argument("--brief", action="store_true",
                       help=f"the one-page brief for a board paper (with --format {brief}): the rating, the nine "
                            "scores with coverage, the top risks and strengths with their sources, the path to the "
                            "next rating and the top things to collect")
    assessment_options(check)
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.brief and not find("check", args.format).brief:
        allowed = " or ".join(f"--format {f.name}" for f in formats_for("check") if f.brief)
        raise UsageError(f"--brief is a one-page brief in Markdown or HTML: use it with {allowed}, "
                         f"not --format {args.format}")
    return threshold_exit(report_assessment("check", args), args.fail_under, args.statement)
