"""reports.trend: the table (100 columns), the Markdown board paper, the JSON, and the HTML page
with its SVG charts (one line per series, nothing fetched, profile text escaped)."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.cli.common import console
from readiness.engine.trend import trend
from readiness.reports import trend as report
from readiness.reports.formats import ReportOptions, find, formats_for
from readiness.reports.html import e
from readiness.reports.safe import has_control
from test_engine_trend import FILES, snapshot

HOSTILE = "Test <b>Borough</b> | Council & *Co* <script>alert(1)</script>"  # tests/data/council.yaml's name


@pytest.fixture(scope="module")
def t():
    return trend([snapshot(i) for i in range(4)], FILES)


def many(count: int):
    """`count` monthly snapshots (the four fixtures again and again, each with its own date)."""
    base = [snapshot(i % 4) for i in range(count)]
    first = snapshot(0).council.as_of
    dated = [a.model_copy(update={"council": a.council.model_copy(update={"as_of": first + timedelta(days=31 * i)})})
             for i, a in enumerate(base)]
    return trend(dated, [f"month-{i:02d}.yaml" for i in range(count)])


def table_text(subject, width: int = 100) -> str:
    buffer = io.StringIO()
    find("trend", "table").render(subject, console(buffer, width), ReportOptions())
    return buffer.getvalue()


def test_the_formats_are_registered_table_first():
    assert [f.name for f in formats_for("trend")] == ["table", "markdown", "json", "html"]
    assert find("trend", "table").console and find("trend", "table").width == 100


# --- table --------------------------------------------------------------------------------------


def test_table_has_a_row_per_statement_a_column_per_date_and_the_steps(t):
    text = table_text(t)
    for s in t.snapshots[0].statements:
        assert s.name in text
    for s in t.snapshots:
        assert f"{s.as_of.day} {s.as_of:%b}" in text
    assert "Overall (% of maximum)" in text and "Overall rating" in text
    gms = [s for s in t.snapshots[0].statements if s.code == "GMS"][0]
    moved = [st for st in t.steps if {c.code: c for c in st.change.statements}["GMS"].change]
    assert moved, "the fixture moves GMS"
    arrow = report.UP if {c.code: c for c in moved[0].change.statements}["GMS"].change > 0 else report.DOWN
    assert arrow in text
    for step in t.steps:
        assert report.step_heading(step) in text
        for c in step.change.statements:
            for f in c.appeared + c.cleared:
                assert f"[{f.rule_id}]" in text
    assert "- cleared: Test rule - PSW interim" in text
    assert gms.name in text


@pytest.mark.parametrize("count", [3, 6, 7, 13, 25])
def test_table_fits_100_columns_however_many_snapshots(count):
    lines = table_text(many(count)).splitlines()
    too_wide = [line for line in lines if len(line) > 100]
    assert not too_wide, too_wide[:3]
    text = "\n".join(lines)
    tables = -(-count // report.TABLE_COLUMNS)
    assert text.count("(continued)") == tables - 1
    assert text.count("Overall rating") == tables


def test_a_statement_without_evidence_is_shown_in_brackets(t):
    blank = [p for p in t.snapshots[0].statements if not p.evidenced]
    assert blank, "the fixture has a statement with no evidence"
    assert f"({blank[0].predicted_score})" in table_text(t)
    assert "not evidenced" in table_text(t)


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_table_then_each_step(t):
    md = report.render_markdown(t)
    header = "| Quality statement | " + " | ".join(report.day(s.as_of) for s in t.snapshots) + " |"
    assert header in md
    assert "|---|" + ":-:|" * len(t.snapshots) in md
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 9 + 4  # header, statements, overall rows
    assert all(line.count(" | ") == len(t.snapshots) for line in rows[1:])  # no cell broke the table
    for step in t.steps:
        assert f"## {report.step_heading(step)}" in md
    assert "- cleared: Test rule - PSW interim (significant shortfall) (`test-psw-interim`)" in md


def test_markdown_escapes_the_council_name(t):
    md = report.render_markdown(t)
    assert HOSTILE == t.council
    assert "<script>" not in md and "<b>" not in md
    assert md.splitlines()[0].startswith("# Test \\<b\\>Borough\\</b\\> \\| Council")


# --- JSON ---------------------------------------------------------------------------------------


def test_json_is_the_model(t):
    text = find("trend", "json").render(t, ReportOptions())
    assert text == t.to_json() and json.loads(text)["schema_version"] == "1.0"


# --- HTML ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(t):
    return find("trend", "html").render(t, ReportOptions())


def svgs(page: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r'<svg [^>]*id="([^"]+)".*?</svg>', page, re.S)}


def test_html_has_an_svg_chart_with_one_line_per_series(page, t):
    charts = svgs(page)
    assert set(charts) == {"overall-chart", "statements-chart"}
    assert charts["overall-chart"].count("<polyline") == 1
    series = re.findall(r'<polyline class="series" data-series="([^"]+)"', charts["statements-chart"])
    assert series == [s.code for s in t.snapshots[0].statements]
    assert page.count("<polyline") == 10 and "<path" not in page
    for chart in charts.values():  # every line has a point per snapshot
        for points in re.findall(r'<polyline [^>]*points="([^"]+)"', chart):
            assert len(points.split()) == len(t.snapshots)


def test_html_chart_lines_differ_in_black_and_white(page):
    chart = svgs(page)["statements-chart"]
    lines = re.findall(r"<polyline [^>]*>", chart)
    dashes = [re.search(r'stroke-dasharray="([^"]*)"', line) for line in lines]
    patterns = [d.group(1) if d else "" for d in dashes]
    assert len(set(patterns)) == 9, "each statement's line has its own dash pattern"
    assert len(set(report.MARKERS)) == 9 and len(set(report.COLOURS)) == 9


def test_html_chart_has_axes_dates_and_a_legend(page, t):
    chart = svgs(page)["statements-chart"]
    assert "Predicted score (1-4)" in chart and "Snapshot date" in chart
    for s in t.snapshots:
        assert f">{report.day(s.as_of)}</text>" in chart
    for p in t.snapshots[0].statements:
        assert f">{p.code} {e(p.name)}</text>" in chart
    overall = svgs(page)["overall-chart"]
    assert "Overall score (%)" in overall and f"{t.snapshots[0].overall_percent:g}%" in overall


def test_html_fetches_nothing_and_escapes_profile_text(page):
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(|@import|<img|<link|<iframe|<object|<embed", page, re.I)
    outside_xmlns = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http://" not in outside_xmlns and "https://" not in outside_xmlns
    assert "Test &lt;b&gt;Borough&lt;/b&gt; | Council &amp; *Co* &lt;script&gt;" in page
    assert "<b>Borough" not in page


def test_html_has_the_table_and_each_step(page, t):
    assert page.count("<tr><td>") == 9
    for step in t.steps:
        assert report.step_heading(step).replace(">", "&gt;") in page
    assert "test-psw-interim" in page


def test_every_field_of_the_json_is_documented():
    """docs/trend-json.md names every key the trend JSON can hold, the steps' diffs included."""
    from conftest import REPO
    from test_reports_json import json_keys

    from readiness.engine.trend import TREND_SCHEMA_VERSION, Trend

    doc = (REPO / "docs" / "trend-json.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc))

    missing = json_keys(Trend) - documented
    assert not missing, f"undocumented trend JSON fields: {sorted(missing)}"
    assert f'`"{TREND_SCHEMA_VERSION}"`' in doc


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_council_name_stays_text_in_every_format(name):
    renamed = [a.model_copy(update={"council": a.council.model_copy(update={"name": name})})
               for a in (snapshot(i) for i in range(3))]
    t = trend(renamed, FILES[:3])
    md = report.render_markdown(t)
    assert md.splitlines()[0].startswith("# ") and "\n" not in md.splitlines()[0]
    table_rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert len(table_rows) == 14 and all(line.count(" | ") == 3 for line in table_rows[1:])
    page = report.render_html(t)
    assert f"<h1>{e(name)}</h1>" in page
    assert "<script" not in page.lower().replace("&lt;script", "")
    text = table_text(t)
    assert "Quality statement" in text and all(len(line) <= 100 for line in text.splitlines())
    assert not has_control(text.replace("\n", ""))
