"""The one-page brief (`check --format markdown|html --brief`): at most 60 lines of Markdown for
every example and calibration profile, the nine statements with coverage, sources shown, refused
with other formats; the HTML in headless Chromium shows the rating and nine tiles and prints on
at most two A4 pages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from html import unescape
from pathlib import Path

import pytest

import readiness
from clihelp import COUNCIL, NAMES, REPO, TEST_OPTS, assess, run
from readiness.reports import brief

PROFILES = sorted((REPO / "examples").glob("*.yaml")) + sorted((REPO / "calibration" / "profiles").glob("*.yaml"))
BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                if (found := shutil.which(name))), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND"]
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no Chromium binary found (install the Debian package "
                                                            "'chromium' to run the browser checks of the brief)")


@cache
def shipped():
    return readiness.load_rules()


def assessed(path: Path):
    return readiness.evaluate(readiness.load_profile(path), shipped())


def test_there_are_profiles_to_check():
    assert len(PROFILES) >= 20


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_markdown_brief_fits_in_60_lines(path):
    a = assessed(path)
    text = brief.render_markdown(a)
    lines = text.splitlines()
    assert len(lines) <= brief.MAX_LINES, f"{path.name}: {len(lines)} lines"
    for s in a.statements:
        assert f"{s.name} ({s.code})" in text
        assert f"{s.checks_evaluable}/{s.checks_total} checks" in text
    assert a.overall.rating in lines[5]


def test_brief_names_the_rating_over_evidenced_statements_and_its_range():
    a = assessed(REPO / "examples" / "bristol-2024.yaml")
    assert a.overall.statements_evidenced < a.overall.statements_assessed
    text = brief.render_markdown(a)
    assert f"The rating rests on {a.overall.statements_evidenced} of 9 evidenced statements" in text
    assert a.overall.rating_range.highest in text


def test_risks_and_strengths_show_their_sources_or_no_source():
    a = assessed(REPO / "examples" / "bristol-2024.yaml")
    b = brief.brief(a)
    assert b.strengths and len(b.risks) <= 5 and len(b.strengths) <= 5
    text = brief.render_markdown(a)
    for item in b.risks + b.strengths:
        assert item.sources, item.finding.rule_id
        assert brief.md(item.sources[0]) in text
    # the test council records facts without a source: marked, never left blank
    a = assess()
    b = brief.brief(a)
    text = brief.render_markdown(a)
    unsourced = [i for i in b.risks + b.strengths if not i.sources]
    assert unsourced, "the test profile has unsourced findings"
    assert "**no source**" in text
    assert "no source" in brief.render_html(a).lower()


def test_risks_are_worst_first():
    b = brief.brief(assess())
    levels = [i.finding.level for i in b.risks]
    assert levels == sorted(levels, key=lambda lv: lv != "significant")


def test_cli_brief_markdown_and_html(capsys):
    done = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "markdown", "--brief")
    assert done.code == 0, done.err
    assert "readiness brief" in done.out and len(done.out.splitlines()) <= 60
    assert "<script>alert(1)</script>" not in done.out  # the council's own text, escaped
    done = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "html", "--brief")
    assert done.code == 0, done.err
    assert "Content-Security-Policy" in done.out and "<script" not in done.out.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", done.out, re.I)
    assert done.out.count('class="tile ') == 9


def test_the_points_to_the_next_rating_are_said_once():
    a = assessed(REPO / "examples" / "bristol-2024.yaml")
    assert a.overall.next_rating
    sentence = brief.next_rating_line(a)
    for text in (brief.render_markdown(a), unescape(brief.render_html(a))):
        assert text.count("would reach") == 1
        assert text.count(sentence) == 1
        assert text.index("Path to the next rating") < text.index(sentence)


def _section(text: str, heading: str) -> str:
    """The Markdown section under `## heading...`, up to the next heading."""
    start = text.index(f"## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else len(text)]


def test_statement_narrows_only_the_detail(capsys):
    a = assess()
    an = a.statement("AN")
    b = brief.brief(a, [an.id])
    assert len(b.assessment.statements) == 9 and [s.id for s in b.detail_of] == [an.id]
    assert all(i.statement.id == an.id for i in b.risks + b.strengths)
    assert all(x.statement.id == an.id for x in b.steps)
    assert b.collect and all(c.statements == ["AN"] for c in b.collect)
    assert b.risks or b.strengths, "the test council has findings for AN"

    done = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "markdown", "--brief", "--statement", "AN")
    assert done.code == 0, done.err
    text = done.out
    assert len(text.splitlines()) <= brief.MAX_LINES
    table = _section(text, "The nine quality statements")
    for s in a.statements:
        assert f"{brief.md(s.name)} ({s.code})" in table
    for heading in ("Top risks", "Top strengths", "Top things to collect"):
        section = _section(text, heading)
        assert "(AN only)" in section.splitlines()[0]
        items = [line for line in section.splitlines() if line.startswith("- ") and not line.startswith("- None")
                 and not line.startswith("- Nothing")]
        assert all("(AN" in line for line in items), heading
        assert not any(f"({s.code}" in line for line in items for s in a.statements if s.code != "AN"), heading

    done = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "html", "--brief", "--statement", "AN")
    assert done.code == 0, done.err
    assert done.out.count('class="tile ') == 9
    assert a.overall.rating in done.out
    detail = done.out[done.out.index("Top risks"):]
    others = [s.code for s in a.statements if s.code != "AN"]
    assert "(AN, " in detail and not any(f"({code}, " in detail for code in others)


@pytest.mark.parametrize("fmt", ["json", "table", "junit"])
def test_brief_is_refused_with_other_formats(capsys, fmt):
    done = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", fmt, "--brief")
    assert done.code == 2
    assert "--brief" in done.err and "--format markdown or --format html" in done.err
    assert done.out == ""


def test_full_reports_are_unchanged_without_brief(capsys):
    done = run(capsys, "check", COUNCIL, *TEST_OPTS, "--format", "markdown")
    assert "readiness brief" not in done.out and "## Summary" in done.out


# --- in a browser ---------------------------------------------------------------------------


def chromium(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def pdf_pages(data: bytes) -> int:
    """Pages in a PDF: its /Type /Page objects (not /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_pdf_page_count_parse():
    assert pdf_pages(b"<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>") == 2


@needs_browser
@pytest.mark.parametrize("profile", [COUNCIL, *PROFILES], ids=lambda p: p.stem)
def test_html_brief_in_chromium(profile, tmp_path):
    a = assess(profile) if profile == COUNCIL else assessed(profile)
    page = tmp_path / "brief.html"
    page.write_text(brief.render_html(a), encoding="utf-8")
    dom = unescape(chromium(page, tmp_path, "--dump-dom").stdout)
    assert a.overall.rating in dom
    assert dom.count('class="tile ') == 9
    for name in NAMES:
        assert name in dom, name
    for s in a.statements:
        assert f"{s.checks_evaluable}/{s.checks_total}</strong> checks" in dom
    pdf = tmp_path / "brief.pdf"
    chromium(page, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    pages = pdf_pages(pdf.read_bytes())
    assert 1 <= pages <= 2, f"{pages} A4 pages"


@needs_browser
def test_html_brief_for_one_statement_keeps_nine_tiles_in_chromium(tmp_path):
    a = assess()
    page = tmp_path / "brief.html"
    page.write_text(brief.render_html(a, [a.statement("SG").id]), encoding="utf-8")
    dom = unescape(chromium(page, tmp_path, "--dump-dom").stdout)
    assert dom.count('class="tile ') == 9 and a.overall.rating in dom
    assert "Top risks (shortfalls, worst first) (SG only)" in dom
