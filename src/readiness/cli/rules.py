"""`readiness rules list | show | validate | test`: the rules of a pack, one rule, checking and testing a pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..reports.formats import ReportOptions
from .common import (
    EXIT_INPUT, EXIT_OK, EXIT_THRESHOLD, UsageError, deliver, emit, format_option, load_pack, statement_option,
    sub_parser,
)


def register(sub: Any) -> None:
    rules = sub_parser(sub, "rules", "list, show, validate and test rules")
    rsub = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    rules.set_defaults(run=lambda args: _missing_action(rules))
    rlist = sub_parser(rsub, "list", "a table of the rules: id, statement, kind and level, category, title")
    statement_option(rlist, "only rules that speak to this quality statement (repeatable)")
    rlist.add_argument("--rules", action="append", type=Path, metavar="DIR", default=[],
                       help="add a council's own rule folder to the shipped pack (repeatable)")
    format_option(rlist, "rules list")
    rlist.set_defaults(run=run_list)
    rshow = sub_parser(rsub, "show", "everything about one rule, with its condition in plain words")
    rshow.add_argument("rule_id", metavar="ID")
    rshow.add_argument("--rules", action="append", type=Path, metavar="DIR", default=[],
                       help="add a council's own rule folder to the shipped pack (repeatable)")
    rshow.set_defaults(run=run_show)
    rvalidate = sub_parser(rsub, "validate", "check a rule pack: every error with its file, line and rule")
    rvalidate.add_argument("dirs", nargs="+", type=Path, metavar="DIR", help="rule folder (or a single rule file)")
    rvalidate.set_defaults(run=run_validate)
    rtest = sub_parser(rsub, "test", "run a pack's fixtures (DIR/tests/*.yaml) and report coverage gaps")
    rtest.add_argument("dirs", nargs="+", type=Path, metavar="DIR", help="rule folder")
    format_option(rtest, "rules test")
    rtest.add_argument("--allow-gaps", action="store_true",
                       help="report rules lacking fixture cases, but do not fail because of them")
    rtest.set_defaults(run=run_test)


def _missing_action(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    sys.stderr.write("error: choose an action: list, show, validate or test\n")
    return EXIT_INPUT


def run_list(args: argparse.Namespace) -> int:
    pack = load_pack(args.rules)
    rules = [r for r in pack.rules if not args.statement or set(args.statement) & set(r.statements)]
    deliver("rules list", args.format, rules, None, [])
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    from ..reports import ruleinfo

    pack = load_pack(args.rules)
    try:
        rule = pack.get(args.rule_id)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    emit(lambda c: ruleinfo.render_rule(rule, pack.locations.get(rule.id), c), None, [], width=100)
    return EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
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


def run_test(args: argparse.Namespace) -> int:
    from ..engine.fixtures import coverage_gaps, run_fixtures
    from ..io.packs import load_rules

    pack = load_rules(*args.dirs)
    results = run_fixtures(pack, list(args.dirs))
    gaps = coverage_gaps(pack, results)
    deliver("rules test", args.format, (results, gaps), None, [], ReportOptions(allow_gaps=args.allow_gaps))
    failed = any(not r.passed for r in results) or (gaps and not args.allow_gaps)
    return EXIT_THRESHOLD if failed else EXIT_OK
