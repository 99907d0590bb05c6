"""The HTML report, read as text: self-contained, escaped, and complete. (test_reports_html_browser.py
renders it in a real browser.)"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from clihelp import NAMES, WAIVERS, assess
from readiness.reports import html

GMS = "governance-management-and-sustainability"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_page_is_self_contained_with_a_strict_content_security_policy():
    page = html.render(assess(waivers=WAIVERS))
    tags = parse(page).tags
    csp = [a for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0]["content"] == "default-src 'none'; style-src 'unsafe-inline'"
    names = {t for t, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "form", "video", "audio"}
    for _, attrs in tags:
        for key in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), (key, value)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", page, re.I)
    assert "url(" not in page and "@import" not in page and "@font-face" not in page


def test_all_profile_and_rule_text_is_escaped():
    a = assess(waivers=WAIVERS)
    page = html.render(a)
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert escape(a.council.name) in page
    text = "".join(parse(page).text)
    assert a.council.name in text  # shown to the reader exactly as written
    assert "Recruitment approved at board | minute 12 <b>bold</b>" in text
    assert "Test recommendation <b>not bold</b>." in text


def test_heat_map_groups_the_nine_statements_by_theme_with_their_scores():
    a = assess()
    page = html.render(a)
    heat = page.split('<div class="heat">')[1].split('<ul class="legend"')[0]
    columns = heat.split('<div class="theme">')[1:]
    assert [re.search(r"<h3>(.*?)</h3>", c).group(1) for c in columns] == [
        "Working with people", "Providing support", "Ensuring safety", "Leadership"]
    for s in a.statements:
        tile = re.search(rf'<a class="tile s(\d)(?: blank| thin)?" href="#{s.code.lower()}">.*?</a>', heat, re.S)
        assert tile and int(tile.group(1)) == s.predicted_score, s.name
        assert escape(s.name) in tile.group(0)
    assert [n for n in NAMES if escape(n) in heat] == NAMES
    assert "Mean" in heat and "(derived)" in heat


def test_rating_and_per_statement_sections():
    a = assess(waivers=WAIVERS)
    page = html.render(a)
    assert f'<span class="value">{escape(a.overall.rating)}</span>' in page
    for s in a.statements:
        section = page.split(f'<section class="statement" id="{s.code.lower()}">')[1].split("</section>")[0]
        assert "<h3>Findings</h3>" in section and "<h3>What to collect</h3>" in section
        assert "<h3>Path to the next score</h3>" in section
        for f in s.findings:
            assert f"<code>{f.rule_id}</code>" in section
        for c in s.what_to_collect:
            assert escape(c.what) in section
    gms = page.split('id="gms">')[1].split("</section>")[0]
    assert '<span class="waived">WAIVED</span>' in gms
    assert "Director of Adult Social Services" in gms


def test_print_css_is_present():
    page = html.render(assess())
    assert "@media print" in page and "print-color-adjust: exact" in page


def test_statement_filter():
    page = html.render(assess(), [GMS])
    assert 'id="gms"' in page and 'id="an"' not in page


def test_statements_without_evidence_are_shown_pale_not_as_scores():
    import readiness
    from conftest import EXAMPLES
    from readiness.reports import html as html_report

    a = readiness.evaluate(EXAMPLES / "template.yaml")
    page = html_report.render(a)
    assert page.count('class="tile s2 blank"') == 9
    bristol = html_report.render(readiness.evaluate(EXAMPLES / "bristol-2024.yaml"))
    assert 'class="tile s3" href="#gms"' in bristol  # evidenced statements keep their colour
