"""What the tests and the benchmark share (tests/bench.py sits beside this file): the table of contents, the built
book served on loopback and driven in headless Chromium with every outside request blocked, and a virtual
environment made from requirements.txt alone, as Binder's repo2docker makes it."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import threading
import venv
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


# --- The book ------------------------------------------------------------------------------------------------

@contextlib.contextmanager
def lock(name: str):
    """One process at a time (the tests run in parallel workers): building the book, creating the environment."""
    import fcntl

    path = ROOT / "_build" / f".{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def toc_files() -> list[str]:
    import yaml  # here, so that creating the environment (below) needs nothing but the standard library

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    out = [toc["root"]]

    def walk(items):
        for it in items or []:
            if "file" in it:
                out.append(it["file"])
            walk(it.get("sections"))
            walk(it.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return out


# --- The browser ---------------------------------------------------------------------------------------------

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


# An init script: the page's layout shift (how far it jumps while it loads), summed from navigation on, in
# window.thawShift. Shared by the browser tests and the benchmark.
LAYOUT_SHIFT = """window.thawShift = 0; new PerformanceObserver(l => l.getEntries().forEach(e => {
  if (!e.hadRecentInput) window.thawShift += e.value; })).observe({type: 'layout-shift', buffered: true});"""


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


# --- The Binder-like environment --------------------------------------------------------------------------------
# (plus what Binder's base image brings: JupyterLab, ipykernel, nbclient). Reused while requirements.txt is unchanged.

ENV = ROOT / "_build" / "binder-env"
BASE = ["ipykernel==7.4.0", "nbclient==0.11.0", "nbformat==5.11.1", "jupyterlab==4.6.6"]


def _pip(py: Path, *args: str) -> None:
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args], cwd=ROOT, check=True)


def binder_env() -> Path:
    """Create (or reuse) the environment; returns its python."""
    stamp_text = hashlib.sha256((ROOT / "requirements.txt").read_bytes() + " ".join(BASE).encode()).hexdigest()
    py = ENV / "bin" / "python"
    stamp = ENV / ".stamp"
    with lock("binder-env"):
        if not (stamp.is_file() and stamp.read_text() == stamp_text and py.exists()):
            venv.EnvBuilder(clear=True, with_pip=True).create(ENV)
            _pip(py, "-r", "requirements.txt")
            _pip(py, *BASE)
            stamp.write_text(stamp_text)
    return py


def size_bytes(path: Path = ENV) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# --- Every notebook, run in that environment ------------------------------------------------------------------

NOTEBOOK_SETS = {
    "book": lambda: sorted(p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts),
    "student": lambda: sorted((ROOT / "exercises").glob("*.ipynb")),
    "solutions": lambda: sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")),
}


def run_notebook(py: Path, notebook: Path) -> dict:
    """Run one notebook top to bottom in the environment of ``py`` (tests/run_notebook.py); its summary."""
    import json

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "THAW_ROOT")}
    env["PATH"] = f"{py.parent}{os.pathsep}{env.get('PATH', '')}"
    proc = subprocess.run([str(py), str(ROOT / "tests" / "run_notebook.py"), str(notebook)], cwd=notebook.parent,
                          capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode != 0:  # reported by the notebook's own test
        return {"error": f"run_notebook.py exited {proc.returncode}: {proc.stderr[-3000:]}", "errors": [], "feedback": []}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_all_notebooks(results: Path) -> None:
    """Create the environment if needed, run every notebook (as many at a time as there are cores) and write the
    summaries to ``results`` (atomically; on failure, the error under "__error__")."""
    import json
    import traceback
    from concurrent.futures import ThreadPoolExecutor

    try:
        py = binder_env()
        notebooks = [nb for found in NOTEBOOK_SETS.values() for nb in found()]
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
            out = {str(nb): s for nb, s in zip(notebooks, pool.map(lambda nb: run_notebook(py, nb), notebooks))}
    except Exception:
        out = {"__error__": traceback.format_exc()}
    partial = results.with_suffix(".partial")
    partial.write_text(json.dumps(out))
    partial.replace(results)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["binder-env"]:  # `make test` makes the environment in the background while it builds
        print(f"Binder-like environment ready: {binder_env()}")
    elif sys.argv[1:2] == ["notebooks"]:  # the test session runs the notebooks in the background (conftest.py)
        run_all_notebooks(Path(sys.argv[2]))
