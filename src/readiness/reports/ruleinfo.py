"""Reports about rules rather than councils: `rules list`, `rules show` and `rules test`."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..lang.describe import describe
from ..model.errors import Location, Problem
from ..engine.fixtures import CaseResult
from ..model.framework import framework
from ..model.rule import Rule
from .common import LEVEL_WORDS, category_name

KIND_STYLE = {"significant": "bold red", "some": "yellow", "good": "green", "exceptional": "bold blue"}


def _codes(rule: Rule) -> str:
    fw = framework()
    return ", ".join(fw.statement(s).code for s in rule.statements)


def render_list(rules: list[Rule], console: Console) -> None:
    table = Table(title=f"{len(rules)} rules", show_lines=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Statement", no_wrap=True)
    table.add_column("Kind / level", no_wrap=True)
    table.add_column("Category", no_wrap=True)
    table.add_column("Title")
    for r in rules:
        off = " (disabled)" if not r.enabled else ""
        table.add_row(r.id, _codes(r), Text(f"{r.kind} / {r.level}", style=KIND_STYLE[r.level]), r.category,
                      r.title + off)
    console.print(table)


def list_json(rules: list[Rule]) -> str:
    data = [{"id": r.id, "statements": list(r.statements), "kind": r.kind, "level": r.level,
             "category": r.category, "title": r.title, "enabled": r.enabled} for r in rules]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_rule(rule: Rule, origin: Location | None, console: Console) -> None:
    fw = framework()

    def field(label: str, value: str) -> Group:
        return Group(Text(label, style="bold"), Padding(Text(value), (0, 0, 0, 2), expand=False))

    statements = "\n".join(f"{fw.statement(s).name} ({fw.statement(s).code})" + (" - primary" if i == 0 else "")
                           for i, s in enumerate(rule.statements))
    parts = [
        Text.assemble((rule.id, "bold"), "  ", rule.title),
        Text.assemble(("enabled" if rule.enabled else "DISABLED", "green" if rule.enabled else "bold red"),
                      f"   defined in {origin}" if origin else ""),
        Text(""),
        field("Kind:", f"{rule.kind}, level {rule.level} ({LEVEL_WORDS[rule.level].lower()})"),
        field("Quality statements:", statements),
        field("Evidence category:", f"{category_name(rule.category)} ({rule.category})"),
        field("Fires when:", describe(rule.when)),
        field("Message (filled in with what was found):", rule.message),
        field("Why it matters:", rule.why),
        field("What to do:", rule.recommendation),
        field("References:", "\n".join(rule.references)),
    ]
    console.print(Group(*parts))


def render_fixtures(results: list[CaseResult], gaps: list[Problem], console: Console, allow_gaps: bool) -> None:
    for r in results:
        where = f"{r.file}:{r.line}" if r.line else r.file
        if r.passed:
            console.print(Text.assemble(("PASS ", "green"), f"{r.case.rule}: {r.case.name}"))
        else:
            console.print(Text.assemble(("FAIL ", "bold red"), f"{r.case.rule}: {r.case.name}",
                                        (f"  ({where})", "dim"), f"\n     {r.problem}"))
    if gaps:
        console.print(Text(f"\nCoverage gaps ({len(gaps)}):", style="bold yellow" if allow_gaps else "bold red"))
        for g in gaps:
            console.print(Text(f"  {g}"))
    failed = sum(1 for r in results if not r.passed)
    summary = f"\n{len(results) - failed} passed, {failed} failed, {len(gaps)} coverage gap(s)"
    if gaps and allow_gaps:
        summary += " (allowed)"
    console.print(Text(summary, style="bold red" if failed or (gaps and not allow_gaps) else "bold green"))


def fixtures_json(results: list[CaseResult], gaps: list[Problem]) -> str:
    data: dict[str, Any] = {
        "passed": sum(1 for r in results if r.passed),
        "failed": sum(1 for r in results if not r.passed),
        "cases": [{"file": r.file, "line": r.line, "rule": r.case.rule, "name": r.case.name, "expect": r.case.expect,
                   "actual": r.actual, "passed": r.passed, "problem": r.problem} for r in results],
        "coverage_gaps": [{"rule": g.rule_id, "file": g.file, "message": g.message} for g in gaps],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
