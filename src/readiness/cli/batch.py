"""`readiness batch DIR|FILE...`: many councils side by side, one row each.

Profiles are assessed on every core: a pool of worker processes (`--jobs`, default one per
core available to this process) each holding the pack, policy and waivers loaded once by this
process (inherited, or sent once to a worker where processes are not forked). Rows, errors and
warnings come back and are written in input order, so the report and stderr are the same
whatever the number of jobs. A profile that kills its worker (a crash, not an error) is run
again alone, and only it gets an error row. `--jobs 1` assesses in this process. The pool is
engine.pool; this module says what one file's work is and writes the rows.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from contextlib import redirect_stderr
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from ..io.formats import profile_suffixes
from ..io.yamlfile import gc_paused
from .common import (
    EXIT_INPUT, EXIT_OK, EXIT_THRESHOLD, Context, UsageError, assessment_options, deliver, fail_under_option,
    format_option, inputs, load_context, output_option, sub_parser, warn_if_before, write_output_check,
)

REDRAW_SECONDS = 0.1  # the progress bar is drawn at most this often


def _patterns() -> str:
    return ", ".join(f"*{s}" for s in profile_suffixes())


def cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def jobs_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of profiles at a time, 1 or more; got {text!r}")
    return value


def register(sub: Any) -> None:
    batch = sub_parser(sub, "batch", "many councils side by side, one row each")
    batch.add_argument("paths", nargs="+", type=Path, metavar="DIR|FILE",
                       help=f"profiles, or folders of them ({_patterns()})")
    format_option(batch, "batch")
    output_option(batch)
    fail_under_option(batch)
    batch.add_argument("--jobs", "-j", type=jobs_arg, metavar="N",
                       help="assess N profiles at a time, each in its own process (default: one per core, "
                            f"{cores()} here); 1 assesses them one after another in this process")
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


@dataclass(frozen=True)
class Settings:
    """What assessing one file needs besides the file: loaded once, shared by every worker."""

    ctx: Context
    as_of: date | None
    fail_under: int | None
    policy: Any  # the scoring policy in force: the context's, or the shipped one


def scored(profile: Any, settings: Settings) -> tuple[Any, dict[str, int]]:
    """A profile's run and its predicted score for each statement, by code: all that a row shows
    and --fail-under reads. Only the scores are worked out (engine.score.statement_scores, which
    gives the Assessment's scores), not the whole Assessment a `check` writes: its findings, its
    rule results and each statement's path to the next score are most of the scoring's work, and
    a row shows none of them."""
    from ..engine.run import run
    from ..engine.score import statement_scores
    from ..model.framework import framework

    result = run(profile, settings.ctx.rules, as_of=settings.as_of, waivers=settings.ctx.waivers)
    by_id = statement_scores(result, settings.policy)
    return result, {s.code: by_id[s.id] for s in framework().statements}


@dataclass(frozen=True)
class Outcome:
    """One file's result: its row, what it said on stderr, and the statements below --fail-under."""

    row: Any
    stderr: str
    low: tuple[str, ...] = ()


def assess_file(file: Path, settings: Settings) -> Outcome:
    """Assess one profile; whatever goes wrong is that file's row (and its line on stderr). The
    collector is paused while it is assessed (as while a file is parsed): an assessment makes many
    short-lived objects and no garbage worth a collection, and a collection in its midst walks the
    new profile again and again (a tenth of a batch's time). It runs again once the file's profile
    and run are gone, so it does not walk them even once."""
    with gc_paused():
        return _assess_file(file, settings)


def _assess_file(file: Path, settings: Settings) -> Outcome:
    from ..engine.score import overall_rating
    from ..lang.text import bounded
    from ..model.errors import ReadinessError
    from ..model.framework import framework
    from ..reports import batch as report
    from ..reports.safe import neutralise
    import readiness

    said = io.StringIO()
    with redirect_stderr(said):
        try:
            profile = readiness.load_profile(file)
            warn_if_before(profile, settings.as_of)
            result, scores = scored(profile, settings)

            most, rating = overall_rating(list(scores.values()), settings.policy)
        except ReadinessError as exc:
            said.write(f"error: {neutralise(exc.describe())}\n")
            return Outcome(report.failed(str(file), exc.describe()), said.getvalue())
        except RecursionError:  # one file's failure, whatever it is, is that file's row
            message = f"{file}: nested too deeply to read"
            said.write(f"error: {message}\n")
            return Outcome(report.failed(str(file), message), said.getvalue())
        except Exception as exc:  # noqa: BLE001 - the batch goes on and writes its report
            message = f"{file}: could not be assessed ({type(exc).__name__}: {bounded(str(exc))})"
            said.write(f"error: {neutralise(message)}\n")
            return Outcome(report.failed(str(file), message), said.getvalue())
    low: tuple[str, ...] = ()
    if settings.fail_under is not None:
        low = tuple(f"{file}: {s.name} predicted {scores[s.code]} (< {settings.fail_under})"
                    for s in framework().statements if scores[s.code] < settings.fail_under)
    row = report.row(str(file), result.profile.council.name, result.as_of, scores, most, rating)
    return Outcome(row, said.getvalue(), low)


def stopped(file: Path, how: str) -> Outcome:
    """The row of a file whose worker process died while assessing it."""
    from ..reports import batch as report

    message = (f"{file}: could not be assessed: the process reading it stopped unexpectedly ({how}); "
               f"run `readiness check {file} --debug` to see why")
    return Outcome(report.failed(str(file), message), f"error: {message}\n")


def warm_up_profile() -> dict[str, Any]:
    """A profile with only what the model requires (a new one each time: loading may change it)."""
    return {"council": {"name": "Warm-up Council", "type": "unitary", "as_of": "2024-01-01"}}


def warm_up(settings: Settings) -> None:
    """Pay once, in this process, what the first assessment in any process costs on top of the
    rest (~150 ms: pydantic builds the profile's validator on its first validation, and each
    rule's condition is compiled on its first run), so that workers forked after it inherit
    it instead of each paying it again (and again for a worker started after a crash). Only a
    speed-up: nothing is written, and a failure is left for the files' own assessments to meet."""
    from ..io.profiles import load_profile

    try:
        scored(load_profile(warm_up_profile()), settings)
    except Exception:  # noqa: BLE001 - a warm-up that fails costs only its speed-up
        pass


def outcomes(files: list[Path], settings: Settings, jobs: int) -> Iterator[Outcome]:
    """Every file's outcome, in input order, on `jobs` cores (engine.pool)."""
    from ..engine.pool import in_order, start_method

    if jobs > 1 and len(files) > 1 and start_method().get_start_method() == "fork":
        warm_up(settings)  # before the workers are forked, so they inherit it
    return in_order(assess_file, files, settings, jobs, stopped)


def run(args: argparse.Namespace) -> int:
    from ..io.policy import load_policy

    files = batch_files(args.paths)
    protect = inputs(args) + files
    if args.output is not None:
        write_output_check(args.output, protect)  # refuse before the work, not after it
    ctx = load_context(args)
    settings = Settings(ctx, args.as_of, args.fail_under, ctx.policy or load_policy())
    jobs = args.jobs or cores()
    rows, low = [], []

    def take(outcome: Outcome) -> None:
        rows.append(outcome.row)
        low.extend(outcome.low)
        if outcome.stderr:
            sys.stderr.write(outcome.stderr)

    results = outcomes(files, settings, jobs)
    if sys.stderr.isatty() and len(files) > 1:
        from rich.progress import Progress

        from ..reports.safe import SafeConsole, markup_escape

        # Drawn when a result arrives (no refresh thread, so a worker is never forked mid-draw),
        # on the stderr of now: a file's own stderr is captured while it is assessed. At most
        # every REDRAW_SECONDS (and for the last file): a drawing costs this process about 1 ms,
        # taken from the workers on a machine with as many cores as workers.
        with Progress(console=SafeConsole(file=sys.stderr), transient=True, auto_refresh=False) as progress:
            task = progress.add_task("assessing", total=len(files))
            drawn = 0.0
            for done, (file, outcome) in enumerate(zip(files, results), start=1):
                take(outcome)
                progress.update(task, description=f"assessing {markup_escape(file.name)}", advance=1)
                if time.monotonic() - drawn >= REDRAW_SECONDS or done == len(files):
                    progress.refresh()
                    drawn = time.monotonic()
    else:
        for outcome in results:
            take(outcome)

    deliver("batch", args.format, rows, args.output, protect)
    for line in low:
        sys.stderr.write(f"below threshold: {line}\n")
    if any(r.error is not None for r in rows):
        return EXIT_INPUT
    return EXIT_THRESHOLD if low else EXIT_OK
