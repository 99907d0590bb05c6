"""What every command shares: the options they have in common, loading, assessing, and writing
a report (to the screen, a pipe or a file) through the format registry (reports.formats).

Heavy imports happen inside the functions so that `readiness --help` stays quick.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator

from ..reports.formats import PLAIN_WIDTH, ReportOptions, find, format_help, formats_for

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT = 0, 1, 2

EPILOG = """\
exit codes:
  0  ran, and no --fail-under threshold was breached
  1  ran, and a statement was predicted below --fail-under (rules test: a case failed)
  2  bad usage or bad input (profile, rules, waivers, policy): the message names file,
     line and field

Scores are predictions from the evidence in the profile, not CQC judgements.
Colour only on a terminal (NO_COLOR turns it off). Full guide: docs/cli.md
"""

DESCRIPTION = "Predict a council's CQC adult social care scores from its profile, with the reasons."


class UsageError(Exception):
    """Bad command-line usage: printed as one line, exit 2."""


# --- argument types ---------------------------------------------------------------------------


def date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, got {text!r}") from None


def statement_arg(text: str) -> str:
    from ..model.framework import framework

    fw = framework()
    found = fw.find(text)  # an id, a code (GMS) or a name, in any case
    if found is None:
        from ..lang.text import suggest

        ids = fw.statement_ids
        raise argparse.ArgumentTypeError(f"unknown quality statement {text!r}{suggest(text, ids)}; "
                                         f"expected one of: {', '.join(ids)} (or its code: "
                                         f"{', '.join(s.code for s in fw.statements)})")
    return found.id


# --- the parser -------------------------------------------------------------------------------


def sub_parser(sub: Any, name: str, help: str, description: str | None = None) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=description or help, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show a traceback on errors")
    return p


def assessment_options(p: argparse.ArgumentParser, as_of: bool = True) -> None:
    p.add_argument("--rules", action="append", type=Path, metavar="DIR", default=[],
                   help="a council's own rule folder, added to the shipped pack; the same id overrides "
                        "(repeatable)")
    p.add_argument("--policy", type=Path, metavar="FILE", help="a scoring policy to use instead of the shipped one")
    if as_of:
        p.add_argument("--as-of", type=date_arg, metavar="DATE",
                       help="measure ages from DATE (YYYY-MM-DD) instead of the profile's as_of")
    p.add_argument("--waivers", type=Path, metavar="FILE",
                   help="accepted findings: a YAML 'waivers:' list of rule, justification, owner, expires")
    p.add_argument("--no-waivers", action="store_true", help="ignore --waivers and show the unwaived picture")
    p.add_argument("--require-sources", action="store_true",
                   help="facts without a `source` do not count: a finding that rests only on them is shown but "
                        "left out of the score, and so is an evidence-log entry without a source")


def profile_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("profile", type=Path, help="council profile (YAML, JSON or an .xlsx workbook)")


def output_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", "-o", type=Path, metavar="FILE",
                   help="write to FILE (replaced in one step) instead of the screen")


def statement_option(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--statement", action="append", type=statement_arg, metavar="ID", help=help)


def fail_under_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fail-under", type=int, choices=[1, 2, 3, 4], metavar="N",
                   help="exit 1 when any statement is predicted below N (1-4)")


def format_option(p: argparse.ArgumentParser, command: str) -> None:
    """`--format`: the choices (the first is the default) and help of the command's registered formats."""
    names = [f.name for f in formats_for(command)]
    help_text = format_help(command)
    if help_text is None:
        p.add_argument("--format", "-f", choices=names, default=names[0])
    else:
        p.add_argument("--format", "-f", choices=names, default=names[0], help=help_text)


# --- shared plumbing --------------------------------------------------------------------------


# The commands that load profiles, rules or assessments: each keeps the pydantic schemas it built
# for its next run (io.schema_cache).
SCHEMA_COMMANDS = frozenset({"check", "explain", "validate", "diff", "trend", "batch", "rules"})
# Of those, the ones whose run starts by loading what its assessments share (load_context).
CONTEXT_COMMANDS = frozenset({"check", "explain", "diff", "trend", "batch"})

_starting_up = False  # True while prepared() has the collector off for a command's start-up


@contextmanager
def prepared(command: str, whole_process: bool = False) -> Iterator[None]:
    """Run `command` with its start-up made cheaper, changing nothing it does:

    - the model schemas its last run built are put back on the classes first, and those it builds
      kept afterwards (also when it fails on a bad input: they are the same), io.schema_cache;
    - start-up (imports, schemas, the rule pack) makes objects that live as long as the process
      and little garbage, so the collector is off until they are loaded, then they are frozen
      (gc.freeze) so that no collection walks them again: a fifth of a `check`'s CPU time went on
      collections before. On the way out the collector is as it was, and what was frozen is
      thawed, unless the command is the `whole_process` (the `readiness` program): Python's last
      collection as it exits then skips them too."""
    global _starting_up
    if command not in SCHEMA_COMMANDS:
        yield
        return
    from ..io import schema_cache

    collecting = gc.isenabled()
    gc.disable()
    _starting_up = True
    try:
        schema_cache.install(command)
        if command not in CONTEXT_COMMANDS:
            start_up_done()
        try:
            yield
        except Exception:
            schema_cache.remember(command)
            raise
        schema_cache.remember(command)
    finally:
        _starting_up = False
        if not whole_process:
            gc.unfreeze()
        (gc.enable if collecting else gc.disable)()


def start_up_done() -> None:
    """The command's shared context is loaded: freeze what start-up made and collect again from
    here on (see prepared). Does nothing outside prepared()."""
    global _starting_up
    if _starting_up:
        _starting_up = False
        gc.freeze()
        gc.enable()


@dataclass
class Context:
    """What every assessment in one run shares: loaded once, even for a batch."""

    rules: Any
    policy: Any
    waivers: list[Any]
    notes: list[str]


def load_pack(extra: list[Path]) -> Any:
    """The shipped pack with a council's own packs on top: a rule with the same id replaces the
    shipped one. Read as one pack, so the whole of it comes from the pack cache (io.pack_cache)."""
    import readiness

    if not extra:
        return readiness.load_rules()
    return readiness.load_rules(readiness.shipped_pack_dir(), *extra)


def load_context(args: argparse.Namespace) -> Context:
    import readiness

    rules = load_pack(args.rules)
    policy = readiness.load_policy(args.policy) if args.policy else None
    if getattr(args, "require_sources", False):
        policy = (policy or readiness.load_policy()).requiring_sources()
    waivers, notes = [], []
    if args.waivers and not args.no_waivers:
        waivers, notes = readiness.load_waivers(args.waivers)
    start_up_done()
    return Context(rules, policy, waivers, notes)


def warn_if_before(profile: Any, as_of: date | None) -> None:
    """Say on stderr when --as-of is before the profile's own date (facts after it look like the future)."""
    if as_of is not None and as_of < profile.council.as_of:
        sys.stderr.write(f"warning: --as-of {as_of.isoformat()} is before the profile's own as_of "
                         f"({profile.council.as_of.isoformat()}): facts dated after it will look like the future\n")


def assess_profile(profile: Any, ctx: Context, as_of: date | None = None) -> Any:
    import readiness

    warn_if_before(profile, as_of)
    assessment = readiness.evaluate(profile, ctx.rules, policy=ctx.policy, as_of=as_of, waivers=ctx.waivers)
    if ctx.notes:
        assessment.ignored_waivers = ctx.notes + assessment.ignored_waivers
    return assessment


def assess(args: argparse.Namespace, ctx: Context | None = None) -> Any:
    """Load everything the options name and evaluate the profile."""
    import readiness

    ctx = ctx or load_context(args)
    return assess_profile(readiness.load_profile(args.profile), ctx, getattr(args, "as_of", None))


def console(file: Any = None, width: int | None = None) -> Any:
    from ..reports.safe import SafeConsole as Console

    target = file or sys.stdout
    terminal = target.isatty()
    return Console(file=file, no_color=bool(os.environ.get("NO_COLOR")), highlight=False, soft_wrap=False,
                   force_terminal=None if terminal else False,
                   width=None if terminal else (_columns() or width or PLAIN_WIDTH))


def _columns() -> int | None:
    """COLUMNS, when a user sets it for piped or saved output."""
    try:
        return max(60, int(os.environ["COLUMNS"]))
    except (KeyError, ValueError):
        return None


def inputs(args: argparse.Namespace) -> list[Path]:
    """Files this run reads, which a report must never overwrite: profiles, waivers, the policy,
    and every file in a council's own rule folders (rules and their fixtures)."""
    found = [getattr(args, name, None) for name in ("profile", "waivers", "policy", "old", "new")]
    for folder in getattr(args, "rules", None) or []:
        if folder.is_dir():
            found += [p for p in folder.rglob("*") if p.is_file()]
        else:
            found.append(folder)
    return [p for p in found if p is not None]


def _installed_dirs() -> list[Path]:
    """Folders a report must never be written into: the shipped rule pack and the package itself."""
    import readiness
    from ..io.packs import shipped_pack_dir

    return [shipped_pack_dir().resolve(), Path(readiness.__file__).resolve().parent]


def write_output_check(output: Path, protect: list[Path]) -> None:
    """Refuse, before anything is written, an --output that is not a new path or a regular file,
    that is an input of this run, or that lies inside the installed package."""
    import stat

    try:
        st = os.lstat(output)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    if st is not None:
        mode = st.st_mode
        if stat.S_ISLNK(mode):
            raise UsageError(f"refusing to write --output {output}: it is a symbolic link; give the real file "
                             "name (or omit --output to print)")
        if stat.S_ISDIR(mode):
            raise UsageError(f"--output {output} is a folder; give a file name")
        if not stat.S_ISREG(mode):
            raise UsageError(f"refusing to write --output {output}: it is not a regular file (a device, pipe or "
                             "socket); omit --output to print, or redirect with '>'")
    target = output.resolve()
    for path in protect:
        if path is None or not path.exists():
            continue
        same = target == path.resolve()
        if not same and st is not None:
            try:
                same = os.path.samefile(output, path)  # a hard link to an input is the input
            except OSError:
                same = False
        if same:
            raise UsageError(f"refusing to write the report over an input file: {output}")
    for folder in _installed_dirs():
        if target == folder or folder in target.parents:
            raise UsageError(f"refusing to write --output {output}: it is inside the installed readiness "
                             f"package ({folder}); write the report somewhere else")
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {output}: folder {output.parent} does not exist")


def write_output(text: str, output: Path | None, protect: list[Path]) -> None:
    """Print, or write atomically to a file that is not one of the inputs. Control characters and
    terminal escapes in the text are neutralised first (reports.safe)."""
    from ..reports.safe import neutralise

    text = neutralise(text)
    if output is None:
        write_stdout(text)
        return
    write_output_check(output, protect)
    write_file(output, text)


def write_file(output: Path, content: str | bytes) -> None:
    """Write atomically (wholly new or untouched) to a path write_output_check has accepted."""
    from ..io.atomic import write_atomic

    try:
        write_atomic(output, content)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    sys.stderr.write(f"wrote {output}\n")


def write_stdout(text: str) -> None:
    """Write to stdout; a full disk is a clear error, a closed pipe (`| head`) is left quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UsageError(f"cannot write to standard output: {exc.strerror or exc}") from None


def emit(draw: Callable[[Any], None], output: Path | None, protect: list[Path], width: int = PLAIN_WIDTH) -> None:
    """A rich report: coloured straight to a terminal, or plain text to a pipe or a file."""
    if output is None and sys.stdout.isatty():
        draw(console())
        return
    buffer = io.StringIO()
    draw(console(buffer, width))
    text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
    write_output(text, output, protect)


def unsourced_warnings(assessment: Any) -> list[str]:
    """One warning per fact without a `source` that a finding rests on (stderr, before a report)."""
    out = []
    for u in assessment.unsourced_facts:
        effect = ("still counts in the score; add a `source` to it or its section" if u.counts_in_score
                  else "does not count (--require-sources)")
        out.append(f"'{u.fact}' has no source and {effect} (read by {', '.join(u.findings)})")
    return out


def warn_unsourced_summary(file: Path, assessment: Any) -> None:
    """One line per snapshot for diff and trend (which compare several): how many facts a finding
    rests on have no source, and where the full list is."""
    from ..reports.safe import neutralise

    facts = assessment.unsourced_facts
    if not facts:
        return
    counting = sum(1 for u in facts if u.counts_in_score)
    effect = (f"{counting} still count in the score" if counting
              else "they do not count (--require-sources)")
    sys.stderr.write(neutralise(f"warning: {file}: {len(facts)} fact(s) that findings rest on have no source; "
                                f"{effect}; `readiness check {file}` lists them\n"))


def _warn_notes(assessment: Any) -> None:
    for note in assessment.ignored_waivers:
        sys.stderr.write(f"warning: {note}\n")
    _warn_unsourced(assessment)
    for unused in assessment.unused_indicators:
        sys.stderr.write(f"note: {unused.note()}; "
                         "ids the rules read are in docs/indicators.md\n")


def _warn_unsourced(assessment: Any) -> None:
    for line in unsourced_warnings(assessment):
        sys.stderr.write(f"warning: {line}\n")


def threshold_exit(assessment: Any, fail_under: int | None, statement_ids: list[str] | None) -> int:
    if fail_under is None:
        return EXIT_OK
    low = [s for s in assessment.statements
           if (not statement_ids or s.id in statement_ids) and s.predicted_score < fail_under]
    for s in low:
        sys.stderr.write(f"below threshold: {s.name} predicted {s.predicted_score} (< {fail_under})\n")
    return EXIT_THRESHOLD if low else EXIT_OK


def deliver(command: str, fmt: str, subject: Any, output: Path | None, protect: list[Path],
            options: ReportOptions | None = None, notes_of: Any = None) -> None:
    """Render `subject` in a registered format of `command` and write it: the one place reports are written."""
    entry = find(command, fmt)
    options = options or ReportOptions()
    if entry.console:
        if notes_of is not None and hasattr(notes_of, "unsourced_facts"):
            _warn_unsourced(notes_of)  # the table's panel gives only the count; explain lists them too
        emit(lambda c: entry.render(subject, c, options), output, protect, width=entry.width)
        return
    if entry.binary:  # refused, if at all, before any warning is said
        if output is None:
            raise UsageError(f"--format {fmt} writes a file: give its name with -o, e.g. -o findings.{fmt}")
        write_output_check(output, protect)
        if output.suffix.lower() != f".{fmt}":  # Excel refuses a workbook whose name says another type
            raise UsageError(f"--format {fmt} writes a .{fmt} file: give -o a name ending .{fmt}, "
                             f"e.g. -o {output.with_suffix('.' + fmt).name}")
    if entry.notes and notes_of is not None:
        _warn_notes(notes_of)
    if entry.binary:
        write_file(output, entry.render(subject, options))
        return
    write_output(entry.render(subject, options), output, protect)


def report_assessment(command: str, args: argparse.Namespace) -> Any:
    """Assess the profile the options name and write it in the chosen format of `command`."""
    assessment = assess(args)
    options = ReportOptions(statements=args.statement, brief=getattr(args, "brief", False),
                            paths=getattr(args, "debug", False))
    deliver(command, args.format, assessment, args.output, inputs(args), options, notes_of=assessment)
    return assessment
