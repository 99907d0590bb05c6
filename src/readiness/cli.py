"""The `readiness` command: a thin layer over the library API.

Exit codes: 0 ran and passed; 1 ran and a --fail-under threshold was breached; 2 bad usage
or bad input (the message names the file, line and field). Heavy imports happen inside the
commands so that `readiness --help` stays quick.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT = 0, 1, 2

EPILOG = """\
exit codes:
  0  ran, and no --fail-under threshold was breached
  1  ran, and a statement was predicted below --fail-under
  2  bad usage or bad input (profile, rules, waivers): the message names file, line and field

Scores are predictions from the evidence in the profile, not CQC judgements.
"""


class UsageError(Exception):
    """Bad command-line usage: printed as one line, exit 2."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, got {text!r}") from None


def _statement(text: str) -> str:
    from .framework import framework

    ids = framework().statement_ids
    if text not in ids:
        from .errors import suggest

        raise argparse.ArgumentTypeError(f"unknown quality statement {text!r}{suggest(text, ids)}; "
                                         f"expected one of: {', '.join(ids)}")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="readiness",
        description="Predict a council's CQC adult social care scores from its profile, with the reasons.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"readiness {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="predict the 9 quality statement scores and the overall rating",
                           epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("profile", type=Path, help="council profile (YAML or JSON)")
    _assessment_options(check)
    check.add_argument("--format", choices=["table", "json"], default="table")
    check.add_argument("--output", type=Path, help="write the report to FILE instead of the screen")
    check.add_argument("--statement", action="append", type=_statement, metavar="ID",
                       help="show only this quality statement (repeatable)")
    check.add_argument("--fail-under", type=int, choices=[1, 2, 3, 4], metavar="N",
                       help="exit 1 when any statement is predicted below N")
    check.set_defaults(run=cmd_check)
    return parser


def _assessment_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", type=Path, metavar="DIR", default=[],
                   help="a council's own rule folder, added to the shipped pack; same id overrides (repeatable)")
    p.add_argument("--policy", type=Path, metavar="FILE", help="a scoring policy to use instead of the shipped one")
    p.add_argument("--as-of", type=_date, metavar="DATE", help="measure ages from DATE instead of the profile's as_of")
    p.add_argument("--waivers", type=Path, metavar="FILE", help="accepted findings (rule, justification, owner, expires)")
    p.add_argument("--no-waivers", action="store_true", help="ignore --waivers and show the unwaived picture")


def assess(args: argparse.Namespace) -> Any:
    """Load everything the options name and evaluate: shared by check, explain, diff, batch."""
    import readiness

    profile = readiness.load_profile(args.profile)
    return assess_profile(profile, args)


def assess_profile(profile: Any, args: argparse.Namespace) -> Any:
    import readiness
    from .rules import shipped_pack_dir

    rules = readiness.load_rules(shipped_pack_dir(), *args.rules) if args.rules else readiness.load_rules()
    policy = readiness.load_policy(args.policy) if args.policy else None
    waivers, notes = [], []
    if args.waivers and not args.no_waivers:
        waivers, notes = readiness.load_waivers(args.waivers)
    assessment = readiness.evaluate(profile, rules, policy=policy, as_of=args.as_of, waivers=waivers)
    if notes:
        assessment.ignored_waivers = notes + assessment.ignored_waivers
    return assessment


def console(file: Any = None) -> Any:
    from rich.console import Console

    no_color = bool(os.environ.get("NO_COLOR"))
    return Console(file=file, no_color=no_color, highlight=False, soft_wrap=False,
                   width=None if (file or sys.stdout).isatty() else 160)


def write_output(text: str, output: Path | None, protect: list[Path]) -> None:
    """Print, or write atomically to a file that is not one of the inputs."""
    if output is None:
        sys.stdout.write(text)
        return
    target = output.resolve()
    for path in protect:
        if path is not None and path.exists() and target == path.resolve():
            raise UsageError(f"refusing to write the report over an input file: {output}")
    from .atomic import write_atomic

    write_atomic(output, text)


def cmd_check(args: argparse.Namespace) -> int:
    assessment = assess(args)
    if args.format == "json":
        write_output(assessment.to_json(), args.output, [args.profile])
    else:
        import io

        from .reports import terminal

        if args.output:
            buffer = io.StringIO()
            terminal.render(assessment, console(buffer), args.statement)
            write_output(buffer.getvalue(), args.output, [args.profile])
        else:
            terminal.render(assessment, console(), args.statement)
    return threshold_exit(assessment, args.fail_under, args.statement)


def threshold_exit(assessment: Any, fail_under: int | None, statement_ids: list[str] | None) -> int:
    if fail_under is None:
        return EXIT_OK
    low = [s for s in assessment.statements
           if (not statement_ids or s.id in statement_ids) and s.predicted_score < fail_under]
    for s in low:
        sys.stderr.write(f"below threshold: {s.name} predicted {s.predicted_score} (< {fail_under})\n")
    return EXIT_THRESHOLD if low else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - every error becomes one clear line unless --debug
        from .errors import ReadinessError

        if args.debug:
            raise
        if isinstance(exc, ReadinessError):
            sys.stderr.write(f"error: {exc.describe()}\n")
        elif isinstance(exc, UsageError):
            sys.stderr.write(f"error: {exc}\n")
        elif isinstance(exc, BrokenPipeError):
            return EXIT_OK
        else:
            sys.stderr.write(f"internal error: {type(exc).__name__}: {exc}\n(run again with --debug for details)\n")
        return EXIT_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
