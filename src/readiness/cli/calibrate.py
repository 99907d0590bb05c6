"""`readiness calibrate DIR`: fit the scoring policy's numbers to published scores, cross-validated."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import EXIT_OK, UsageError, emit, inputs, load_pack, sub_parser, write_output, write_output_check


def register(sub: Any) -> None:
    calibrate = sub_parser(sub, "calibrate", "fit the scoring policy's numbers to published CQC scores, cross-validated",
                           "Fit the numbers of the scoring policy to labelled cases (DIR/scores.csv and "
                           "DIR/profiles/<case>.yaml; docs/calibration.md), judged by leave-one-council-out "
                           "cross-validation, beside baselines.")
    calibrate.add_argument("dir", type=Path, metavar="DIR", help="folder of labelled cases")
    calibrate.add_argument("--format", "-f", choices=["table", "json"], default="table")
    calibrate.add_argument("--output", "-o", type=Path, metavar="FILE",
                           help="write the policy fitted on all cases to FILE (YAML, replaced in one step)")
    calibrate.add_argument("--rules", action="append", type=Path, metavar="DIR", default=[],
                           help="a council's own rule folder, added to the shipped pack (repeatable)")
    calibrate.add_argument("--policy", type=Path, metavar="FILE",
                           help="the policy to start from (default: the shipped one); its other settings are kept")
    calibrate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import readiness

    from ..calibrate import calibrate, load_cases
    from ..calibrate import report as calreport

    protect = inputs(args)
    if args.dir.is_dir():
        protect += [p for p in args.dir.rglob("*") if p.is_file()]
    if args.output is not None:
        write_output_check(args.output, protect)  # refuse before the work, not after it
        if args.output.is_dir():
            raise UsageError(f"--output {args.output} is a folder; give a file name")
    cases = load_cases(args.dir)
    start = readiness.load_policy(args.policy) if args.policy else None
    result = calibrate(cases, start, load_pack(args.rules))
    if args.format == "json":
        write_output(calreport.render_json(result), None, [])
    else:
        emit(lambda c: calreport.render_table(result, c), None, [])
    sys.stderr.write(f"calibrate: {len(cases)} cases, {result.evaluations} policy evaluations, "
                     f"{result.seconds:.1f} s\n")
    if args.output is not None:
        write_output(calreport.policy_yaml(result, str(args.dir)), args.output, protect)
    return EXIT_OK
