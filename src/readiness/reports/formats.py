"""Report formats: one registry of every `--format` of every command.

An entry says the command that offers it, its name, its renderer, whether it is text (written
as is, to the screen or a file), bytes (a file such as a workbook, written only with -o) or drawn on a console (coloured on a terminal, plain text
otherwise), and its words in `--format` help. The CLI builds each command's `--format` choices
(the first entry is the default) and its help from here, and writes every report through one
function (cli.common.deliver).

To add a format: write its module here in reports/ (rendering only from the model it is given),
add one `ReportFormat(...)` line below, and test it in tests/test_reports_<name>.py. Renderers
are imported only when used, so `readiness --help` does not load them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

PLAIN_WIDTH = 160  # columns of a console report written as plain text (piped, or to a file)


@dataclass(frozen=True)
class ReportOptions:
    statements: list[str] | None = None  # only these quality statements (check, explain)
    allow_gaps: bool = False  # rules test: coverage gaps are reported, not failed
    brief: bool = False  # check --brief: the one-page brief (formats with brief=True)
    paths: bool = False  # --debug: what to collect also names its profile paths (as the JSON does)


@dataclass(frozen=True)
class ReportFormat:
    command: str  # "check", "explain", "rules list", "rules test", "diff", "trend", "batch"
    name: str
    render: Callable[..., Any]  # text: (subject, options) -> str; console: (subject, console, options) -> None
    console: bool = False
    words: str | None = None  # in the command's --format help: "name (words)"
    width: int = PLAIN_WIDTH  # console reports: columns when written as plain text
    notes: bool = False  # say on stderr, first, which waivers were ignored (the report itself does not)
    brief: bool = False  # the renderer also draws the one-page brief (check --brief, ReportOptions.brief)
    binary: bool = False  # the renderer returns bytes (e.g. a workbook): written only to a file (-o)


# --- renderers (imported when used) ---------------------------------------------------------


def _table(a: Any, console: Any, o: ReportOptions) -> None:
    from . import terminal

    terminal.render(a, console, o.statements)


def _json(a: Any, o: ReportOptions) -> str:
    from .common import select

    return select(a, o.statements).to_json()


def _markdown(a: Any, o: ReportOptions) -> str:
    if o.brief:
        from . import brief

        return brief.render_markdown(a, o.statements, paths=o.paths)
    from . import markdown

    return markdown.render(a, o.statements, paths=o.paths)


def _markdown_detail(a: Any, o: ReportOptions) -> str:
    from . import markdown

    return markdown.render(a, o.statements, detail=True, paths=o.paths)


def _html(a: Any, o: ReportOptions) -> str:
    if o.brief:
        from . import brief

        return brief.render_html(a, o.statements, paths=o.paths)
    from . import html

    return html.render(a, o.statements, paths=o.paths)


def _actionplan(a: Any, o: ReportOptions) -> bytes:
    from . import actionplan

    return actionplan.render(a, o.statements, paths=o.paths)


def _junit(a: Any, o: ReportOptions) -> str:
    from . import junit

    return junit.render(a, o.statements)


def _explain(a: Any, console: Any, o: ReportOptions) -> None:
    from . import explain

    explain.render(a, console, o.statements, paths=o.paths)


def _rules_table(rules: Any, console: Any, o: ReportOptions) -> None:
    from . import ruleinfo

    ruleinfo.render_list(rules, console)


def _rules_json(rules: Any, o: ReportOptions) -> str:
    from . import ruleinfo

    return ruleinfo.list_json(rules)


def _fixtures_table(run: Any, console: Any, o: ReportOptions) -> None:
    from . import ruleinfo

    ruleinfo.render_fixtures(*run, console, o.allow_gaps)


def _fixtures_json(run: Any, o: ReportOptions) -> str:
    from . import ruleinfo

    return ruleinfo.fixtures_json(*run)


def _diff_table(d: Any, console: Any, o: ReportOptions) -> None:
    from . import diff

    diff.render_terminal(d, console)


def _diff_json(d: Any, o: ReportOptions) -> str:
    return d.to_json()


def _diff_markdown(d: Any, o: ReportOptions) -> str:
    from . import diff

    return diff.render_markdown(d)


def _trend_table(t: Any, console: Any, o: ReportOptions) -> None:
    from . import trend

    trend.render_terminal(t, console)


def _trend_json(t: Any, o: ReportOptions) -> str:
    return t.to_json()


def _trend_markdown(t: Any, o: ReportOptions) -> str:
    from . import trend

    return trend.render_markdown(t)


def _trend_html(t: Any, o: ReportOptions) -> str:
    from . import trend

    return trend.render_html(t)


def _batch_table(rows: Any, console: Any, o: ReportOptions) -> None:
    from . import batch

    batch.render_table(rows, console)


def _batch_csv(rows: Any, o: ReportOptions) -> str:
    from . import batch

    return batch.render_csv(rows)


def _batch_json(rows: Any, o: ReportOptions) -> str:
    from . import batch

    return batch.render_json(rows)


def _validate_text(checks: Any, o: ReportOptions) -> str:
    from .validation import as_text

    return as_text(checks)


def _validate_json(checks: Any, o: ReportOptions) -> str:
    from .validation import as_json

    return as_json(checks)


FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat("check", "table", _table, console=True, words="screen, default", width=100),
    ReportFormat("check", "json", _json, words="docs/assessment-json.md", notes=True),
    ReportFormat("check", "markdown", _markdown, words="board paper", notes=True, brief=True),
    ReportFormat("check", "html", _html, words="one self-contained page", notes=True, brief=True),
    ReportFormat("check", "junit", _junit, words="CI", notes=True),
    ReportFormat("check", "xlsx", _actionplan, words="action plan workbook for an improvement tracker; needs -o",
                 notes=True, binary=True),
    ReportFormat("explain", "text", _explain, console=True, words="screen, default", width=100),
    ReportFormat("explain", "markdown", _markdown_detail, notes=True),
    ReportFormat("explain", "json", _json, words="the assessment JSON for these statements", notes=True),
    ReportFormat("rules list", "table", _rules_table, console=True),
    ReportFormat("rules list", "json", _rules_json),
    ReportFormat("rules test", "table", _fixtures_table, console=True),
    ReportFormat("rules test", "json", _fixtures_json),
    ReportFormat("diff", "table", _diff_table, console=True),
    ReportFormat("diff", "json", _diff_json),
    ReportFormat("diff", "markdown", _diff_markdown),
    ReportFormat("trend", "table", _trend_table, console=True, words="screen, default", width=100),
    ReportFormat("trend", "markdown", _trend_markdown, words="board paper"),
    ReportFormat("trend", "json", _trend_json, words="docs/trend-json.md"),
    ReportFormat("trend", "html", _trend_html, words="one self-contained page with charts"),
    ReportFormat("batch", "table", _batch_table, console=True),
    ReportFormat("batch", "csv", _batch_csv),
    ReportFormat("batch", "json", _batch_json),
    ReportFormat("validate", "text", _validate_text, words="screen, default"),
    ReportFormat("validate", "json", _validate_json, words="for editors and CI: a list of files with their problems"),
)


def formats_for(command: str) -> list[ReportFormat]:
    return [f for f in FORMATS if f.command == command]


def find(command: str, name: str) -> ReportFormat:
    return next(f for f in FORMATS if f.command == command and f.name == name)


def format_help(command: str) -> str | None:
    """`--format` help from the entries' words (None when no entry has any)."""
    entries = formats_for(command)
    if not any(f.words for f in entries):
        return None
    return ", ".join(f"{f.name} ({f.words})" if f.words else f.name for f in entries)
