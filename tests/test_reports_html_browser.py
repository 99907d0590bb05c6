"""The HTML report in a real browser (headless Chromium): it renders the 9 statements and the
rating, makes a real picture, and asks the network for nothing; so does the trend page, whose
SVG charts are laid out at a real size.

Skipped, with the reason, only when no Chromium binary is installed (CI installs the Debian
`chromium` package in .ci/run).
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from html import unescape
from pathlib import Path

import pytest

from clihelp import NAMES, WAIVERS, assess
from readiness.reports import html

BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium binary found (install the Debian package "
                                                         "'chromium' to run the browser test)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND"]  # nothing the browser asks for can leave the machine


def browse(page: Path, tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess, Path]:
    netlog = tmp_path / f"netlog-{page.stem}.json"
    command = [BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--log-net-log={netlog}", *extra,
               page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done, netlog


def page_requests(netlog: Path) -> list[str]:
    """URLs the page itself asked for. Chromium's own background requests carry the initiator
    'not an origin'; anything a document asks for carries the document's origin."""
    data = json.loads(netlog.read_text(encoding="utf-8"))
    kinds = {v: k for k, v in data["constants"]["logEventTypes"].items()}
    urls = []
    for event in data["events"]:
        params = event.get("params") or {}
        if kinds.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in params:
            if params.get("initiator", "") != "not an origin" or "file://" in params.get("network_isolation_key", ""):
                urls.append(params["url"])
    return urls


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("html")
    a = assess(waivers=WAIVERS)
    path = folder / "report.html"
    path.write_text(html.render(a), encoding="utf-8")
    return path, a


def test_dom_shows_the_nine_statements_and_the_rating_and_requests_nothing(report, tmp_path):
    path, a = report
    done, netlog = browse(path, tmp_path, "--dump-dom")
    dom = unescape(done.stdout)
    for name in NAMES:
        assert name in dom, name
    assert a.overall.rating in dom
    assert a.council.name in dom                 # the council's own text, shown as text ...
    assert "<script>alert(1)</script>" not in done.stdout  # ... never as markup
    assert "<script" not in done.stdout.lower()
    assert netlog.exists()
    requested = page_requests(netlog)
    assert not [u for u in requested if u.split(":", 1)[0] in ("http", "https", "ws", "wss")], requested


def test_the_network_check_does_catch_a_page_that_fetches(tmp_path):
    """Control: the same check finds the requests of a page that does load remote things."""
    page = tmp_path / "control.html"
    page.write_text('<!DOCTYPE html><p>control</p><img src="http://127.0.0.1:9/x.png">'
                    '<link rel="stylesheet" href="https://example.invalid/x.css">', encoding="utf-8")
    _, netlog = browse(page, tmp_path, "--dump-dom")
    requested = page_requests(netlog)
    assert "http://127.0.0.1:9/x.png" in requested and "https://example.invalid/x.css" in requested


def test_screenshot_is_a_real_picture(report, tmp_path):
    path, _ = report
    shot = tmp_path / "report.png"
    browse(path, tmp_path, f"--screenshot={shot}", "--window-size=1200,1700", "--hide-scrollbars")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1700)
    assert len(data) > 50_000, "a page of coloured tiles and text, not a blank image"


def test_static_html_has_no_remote_references(report):
    path, _ = report
    page = path.read_text(encoding="utf-8")
    import re

    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)


# --- readiness trend: the page with its SVG charts -----------------------------------------------


@pytest.fixture(scope="module")
def trend_page(tmp_path_factory) -> tuple[Path, object]:
    import readiness
    from clihelp import DATA
    from readiness.engine.trend import trend
    from readiness.reports import trend as trend_report

    files = sorted((DATA / "trend").glob("*.yaml"))
    t = trend([readiness.evaluate(readiness.load_profile(f)) for f in files], files)
    path = tmp_path_factory.mktemp("trend") / "trend.html"
    path.write_text(trend_report.render_html(t), encoding="utf-8")
    return path, t


def test_trend_page_renders_and_requests_nothing(trend_page, tmp_path):
    path, t = trend_page
    done, netlog = browse(path, tmp_path, "--dump-dom")
    dom = unescape(done.stdout)
    assert t.council in dom
    for name in NAMES:
        assert name in dom, name
    assert dom.count("<svg ") == 2 and dom.count("<polyline") == 10
    requested = page_requests(netlog)
    assert not [u for u in requested if u.split(":", 1)[0] in ("http", "https", "ws", "wss")], requested


MEASURE = """<script>
document.body.insertAdjacentHTML('beforeend', '<pre id="sizes">' + JSON.stringify(
  Array.from(document.querySelectorAll('svg')).map(function (svg) {
    var r = svg.getBoundingClientRect();
    return {id: svg.id, width: r.width, height: r.height, lines: Array.from(svg.querySelectorAll('polyline')).map(
      function (line) { var b = line.getBoundingClientRect(); return [b.width, b.height]; })};
  })) + '</pre>');
</script>"""


def test_trend_charts_are_drawn_at_a_real_size_and_print(trend_page, tmp_path):
    """The page's own CSP forbids scripts, so a copy without it measures the laid-out SVGs."""
    path, t = trend_page
    page = path.read_text(encoding="utf-8")
    measured = tmp_path / "measured.html"
    csp = page[page.index('<meta http-equiv="Content-Security-Policy"'):].split(">", 1)[0] + ">"
    without_csp = page.replace(csp, "")
    assert "Content-Security-Policy" not in without_csp
    measured.write_text(without_csp.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    done, _ = browse(measured, tmp_path, "--dump-dom", "--window-size=1200,1800")
    sizes = json.loads(unescape(done.stdout.rsplit('<pre id="sizes">', 1)[1].split("</pre>", 1)[0]))
    assert [s["id"] for s in sizes] == ["overall-chart", "statements-chart"]
    for svg in sizes:
        assert svg["width"] > 600 and svg["height"] > 200, svg
        assert svg["lines"] and all(w > 300 for w, _ in svg["lines"]), svg  # each line spans the snapshots
    assert len(sizes[1]["lines"]) == 9
    pdf = tmp_path / "trend.pdf"
    browse(path, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 50_000  # text and two charts, not a blank page
