"""The terminal report: a rich table of the 9 statements, derived themes and the overall rating."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model.assessment import Assessment, StatementResult
from ..model.framework import framework
from .common import SCORE_STYLE, base_rate_words, coverage_short, low_coverage, overall_lines, unsourced_lines



def score_cell(score: int) -> Text:
    return Text(f" {score} ", style=SCORE_STYLE[score])


def top_reasons(s: StatementResult, limit: int = 3) -> str:
    lines = [("- " if f.kind == "shortfall" else "+ ") + f.title + (" (waived)" if f.waived else "")
             + (" (no source)" if f.unsourced else "") for f in s.findings[:limit]]
    if len(s.findings) > limit:
        lines.append(f"  ... and {len(s.findings) - limit} more")
    if not lines and not s.evidenced and s.base_rate:
        return "not evidenced (" + base_rate_words(s) + ")"
    return "\n".join(lines) if lines else "no findings: no evidence of a good standard yet"


def statements_table(assessment: Assessment, statement_ids: list[str] | None = None) -> Table:
    fw = framework()
    table = Table(title=f"{assessment.council.name}: predicted CQC scores as of {assessment.council.as_of:%d %B %Y}",
                  show_lines=True, expand=True)
    # Fits 100 columns: the theme goes under the statement's name (dim) rather than in a column of
    # its own; CQC's words are never cut (each word fits its column, overflow folds, never "...").
    table.add_column("Quality statement (theme)", width=28)
    table.add_column("Score", justify="center", no_wrap=True)
    table.add_column("CQC words", width=15, overflow="fold")
    table.add_column("Coverage", no_wrap=True)
    table.add_column("Top reasons", ratio=1, overflow="fold")
    for s in assessment.statements:
        if statement_ids and s.id not in statement_ids:
            continue
        flag = " [!]" if s.notification_risk else ""
        words = s.score_descriptor if s.evidenced else f"Not evidenced (counted as {s.predicted_score} by default)"
        name = Text(s.name + flag)
        name.append("\n" + fw.theme(s.theme).short, style="dim")
        table.add_row(name, score_cell(s.predicted_score), words,
                      Text(coverage_short(s), style="bold yellow" if low_coverage(s) else ""), top_reasons(s))
    return table


def themes_table(assessment: Assessment) -> Table:
    table = Table(title="Themes (derived by readiness: CQC publishes no theme scores)", expand=False)
    table.add_column("Theme")
    table.add_column("Statements", justify="right")
    table.add_column("Mean score (derived)", justify="right")
    for t in assessment.themes:
        table.add_row(t.name, str(len(t.statements)), f"{t.derived_score:.2f}")
    return table


def overall_panel(assessment: Assessment) -> Panel:
    """The same sentences as every other format, with the rating and any 1 picked out."""
    text = Text()
    for line in overall_lines(assessment):
        style = "bold red" if line.startswith("Predicted 1") else ("bold" if line.startswith("Predicted overall") else "")
        text.append(line + "\n", style=style)
    for note in assessment.ignored_waivers:
        text.append(note + "\n", style="yellow")
    warn = unsourced_lines(assessment)
    if warn:
        text.append("Warning: " + warn[0] + " See the warnings above, or `readiness explain`.\n", style="yellow")
    text.append("Coverage n/m: n of the statement's m checks had the evidence they need.\n", style="dim")
    text.append("A prediction from the evidence in the profile, not a CQC judgement.", style="dim")
    return Panel(text, title="Overall", expand=False)


def render(assessment: Assessment, console: Console, statement_ids: list[str] | None = None) -> None:
    console.print(Group(statements_table(assessment, statement_ids), themes_table(assessment), overall_panel(assessment)))
