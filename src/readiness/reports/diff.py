"""Reports of what changed between two snapshots (readiness.diff.AssessmentDiff)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..engine.diff import AssessmentDiff, StatementChange
from .common import SCORE_STYLE, code, md


def _arrow(change: int) -> str:
    return "up" if change > 0 else "down" if change < 0 else "same"


def _heading(d: AssessmentDiff) -> str:
    name = d.new.name if d.same_council else f"{d.old.name} -> {d.new.name}"
    return f"{name}: {d.old.as_of:%d %B %Y} -> {d.new.as_of:%d %B %Y}"


def _rating(d: AssessmentDiff) -> str:
    o = d.overall
    verb = "unchanged" if o.old_rating == o.new_rating else "changed"
    return (f"Overall rating {verb}: {o.old_rating} ({o.old_total}/{o.max_score}) -> "
            f"{o.new_rating} ({o.new_total}/{o.max_score}).")


def change_lines(c: StatementChange) -> list[tuple[str, str, str]]:
    """(sign, words, rule id) for each change behind a statement.

    A finding that went because its evidence went is not cleared (missing evidence is never a
    pass): it is said once, as no longer evidenced. A finding that came with its evidence is
    said once, as new."""
    evidenced = {r.rule_id for r in c.newly_evidenced}
    unknown = {r.rule_id for r in c.newly_missing}
    out = [("+", f"new finding{' (now evidenced)' if f.rule_id in evidenced else ''}: {f.title} ({f.level} {f.kind})",
            f.rule_id) for f in c.appeared]
    out += [("-", f"cleared: {f.title} ({f.level} {f.kind})", f.rule_id) for f in c.cleared if f.rule_id not in unknown]
    shown = {f.rule_id for f in c.appeared}
    out += [("~", f"now evidenced, not found: {r.title}", r.rule_id) for r in c.newly_evidenced if r.rule_id not in shown]
    gone = {f.rule_id: f for f in c.cleared if f.rule_id in unknown}
    for r in c.newly_missing:
        f = gone.get(r.rule_id)
        if f is None:
            out.append(("~", f"no longer evidenced: {r.title}", r.rule_id))
        else:
            unsure = "not known to be resolved" if f.kind == "shortfall" else "not known to still hold"
            out.append(("~", f"no longer evidenced, so {unsure}: {f.title} (was: {f.level} {f.kind})", r.rule_id))
    return out


def render_terminal(d: AssessmentDiff, console: Console) -> None:
    table = Table(title=_heading(d), show_lines=False)
    table.add_column("Quality statement")
    table.add_column("Old", justify="center")
    table.add_column("New", justify="center")
    table.add_column("Moved", no_wrap=True)
    for c in d.statements:
        table.add_row(c.name, Text(f" {c.old_score} ", SCORE_STYLE[c.old_score]),
                      Text(f" {c.new_score} ", SCORE_STYLE[c.new_score]),
                      Text(_arrow(c.change), style="bold" if c.change else "dim"))
    parts: list = [table, Text(_rating(d), style="bold")]
    if not d.same_council:
        parts.append(Text("Note: the two profiles name different councils.", style="yellow"))
    for c in d.statements:
        lines = change_lines(c)
        if not lines:
            continue
        parts.append(Text(f"\n{c.name}: {c.old_score} -> {c.new_score}", style="bold"))
        for sign, words, rule_id in lines:
            parts.append(Text.assemble(f"  {sign} {words}", (f"  [{rule_id}]", "dim")))
    if not any(c.changed for c in d.statements):
        parts.append(Text("No statement prediction, finding or evidence changed."))
    console.print(Group(*parts))


def render_markdown(d: AssessmentDiff) -> str:
    out = [f"# {md(_heading(d))}", "", md(_rating(d)), ""]
    if not d.same_council:
        out += ["*Note: the two profiles name different councils.*", ""]
    out += ["| Quality statement | Old | New | Moved |", "|---|:-:|:-:|---|"]
    out += [f"| {md(c.name)} | {c.old_score} | {c.new_score} | {_arrow(c.change)} |" for c in d.statements]
    out.append("")
    for c in d.statements:
        lines = change_lines(c)
        if lines:
            out += [f"## {md(c.name)}: {c.old_score} -> {c.new_score}", ""]
            out += [f"- {md(words)} ({code(rule_id)})" for _, words, rule_id in lines]
            out.append("")
    if not any(c.changed for c in d.statements):
        out += ["No statement prediction, finding or evidence changed.", ""]
    return "\n".join(out)
