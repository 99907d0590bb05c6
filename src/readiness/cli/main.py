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

from . import batch, calibrate, check, diff, explain, export, import_, init, rules, schema, trend, validate
from .common import DESCRIPTION, EPILOG, EXIT_INPUT, EXIT_OK, UsageError, prepared

COMMANDS = (check, explain, validate, rules, init, import_, export, schema, diff, trend, batch,
            calibrate)  # in the order `readiness --help` lists them


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
        with prepared(args.command, whole_process=argv is None):  # None: this process is the command
            return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - every error becomes one clear message unless --debug
        from ..model.errors import ReadinessError

        if args.debug:
            raise
        from ..reports.safe import neutralise

        if isinstance(exc, ReadinessError):
            sys.stderr.write(f"error: {neutralise(exc.describe())}\n")
        elif isinstance(exc, UsageError):
            sys.stderr.write(f"error: {neutralise(str(exc))}\n")
        elif isinstance(exc, BrokenPipeError):  # `readiness ... | head`: the reader left; say nothing
            _silence_stdout()
            return EXIT_OK
        elif isinstance(exc, RecursionError):
            sys.stderr.write("error: an input is nested too deeply to process (sections or lists inside one "
                             "another); see docs/security.md\n")
        elif isinstance(exc, OSError) and exc.errno is not None:
            sys.stderr.write(f"error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}\n")
        else:
            sys.stderr.write(f"internal error: {type(exc).__name__}: {exc}\n(run again with --debug for details)\n")
        return EXIT_INPUT


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit does not complain about the pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
