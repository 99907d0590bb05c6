"""The `readiness` command: a thin layer over the library API, one module per command.

Every report is rendered from its model by a module in readiness.reports, chosen from the
format registry (reports.formats); a command module only reads options, calls the library
and hands the result to cli.common.deliver.

Exit codes: 0 ran and passed; 1 ran and a --fail-under threshold was breached (or `rules
test` found failures); 2 bad usage or bad input (the message names the file, line and field).
Heavy imports happen inside the commands so that `readiness --help` stays quick.
"""

from __future__ import annotations

import argparse
import sys

from . import batch, calibrate, check, diff, explain, init, rules, schema
from .common import DESCRIPTION, EPILOG, EXIT_INPUT, EXIT_OK, UsageError

COMMANDS = (check, explain, rules, init, schema, diff, batch, calibrate)  # in the order `readiness --help` lists them


def build_parser() -> argparse.ArgumentParser:
    from ..model.release import __version__

    parser = argparse.ArgumentParser(prog="readiness", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"readiness {__version__}")
    parser.add_argument("--debug", action="store_true", default=False, help="show a traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error argparse has already printed
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - every error becomes one clear message unless --debug
        from ..model.errors import ReadinessError

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
