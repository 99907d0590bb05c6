"""The `explain` report on a terminal: the whole reasoning behind each statement's score.

Built from rich Text objects (never markup strings), so nothing in a profile or rule can be
read as styling. On a terminal it is coloured; piped or written to a file it is plain text.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from ..model.assessment import Assessment, Finding, StatementResult
from .common import (
    DISCLAIMER, NOTIFICATION, category_name, collect_lines, coverage_words, kind_words, overall_lines, select, unsourced_lines, value_text,
    waiver_words,
)
from .common import SCORE_STYLE

KIND_STYLE = {"significant": "bold red", "some": "yellow", "good": "green", "exceptional": "bold blue"}
MARK = {"shortfall": "x", "strength": "+"}


def _pad(renderable: RenderableType, left: int, top: int = 0) -> Padding:
    return Padding(renderable, (top, 0, 0, left), expand=False)


def _line(label: str, text: str, indent: int = 4, style: str = "") -> Padding:
    return _pad(Text.assemble((label, "bold"), text, style=style), indent)


def _finding(f: Finding) -> list[RenderableType]:
    head = Text.assemble(
        (f"{MARK[f.kind]} ", KIND_STYLE[f.level]), (kind_words(f), KIND_STYLE[f.level]), ": ", (f.title, "bold"),
        (f"  [{f.rule_id}]", "dim"),
    )
    if f.waived:
        head.append("  WAIVED", style="bold magenta")
    if f.unsourced:
        head.append("  NO SOURCE" + ("" if f.counts_in_score else ", NOT COUNTED"), style="bold yellow")
    out: list[RenderableType] = [_pad(head, 2, top=1), _line("Found: ", f.message)]
    if f.waived:
        out.append(_line("", waiver_words(f) or "", style="magenta"))
    if f.evidence:
        out.append(_line("Evidence (facts read):", ""))
        for x in f.evidence:
            value = value_text(x.value, x.missing)
            out.append(_pad(Text.assemble((x.fact, "cyan"), " = ", (value, "dim" if x.missing else ""),
                                          ("  (no source)" if x.unsourced else "", "yellow")), 6))
            for source in x.sources:
                out.append(_pad(Text("source: " + source, style="dim"), 8))
    out.append(_line("Why it matters: ", f.why))
    out.append(_line("What to do: " if f.kind == "shortfall" else "To keep it: ", f.recommendation))
    if f.references:
        out.append(_line("References: ", "; ".join(f.references), style="dim"))
    return out


def statement(s: StatementResult, paths: bool = False) -> Group:
    from ..model.framework import framework

    parts: list[RenderableType] = [
        Text(""),
        Rule(Text(f" {s.name} ({s.code}) ", style="bold"), align="left"),
        Text.assemble("Predicted score ", (f" {s.predicted_score} ", SCORE_STYLE[s.predicted_score]), " ",
                      (s.score_descriptor, "bold"), f"   theme: {framework().theme(s.theme).name}"),
        Text(s.reason),
        Text(f"Coverage: {coverage_words(s)}."),
    ]
    if s.notification_risk:
        parts.append(Text("Predicted 1. " + NOTIFICATION, style="bold red"))
    cats = ", ".join(f"{category_name(c)} {v:g}" for c, v in s.category_scores.items()) or "none"
    parts.append(_line("Category scores (1-4): ", cats, indent=0))
    if s.categories_without_evidence:
        parts.append(_line("Not evidenced: ", ", ".join(category_name(c) for c in s.categories_without_evidence),
                           indent=0))
    parts.append(_line("Evidence percentage before limits: ",
                       f"{s.percent:g}%" if s.percent is not None else "none (no rule could be checked)", indent=0))
    if s.limits_applied:
        parts.append(_line("Limits applied:", "", indent=0))
        parts += [_pad(Text("- " + limit), 2) for limit in s.limits_applied]

    parts.append(Text(f"\nFindings ({len(s.findings)})", style="bold underline"))
    if not s.findings:
        parts.append(_pad(Text("none: no shortfall found and no evidence of a good standard yet"), 2))
    for f in s.findings:
        parts += _finding(f)

    parts.append(Text(f"\nWhat to collect ({len(s.missing_evidence)} checks could not be made)",
                      style="bold underline"))
    if not s.missing_evidence:
        parts.append(_pad(Text("nothing: every check had its evidence"), 2))
    for line in collect_lines(s, paths):
        parts.append(_pad(Text("? " + line), 2))

    parts.append(Text("\nPath to the next score", style="bold underline"))
    p = s.path_to_next_score
    if p is None:
        parts.append(_pad(Text("already at the highest score"), 2))
    else:
        parts.append(_pad(Text(p.explanation), 2))
        for r in p.resolve:
            parts.append(_pad(Text.assemble("- resolve: ", r.title, (f"  [{r.rule_id}]", "dim")), 4))
        for r in p.show_strengths:
            parts.append(_pad(Text.assemble("- evidence: ", r.title, (f"  [{r.rule_id}]", "dim")), 4))
    return Group(*parts)


def render(assessment: Assessment, console: Console, statement_ids: list[str] | None = None,
           paths: bool = False) -> None:
    a = select(assessment, statement_ids)
    console.print(Text(f"{a.council.name}: the reasoning behind each predicted score, as of "
                       f"{a.council.as_of:%d %B %Y}", style="bold"))
    console.print(Text(DISCLAIMER, style="dim"))
    for s in a.statements:
        console.print(statement(s, paths))
    console.print(Text(""))
    console.print(Rule(Text(" Overall ", style="bold"), align="left"))
    for line in overall_lines(a):
        console.print(Text(line))
    for note in a.ignored_waivers:
        console.print(Text(note, style="yellow"))
    warn = unsourced_lines(a)
    if warn:
        console.print(Text("Warning: " + warn[0], style="yellow"))
        for line in warn[1:]:
            console.print(_pad(Text("- " + line, style="yellow"), 2))
