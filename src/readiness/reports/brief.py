"""The one-page brief (`check --format markdown|html --brief`): the overall rating, the nine
scores with their coverage, the top risks and strengths with their sources, the path to the next
rating and the top things to collect. `--statement` narrows only the last four (the detail): the
rating and the nine scores stay whole, since the rating rests on all nine. At most 60 lines of Markdown, fit to paste into a board
paper; the HTML is one self-contained page (the full report's CSP) that prints on one or two A4
pages.

The choosing is done once (`Brief`), and the two renderers only word it: Markdown through `md()`,
HTML through `html.e()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.assessment import Assessment, Finding, StatementResult
from .common import (
    DISCLAIMER, NO_SOURCE, code, collect_words, coverage_short, finding_sources, kind_words, low_coverage, md,
    overall_lines, select,
)

TOP = 5  # risks, strengths and things to collect
PATHS = 3  # statements named on the path to the next rating
MAX_LINES = 60  # of Markdown
SOURCE_CHARS = 140  # a source longer than this is cut ("...") in the brief; the full report has it whole
MESSAGE_CHARS = 220
_LEVEL_ORDER = {"significant": 0, "exceptional": 0, "some": 1, "good": 1}


def short(text: str, limit: int) -> str:
    """`text` on one line, cut at a word to at most `limit` characters, marked "..." when cut."""
    flat = " ".join(str(text).split())
    if len(flat) <= limit:
        return flat
    return flat[:limit - 3].rsplit(" ", 1)[0] + "..."


@dataclass(frozen=True)
class Item:
    """A risk or strength: the finding and the statement it belongs to."""

    statement: StatementResult
    finding: Finding

    @property
    def sources(self) -> list[str]:
        f = self.finding
        found = finding_sources(f)
        if f.source and f.source not in found:
            found.insert(0, f.source)
        return [short(x, SOURCE_CHARS) for x in found]

    @property
    def message(self) -> str:
        return short(self.finding.message, MESSAGE_CHARS)

    @property
    def notes(self) -> list[str]:
        f = self.finding
        out = []
        if f.waived:
            out.append("waived")
        if not f.counts_in_score:
            out.append("not counted")
        return out


@dataclass(frozen=True)
class Collect:
    what: str
    statements: list[str]  # codes
    checks: int
    facts: list[str]  # profile paths (shown under --debug)



@dataclass(frozen=True)
class Step:
    """One statement's way to its next score."""

    statement: StatementResult
    target: int
    resolve: list[str]
    show: list[str]


@dataclass(frozen=True)
class Brief:
    assessment: Assessment  # whole: the rating and the nine scores
    detail_of: list[StatementResult]  # the statements the detail speaks of (all nine, or those of --statement)
    risks: list[Item]
    strengths: list[Item]
    steps: list[Step]
    collect: list[Collect]


def _items(a: Assessment, kind: str) -> list[Item]:
    found = [Item(s, f) for s in a.statements for f in s.findings if f.kind == kind]
    # worst (or best) first: the level, then what counts before what does not, then the lowest-scored statement
    return sorted(found, key=lambda i: (_LEVEL_ORDER[i.finding.level], not i.finding.counts_in_score,
                                        bool(i.finding.waived),
                                        i.statement.predicted_score if kind == "shortfall" else -i.statement.predicted_score))


def _steps(a: Assessment) -> list[Step]:
    steps = [Step(s, p.target_score, [r.title for r in p.resolve], [r.title for r in p.show_strengths])
             for s in a.statements if (p := s.path_to_next_score) is not None and p.achievable]
    return sorted(steps, key=lambda x: (len(x.resolve) + len(x.show), x.statement.predicted_score))[:PATHS]


def _collect(a: Assessment) -> list[Collect]:
    merged: dict[str, tuple[list[str], set[str], list[str]]] = {}
    for s in a.statements:
        for c in s.what_to_collect:
            codes, rules, facts = merged.setdefault(c.what, ([], set(), []))
            if s.code not in codes:
                codes.append(s.code)
            rules.update(c.rules)
            facts += [f for f in c.facts if f not in facts]
    ranked = sorted(merged.items(), key=lambda kv: -len(kv[1][1]))  # stable: the statements' own order on ties
    return [Collect(what, codes, len(rules), facts) for what, (codes, rules, facts) in ranked[:TOP]]


def brief(assessment: Assessment, statement_ids: list[str] | None = None) -> Brief:
    """The choosing: the whole assessment for the rating and the tiles, the chosen statements for the detail."""
    d = select(assessment, statement_ids)
    return Brief(assessment, d.statements, _items(d, "shortfall")[:TOP], _items(d, "strength")[:TOP], _steps(d),
                 _collect(d))


def scope(b: Brief) -> str:
    """'' for the whole brief; ' (AN, SG only)' after a detail heading narrowed by --statement."""
    if len(b.detail_of) == len(b.assessment.statements):
        return ""
    return f" ({', '.join(s.code for s in b.detail_of)} only)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def next_rating_line(a: Assessment) -> str:
    o = a.overall
    if not o.next_rating:
        return f"Already at the highest rating ({o.rating})."
    return f"{_plural(o.points_to_next_rating or 0, 'more statement point')} would reach {o.next_rating}."


def step_words(step: Step) -> str:
    s = step.statement
    parts = []
    if step.resolve:
        parts.append("resolve " + "; ".join(step.resolve))
    if step.show:
        parts.append("evidence " + "; ".join(step.show))
    return f"{s.name} ({s.code}) {s.predicted_score} to {step.target}: " + (", and ".join(parts) or "more evidence")


def heading(a: Assessment) -> str:
    return "The nine quality statements" if len(a.statements) == 9 else "Quality statements"


def coverage_note(s: StatementResult) -> str:
    return f"{coverage_short(s)} checks"


# --- Markdown -------------------------------------------------------------------------------


def _md_item(i: Item) -> str:
    f, s = i.finding, i.statement
    source = "; ".join(md(x) for x in i.sources) if i.sources else f"**{NO_SOURCE}**"
    notes = "".join(f" ({n})" for n in i.notes)
    return (f"- **{md(kind_words(f))}** ({md(s.code)}, {s.predicted_score}): {md(f.title)}{notes}. "
            f"{md(i.message)} *Source: {source}.*")


def render_markdown(assessment: Assessment, statement_ids: list[str] | None = None, paths: bool = False) -> str:
    b = brief(assessment, statement_ids)
    a = b.assessment
    out = [f"# {md(a.council.name)}: readiness brief", "",
           f"As of {a.council.as_of:%d %B %Y}. {DISCLAIMER}", "",
           "## Overall rating"]
    out += [f"- {md(line)}" for line in overall_lines(a, next_rating=False)]
    if a.unsourced_facts:
        counting = sum(1 for u in a.unsourced_facts if u.counts_in_score)
        out.append(f"- **Warning:** {_plural(len(a.unsourced_facts), 'fact')} that findings rest on "
                   f"{'have' if len(a.unsourced_facts) != 1 else 'has'} no source ({counting} still counted); "
                   "the full report lists them.")
    out += ["", f"## {heading(a)}",
            "| Quality statement | Score | CQC words | Coverage |", "|---|:-:|---|---|"]
    for s in a.statements:
        thin = " (low)" if low_coverage(s) else ""
        out.append(f"| {md(s.name)} ({md(s.code)}) | **{s.predicted_score}** | {md(s.score_descriptor)} "
                   f"| {coverage_note(s)}{thin} |")
    out += ["", "*Coverage n/m checks: n of the statement's m checks had the evidence they need.*", "",
            f"## Top risks (shortfalls, worst first){scope(b)}"]
    out += [_md_item(i) for i in b.risks] or ["- None found."]
    out += ["", f"## Top strengths{scope(b)}"]
    out += [_md_item(i) for i in b.strengths] or ["- None evidenced yet."]
    out += ["", "## Path to the next rating", f"- {md(next_rating_line(a))}"]
    out += [f"- {md(step_words(x))}" for x in b.steps]
    out += ["", f"## Top things to collect{scope(b)}"]
    out += [f"- {collect_words(c.what, c.facts, paths, md, code)} ({', '.join(md(x) for x in c.statements)}; "
            f"lets {_plural(c.checks, 'check')} run)" for c in b.collect] or ["- Nothing: every check had its evidence."]
    out += ["", f"*readiness {md(a.tool_version)}, scoring policy {a.policy_version}; "
            "the full report (without --brief) has every finding and its evidence.*"]
    return "\n".join(out) + "\n"


# --- HTML -----------------------------------------------------------------------------------

BRIEF_CSS = """
:root { --s1: #b42318; --s2: #f2b705; --s3: #2e7d32; --s4: #1d4f91; --ink: #1b1b1b; --muted: #555;
        --line: #d0d0d0; --soft: #f4f4f4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 60rem; padding: 1.2rem; color: var(--ink); background: #fff;
       font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .2rem; }
h2 { font-size: 1.1rem; margin: 1rem 0 .35rem; border-bottom: 2px solid var(--ink); padding-bottom: .1rem;
     break-after: avoid; }
p { margin: .25rem 0; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
li { margin: .12rem 0; break-inside: avoid; }
.sub, .note { color: var(--muted); font-size: .85rem; }
.s1 { background: var(--s1); color: #fff; } .s2 { background: var(--s2); color: #1b1b1b; }
.s3 { background: var(--s3); color: #fff; } .s4 { background: var(--s4); color: #fff; }
.s0 { background: var(--soft); color: var(--ink); }
.rating { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem 1rem; padding: .5rem .8rem;
          border-radius: 6px; margin: .4rem 0; }
.rating .value { font-size: 1.4rem; font-weight: 700; }
.tiles { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .4rem; }
.tile { border-radius: 5px; padding: .35rem .5rem; break-inside: avoid; }
.tile.blank { background: repeating-linear-gradient(45deg, #f4f4f4, #f4f4f4 6px, #e6e6e6 6px, #e6e6e6 12px);
              color: #444; border: 1px dashed #999; }
.tile.thin { background-image: repeating-linear-gradient(45deg, rgba(255,255,255,.55), rgba(255,255,255,.55) 6px,
             rgba(255,255,255,.2) 6px, rgba(255,255,255,.2) 12px); color: #1b1b1b; border: 2px dashed #555; }
.tile .score { float: right; font-size: 1.5rem; font-weight: 800; line-height: 1; margin-left: .3rem; }
.tile .name { display: block; font-weight: 650; font-size: .85rem; line-height: 1.2; }
.tile .words { display: block; font-size: .72rem; }
.tile .cov { display: block; font-size: .72rem; }
.tile .cov strong { font-size: 1rem; font-weight: 800; }
.kind { font-weight: 700; }
.source { color: var(--muted); font-size: .85em; }
.nosource { font-size: .72rem; font-weight: 700; background: #8a4b00; color: #fff; border-radius: 3px;
            padding: 0 .3rem; }
.warning { border-left: 5px solid var(--s1); background: #fdecea; padding: .3rem .6rem; }
@page { size: A4; margin: 12mm; }
@media print { body { max-width: none; padding: 0; font-size: 9pt; } h2 { margin-top: .7rem; } }
"""


def _html_item(i: Item) -> str:
    from .html import e

    f, s = i.finding, i.statement
    source = (f'<span class="source">Source: {"; ".join(e(x) for x in i.sources)}</span>' if i.sources
              else f'<span class="nosource">{e(NO_SOURCE).upper()}</span>')
    notes = "".join(f" ({e(n)})" for n in i.notes)
    return (f'<li><span class="kind">{e(kind_words(f))}</span> ({e(s.code)}, {s.predicted_score}): '
            f"<strong>{e(f.title)}</strong>{notes}. {e(i.message)} {source}</li>")


def _html_tile(s: StatementResult) -> str:
    from .html import e

    shade = " blank" if s.percent is None else (" thin" if low_coverage(s) else "")
    return (f'<div class="tile s{s.predicted_score}{shade}"><span class="score" aria-label="score">'
            f'{s.predicted_score}</span><span class="name">{e(s.name)}</span>'
            f'<span class="words">{e(s.score_descriptor)}</span><span class="cov" aria-label="coverage">'
            f"<strong>{coverage_short(s)}</strong> checks had their evidence</span></div>")


def _html_code(path: str) -> str:
    from .html import e

    return f"<code>{e(path)}</code>"


def render_html(assessment: Assessment, statement_ids: list[str] | None = None, paths: bool = False) -> str:
    from .html import RATING_CLASS, e, page

    b = brief(assessment, statement_ids)
    a = b.assessment
    o = a.overall
    notes = "".join(f"<li>{e(line)}</li>" for line in overall_lines(a, next_rating=False)[1:])
    warn = ""
    if a.unsourced_facts:
        counting = sum(1 for u in a.unsourced_facts if u.counts_in_score)
        warn = (f'<p class="warning"><strong>Warning:</strong> {_plural(len(a.unsourced_facts), "fact")} that '
                f"findings rest on {'have' if len(a.unsourced_facts) != 1 else 'has'} no source ({counting} still "
                "counted); the full report lists them.</p>")
    risks = "".join(_html_item(i) for i in b.risks) or "<li>None found.</li>"
    strengths = "".join(_html_item(i) for i in b.strengths) or "<li>None evidenced yet.</li>"
    steps = f"<li>{e(next_rating_line(a))}</li>" + "".join(f"<li>{e(step_words(x))}</li>" for x in b.steps)
    collect = "".join(f"<li>{collect_words(c.what, c.facts, paths, e, _html_code)} ({e(', '.join(c.statements))}; lets {_plural(c.checks, 'check')} run)</li>"
                      for c in b.collect) or "<li>Nothing: every check had its evidence.</li>"
    body = [
        f"<h1>{e(a.council.name)}: readiness brief</h1>",
        f'<p class="sub">Predicted CQC adult social care assessment, as of {a.council.as_of:%d %B %Y}. '
        f"{e(DISCLAIMER)}</p>",
        f'<div class="rating {RATING_CLASS.get(o.rating, "s0")}"><span>Predicted overall rating</span>'
        f'<span class="value">{e(o.rating)}</span><span>{o.total_score}/{o.max_score} = {o.score_percent:g}%, '
        "all statements weighted equally</span></div>",
        f"<ul>{notes}</ul>" if notes else "",
        warn,
        f'<h2>{heading(a)}</h2><div class="tiles">'
        + "".join(_html_tile(s) for s in a.statements) + "</div>",
        '<p class="note">n/m checks: n of the statement\'s m checks had the evidence they need; hatched: fewer '
        "than half; pale: not evidenced.</p>",
        f"<h2>Top risks (shortfalls, worst first){e(scope(b))}</h2><ul>{risks}</ul>",
        f"<h2>Top strengths{e(scope(b))}</h2><ul>{strengths}</ul>",
        f"<h2>Path to the next rating</h2><ul>{steps}</ul>",
        f"<h2>Top things to collect{e(scope(b))}</h2><ul>{collect}</ul>",
        f'<p class="note">readiness {e(a.tool_version)}, scoring policy {a.policy_version}; the full report '
        "(without --brief) has every finding and its evidence.</p>",
    ]
    return page(f"{a.council.name}: readiness brief", BRIEF_CSS, body)
