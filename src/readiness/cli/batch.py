"""`readiness batch DIR|FILE...`: many councils side by side, one row each."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..io.formats import profile_suffixes
from .common import (
    EXIT_INPUT, EXIT_OK, EXIT_THRESHOLD, UsageError, assess_profile, assessment_options, deliver, fail_under_option,
    format_option, inputs, load_context, output_option, sub_parser, write_output_check,
)


def _patterns() -> str:
    return ", ".join(f"*{s}" for s in profile_suffixes())


def register(sub: Any) -> None:
    batch = sub_parser(sub, "batch", "many councils side by side, one row each")
    batch.add_argument("paths", nargs="+", type=Path, metavar="DIR|FILE",
                       help=f"profiles, or folders of them ({_patterns()})")
    format_option(batch, "batch")
    output_option(batch)
    fail_under_option(batch)
    assessment_options(batch)
    batch.set_defaults(run=run)


def batch_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in profile_suffixes()
                           and not p.name.endswith(".schema.json"))  # editor schemas live beside profiles
            if not found:
                raise UsageError(f"{path}: no profiles ({_patterns()}) in this folder")
            files += found
        else:
            files.append(path)
    return files


def run(args: argparse.Namespace) -> int:
    import readiness
    from ..model.errors import ReadinessError
    from ..lang.text import bounded
    from ..reports import batch as report
    from ..reports.safe import SafeConsole, markup_escape, neutralise

    files = batch_files(args.paths)
    protect = inputs(args) + files
    if args.output is not None:
        write_output_check(args.output, protect)  # refuse before the work, not after it
    ctx = load_context(args)
    rows, low = [], []

    def one(file: Path) -> None:
        try:
            assessment = assess_profile(readiness.load_profile(file), ctx, args.as_of)
        except ReadinessError as exc:
            rows.append(report.failed(str(file), exc.describe()))
            sys.stderr.write(f"error: {neutralise(exc.describe())}\n")
            return
        except RecursionError:  # one file's failure, whatever it is, is that file's row
            message = f"{file}: nested too deeply to read"
            rows.append(report.failed(str(file), message))
            sys.stderr.write(f"error: {message}\n")
            return
        except Exception as exc:  # noqa: BLE001 - the batch goes on and writes its report
            message = f"{file}: could not be assessed ({type(exc).__name__}: {bounded(str(exc))})"
            rows.append(report.failed(str(file), message))
            sys.stderr.write(f"error: {neutralise(message)}\n")
            return
        rows.append(report.row(str(file), assessment))
        if args.fail_under is not None:
            low.extend(f"{file}: {s.name} predicted {s.predicted_score} (< {args.fail_under})"
                       for s in assessment.statements if s.predicted_score < args.fail_under)

    if sys.stderr.isatty() and len(files) > 1:
        from rich.progress import Progress

        with Progress(console=SafeConsole(stderr=True), transient=True) as progress:
            task = progress.add_task("assessing", total=len(files))
            for file in files:
                progress.update(task, description=f"assessing {markup_escape(file.name)}")
                one(file)
                progress.advance(task)
    else:
        for file in files:
            one(file)

    deliver("batch", args.format, rows, args.output, protect)
    for line in low:
        sys.stderr.write(f"below threshold: {line}\n")
    if any(r.error is not None for r in rows):
        return EXIT_INPUT
    return EXIT_THRESHOLD if low else EXIT_OK


