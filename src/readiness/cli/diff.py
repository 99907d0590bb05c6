"""`readiness diff OLD NEW`: what changed between two snapshots of the same council."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import (
    EXIT_OK, assess_profile, assessment_options, deliver, format_option, inputs, load_context, output_option,
    sub_parser, warn_unsourced_summary,
)


def register(sub: Any) -> None:
    diff = sub_parser(sub, "diff", "what changed between two snapshots of the same council")
    diff.add_argument("old", type=Path, help="the earlier profile")
    diff.add_argument("new", type=Path, help="the later profile")
    format_option(diff, "diff")
    output_option(diff)
    assessment_options(diff, as_of=False)
    diff.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import readiness
    from ..engine.diff import compare

    ctx = load_context(args)
    old = assess_profile(readiness.load_profile(args.old), ctx)
    new = assess_profile(readiness.load_profile(args.new), ctx)
    for file, assessment in ((args.old, old), (args.new, new)):
        warn_unsourced_summary(file, assessment)
    deliver("diff", args.format, compare(old, new), args.output, inputs(args))
    return EXIT_OK
