"""The Markdown report: a board-paper summary that council text cannot break."""

from __future__ import annotations

import itertools
import re

from clihelp import NAMES, WAIVERS, assess
from readiness.reports import markdown
from readiness.reports.markdown import md

GMS = "governance-management-and-sustainability"


def _cells(row: str) -> int:
    """Table cells in a Markdown row: pipes that are not escaped."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_md_escapes_what_would_break_a_table_or_format_text():
    assert md("a | b") == "a \\| b"
    assert md("two\nlines\r\nhere") == "two lines here"
    assert md("*bold* _it_ `code` [link](x) <b>") == "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b\\>"
    assert md("&lt; & A&E") == "&amp;lt; & A&E"
    assert md("# heading") == "\\# heading"


def test_summary_table_has_the_nine_statements_scores_and_cqc_words():
    a = assess()
    text = markdown.render(a)
    for s in a.statements:
        row = next(line for line in text.splitlines() if line.startswith("|") and f"[{s.name}](#{s.code.lower()})"
                   in line)
        assert f"| **{s.predicted_score}** | {s.score_descriptor} |" in row
    assert f"Predicted overall rating: {a.overall.rating}" in text
    assert [n for n in NAMES if f"## {n} (" in text] == NAMES, "a section per statement, in order"


def test_every_table_row_keeps_its_columns_despite_council_text():
    text = markdown.render(assess(waivers=WAIVERS), detail=True)
    lines = text.splitlines()
    tables = [list(rows) for is_row, rows in itertools.groupby(lines, key=lambda x: x.startswith("|")) if is_row]
    assert len(tables) >= 3
    for table in tables:
        widths = {_cells(row) for row in table}
        assert len(widths) == 1, table


def test_profile_and_rule_text_is_escaped_everywhere():
    text = markdown.render(assess(waivers=WAIVERS), detail=True)
    assert "<script>" not in text and "<b>" not in text and "<i>" not in text
    assert "# Test \\<b\\>Borough\\</b\\> \\| Council & \\*Co\\*" in text
    # the document title had a newline and backticks: one line, nothing active
    assert "Carers strategy \\| draft second line \\<i\\>x\\</i\\> \\`code\\` \\]\\]\\>" in text


def test_statement_sections_have_findings_missing_evidence_and_the_path():
    a = assess()
    text = markdown.render(a)
    gms = a.statement(GMS)
    section = text.split("## Governance, management and sustainability (GMS)")[1].split("\n## ")[0]
    assert "### Findings" in section and "### What to collect" in section and "### Path to the next score" in section
    for f in gms.findings:
        assert f"({f.rule_id.join('``')})" in section
    for c in gms.what_to_collect:
        assert md(c.what) in section
    assert md(gms.path_to_next_score.explanation) in section


def test_waived_finding_is_shown_with_justification_and_owner():
    text = markdown.render(assess(waivers=WAIVERS))
    line = next(x for x in text.splitlines() if "`test-psw-interim`" in x and x.startswith("- **"))
    assert "- **WAIVED**" in line
    assert ("Waived until 2099-12-31 (owner: Director of Adult Social Services): Recruitment approved at board "
            "\\| minute 12 \\<b\\>bold\\</b\\> \\[still counts in the score\\]") in text


def test_themes_are_labelled_as_derived():
    text = markdown.render(assess())
    assert "### Themes (derived)" in text
    assert "*Derived by readiness: CQC publishes no theme scores.*" in text
    assert "| Theme (derived) | Statements | Mean score (derived) |" in text


def test_statement_filter_keeps_only_those_sections():
    text = markdown.render(assess(), [GMS])
    assert "## Governance, management and sustainability (GMS)" in text
    assert "## Assessing needs (AN)" not in text
    assert text.count("](#") == 1


def test_detail_adds_evidence_categories_and_limits():
    a = assess()
    plain, detail = markdown.render(a, [GMS]), markdown.render(a, [GMS], detail=True)
    assert "Evidence:" not in plain and "  - Evidence: `roles` = " in detail
    assert "### Evidence categories" in detail and "Why it matters" in detail
    for limit in a.statement(GMS).limits_applied:
        assert f"- {md(limit)}" in detail


def test_the_overall_says_plainly_when_unevidenced_statements_cannot_move_the_rating():
    from readiness.reports.common import overall_lines

    import readiness
    from conftest import EXAMPLES

    lines = " ".join(overall_lines(readiness.evaluate(EXAMPLES / "blackpool-2024.yaml")))
    assert "rests on 7 of 9 evidenced statements" in lines
    assert "whatever the others score, it stays Requires improvement" in lines and "(all at 1)" not in lines
