"""What the tests and the benchmark share (tests/bench.py sits beside this file): the table of contents, the built
book served on loopback and driven in headless Chromium with every outside request blocked, and a virtual
environment made from requirements.txt alone, as Binder's repo2docker makes it (``make binder-env``)."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import venv
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


# --- The book ------------------------------------------------------------------------------------------------

def page_path(doc: str) -> str:
    """A page's path in the built site: teacher-only pages are in the teacher edition (teacher/), every other page
    in the student edition at the root (`make book` builds both; thaw.editions)."""
    from thaw.editions import teacher_docs

    return ("teacher/" if doc in teacher_docs(ROOT) else "") + f"{doc}.html"


def built(html: Path, doc: str) -> Path:
    """Where `make book` put the page ``doc`` (a docname as in _toc.yml)."""
    return Path(html) / page_path(doc)


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
        if rel.startswith(("_static/", "_sources/", "teacher/_static/", "teacher/_sources/")):
            continue
        if rel.startswith("teacher/") and (Path(html_dir) / rel.removeprefix("teacher/")).is_file():
            continue  # the teacher edition's copy of a page the student edition (the root) has too
        text = f.read_text(encoding="utf-8")
        info = {"charts": text.count('class="thaw-chart-data"'), "toggles": text.count('class="thaw-reading-toggle '),
                "verdicts": text.count('<form class="thaw-verdict"')}
        if any(info.values()):
            found[rel] = info
    return found


# --- The Binder-like environment --------------------------------------------------------------------------------
# (plus what Binder's base image brings: JupyterLab, ipykernel, nbclient). Reused while requirements.txt is unchanged.
# `make test` makes it (`make binder-env`), then builds the book with this environment's kernel (KERNELS on
# JUPYTER_PATH), so every notebook is executed once, as Binder would run it, and the notebook tests read what that
# build executed. The tests only read it (binder_env), so parallel test workers never write it.

ENV = ROOT / "_build" / "binder-env"
KERNELS = ROOT / "_build" / "binder-kernel"
BASE = ["ipykernel==7.4.0", "nbclient==0.11.0", "nbformat==5.11.1", "jupyterlab==4.6.6"]


def _uv() -> str | None:
    """The installer `make env` put in the .venv (or one on PATH): uv installs in seconds what pip takes minutes for."""
    local = ROOT / ".venv" / "bin" / "uv"
    return str(local) if local.is_file() else shutil.which("uv")


def _install(py: Path, *args: str) -> None:
    """Install into the environment of ``py`` with uv, or with that environment's pip if there is no uv or it fails
    (as ``make env`` does)."""
    uv = _uv()
    if uv:
        # compiled now, as pip does: with PYTHONDONTWRITEBYTECODE set (as on CI) nothing is ever compiled later, and
        # every import would compile from source (3.5 s instead of 1 s for `import thaw`)
        if subprocess.run([uv, "pip", "install", "-q", "--compile-bytecode", "--python", str(py), *args],
                          cwd=ROOT).returncode == 0:
            return
        print("uv could not install; trying pip", file=sys.stderr)
        subprocess.run([str(py), "-m", "ensurepip"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args], cwd=ROOT, check=True)


PY = ENV / "bin" / "python"
STAMP = ENV / ".stamp"
SPEC = KERNELS / "kernels" / "python3" / "kernel.json"


def _stamp_text() -> str:
    return hashlib.sha256((ROOT / "requirements.txt").read_bytes() + " ".join(BASE).encode()).hexdigest()


def make_binder_env() -> Path:
    """Create (or reuse) the environment and a "python3" kernel spec that runs it (in KERNELS); returns its python."""
    if not (STAMP.is_file() and STAMP.read_text() == _stamp_text() and PY.exists()):
        venv.EnvBuilder(clear=True, with_pip=_uv() is None).create(ENV)
        _install(PY, "-r", "requirements.txt")
        _install(PY, *BASE)
        STAMP.write_text(_stamp_text())
    SPEC.parent.mkdir(parents=True, exist_ok=True)
    SPEC.write_text(json.dumps({"argv": [str(PY), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                "display_name": "Python 3 (Binder-like)", "language": "python"}))
    return PY


def binder_env() -> Path:
    """The environment's python, as ``make binder-env`` made it for requirements.txt as it is now."""
    if not (STAMP.is_file() and STAMP.read_text() == _stamp_text() and PY.exists() and SPEC.is_file()):
        raise RuntimeError("the Binder-like environment is missing or older than requirements.txt: run "
                           "`make binder-env` (`make test` does)")
    return PY


def build_env() -> dict[str, str]:
    """The environment a test build runs in: the notebooks' kernel is the Binder-like one."""
    return {**os.environ, "JUPYTER_PATH": str(KERNELS)}


def size_bytes(path: Path = ENV) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# --- Every notebook, as the build executed it ------------------------------------------------------------------

NOTEBOOK_SETS = {
    "book": lambda: sorted(p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts),
    "student": lambda: sorted((ROOT / "exercises").glob("*.ipynb")),
    "solutions": lambda: sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")),
}


def executed(notebook: Path) -> Path:
    """Where the build wrote ``notebook`` as it executed it: the teacher edition's build, which executes every
    notebook, the solutions included (the student edition reads the same cache)."""
    return ROOT / "_build" / "teacher" / "_build" / "jupyter_execute" / notebook.relative_to(ROOT)


def summarize(notebook: Path) -> dict:
    """What a notebook's run showed: error outputs and stderr, each feedback box's task and status, and how many live
    widgets and plotly figures it displayed (read from the notebook the build executed)."""
    path = executed(notebook)
    summary = {"path": str(notebook), "error": None, "errors": [], "feedback": [], "boxes": [], "widgets": 0,
               "plotly": 0}
    if not path.is_file():
        summary["error"] = f"the build did not execute {notebook.relative_to(ROOT)} (no {path})"
        return summary
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                summary["errors"].append(f"{out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = out.get("text", "")
                summary["errors"].append("stderr: " + ("".join(text) if isinstance(text, list) else text)[:300])
            data = out.get("data", {})
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if "thaw-feedback" in html:
                status = html.split("thaw-feedback-", 1)[1].split('"', 1)[0]
                summary["feedback"].append(status)
                task = html.split('data-task="', 1)[1].split('"', 1)[0] if 'data-task="' in html else None
                summary["boxes"].append([task, status])
            summary["widgets"] += "application/vnd.jupyter.widget-view+json" in data
            summary["plotly"] += "application/vnd.plotly.v1+json" in data
    return summary


if __name__ == "__main__":
    if sys.argv[1:] == ["binder-env"]:  # `make binder-env`, which `make test` runs before building the book
        print(f"Binder-like environment ready: {make_binder_env()}")
