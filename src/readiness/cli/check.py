"""`readiness check PROFILE`: the 9 quality statement scores and the overall rating."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    assessment_options, fail_under_option, format_option, output_option, profile_argument, report_assessment,
    statement_option, sub_parser, threshold_exit,
)


def register(sub: Any) -> None:
    check = sub_parser(sub, "check", "predict the 9 quality statement scores and the overall rating")
    profile_argument(check)
    format_option(check, "check")
    output_option(check)
    statement_option(check, "report only this quality statement, by id or code (repeatable)")
    fail_under_option(check)
    assessment_options(check)
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return threshold_exit(report_assessment("check", args), args.fail_under, args.statement)
