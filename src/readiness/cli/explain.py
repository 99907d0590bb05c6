"""`readiness explain PROFILE`: the full reasoning behind each statement's score."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    EXIT_OK, assessment_options, format_option, output_option, profile_argument, report_assessment, statement_option,
    sub_parser,
)


def register(sub: Any) -> None:
    explain = sub_parser(sub, "explain", "the full reasoning behind each statement's score")
    profile_argument(explain)
    statement_option(explain, "explain only this quality statement, by id or code (repeatable)")
    format_option(explain, "explain")
    output_option(explain)
    assessment_options(explain)
    explain.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report_assessment("explain", args)
    return EXIT_OK
