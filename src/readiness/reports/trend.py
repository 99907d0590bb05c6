"""Reports of one council's trend over dated snapshots (engine.trend.Trend): table, Markdown, HTML.

Every cell is a snapshot's predicted score with an arrow when it moved from the snapshot before;
a statement with no evidence is shown in brackets, as its score is then the policy's default.
Each step lists what `readiness diff` would say for that pair (reports.diff.change_lines).
The HTML page draws the overall percentage and the nine scores as inline SVG line charts that
stay readable in black and white (a marker and a dash pattern per line, not only a colour).
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..engine.trend import Snapshot, StatementPoint, Trend, TrendStep
from .common import DISCLAIMER, SCORE_STYLE, code, md
from .diff import change_lines
from .html import CSS, e, page
from .safe import neutralise

UP, DOWN = "↑", "↓"
RATING_SHORT = {"Outstanding": "O", "Good": "G", "Requires improvement": "RI", "Inadequate": "I"}
RATING_KEY = "Ratings: O Outstanding, G Good, RI Requires improvement, I Inadequate."
KEY = (f"{UP} up, {DOWN} down from the snapshot before; (n): not evidenced, so counted at the policy's default "
       "score, not a finding.")
TABLE_COLUMNS = 6  # snapshots per console table, so that it fits 100 columns; more make more tables


def day(d: date) -> str:
    """'31 Jan 2025': a snapshot's date in every report."""
    return f"{d.day} {d:%b %Y}"


def _arrow(now: float | None, before: float | None) -> str:
    if now is None or before is None or now == before:
        return ""
    return UP if now > before else DOWN


def _rows(t: Trend) -> list[tuple[str, str, list[StatementPoint | None]]]:
    """(id, name, the statement in each snapshot) in the first snapshot's order."""
    rows = []
    for s in t.snapshots[0].statements:
        rows.append((s.id, s.name, [next((p for p in snap.statements if p.id == s.id), None) for snap in t.snapshots]))
    return rows


def _score_cells(points: list[StatementPoint | None]) -> list[str]:
    out, before = [], None
    for p in points:
        if p is None:
            out.append("-")
            continue
        shown = str(p.predicted_score) if p.evidenced else f"({p.predicted_score})"
        arrow = _arrow(p.predicted_score, before)
        out.append(f"{shown} {arrow}" if arrow else shown)
        before = p.predicted_score
    return out


def _percent_cells(t: Trend) -> list[str]:
    out, before = [], None
    for s in t.snapshots:
        arrow = _arrow(s.overall_percent, before)
        out.append(f"{s.overall_percent:g}%" + (f" {arrow}" if arrow else ""))
        before = s.overall_percent
    return out


def _overall_rows(t: Trend) -> list[tuple[str, list[str]]]:
    rows = [("Overall (% of maximum)", _percent_cells(t)),
            ("Overall rating", [RATING_SHORT.get(s.overall_rating, s.overall_rating) for s in t.snapshots])]
    if any(s.rating_over_evidenced is not None for s in t.snapshots):
        rows.append(("Rating over evidenced statements",
                     [RATING_SHORT.get(s.rating_over_evidenced, s.rating_over_evidenced) if s.rating_over_evidenced
                      else "none" for s in t.snapshots]))
    rows.append(("Checks with their evidence", [f"{s.checks_evaluable}/{s.checks_total}" for s in t.snapshots]))
    return rows


def heading(t: Trend) -> str:
    first, last = t.snapshots[0].as_of, t.snapshots[-1].as_of
    return f"{t.council}: {len(t.snapshots)} snapshots, {day(first)} to {day(last)}"


def step_heading(step: TrendStep, esc: Callable[[str], str] = str) -> str:
    """The step's dates and overall move; `esc` makes the rating names safe for the format."""
    o = step.change.overall
    moved = "unchanged" if o.old_rating == o.new_rating else f"{esc(o.old_rating)} -> {esc(o.new_rating)}"
    return (f"{day(step.from_as_of)} to {day(step.to_as_of)}: overall {o.old_total}/{o.max_score} -> "
            f"{o.new_total}/{o.max_score}, rating {moved}")


def _step_parts(step: TrendStep, esc: Callable[[str], str] = str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(statement 'name: old -> new', its change lines) for each statement that changed in the step."""
    return [(f"{esc(c.name)}: {c.old_score} -> {c.new_score}", change_lines(c)) for c in step.change.statements
            if c.changed]


NOTHING_CHANGED = "No statement prediction, finding or evidence changed."


# --- table (console) --------------------------------------------------------------------------


def _score_text(cell: str, p: StatementPoint | None) -> Text:
    return Text(f" {cell} ", SCORE_STYLE.get(p.predicted_score, "")) if p is not None else Text(cell)


def render_terminal(t: Trend, console: Console) -> None:
    parts: list = []
    rows = _rows(t)
    overall = _overall_rows(t)
    cells = [_score_cells(points) for _, _, points in rows]
    count = len(t.snapshots)
    tables = -(-count // TABLE_COLUMNS)
    per_table = -(-count // tables)  # shared out evenly: 7 snapshots are 4 + 3, not 6 + 1
    for start in range(0, count, per_table):
        chunk = range(start, min(start + per_table, count))
        # escapes made visible before layout, so that the title is measured as it will be shown
        title = neutralise(heading(t) if start == 0 else f"{t.council} (continued)")
        table = Table(title=title, title_justify="left")
        table.add_column("Quality statement", ratio=1, overflow="fold")
        for i in chunk:
            d = t.snapshots[i].as_of
            table.add_column(f"{d.day} {d:%b}\n{d.year}", justify="center", no_wrap=True)
        for n, ((_, name, points), row) in enumerate(zip(rows, cells)):
            table.add_row(name, *(_score_text(row[i], points[i]) for i in chunk), end_section=n == len(rows) - 1)
        for label, values in overall:
            table.add_row(Text(label, style="bold"), *(values[i] for i in chunk))
        parts.append(table)
    parts += [Text(KEY, style="dim"), Text(RATING_KEY, style="dim")]
    for step in t.steps:
        parts.append(Text(f"\n{step_heading(step)}", style="bold"))
        changed = _step_parts(step)
        if not changed:
            parts.append(Text(f"  {NOTHING_CHANGED}"))
        for title, lines in changed:
            parts.append(Text(f"  {title}", style="bold"))
            grid = Table.grid(padding=(0, 1))  # wrapped lines keep their indent
            grid.add_column(width=4, justify="right")
            grid.add_column(ratio=1)
            for sign, words, rule_id in lines:
                grid.add_row(sign, Text.assemble(words, (f"  [{rule_id}]", "dim")))
            parts.append(grid)
    parts.append(Text(f"\n{DISCLAIMER}", style="dim"))
    console.print(Group(*parts))


# --- Markdown ---------------------------------------------------------------------------------


def render_markdown(t: Trend) -> str:
    out = [f"# {md(heading(t))}", "", md(DISCLAIMER), ""]
    out.append("| Quality statement | " + " | ".join(day(s.as_of) for s in t.snapshots) + " |")
    out.append("|---|" + ":-:|" * len(t.snapshots))
    for (_, name, _points), row in zip(_rows(t), (_score_cells(p) for _, _, p in _rows(t))):
        out.append(f"| {md(name)} | " + " | ".join(md(c) for c in row) + " |")
    for label, values in _overall_rows(t):
        out.append(f"| **{md(label)}** | " + " | ".join(md(v) for v in values) + " |")
    out += ["", md(KEY) + " " + md(RATING_KEY), ""]
    for step in t.steps:
        out += [f"## {step_heading(step, md)}", ""]
        changed = _step_parts(step, md)
        if not changed:
            out += [NOTHING_CHANGED, ""]
        for title, lines in changed:
            out += [f"**{title}**", ""]
            out += [f"- {md(words)} ({code(rule_id)})" for _, words, rule_id in lines]
            out.append("")
    return "\n".join(out)


# --- HTML with SVG charts ---------------------------------------------------------------------

# A line per series that black-and-white print keeps apart: a colour (Okabe-Ito, safe for
# colour-blind readers), a dash pattern and a marker shape each.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F4F24", "#666666"]
DASHES = ["", "8 4", "2 3", "10 3 2 3", "5 5", "1 4", "12 3 3 3 3 3", "6 2", "3 6"]
MARKERS = ["circle", "square", "triangle", "diamond", "circle-open", "square-open", "triangle-open",
           "diamond-open", "cross"]

WIDTH, LEFT, RIGHT, TOP = 960, 70, 24, 20

CHART_CSS = """
figure.chart { margin: 1rem 0 1.5rem; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; background: #fff; }
figure.chart figcaption { color: var(--muted); font-size: .85rem; margin-top: .3rem; }
svg text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1b1b1b; }
svg .axis { stroke: #1b1b1b; stroke-width: 1; }
svg .grid { stroke: #d0d0d0; stroke-width: 1; }
svg .small { font-size: 11px; }
td.ne { font-weight: 400; font-style: italic; }
.steps h3 { margin-top: 1.2rem; }
.steps ul { margin: .2rem 0 .6rem; }
"""


def marker(kind: str, x: float, y: float, colour: str) -> str:
    """A point's marker: filled or open circle, square, triangle, diamond, or a cross."""
    open_ = kind.endswith("-open")
    shape = kind.removesuffix("-open")
    paint = f'fill="#fff" stroke="{colour}" stroke-width="2"' if open_ else f'fill="{colour}" stroke="{colour}"'
    r = 5.0
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {paint}/>'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" {paint}/>'
    if shape == "triangle":
        pts = [(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)]
    elif shape == "diamond":
        pts = [(x, y - r - 1.5), (x + r + 1, y), (x, y + r + 1.5), (x - r - 1, y)]
    else:  # cross
        return (f'<line x1="{x - r:.1f}" y1="{y - r:.1f}" x2="{x + r:.1f}" y2="{y + r:.1f}" stroke="{colour}" '
                f'stroke-width="2.5"/><line x1="{x - r:.1f}" y1="{y + r:.1f}" x2="{x + r:.1f}" y2="{y - r:.1f}" '
                f'stroke="{colour}" stroke-width="2.5"/>')
    return f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}" {paint}/>'


def _xs(n: int) -> list[float]:
    """Snapshots evenly spaced in date order (the caption says so), so labels never collide."""
    inner = WIDTH - LEFT - RIGHT
    if n == 1:
        return [LEFT + inner / 2]
    return [LEFT + 20 + i * (inner - 40) / (n - 1) for i in range(n)]


def _x_axis(snapshots: list[Snapshot], xs: list[float], bottom: float) -> list[str]:
    slanted = len(snapshots) > 8
    out = [f'<line class="axis" x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}"/>']
    for s, x in zip(snapshots, xs):
        out.append(f'<line class="axis" x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 5}"/>')
        if slanted:
            out.append(f'<text class="small" text-anchor="end" transform="translate({x:.1f},{bottom + 16}) '
                       f'rotate(-40)">{e(day(s.as_of))}</text>')
        else:
            out.append(f'<text class="small" x="{x:.1f}" y="{bottom + 20}" text-anchor="middle">'
                       f"{e(day(s.as_of))}</text>")
    label_y = bottom + (70 if slanted else 42)
    out.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{label_y}" text-anchor="middle">Snapshot date '
               "(council.as_of)</text>")
    return out


def _y_axis(ticks: list[tuple[float, str]], top: float, bottom: float, title: str) -> list[str]:
    out = [f'<line class="axis" x1="{LEFT}" y1="{top}" x2="{LEFT}" y2="{bottom}"/>']
    for y, label in ticks:
        out.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
        out.append(f'<text class="small" x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{e(label)}</text>')
    mid = (top + bottom) / 2
    out.append(f'<text text-anchor="middle" transform="translate(18,{mid:.1f}) rotate(-90)">{e(title)}</text>')
    return out


def _series(index: int, key: str, name: str, points: list[tuple[float, float]]) -> list[str]:
    colour, dash, shape = COLOURS[index % 9], DASHES[index % 9], MARKERS[index % 9]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    line = (f'<polyline class="series" data-series="{e(key)}" fill="none" stroke="{colour}" stroke-width="2.2"'
            f'{dashes} points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}"><title>{e(name)}</title></polyline>')
    return [line, *(marker(shape, x, y, colour) for x, y in points)]


def _legend_entry(index: int, x: float, y: float, label: str) -> list[str]:
    colour, dash = COLOURS[index % 9], DASHES[index % 9]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return [f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 36:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="2.2"{dashes}/>',
            marker(MARKERS[index % 9], x + 18, y, colour),
            f'<text class="small" x="{x + 44:.1f}" y="{y + 4:.1f}">{e(label)}</text>']


def _svg(chart_id: str, title: str, height: float, parts: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" '
            f'height="{height:.0f}" role="img" aria-labelledby="{chart_id}-title" id="{chart_id}">'
            f'<title id="{chart_id}-title">{e(title)}</title>' + "".join(parts) + "</svg>")


def overall_chart(t: Trend) -> str:
    """The overall score (% of the maximum) at each snapshot, each point labelled with its value."""
    plot_h = 220
    bottom = TOP + plot_h
    xs = _xs(len(t.snapshots))
    y_of = lambda v: bottom - v / 100 * plot_h  # noqa: E731
    parts = _y_axis([(y_of(v), f"{v}%") for v in (0, 25, 50, 75, 100)], TOP, bottom, "Overall score (%)")
    parts += _x_axis(t.snapshots, xs, bottom)
    points = [(x, y_of(s.overall_percent)) for x, s in zip(xs, t.snapshots)]
    parts += _series(0, "overall", "Overall score (% of maximum)", points)
    parts += [f'<text class="small" x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle">{s.overall_percent:g}% '
              f'{e(RATING_SHORT.get(s.overall_rating, s.overall_rating))}</text>'
              for (x, y), s in zip(points, t.snapshots)]
    height = bottom + (80 if len(t.snapshots) > 8 else 52) + 26
    parts += _legend_entry(0, LEFT, height - 14, "Overall score (% of maximum), with the predicted rating")
    return _svg("overall-chart", f"{t.council}: overall score over time", height, parts)


def statements_chart(t: Trend) -> str:
    """Each statement's predicted score (1-4) at each snapshot, one line per statement, nudged
    apart vertically so that statements with the same score stay visible."""
    plot_h = 270
    bottom = TOP + plot_h
    xs = _xs(len(t.snapshots))
    rows = _rows(t)
    step = plot_h / 3.6
    y_of = lambda v: bottom - (v - 1 + 0.3) * step  # noqa: E731
    parts = _y_axis([(y_of(v), str(v)) for v in (1, 2, 3, 4)], TOP, bottom, "Predicted score (1-4)")
    parts += _x_axis(t.snapshots, xs, bottom)
    spread = 6.0
    for index, (_, name, points) in enumerate(rows):
        nudge = (index - (len(rows) - 1) / 2) * spread
        line = [(x, y_of(p.predicted_score) + nudge) for x, p in zip(xs, points) if p is not None]
        code_ = next(p.code for p in points if p is not None)
        parts += _series(index, code_, name, line)
    legend_top = bottom + (80 if len(t.snapshots) > 8 else 56)
    column_w = (WIDTH - LEFT) / 2
    for index, (_, name, points) in enumerate(rows):
        code_ = next(p.code for p in points if p is not None)
        col, row = index % 2, index // 2
        parts += _legend_entry(index, LEFT + col * column_w, legend_top + row * 22, f"{code_} {name}")
    height = legend_top + ((len(rows) + 1) // 2) * 22 + 6
    return _svg("statements-chart", f"{t.council}: each quality statement's predicted score over time", height, parts)


def _html_table(t: Trend) -> str:
    head = "".join(f"<th>{e(day(s.as_of))}</th>" for s in t.snapshots)
    body = []
    for _, name, points in _rows(t):
        cells = _score_cells(points)
        body.append(f"<tr><td>{e(name)}</td>" + "".join(
            f'<td class="num s{p.predicted_score}{"" if p.evidenced else " ne"}">{e(c)}</td>' if p is not None
            else f"<td>{e(c)}</td>" for c, p in zip(cells, points)) + "</tr>")
    for label, values in _overall_rows(t):
        body.append(f"<tr><th>{e(label)}</th>" + "".join(f'<td class="num">{e(v)}</td>' for v in values) + "</tr>")
    return (f"<table><thead><tr><th>Quality statement</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            f'<p class="note">{e(KEY)} {e(RATING_KEY)}</p>')


def _html_steps(t: Trend) -> str:
    out = ['<section class="steps" aria-labelledby="steps"><h2 id="steps">What changed at each step</h2>']
    for step in t.steps:
        out.append(f"<h3>{e(step_heading(step))}</h3>")
        changed = _step_parts(step)
        if not changed:
            out.append(f"<p>{e(NOTHING_CHANGED)}</p>")
        for title, lines in changed:
            out.append(f"<p><strong>{e(title)}</strong></p><ul>" + "".join(
                f"<li>{e(sign)} {e(words)} <code>{e(rule_id)}</code></li>" for sign, words, rule_id in lines) + "</ul>")
    out.append("</section>")
    return "".join(out)


def render_html(t: Trend) -> str:
    files = ", ".join(f"{day(s.as_of)}: {s.file}" for s in t.snapshots if s.file)
    body = [
        "<header>",
        f"<h1>{e(t.council)}</h1>",
        f'<p class="sub">Predicted CQC adult social care readiness over {len(t.snapshots)} snapshots, '
        f"{e(day(t.snapshots[0].as_of))} to {e(day(t.snapshots[-1].as_of))}</p>",
        f'<p class="note">{e(DISCLAIMER)}</p>',
        "</header>",
        "<main>",
        '<section aria-labelledby="overall"><h2 id="overall">Overall score</h2>',
        f'<figure class="chart">{overall_chart(t)}<figcaption>The overall score as a percentage of the maximum '
        "(all nine statements weighted equally) and the predicted rating at each snapshot. Snapshots are evenly "
        "spaced, in date order.</figcaption></figure></section>",
        '<section aria-labelledby="statements"><h2 id="statements">Quality statements</h2>',
        f'<figure class="chart">{statements_chart(t)}<figcaption>Each statement\'s predicted score (1-4); each '
        "line has its own marker and dash pattern, and lines are nudged slightly apart so that equal scores stay "
        "visible. A statement with no evidence is plotted at the policy's default score: the table shows it in "
        "brackets.</figcaption></figure>",
        _html_table(t), "</section>",
        _html_steps(t),
        "</main>",
        f"<footer>Snapshots: {e(files)}. {e(DISCLAIMER)}</footer>" if files else f"<footer>{e(DISCLAIMER)}</footer>",
    ]
    return page(f"{t.council}: readiness over time", CSS + CHART_CSS, body)
