"""The `readiness` command: a thin layer over the library API.

Every report is rendered from the Assessment model (readiness.assessment) by a module in
readiness.reports; this file only reads options, calls the library and writes the result.

Exit codes: 0 ran and passed; 1 ran and a --fail-under threshold was breached (or `rules
test` found failures); 2 bad usage or bad input (the message names the file, line and field).
Heavy imports happen inside the commands so that `readiness --help` stays quick.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT = 0, 1, 2
PLAIN_WIDTH = 160  # columns used for plain text (piped, or written with --output)

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


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, got {text!r}") from None


def _statement(text: str) -> str:
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


def _sub(sub: Any, name: str, help: str, description: str | None = None) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=description or help, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show a traceback on errors")
    return p


def _assessment_options(p: argparse.ArgumentParser, as_of: bool = True) -> None:
    p.add_argument("--rules", action="append", type=Path, metavar="DIR", default=[],
                   help="a council's own rule folder, added to the shipped pack; the same id overrides "
                        "(repeatable)")
    p.add_argument("--policy", type=Path, metavar="FILE", help="a scoring policy to use instead of the shipped one")
    if as_of:
        p.add_argument("--as-of", type=_date, metavar="DATE",
                       help="measure ages from DATE (YYYY-MM-DD) instead of the profile's as_of")
    p.add_argument("--waivers", type=Path, metavar="FILE",
                   help="accepted findings: a YAML 'waivers:' list of rule, justification, owner, expires")
    p.add_argument("--no-waivers", action="store_true", help="ignore --waivers and show the unwaived picture")


def _output_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", "-o", type=Path, metavar="FILE",
                   help="write to FILE (replaced in one step) instead of the screen")


def _statement_option(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--statement", action="append", type=_statement, metavar="ID", help=help)


def _fail_under_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fail-under", type=int, choices=[1, 2, 3, 4], metavar="N",
                   help="exit 1 when any statement is predicted below N (1-4)")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(prog="readiness", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"readiness {__version__}")
    parser.add_argument("--debug", action="store_true", default=False, help="show a traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = _sub(sub, "check", "predict the 9 quality statement scores and the overall rating")
    check.add_argument("profile", type=Path, help="council profile (YAML or JSON)")
    check.add_argument("--format", "-f", choices=["table", "json", "markdown", "html", "junit"], default="table",
                       help="table (screen, default), json (docs/assessment-json.md), markdown (board paper), "
                            "html (one self-contained page), junit (CI)")
    _output_option(check)
    _statement_option(check, "report only this quality statement, by id or code (repeatable)")
    _fail_under_option(check)
    _assessment_options(check)
    check.set_defaults(run=cmd_check)

    explain = _sub(sub, "explain", "the full reasoning behind each statement's score")
    explain.add_argument("profile", type=Path, help="council profile (YAML or JSON)")
    _statement_option(explain, "explain only this quality statement, by id or code (repeatable)")
    explain.add_argument("--format", "-f", choices=["text", "markdown", "json"], default="text",
                         help="text (screen, default), markdown, json (the assessment JSON for these statements)")
    _output_option(explain)
    _assessment_options(explain)
    explain.set_defaults(run=cmd_explain)

    rules = _sub(sub, "rules", "list, show, validate and test rules")
    rsub = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    rules.set_defaults(run=lambda args: _missing_action(rules))
    rlist = _sub(rsub, "list", "a table of the rules: id, statement, kind and level, category, title")
    _statement_option(rlist, "only rules that speak to this quality statement (repeatable)")
    rlist.add_argument("--rules", action="append", type=Path, metavar="DIR", default=[],
                       help="add a council's own rule folder to the shipped pack (repeatable)")
    rlist.add_argument("--format", "-f", choices=["table", "json"], default="table")
    rlist.set_defaults(run=cmd_rules_list)
    rshow = _sub(rsub, "show", "everything about one rule, with its condition in plain words")
    rshow.add_argument("rule_id", metavar="ID")
    rshow.add_argument("--rules", action="append", type=Path, metavar="DIR", default=[],
                       help="add a council's own rule folder to the shipped pack (repeatable)")
    rshow.set_defaults(run=cmd_rules_show)
    rvalidate = _sub(rsub, "validate", "check a rule pack: every error with its file, line and rule")
    rvalidate.add_argument("dirs", nargs="+", type=Path, metavar="DIR", help="rule folder (or a single rule file)")
    rvalidate.set_defaults(run=cmd_rules_validate)
    rtest = _sub(rsub, "test", "run a pack's fixtures (DIR/tests/*.yaml) and report coverage gaps")
    rtest.add_argument("dirs", nargs="+", type=Path, metavar="DIR", help="rule folder")
    rtest.add_argument("--format", "-f", choices=["table", "json"], default="table")
    rtest.add_argument("--allow-gaps", action="store_true",
                       help="report rules lacking fixture cases, but do not fail because of them")
    rtest.set_defaults(run=cmd_rules_test)

    init = _sub(sub, "init", "write a commented template profile to fill in")
    init.add_argument("file", nargs="?", type=Path, default=Path("profile.yaml"),
                      help="where to write it (default: profile.yaml)")
    init.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    init.set_defaults(run=cmd_init)

    schema = _sub(sub, "schema", "print a JSON Schema: profile, rules (rule files) or assessment (JSON output)")
    schema.add_argument("kind", choices=["profile", "rules", "assessment"])
    _output_option(schema)
    schema.set_defaults(run=cmd_schema)

    diff = _sub(sub, "diff", "what changed between two snapshots of the same council")
    diff.add_argument("old", type=Path, help="the earlier profile")
    diff.add_argument("new", type=Path, help="the later profile")
    diff.add_argument("--format", "-f", choices=["table", "json", "markdown"], default="table")
    _output_option(diff)
    _assessment_options(diff, as_of=False)
    diff.set_defaults(run=cmd_diff)

    batch = _sub(sub, "batch", "many councils side by side, one row each")
    batch.add_argument("paths", nargs="+", type=Path, metavar="DIR|FILE",
                       help="profiles, or folders of them (*.yaml, *.yml, *.json)")
    batch.add_argument("--format", "-f", choices=["table", "csv", "json"], default="table")
    _output_option(batch)
    _fail_under_option(batch)
    _assessment_options(batch)
    batch.set_defaults(run=cmd_batch)

    calibrate = _sub(sub, "calibrate", "fit the scoring policy's numbers to published CQC scores, cross-validated",
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
    calibrate.set_defaults(run=cmd_calibrate)
    return parser


def _missing_action(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    sys.stderr.write("error: choose an action: list, show, validate or test\n")
    return EXIT_INPUT


# --- shared plumbing --------------------------------------------------------------------------


@dataclass
class Context:
    """What every assessment in one run shares: loaded once, even for a batch."""

    rules: Any
    policy: Any
    waivers: list[Any]
    notes: list[str]


def load_pack(extra: list[Path]) -> Any:
    """The shipped pack with a council's own packs on top: a rule with the same id replaces the
    shipped one. The same as load_rules(shipped_pack_dir(), *extra), reusing the loaded pack."""
    import readiness

    return readiness.load_rules(*extra, base=readiness.load_rules())


def load_context(args: argparse.Namespace) -> Context:
    import readiness

    rules = load_pack(args.rules)
    policy = readiness.load_policy(args.policy) if args.policy else None
    waivers, notes = [], []
    if args.waivers and not args.no_waivers:
        waivers, notes = readiness.load_waivers(args.waivers)
    return Context(rules, policy, waivers, notes)


def assess_profile(profile: Any, ctx: Context, as_of: date | None = None) -> Any:
    import readiness

    if as_of is not None and as_of < profile.council.as_of:
        sys.stderr.write(f"warning: --as-of {as_of.isoformat()} is before the profile's own as_of "
                         f"({profile.council.as_of.isoformat()}): facts dated after it will look like the future\n")
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
    from rich.console import Console

    target = file or sys.stdout
    terminal = target.isatty()
    return Console(file=file, no_color=bool(os.environ.get("NO_COLOR")), highlight=False, soft_wrap=False,
                   force_terminal=None if terminal else False,
                   width=None if terminal else (width or _columns() or PLAIN_WIDTH))


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


def write_output_check(output: Path, protect: list[Path]) -> None:
    target = output.resolve()
    for path in protect:
        if path is not None and path.exists() and target == path.resolve():
            raise UsageError(f"refusing to write the report over an input file: {output}")


def write_output(text: str, output: Path | None, protect: list[Path]) -> None:
    """Print, or write atomically to a file that is not one of the inputs."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_output_check(output, protect)
    if output.is_dir():
        raise UsageError(f"--output {output} is a folder; give a file name")
    if not output.resolve().parent.is_dir():
        raise UsageError(f"cannot write {output}: folder {output.parent} does not exist")
    from ..io.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    sys.stderr.write(f"wrote {output}\n")


def emit(draw: Callable[[Any], None], output: Path | None, protect: list[Path], width: int = PLAIN_WIDTH) -> None:
    """A rich report: coloured straight to a terminal, or plain text to a pipe or a file."""
    if output is None and sys.stdout.isatty():
        draw(console())
        return
    buffer = io.StringIO()
    draw(console(buffer, width))
    text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
    write_output(text, output, protect)


def _warn_notes(assessment: Any) -> None:
    for note in assessment.ignored_waivers:
        sys.stderr.write(f"warning: {note}\n")


def threshold_exit(assessment: Any, fail_under: int | None, statement_ids: list[str] | None) -> int:
    if fail_under is None:
        return EXIT_OK
    low = [s for s in assessment.statements
           if (not statement_ids or s.id in statement_ids) and s.predicted_score < fail_under]
    for s in low:
        sys.stderr.write(f"below threshold: {s.name} predicted {s.predicted_score} (< {fail_under})\n")
    return EXIT_THRESHOLD if low else EXIT_OK


# --- commands ---------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    assessment = assess(args)
    fmt, ids, protect = args.format, args.statement, inputs(args)
    if fmt == "table":
        from ..reports import terminal

        emit(lambda c: terminal.render(assessment, c, ids), args.output, protect)
    else:
        _warn_notes(assessment)
        if fmt == "json":
            from ..reports.common import select

            text = select(assessment, ids).to_json()
        elif fmt == "markdown":
            from ..reports import markdown

            text = markdown.render(assessment, ids)
        elif fmt == "html":
            from ..reports import html

            text = html.render(assessment, ids)
        else:
            from ..reports import junit

            text = junit.render(assessment, ids)
        write_output(text, args.output, protect)
    return threshold_exit(assessment, args.fail_under, ids)


def cmd_explain(args: argparse.Namespace) -> int:
    assessment = assess(args)
    ids, protect = args.statement, inputs(args)
    if args.format == "text":
        from ..reports import explain

        emit(lambda c: explain.render(assessment, c, ids), args.output, protect, width=100)
    elif args.format == "markdown":
        from ..reports import markdown

        write_output(markdown.render(assessment, ids, detail=True), args.output, protect)
    else:
        from ..reports.common import select

        _warn_notes(assessment)
        write_output(select(assessment, ids).to_json(), args.output, protect)
    return EXIT_OK


def cmd_rules_list(args: argparse.Namespace) -> int:
    from ..reports import ruleinfo

    pack = load_pack(args.rules)
    rules = [r for r in pack.rules if not args.statement or set(args.statement) & set(r.statements)]
    if args.format == "json":
        write_output(ruleinfo.list_json(rules), None, [])
    else:
        emit(lambda c: ruleinfo.render_list(rules, c), None, [])
    return EXIT_OK


def cmd_rules_show(args: argparse.Namespace) -> int:
    from ..reports import ruleinfo

    pack = load_pack(args.rules)
    try:
        rule = pack.get(args.rule_id)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    emit(lambda c: ruleinfo.render_rule(rule, pack.locations.get(rule.id), c), None, [], width=100)
    return EXIT_OK


def cmd_rules_validate(args: argparse.Namespace) -> int:
    from ..model.errors import Problem, ReadinessError, RuleError
    from ..io.fixtures import fixture_files, load_cases
    from ..io.packs import load_rules, rule_files
    from ..io.policy import load_policy

    problems: list[Problem] = []
    summary = []
    for folder in args.dirs:
        counts = {"rules": 0, "files": 0, "fixtures": 0, "policy": 0}
        try:
            # Checked on top of the shipped pack, as `check --rules` uses it (so a council pack may
            # replace or switch off shipped rules); counted: the rules this folder defines.
            pack = load_rules(folder, base=load_rules())
            counts["rules"] = sum(1 for where in pack.locations.values()
                                  if where.file and Path(where.file).resolve().is_relative_to(folder.resolve()))
            counts["files"] = len(rule_files(folder))
        except RuleError as exc:
            problems += exc.problems
        if folder.is_dir():
            policy = folder / "policy" / "scoring.yaml"
            if policy.is_file():
                try:
                    load_policy(policy)
                    counts["policy"] = 1
                except ReadinessError as exc:
                    problems += exc.problems
            for file in fixture_files(folder):
                try:
                    load_cases(file)
                    counts["fixtures"] += 1
                except ReadinessError as exc:
                    problems += exc.problems
        summary.append(f"{folder}: {counts['rules']} rules in {counts['files']} file(s), "
                       f"{counts['fixtures']} fixture file(s)" + (", a scoring policy" if counts["policy"] else ""))
    if problems:
        raise RuleError(problems)
    sys.stdout.write("\n".join(summary) + "\nno problems found\n")
    return EXIT_OK


def cmd_rules_test(args: argparse.Namespace) -> int:
    from ..engine.fixtures import coverage_gaps, run_fixtures
    from ..reports import ruleinfo
    from ..io.packs import load_rules

    pack = load_rules(*args.dirs)
    results = run_fixtures(pack, list(args.dirs))
    gaps = coverage_gaps(pack, results)
    if args.format == "json":
        write_output(ruleinfo.fixtures_json(results, gaps), None, [])
    else:
        emit(lambda c: ruleinfo.render_fixtures(results, gaps, c, args.allow_gaps), None, [])
    failed = any(not r.passed for r in results) or (gaps and not args.allow_gaps)
    return EXIT_THRESHOLD if failed else EXIT_OK


def template_text() -> str:
    from importlib.resources import files

    return files("readiness").joinpath("data/profile-template.yaml").read_text(encoding="utf-8")


def init_text(today: date) -> str:
    """The template with its example date replaced by `today`."""
    return template_text().replace("  as_of: 2025-01-01 ", f"  as_of: {today.isoformat()} ", 1)


def cmd_init(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.exists() and not args.force:
        raise UsageError(f"{path} already exists; choose another name, or use --force to overwrite it")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    # The template's fixed example date becomes today's, so a profile whose date nobody changed
    # is at least current (the engine itself never reads the clock).
    write_output(init_text(date.today()), path, [])
    sys.stderr.write(f"next: fill in {path} (council name and as_of first), then run: readiness check {path}\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from ..io.schemas import schema_text

    write_output(schema_text(args.kind), args.output, [])
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    import readiness
    from ..engine.diff import compare
    from ..reports import diff as report

    ctx = load_context(args)
    old = assess_profile(readiness.load_profile(args.old), ctx)
    new = assess_profile(readiness.load_profile(args.new), ctx)
    change = compare(old, new)
    if args.format == "json":
        write_output(change.to_json(), args.output, inputs(args))
    elif args.format == "markdown":
        write_output(report.render_markdown(change), args.output, inputs(args))
    else:
        emit(lambda c: report.render_terminal(change, c), args.output, inputs(args))
    return EXIT_OK


def batch_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml", ".json")
                           and not p.name.endswith(".schema.json"))  # editor schemas live beside profiles
            if not found:
                raise UsageError(f"{path}: no profiles (*.yaml, *.yml, *.json) in this folder")
            files += found
        else:
            files.append(path)
    return files


def cmd_batch(args: argparse.Namespace) -> int:
    import readiness
    from ..model.errors import ReadinessError
    from ..reports import batch as report

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
            sys.stderr.write(f"error: {exc.describe()}\n")
            return
        rows.append(report.row(str(file), assessment))
        if args.fail_under is not None:
            low.extend(f"{file}: {s.name} predicted {s.predicted_score} (< {args.fail_under})"
                       for s in assessment.statements if s.predicted_score < args.fail_under)

    if sys.stderr.isatty() and len(files) > 1:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("assessing", total=len(files))
            for file in files:
                progress.update(task, description=f"assessing {file.name}")
                one(file)
                progress.advance(task)
    else:
        for file in files:
            one(file)

    if args.format == "csv":
        write_output(report.render_csv(rows), args.output, protect)
    elif args.format == "json":
        write_output(report.render_json(rows), args.output, protect)
    else:
        emit(lambda c: report.render_table(rows, c), args.output, protect)
    for line in low:
        sys.stderr.write(f"below threshold: {line}\n")
    if any(r.error is not None for r in rows):
        return EXIT_INPUT
    return EXIT_THRESHOLD if low else EXIT_OK


def cmd_calibrate(args: argparse.Namespace) -> int:
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


# --- entry point ------------------------------------------------------------------------------


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
