"""Markdown, to paste into a board paper: the summary table, the overall rating, the derived
themes, then each statement's findings, missing evidence and path to the next score.

Every piece of profile or rule text goes through `md()`, so a '|' or a line break in a
council's own words cannot break a table, and '*', '_', '<' ... cannot turn into formatting.
"""

from __future__ import annotations


from ..model.assessment import Assessment, Finding, StatementResult
from .common import (
    DERIVED_NOTE, DISCLAIMER, NOTIFICATION, category_name, code, finding_sources, kind_words, md, overall_lines, select,
    collect_items, coverage_short, coverage_words, unsourced_lines, value_text, waiver_words,
)

def _anchor(s: StatementResult) -> str:
    return s.code.lower()


def summary_table(assessment: Assessment) -> list[str]:
    from ..model.framework import framework

    fw = framework()
    out = ["| Theme | Quality statement | Predicted score | CQC words | Coverage |",
           "|---|---|:-:|---|---|"]
    for s in assessment.statements:
        flag = " (!)" if s.notification_risk else ""
        out.append(f"| {md(fw.theme(s.theme).short)} | [{md(s.name)}](#{_anchor(s)}){flag} | **{s.predicted_score}** "
                   f"| {md(s.score_descriptor)} | {coverage_short(s)} |")
    return out


def themes_table(assessment: Assessment) -> list[str]:
    out = ["| Theme (derived) | Statements | Mean score (derived) |", "|---|:-:|:-:|"]
    for t in assessment.themes:
        out.append(f"| {md(t.name)} | {len(t.statements)} | {t.derived_score:.2f} |")
    return out


def _finding(f: Finding, detail: bool) -> list[str]:
    sign = "Shortfall" if f.kind == "shortfall" else "Strength"
    head = f"- **{md(kind_words(f))}: {md(f.title)}** ({code(f.rule_id)})"
    if f.waived:
        head += " - **WAIVED**"
    if f.unsourced:
        head += " - **NO SOURCE**" + ("" if f.counts_in_score else " (not counted)")
    out = [head, f"  - Found: {md(f.message)}"]
    if not detail:
        sources = finding_sources(f)
        out.append("  - Source: " + ("; ".join(md(x) for x in sources) if sources else "none recorded"))
    if f.waived:
        out.append(f"  - {md(waiver_words(f))}")
    if detail:
        for e in f.evidence:
            source = (f" (source: {md('; '.join(e.sources))})" if e.sources
                      else " (**no source**)" if e.unsourced else "")
            out.append(f"  - Evidence: {code(e.fact)} = {md(value_text(e.value, e.missing))}{source}")
        out.append(f"  - Why it matters: {md(f.why)}")
    if f.kind == "shortfall" or detail:
        out.append(f"  - {'What to do' if sign == 'Shortfall' else 'To keep it'}: {md(f.recommendation)}")
    if detail and f.references:
        out.append("  - References: " + "; ".join(md(r) for r in f.references))
    return out


def statement_section(s: StatementResult, detail: bool, paths: bool = False) -> list[str]:
    out = [f'<a id="{_anchor(s)}"></a>', "",
           f"## {md(s.name)} ({md(s.code)}): {s.predicted_score} - {md(s.score_descriptor)}", ""]
    if s.notification_risk:
        out += [f"**Predicted 1.** {NOTIFICATION}", ""]
    out += [md(s.reason), "", f"Coverage: {coverage_words(s)}.", ""]
    if detail:
        out += ["### Evidence categories", ""]
        if s.category_scores:
            out += ["| Category | Score (1-4) |", "|---|:-:|"]
            out += [f"| {md(category_name(c))} | {v:g} |" for c, v in s.category_scores.items()]
            out.append("")
        if s.categories_without_evidence:
            out += ["Not evidenced: " + ", ".join(md(category_name(c)) for c in s.categories_without_evidence)
                    + ".", ""]
        out += [f"Evidence percentage before limits: {s.percent:g}%." if s.percent is not None
                else "No evidence percentage: no rule could be checked.", ""]
        if s.limits_applied:
            out += ["Limits applied:", ""] + [f"- {md(limit)}" for limit in s.limits_applied] + [""]
    out += ["### Findings", ""]
    if s.findings:
        for f in s.findings:
            out += _finding(f, detail)
    else:
        out.append("No findings: no shortfall found and no evidence of a good standard yet.")
    out += ["", "### What to collect", ""]
    if s.missing_evidence:
        out += [f"{len(s.missing_evidence)} check(s) could not be made. Record:", ""]
        out += [f"- {c.words(paths, text=md, path=code)}" for c in collect_items(s)]
    else:
        out.append("None: every rule for this statement could be checked.")
    out += ["", "### Path to the next score", ""]
    p = s.path_to_next_score
    if p is None:
        out.append("Already at the highest score.")
    else:
        out.append(md(p.explanation))
        if p.resolve:
            out += ["", "Resolve:"] + [f"- {md(r.title)} ({code(r.rule_id)})" for r in p.resolve]
        if p.show_strengths:
            out += ["", "Evidence:"] + [f"- {md(r.title)} ({code(r.rule_id)})" for r in p.show_strengths]
    out.append("")
    return out


def render(assessment: Assessment, statement_ids: list[str] | None = None, detail: bool = False,
           paths: bool = False) -> str:
    """The report. `detail` adds the evidence behind each finding, why it matters, the category
    scores and the limits (the `explain` command); `paths` (--debug) names the profile path of each
    thing to collect."""
    a = select(assessment, statement_ids)
    title = "reasoning" if detail else "predicted CQC assessment scores"
    out = [f"# {md(a.council.name)}: {title}", "",
           f"As of {a.council.as_of:%d %B %Y}. {DISCLAIMER}", ""]
    out += ["## Summary", ""] + summary_table(a) + ["",
            "*Coverage n/m: n of the statement's m checks had the evidence they need.*", ""]
    out += [f"- {md(line)}" for line in overall_lines(a)] + [""]
    warn = unsourced_lines(a)
    if warn:
        out += [f"**Warning:** {md(warn[0])}", ""] + [f"- {md(line)}" for line in warn[1:]] + [""]
    if a.ignored_waivers:
        out += ["Waivers not applied:", ""] + [f"- {md(n)}" for n in a.ignored_waivers] + [""]
    if not statement_ids:
        out += ["### Themes (derived)", "", f"*{DERIVED_NOTE}*", ""] + themes_table(a) + [""]
    for s in a.statements:
        out += statement_section(s, detail, paths)
    out.append(f"*readiness {md(a.tool_version)}, scoring policy {a.policy_version}, "
               f"{a.rules_evaluated} rules evaluated.*")
    return "\n".join(out) + "\n"
