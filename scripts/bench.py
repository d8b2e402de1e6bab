#!/usr/bin/env python3
"""make bench: the book's speed and weight, measured in one run, against the naive recipe.

Prints: cold build time, warm rebuild time, the Binder environment's size; for every page its first-visit bytes
(raw and gzip), the new bytes it costs once the assets shared between pages are cached, and the time from
navigation to every chart drawn (median of 5); then the same chapter built with the naive recipe (plotly's
"notebook" renderer, which inlines plotly.js, and myst-nb's default CDN widget manager) and our figures as ratios.
Nothing here is a pass/fail test: it prints numbers and the targets beside them."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from binder_env import binder_env, size_bytes  # noqa: E402
from browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from test_build import toc_files  # noqa: E402

JB = Path(sys.executable).parent / "jupyter-book"
RUNS = 5
CHAPTER = "book/q3/reforms"
TARGETS = {"first_gz": 1.5e6, "second_gz": 150e3, "charts_s": 1.0, "cold_s": 120.0, "warm_ratio": 0.20}


def build(source: Path, out: Path, *flags: str) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run([str(JB), "build", str(source), "--path-output", str(out), *flags],
                          capture_output=True, text=True, env={**os.environ, "THAW_ROOT": str(ROOT)})
    return time.perf_counter() - start, proc.returncode


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def sizes(html_dir: Path, base: str, urls: set[str]) -> dict[str, tuple[int, int]]:
    out = {}
    for u in urls:
        if not u.startswith(base):
            continue
        path = html_dir / urlparse(u).path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            blob = path.read_bytes()
            out[u] = (len(blob), gz(blob))
    return out


def _offline_page(browser, base: str, eager: bool = False):
    """A fresh context (empty cache) whose page may only reach ``base``; returns (context, page, urls, outside)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    if eager:
        ctx.add_init_script("window.thawEager = true;")
    page = ctx.new_page()
    urls, outside = set(), []
    host = urlparse(base).netloc

    def route(r):
        if urlparse(r.request.url).netloc == host:
            urls.add(r.request.url.split("#")[0].split("?")[0])
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return ctx, page, urls, outside


def visit(browser, base: str, path: str) -> dict:
    """Load one of our pages and draw every chart at once; ms = navigation start to the last chart drawn."""
    ctx, page, urls, outside = _offline_page(browser, base, eager=True)
    page.goto(base + path, wait_until="load")
    ms = charts = None
    try:
        page.wait_for_function("window.thawCharts && (window.thawCharts.doneAt !== null || "
                               "window.thawCharts.total === 0)", timeout=20000)
        ms = page.evaluate("window.thawCharts.total ? window.thawCharts.doneAt : null")
        charts = page.evaluate("window.thawCharts.total")
    except Exception:
        pass
    page.wait_for_load_state("networkidle")
    ctx.close()
    return {"urls": urls, "outside": outside, "ms": ms, "charts": charts}


def naive_visit(browser, base: str, path: str) -> dict:
    """Load the naive build's page; ms = navigation start to every plotly chart drawn."""
    ctx, page, urls, outside = _offline_page(browser, base)
    page.goto(base + path, wait_until="load")
    n = page.locator(".plotly-graph-div").count()
    page.wait_for_function(f"document.querySelectorAll('.plotly-graph-div .main-svg').length >= {n}", timeout=30000)
    ms = page.evaluate("performance.now()")
    widgets = page.locator(".widget-radio-box input").count()
    page.wait_for_load_state("networkidle")
    ctx.close()
    return {"urls": urls, "outside": outside, "ms": ms, "charts": n, "widgets": widgets}


def naive_book(tmp: Path) -> Path:
    """The same chapter, the usual way: plotly's notebook renderer, the default (CDN) widget manager."""
    src = tmp / "naive"
    src.mkdir()
    nb = json.loads((ROOT / f"{CHAPTER}.ipynb").read_text(encoding="utf-8"))
    nb["cells"].insert(0, {"cell_type": "code", "metadata": {"tags": ["remove-cell"]}, "outputs": [],
                           "execution_count": None,
                           "source": "import thaw, plotly.io as pio\npio.renderers.default = 'notebook'"})
    (src / "reforms.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    shutil.copy(ROOT / "book" / "references.bib", src / "references.bib")
    (src / "_toc.yml").write_text("format: jb-book\nroot: reforms\n")
    (src / "_config.yml").write_text(
        "title: naive\nexecute:\n  execute_notebooks: force\nbibtex_bibfiles: [references.bib]\n"
        "sphinx:\n  config:\n    bibtex_reference_style: author_year\n    suppress_warnings: ['ref.term']\n")
    return src


def fmt_bytes(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def main() -> int:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="thaw-bench-"))
    print("Benchmark (2-core machine; one run)\n")
    cold, rc1 = build(ROOT, tmp / "ours")
    warm, rc2 = build(ROOT, tmp / "ours")
    if rc1 or rc2:
        print("build failed", file=sys.stderr)
        return 1
    html = tmp / "ours" / "_build" / "html"
    env_size = size_bytes(binder_env().parent.parent)
    print(f"cold build            {cold:7.1f} s   (target <= {TARGETS['cold_s']:.0f} s)")
    print(f"warm rebuild          {warm:7.1f} s   = {warm / cold:.0%} of cold (target <= {TARGETS['warm_ratio']:.0%})")
    print(f"Binder environment    {env_size / 1e6:7.0f} MB  (requirements.txt + what Binder's base image brings: JupyterLab, ipykernel, nbclient)\n")

    naive_src = naive_book(tmp)
    naive_time, rc3 = build(naive_src, tmp / "naive")
    naive_html = tmp / "naive" / "_build" / "html"

    pages = [f + ".html" for f in toc_files()]
    results = {}
    with sync_playwright() as p, serve(html) as base:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for path in pages:
            runs = [visit(browser, base, path) for _ in range(RUNS)]
            results[path] = {"urls": runs[0]["urls"], "outside": runs[0]["outside"], "charts": runs[0]["charts"],
                             "ms": [r["ms"] for r in runs if r["ms"] is not None]}
        counts: dict[str, int] = {}
        for r in results.values():
            for u in r["urls"]:
                counts[u] = counts.get(u, 0) + 1
        shared = {u for u, c in counts.items() if c >= 2}
        all_sizes = sizes(html, base, set(counts))
        browser.close()
    with sync_playwright() as p, serve(naive_html) as nbase:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        naive_runs = [naive_visit(browser, nbase, "reforms.html") for _ in range(RUNS)]
        naive_sizes = sizes(naive_html, nbase, naive_runs[0]["urls"])
        browser.close()

    print(f"{'page':48} {'first visit raw':>15} {'gzip':>10} {'new (gzip)':>11} {'charts':>6} {'drawn (median)':>15}")
    worst_first = worst_second = worst_ms = 0.0
    for path, r in results.items():
        own = [all_sizes[u] for u in r["urls"] if u in all_sizes]
        raw, gzb = sum(s[0] for s in own), sum(s[1] for s in own)
        new = sum(all_sizes[u][1] for u in r["urls"] if u in all_sizes and u not in shared)
        ms = statistics.median(r["ms"]) / 1000 if r["ms"] else None
        worst_first, worst_second = max(worst_first, gzb), max(worst_second, new)
        worst_ms = max(worst_ms, ms or 0)
        flag = " OUTSIDE REQUESTS!" if r["outside"] else ""
        print(f"{path:48} {fmt_bytes(raw):>15} {fmt_bytes(gzb):>10} {fmt_bytes(new):>11} {r['charts'] or 0:>6} "
              f"{(f'{ms:.2f} s' if ms is not None else '-'):>15}{flag}")
    print()
    print(f"heaviest first visit  {fmt_bytes(worst_first)} gzip (target <= {fmt_bytes(TARGETS['first_gz'])})")
    print(f"heaviest second page  {fmt_bytes(worst_second)} gzip new (target <= {fmt_bytes(TARGETS['second_gz'])})")
    print(f"slowest charts drawn  {worst_ms:.2f} s median (target <= {TARGETS['charts_s']:.1f} s)\n")

    ours = results[CHAPTER + ".html"]
    ours_gz = sum(all_sizes[u][1] for u in ours["urls"] if u in all_sizes)
    ours_raw = sum(all_sizes[u][0] for u in ours["urls"] if u in all_sizes)
    naive_gz = sum(s[1] for s in naive_sizes.values())
    naive_raw = sum(s[0] for s in naive_sizes.values())
    n_ms = statistics.median(r["ms"] for r in naive_runs) / 1000
    o_ms = statistics.median(ours["ms"]) / 1000
    print(f"Naive recipe, same chapter ({CHAPTER}): build {naive_time:.1f} s (rc {rc3})")
    print(f"  first visit         {fmt_bytes(naive_raw)} raw, {fmt_bytes(naive_gz)} gzip from the book, plus "
          f"{len(naive_runs[0]['outside'])} CDN requests that fail offline")
    print(f"  toggle offline      {'renders' if naive_runs[0]['widgets'] else 'does not render (widget manager is on a CDN)'}")
    print(f"  charts drawn        {n_ms:.2f} s median")
    print(f"Ours / naive: first visit raw {ours_raw / naive_raw:.2f}x, gzip {ours_gz / naive_gz:.2f}x, "
          f"charts drawn {o_ms / n_ms:.2f}x; outside requests {len(ours['outside'])} vs {len(naive_runs[0]['outside'])}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
