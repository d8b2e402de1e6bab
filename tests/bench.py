#!/usr/bin/env python3
"""make bench: the book's speed and weight, and the notebooks' start-up, measured in one run.

Prints, each figure beside its target (from the issues that set them):
* builds: cold build, warm rebuild;
* weight (KiB gzip, as a server sends it): every page's first visit with an empty cache, the new bytes from the
  introduction to each chapter, and between chart pages (what a reader pays page after page);
* speed: the first chart drawn, from navigation, while the reader scrolls down a screen at a time (median over the
  chart pages, 5 runs each), also with Chromium's CPU slowed four times; layout shift from navigation to 3 s after
  load;
* notebooks, in the environment Binder builds: ``import thaw`` against pandas + plotly + ipywidgets from a fresh
  process, and the first chart's bundle against the same figure with plain plotly;
* the same chapter built the naive way (plotly's "notebook" renderer, myst-nb's CDN widget manager), as ratios;
* Lighthouse (tests/lighthouse.py): mobile, median of 5 runs, for the introduction, the glossary, the verdict page and
  each chart chapter of the book `make book` built, beside a default Jupyter Book 1 page of the same introduction.
Nothing here passes or fails: it prints numbers. Run with ``python tests/bench.py`` (``make bench``)."""
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

from support import (
    CHROMIUM_ARGS,
    LAYOUT_SHIFT,
    ROOT,
    binder_env,
    chromium_path,
    interactive_pages,
    serve,
    size_bytes,
    toc_files,
)

JB = Path(sys.executable).parent / "jupyter-book"
RUNS = 5
CHAPTER = "book/q3/reforms"
KIB = 1024
TARGETS = {"cold_s": 120.0, "warm_ratio": 0.20, "first_kib": 1024, "intro_to_chapter_kib": 450,
           "between_charts_kib": 150, "first_chart_s": 1.0, "first_chart_slow_s": 3.0, "cls": 0.1,
           "import_ratio": 1.5, "first_chart_extra_s": 0.5}


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


# the browser resolves no host but loopback, so nothing outside can load (and any attempt is recorded)
OFFLINE = CHROMIUM_ARGS + ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


def _offline_page(browser, base: str, slow: bool = False):
    """A fresh context (empty cache) in the offline browser; returns (context, page, urls, outside)."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    if slow:
        ctx.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    urls, outside = set(), []
    host = urlparse(base).netloc

    def seen(request):  # recorded, not intercepted: interception would slow every request it measures
        if urlparse(request.url).netloc == host:
            urls.add(request.url.split("#")[0].split("?")[0])
        elif not request.url.startswith(("data:", "blob:", "about:")):
            outside.append(request.url)

    page.on("request", seen)
    page.add_init_script(LAYOUT_SHIFT)
    return ctx, page, urls, outside


def visit(browser, base: str, path: str, slow: bool = False) -> dict:
    """Load a page as a reader does: scroll a screen at a time until the first chart is drawn. first = ms from
    navigation to the first chart drawn; cls = layout shift from navigation to 3 s after load."""
    ctx, page, urls, outside = _offline_page(browser, base, slow)
    page.goto(base + path, wait_until="load")
    loaded = time.perf_counter()
    first = None
    page.wait_for_function("window.thawCharts !== undefined")
    if page.evaluate("window.thawCharts.total"):
        for _ in range(60):
            first = page.evaluate("window.thawCharts.firstAt")
            if first is not None:
                break
            page.mouse.wheel(0, 850)
            page.wait_for_timeout(150)
    page.wait_for_timeout(max(0, 3000 - (time.perf_counter() - loaded) * 1000))
    cls = page.evaluate("window.thawShift")
    page.evaluate("window.thawDrawAll && window.thawDrawAll()")
    _settle(page, path)
    ctx.close()
    return {"urls": urls, "outside": outside, "first": first, "cls": cls}


def _settle(page, path: str) -> None:
    """Wait until the page makes no more requests (so that its list of requests is whole), at most 10 s: a page that
    never settles is reported, not a reason to lose every figure measured so far."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_load_state("networkidle", timeout=10_000)
    except PlaywrightTimeout:
        print(f"  ({path} still made requests 10 s after loading: its weight may be counted short)", file=sys.stderr)


def naive_visit(browser, base: str, path: str) -> dict:
    ctx, page, urls, outside = _offline_page(browser, base)
    page.goto(base + path, wait_until="load")
    n = page.locator(".plotly-graph-div").count()
    page.wait_for_function(f"document.querySelectorAll('.plotly-graph-div .main-svg').length >= {n}", timeout=30000)
    ms = page.evaluate("performance.now()")
    widgets = page.locator(".widget-radio-box input").count()
    _settle(page, path)
    ctx.close()
    return {"urls": urls, "outside": outside, "ms": ms, "widgets": widgets}


def naive_book(tmp: Path) -> Path:
    """The same chapter, the usual way: plotly's notebook renderer, the default (CDN) widget manager."""
    src = tmp / "naive"
    src.mkdir()
    nb = json.loads((ROOT / f"{CHAPTER}.ipynb").read_text(encoding="utf-8"))
    nb["cells"].insert(0, {"cell_type": "code", "metadata": {"tags": ["remove-cell"]}, "outputs": [],
                           "execution_count": None,
                           "source": "import thaw, plotly.io as pio, plotly.graph_objects as go\n"
                                     "pio.renderers.default = 'notebook'\n"
                                     "thaw.render.Chart._repr_mimebundle_ = go.Figure._repr_mimebundle_\n"
                                     "thaw.render.Chart._ipython_display_ = go.Figure._ipython_display_\n"
                                     "thaw.widgets.ReadingToggle._repr_mimebundle_ = thaw.widgets.w.VBox._repr_mimebundle_"})
    (src / "reforms.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    shutil.copy(ROOT / "book" / "references.bib", src / "references.bib")
    (src / "_toc.yml").write_text("format: jb-book\nroot: reforms\n")
    (src / "_config.yml").write_text(
        "title: naive\nexecute:\n  execute_notebooks: force\nbibtex_bibfiles: [references.bib]\n"
        "sphinx:\n  config:\n    bibtex_reference_style: author_year\n    suppress_warnings: ['ref.term']\n")
    return src


# --- Notebook start-up, in the environment Binder builds --------------------------------------------------------

IMPORT_BASE = "import pandas, plotly.graph_objects, plotly.io, ipywidgets"
IMPORT_THAW = "import thaw"
CHART_THAW = "import thaw; thaw.charts.achievements_timeline()._repr_mimebundle_()"
CHART_PLAIN = ("import json, sys, pandas, plotly.graph_objects as go, plotly.io as pio; "
               "fig = go.Figure(json.load(open(sys.argv[1]))); pio.renderers['plotly_mimetype'].to_mimebundle(fig.to_dict())")


def startup(py: Path, code: str, *args: str, runs: int = RUNS) -> float:
    """Median seconds for a fresh interpreter to run ``code`` (the import caches warmed by one run first: bytecode is
    written, as on Binder, even where PYTHONDONTWRITEBYTECODE is set, or thaw's own modules, which live outside
    site-packages, would be compiled again at every start)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")}
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([str(py), "-c", code, *args], check=True, env=env, cwd=ROOT, capture_output=True)
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def kib(n: float) -> str:
    return f"{n / KIB:,.0f} KiB"


def main() -> int:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="thaw-bench-"))
    print(f"Benchmark on this machine ({os.cpu_count()} cores); medians of {RUNS} runs unless said\n")
    cold, rc1 = build(ROOT, tmp / "ours")
    warm, rc2 = build(ROOT, tmp / "ours")
    if rc1 or rc2:
        print("build failed", file=sys.stderr)
        return 1
    html = tmp / "ours" / "_build" / "html"
    print(f"cold build              {cold:7.1f} s   (target <= {TARGETS['cold_s']:.0f} s)")
    print(f"warm rebuild            {warm:7.1f} s   = {warm / cold:.0%} of cold (target <= {TARGETS['warm_ratio']:.0%})")

    py = binder_env()
    figure = tmp / "figure.json"
    subprocess.run([str(py), "-c", "import sys, thaw; open(sys.argv[1], 'w').write("
                    "thaw.charts.achievements_timeline().to_json())", str(figure)], check=True, cwd=ROOT)
    base_s, thaw_s = startup(py, IMPORT_BASE), startup(py, IMPORT_THAW)
    plain_s, chart_s = startup(py, CHART_PLAIN, str(figure)), startup(py, CHART_THAW)
    print(f"Binder environment      {size_bytes(py.parent.parent) / 1e6:7.0f} MB  (requirements.txt + Binder's base image)")
    print(f"import thaw             {thaw_s:7.2f} s   vs pandas + plotly + ipywidgets {base_s:.2f} s = "
          f"{thaw_s / base_s:.2f}x (target <= {TARGETS['import_ratio']}x)")
    print(f"first chart's bundle    {chart_s:7.2f} s   vs the same figure with plain plotly {plain_s:.2f} s = "
          f"{chart_s - plain_s:+.2f} s (target <= +{TARGETS['first_chart_extra_s']} s), from a fresh process\n")

    pages = [f + ".html" for f in toc_files()]
    chart_pages = [p for p, info in interactive_pages(html).items() if info["charts"]]
    results, slow = {}, {}
    with sync_playwright() as p, serve(html) as base:
        browser = p.chromium.launch(executable_path=chromium_path(), args=OFFLINE)
        for path in pages:
            runs = [visit(browser, base, path) for _ in range(RUNS if path in chart_pages else 1)]
            results[path] = {"urls": set().union(*(r["urls"] for r in runs)), "outside": runs[0]["outside"],
                             "first": [r["first"] for r in runs if r["first"] is not None],
                             "cls": max(r["cls"] for r in runs)}
        for path in chart_pages:
            slow[path] = [r["first"] for r in (visit(browser, base, path, slow=True) for _ in range(3))
                          if r["first"] is not None]
        all_sizes = sizes(html, base, set().union(*(r["urls"] for r in results.values())))
        browser.close()

    def weight(urls) -> int:
        return sum(all_sizes[u][1] for u in urls if u in all_sizes)

    intro = results[pages[0]]["urls"]
    print(f"{'page':46} {'first visit':>12} {'new after intro':>16} {'first chart':>12} {'layout shift':>13}")
    for path, r in results.items():
        first = f"{statistics.median(r['first']) / 1000:.2f} s" if r["first"] else "-"
        flag = " OUTSIDE REQUESTS!" if r["outside"] else ""
        print(f"{path:46} {kib(weight(r['urls'])):>12} {kib(weight(r['urls'] - intro)):>16} {first:>12} "
              f"{r['cls']:>13.3f}{flag}")
    heaviest = max(results, key=lambda p: weight(results[p]["urls"]))
    chapter = max((p for p in results if p.startswith("book/q")), key=lambda p: weight(results[p]["urls"] - intro))
    between = max(((a, b) for a in chart_pages for b in chart_pages if a != b),
                  key=lambda ab: weight(results[ab[1]]["urls"] - results[ab[0]]["urls"]))
    firsts = [statistics.median(results[p]["first"]) / 1000 for p in chart_pages if results[p]["first"]]
    slows = [statistics.median(slow[p]) / 1000 for p in chart_pages if slow[p]]
    print()
    print(f"heaviest first visit        {kib(weight(results[heaviest]['urls'])):>10} ({heaviest}; target <= {TARGETS['first_kib']:,} KiB)")
    print(f"introduction -> chapter     {kib(weight(results[chapter]['urls'] - intro)):>10} new ({chapter}; "
          f"target <= {TARGETS['intro_to_chapter_kib']} KiB)")
    print(f"between chart pages         {kib(weight(results[between[1]]['urls'] - results[between[0]]['urls'])):>10} new "
          f"at most ({between[0]} -> {between[1]}; target <= {TARGETS['between_charts_kib']} KiB)")
    print(f"first chart drawn           {statistics.median(firsts):>8.2f} s median over {len(firsts)} chart pages, "
          f"slowest {max(firsts):.2f} s (target <= {TARGETS['first_chart_s']} s)")
    print(f"  with the CPU 4x slower    {statistics.median(slows):>8.2f} s median, slowest {max(slows):.2f} s "
          f"(target <= {TARGETS['first_chart_slow_s']} s)")
    print(f"layout shift, worst page    {max(r['cls'] for r in results.values()):>10.3f} (target <= {TARGETS['cls']})\n")

    naive_src = naive_book(tmp)
    naive_time, rc3 = build(naive_src, tmp / "naive")
    naive_html = tmp / "naive" / "_build" / "html"
    with sync_playwright() as p, serve(naive_html) as nbase:
        browser = p.chromium.launch(executable_path=chromium_path(), args=OFFLINE)
        naive_runs = [naive_visit(browser, nbase, "reforms.html") for _ in range(RUNS)]
        naive_gz = sum(s[1] for s in sizes(naive_html, nbase, naive_runs[0]["urls"]).values())
        browser.close()
    with sync_playwright() as p, serve(html) as base:  # our chapter, every chart drawn at once, for a like comparison
        browser = p.chromium.launch(executable_path=chromium_path(), args=OFFLINE)
        ours_ms = []
        for _ in range(RUNS):
            ctx, page, _, _ = _offline_page(browser, base)
            page.add_init_script("window.thawEager = true;")
            page.goto(base + CHAPTER + ".html", wait_until="load")
            page.wait_for_function("window.thawCharts && window.thawCharts.doneAt !== null", timeout=20000)
            ours_ms.append(page.evaluate("window.thawCharts.doneAt"))
            ctx.close()
        browser.close()
    ours_gz = weight(results[CHAPTER + ".html"]["urls"])
    n_ms, o_ms = statistics.median(r["ms"] for r in naive_runs), statistics.median(ours_ms)
    print(f"Naive recipe, same chapter ({CHAPTER}): build {naive_time:.1f} s (rc {rc3})")
    print(f"  first visit {kib(naive_gz)} from the book plus {len(naive_runs[0]['outside'])} CDN requests that fail "
          f"offline; toggle offline: {'renders' if naive_runs[0]['widgets'] else 'does not render'}; "
          f"charts drawn {n_ms / 1000:.2f} s")
    print(f"Ours / naive: first visit {ours_gz / naive_gz:.2f}x, every chart drawn {o_ms / n_ms:.2f}x; outside "
          f"requests {len(results[CHAPTER + '.html']['outside'])} vs {len(naive_runs[0]['outside'])}")
    shutil.rmtree(tmp, ignore_errors=True)
    print()
    import lighthouse

    lighthouse.report(ROOT / "_build" / "html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
