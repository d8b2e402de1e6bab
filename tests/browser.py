"""Serve the built book on loopback and drive it in headless Chromium with every outside request blocked.
Used by the browser tests and by scripts/bench.py."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium not found: `make test` installs Debian's chromium (or set CHROMIUM=/path)")
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageReport:
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    bytes: int = 0


def watch(page, base: str) -> PageReport:
    """Block every request that is not to ``base`` and record errors, failures and outside requests."""
    report = PageReport(url=base)
    host = urlparse(base).netloc

    def route(r):
        url = r.request.url
        if urlparse(url).netloc == host or url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            report.outside.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and report.console_errors.append(m.text))
    page.on("pageerror", lambda e: report.page_errors.append(str(e)))
    page.on("requestfailed", lambda r: urlparse(r.url).netloc == host and report.failed.append(f"{r.url} {r.failure}"))

    def on_response(resp):
        if resp.status >= 400:
            report.failed.append(f"{resp.url} HTTP {resp.status}")

    page.on("response", on_response)
    return report


def draw_all_charts(page, timeout: float = 15000) -> dict:
    """Scroll every chart into view (they draw lazily) and wait until all are drawn; returns window.thawCharts."""
    page.wait_for_function("window.thawCharts !== undefined")
    page.evaluate("window.thawDrawAll && window.thawDrawAll()")
    page.wait_for_function("window.thawCharts.drawn + window.thawCharts.errors.length >= window.thawCharts.total",
                           timeout=timeout)
    return page.evaluate("({total: thawCharts.total, drawn: thawCharts.drawn, errors: thawCharts.errors})")


def interactive_pages(html_dir: Path) -> dict[str, dict]:
    """Every built page with a chart or widget, found in the HTML itself (so new pages are covered without anyone
    listing them): path -> counts of charts, reading toggles and verdict builders."""
    found = {}
    for f in sorted(Path(html_dir).rglob("*.html")):
        rel = f.relative_to(html_dir).as_posix()
        if rel.startswith(("_static/", "_sources/")):
            continue
        text = f.read_text(encoding="utf-8")
        info = {"charts": text.count('class="thaw-chart-data"'), "toggles": text.count('class="thaw-reading-toggle '),
                "verdicts": text.count('<form class="thaw-verdict"')}
        if any(info.values()):
            found[rel] = info
    return found
