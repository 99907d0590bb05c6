"""`readiness trend SNAPSHOT...`: how one council's readiness moved over three or more snapshots."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import (
    EXIT_INPUT, EXIT_OK, assess_profile, assessment_options, deliver, format_option, inputs, load_context,
    output_option, sub_parser, warn_unsourced_summary, write_output_check,
)


def register(sub: Any) -> None:
    trend = sub_parser(sub, "trend", "how one council's readiness moved over three or more dated snapshots")
    trend.add_argument("snapshots", nargs="+", type=Path, metavar="SNAPSHOT",
                       help="the council's profiles, in any order (each is placed by its council.as_of)")
    format_option(trend, "trend")
    output_option(trend)
    assessment_options(trend, as_of=False)
    trend.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import readiness
    from ..engine.trend import require_enough, trend
    from ..model.errors import ReadinessError
    from ..reports.safe import neutralise

    require_enough(args.snapshots)
    protect = inputs(args) + args.snapshots
    if args.output is not None:
        write_output_check(args.output, protect)  # refuse before the work, not after it
    ctx = load_context(args)
    assessments, failed = [], False
    for file in args.snapshots:  # every bad file is reported, not only the first
        try:
            assessments.append(assess_profile(readiness.load_profile(file), ctx))
        except ReadinessError as exc:
            sys.stderr.write(f"error: {neutralise(exc.describe())}\n")
            failed = True
    if failed:
        return EXIT_INPUT
    for note in dict.fromkeys(n for a in assessments for n in a.ignored_waivers):  # once, not once a snapshot
        sys.stderr.write(f"warning: {neutralise(note)}\n")
    for file, assessment in zip(args.snapshots, assessments):
        warn_unsourced_summary(file, assessment)
    deliver("trend", args.format, trend(assessments, args.snapshots), args.output, protect)
    return EXIT_OK
