"""`readiness validate PROFILE...`: check profiles without scoring, every problem at once."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .batch import batch_files
from .common import EXIT_INPUT, EXIT_OK, deliver, format_option, output_option, sub_parser


def register(sub: Any) -> None:
    validate = sub_parser(sub, "validate", "check profiles without scoring: every problem with its file, line and field")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PROFILE|DIR",
                          help="profiles, or folders of them (*.yaml, *.yml, *.json, *.xlsx)")
    format_option(validate, "validate")
    output_option(validate)
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import readiness
    from ..engine.run import run as run_rules
    from ..model.errors import ReadinessError
    from ..reports.validation import FileCheck

    files = batch_files(args.paths)
    pack = readiness.load_rules()
    checks = []
    for file in files:
        check = FileCheck(str(file))
        try:
            profile = readiness.load_profile(file)
        except ReadinessError as exc:
            check.problems = sorted(exc.problems, key=lambda p: (p.line or 0, p.field or ""))
        else:
            check.notes += [u.note() for u in run_rules(profile, pack).unused_indicators]
        checks.append(check)
    deliver("validate", args.format, checks, args.output, files)
    return EXIT_OK if all(c.ok for c in checks) else EXIT_INPUT
