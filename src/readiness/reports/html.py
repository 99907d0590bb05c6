"""One self-contained HTML page for a committee: a heat map of the 9 statements by theme, the
overall rating, then each statement's findings, missing evidence and path to the next score.

Inline CSS only: no scripts, no fonts, no images, no links off the page, and a
Content-Security-Policy that forbids loading anything, so the file can be emailed and opened
anywhere. Every piece of profile or rule text goes through `html.escape`.
"""

from __future__ import annotations

from html import escape

from ..model.assessment import Assessment, Finding, StatementResult
from .common import (
    DERIVED_NOTE, DISCLAIMER, NOTIFICATION, NOTIFICATION_FLAG, category_name, kind_words, overall_lines, select,
    collect_items, coverage_short, coverage_words, low_coverage, unsourced_lines, value_text, waiver_words,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'"
RATING_CLASS = {"Outstanding": "s4", "Good": "s3", "Requires improvement": "s2", "Inadequate": "s1"}

CSS = """
:root { --s1: #b42318; --s2: #f2b705; --s3: #2e7d32; --s4: #1d4f91; --ink: #1b1b1b; --muted: #555;
        --line: #d0d0d0; --paper: #fff; --soft: #f4f4f4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; color: var(--ink); background: var(--paper);
       font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .4rem; }
p { margin: .35rem 0; }
code { font-family: ui-monospace, Consolas, monospace; font-size: .85em; background: var(--soft);
       padding: 0 .25em; border-radius: 3px; overflow-wrap: anywhere; }
a { color: inherit; }
.sub { color: var(--muted); margin: 0 0 1rem; }
.note { color: var(--muted); font-size: .9rem; }
.s1 { background: var(--s1); color: #fff; } .s2 { background: var(--s2); color: #1b1b1b; }
.s3 { background: var(--s3); color: #fff; } .s4 { background: var(--s4); color: #fff; }
.s0 { background: var(--soft); color: var(--ink); }
.rating { display: flex; flex-wrap: wrap; align-items: baseline; gap: .4rem 1rem; padding: .8rem 1rem;
          border-radius: 6px; margin: .5rem 0 .5rem; }
.rating .label { font-size: .95rem; }
.rating .value { font-size: 1.6rem; font-weight: 700; }
.overall-notes { margin: .4rem 0 0; padding-left: 1.2rem; }
.heat { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: .6rem; margin-top: .5rem; }
.theme { border: 1px solid var(--line); border-radius: 6px; padding: .5rem; background: var(--soft); }
.theme h3 { margin: 0 0 .1rem; font-size: .95rem; }
.theme .derived { font-size: .78rem; color: var(--muted); margin: 0 0 .4rem; }
.tile { display: block; text-decoration: none; border-radius: 5px; padding: .45rem .55rem; margin-top: .45rem;
        min-height: 6.2rem; break-inside: avoid; }
.tile.blank { background: repeating-linear-gradient(45deg, #f4f4f4, #f4f4f4 6px, #e6e6e6 6px, #e6e6e6 12px);
              color: #444; border: 1px dashed #999; }
.tile .score { float: right; font-size: 1.9rem; font-weight: 800; line-height: 1; margin-left: .3rem; }
.tile .name { display: block; font-weight: 650; font-size: .92rem; line-height: 1.2; }
.tile .words { display: block; font-size: .74rem; margin-top: .2rem; }
.tile .cov { display: block; font-size: .74rem; margin-top: .25rem; }
.tile .cov strong { font-size: 1.15rem; font-weight: 800; }
.tile.thin { background-image: repeating-linear-gradient(45deg, rgba(255,255,255,.55), rgba(255,255,255,.55) 6px,
             rgba(255,255,255,.2) 6px, rgba(255,255,255,.2) 12px); color: #1b1b1b; border: 2px dashed #555; }
.tile.thin .cov strong { text-decoration: underline; }
.legend li.tile { min-height: 0; margin: 0; display: list-item; }
.tile .flag { display: inline-block; font-size: .7rem; font-weight: 700; border: 1px solid currentColor;
              border-radius: 3px; padding: 0 .3rem; margin-top: .25rem; }
.legend { display: flex; flex-wrap: wrap; gap: .35rem; margin: .6rem 0 0; padding: 0; list-style: none;
          font-size: .8rem; }
.legend li { padding: .1rem .45rem; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num { text-align: center; font-weight: 700; }
.statement { margin-top: 2rem; }
.statement > h2 { display: flex; align-items: center; gap: .6rem; }
.badge { display: inline-block; min-width: 2.1rem; text-align: center; border-radius: 5px; padding: .1rem .4rem;
         font-weight: 800; }
.statement h2 small { font-weight: 400; color: var(--muted); font-size: .85rem; margin-left: auto; }
.warning { border-left: 5px solid var(--s1); background: #fdecea; padding: .4rem .7rem; }
ul.findings { list-style: none; padding: 0; margin: 0; }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--s2); border-radius: 4px;
           padding: .5rem .7rem; margin: .5rem 0; break-inside: avoid; }
.finding.significant { border-left-color: var(--s1); }
.finding.good { border-left-color: var(--s3); }
.finding.exceptional { border-left-color: var(--s4); }
.finding .tag { display: inline-block; font-size: .75rem; font-weight: 700; text-transform: uppercase;
                letter-spacing: .03em; margin-right: .35rem; }
.finding .title { font-weight: 650; }
.waived { display: inline-block; font-size: .72rem; font-weight: 700; background: #5b2c83; color: #fff;
          border-radius: 3px; padding: 0 .35rem; margin-left: .35rem; }
.nosource { display: inline-block; font-size: .72rem; font-weight: 700; background: #8a4b00; color: #fff;
            border-radius: 3px; padding: 0 .35rem; margin-left: .35rem; }
.waiver { background: #f3edf8; border-radius: 3px; padding: .25rem .5rem; font-size: .9rem; }
.todo { font-size: .93rem; }
details { margin-top: .3rem; font-size: .88rem; }
summary { cursor: pointer; color: var(--muted); }
.evidence { margin: .3rem 0; padding-left: 1.1rem; }
.source { color: #555; font-size: .85em; }
.missing li, .path li { margin: .15rem 0; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .5rem; color: var(--muted);
         font-size: .8rem; }
@media (max-width: 44rem) { .heat { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  .statement { break-before: page; }
  .tile { min-height: 0; }
  a { text-decoration: none; }
  details > summary { display: none; }
}
"""


def e(text: object) -> str:
    """Escape anything that came from a profile, a rule or a waiver."""
    return escape(str(text), quote=True)


def _tile(s: StatementResult) -> str:
    flag = f'<span class="flag">{e(NOTIFICATION_FLAG)}</span>' if s.notification_risk else ""
    # no evidence at all: shown pale, not as a score; low coverage: hatched, the coverage as large as the score
    shade = " blank" if s.percent is None else (" thin" if low_coverage(s) else "")
    return (f'<a class="tile s{s.predicted_score}{shade}" href="#{e(s.code.lower())}">'
            f'<span class="score" aria-label="score">{s.predicted_score}</span>'
            f'<span class="name">{e(s.name)}</span>'
            f'<span class="words">{e(s.score_descriptor)}</span>'
            f'<span class="cov" aria-label="coverage"><strong>{coverage_short(s)}</strong> checks had the evidence they need'
            f'</span>{flag}</a>')


def heat_map(a: Assessment) -> str:
    from ..model.framework import framework

    fw = framework()
    columns = []
    for theme in a.themes:
        tiles = [_tile(s) for s in a.statements if s.theme == theme.id]
        if not tiles:
            continue
        columns.append(f'<div class="theme"><h3>{e(fw.theme(theme.id).short)}</h3>'
                       f'<p class="derived">Mean {theme.derived_score:.2f} (derived)</p>{"".join(tiles)}</div>')
    legend = "".join(f'<li class="s{n}">{n} {e(words)}</li>' for n, words in sorted(fw.score_descriptors.items()))
    legend += ('<li class="tile thin">hatched: fewer than half the checks had their '
               'evidence</li><li class="tile blank">pale: not evidenced</li>')
    return (f'<div class="heat">{"".join(columns)}</div><ul class="legend" aria-label="Score key">{legend}</ul>'
            f'<p class="note">Theme means: {e(DERIVED_NOTE)}</p>')


def _finding(f: Finding) -> str:
    waived = '<span class="waived">WAIVED</span>' if f.waived else ""
    if f.unsourced:
        waived += ('<span class="nosource">NO SOURCE' + ("" if f.counts_in_score else ", NOT COUNTED") + "</span>")
    parts = [f'<li class="finding {e(f.kind)} {e(f.level)}">',
             f'<div><span class="tag">{e(kind_words(f))}</span><span class="title">{e(f.title)}</span>{waived} '
             f'<code>{e(f.rule_id)}</code></div>',
             f"<p>{e(f.message)}</p>"]
    if f.waived:
        parts.append(f'<p class="waiver">{e(waiver_words(f))}</p>')
    label = "What to do" if f.kind == "shortfall" else "To keep it"
    parts.append(f'<p class="todo"><strong>{label}:</strong> {e(f.recommendation)}</p>')
    evidence = "".join(
        f"<li><code>{e(x.fact)}</code>: {e(value_text(x.value, x.missing))}"
        + "".join(f'<br><span class="source">source: {e(s)}</span>' for s in x.sources)
        + ('<br><span class="nosource">no source</span>' if x.unsourced else "") + "</li>"
        for x in f.evidence)
    refs = "; ".join(e(r) for r in f.references)
    parts.append(f"<details><summary>Evidence and why it matters</summary>"
                 f'<ul class="evidence">{evidence}</ul><p><strong>Why it matters:</strong> {e(f.why)}</p>'
                 f"<p><strong>References:</strong> {refs}</p></details>")
    parts.append("</li>")
    return "".join(parts)


def _code(path: str) -> str:
    return f"<code>{e(path)}</code>"


def statement_section(s: StatementResult, paths: bool = False) -> str:
    from ..model.framework import framework

    theme = framework().theme(s.theme).short
    out = [f'<section class="statement" id="{e(s.code.lower())}">',
           f'<h2><span class="badge s{s.predicted_score}">{s.predicted_score}</span>{e(s.name)}'
           f"<small>{e(s.code)} &middot; {e(theme)}</small></h2>",
           f"<p><strong>{e(s.score_descriptor)}.</strong> {e(s.reason)}</p>",
           f"<p>Coverage: {e(coverage_words(s))}."
           + (" Category scores: " + ", ".join(f"{e(category_name(c))} {v:g}" for c, v in s.category_scores.items())
              + "." if s.category_scores else "") + "</p>"]
    if s.notification_risk:
        out.append(f'<p class="warning">Predicted 1. {e(NOTIFICATION)}</p>')
    out.append("<h3>Findings</h3>")
    if s.findings:
        out.append('<ul class="findings">' + "".join(_finding(f) for f in s.findings) + "</ul>")
    else:
        out.append("<p>No findings: no shortfall found and no evidence of a good standard yet.</p>")
    out.append("<h3>What to collect</h3>")
    if s.missing_evidence:
        out.append(f"<p>{len(s.missing_evidence)} check(s) could not be made. Record:</p>")
        out.append('<ul class="missing">' + "".join(f"<li>{c.words(paths, text=e, path=_code)}</li>"
                                                  for c in collect_items(s)) + "</ul>")
    else:
        out.append("<p>None: every rule for this statement could be checked.</p>")
    out.append("<h3>Path to the next score</h3>")
    p = s.path_to_next_score
    if p is None:
        out.append("<p>Already at the highest score.</p>")
    else:
        out.append(f"<p>{e(p.explanation)}</p>")
        items = [f"<li>Resolve: {e(r.title)} <code>{e(r.rule_id)}</code></li>" for r in p.resolve]
        items += [f"<li>Evidence: {e(r.title)} <code>{e(r.rule_id)}</code></li>" for r in p.show_strengths]
        if items:
            out.append('<ul class="path">' + "".join(items) + "</ul>")
    out.append("</section>")
    return "\n".join(out)


def render(assessment: Assessment, statement_ids: list[str] | None = None, paths: bool = False) -> str:
    """The page; `paths` (--debug) names the profile path of each thing to collect."""
    a = select(assessment, statement_ids)
    o = a.overall
    notes = "".join(f"<li>{e(line)}</li>" for line in overall_lines(a)[1:])
    notes += "".join(f"<li>{e(n)}</li>" for n in a.ignored_waivers)
    warn = unsourced_lines(a)
    unsourced = (f'<div class="warning"><p><strong>Warning:</strong> {e(warn[0])}</p><ul>'
                 + "".join(f"<li>{e(line)}</li>" for line in warn[1:]) + "</ul></div>") if warn else ""
    summary_rows = "".join(
        f'<tr><td><a href="#{e(s.code.lower())}">{e(s.name)}</a></td><td class="num s{s.predicted_score}">'
        f"{s.predicted_score}</td><td>{e(s.score_descriptor)}</td><td>{len(s.findings)}</td>"
        f"<td>{coverage_short(s)}</td><td>{len(s.missing_evidence)}</td></tr>" for s in a.statements)
    body = [
        "<header>",
        f"<h1>{e(a.council.name)}</h1>",
        f'<p class="sub">Predicted CQC adult social care assessment, as of {a.council.as_of:%d %B %Y}</p>',
        f'<div class="rating {RATING_CLASS.get(o.rating, "s0")}"><span class="label">Predicted overall rating</span>'
        f'<span class="value">{e(o.rating)}</span><span class="label">{o.total_score}/{o.max_score} = '
        f"{o.score_percent:g}%, all statements weighted equally</span></div>",
        f'<ul class="overall-notes">{notes}</ul>' if notes else "",
        unsourced,
        f'<p class="note">{e(DISCLAIMER)}</p>',
        "</header>",
        "<main>",
        '<section aria-labelledby="heat"><h2 id="heat">Quality statements by theme</h2>', heat_map(a), "</section>",
        '<section aria-labelledby="summary"><h2 id="summary">Summary</h2><table><thead><tr><th>Quality statement</th>'
        "<th>Score</th><th>CQC words</th><th>Findings</th><th>Coverage</th><th>Rules lacking evidence</th></tr></thead>"
        f"<tbody>{summary_rows}</tbody></table></section>",
        *(statement_section(s, paths) for s in a.statements),
        "</main>",
        f"<footer>readiness {e(a.tool_version)}, scoring policy {a.policy_version}, {a.rules_evaluated} rules "
        f"evaluated. {e(DISCLAIMER)}</footer>",
    ]
    return page(f"{a.council.name}: predicted CQC assessment", CSS, body)


def page(title: str, css: str, body: list[str]) -> str:
    """A self-contained page under the strict CSP: no scripts, no requests, nothing sent on."""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        *[part for part in body if part],
        "</body>",
        "</html>",
    ]) + "\n"
