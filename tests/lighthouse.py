"""Lighthouse for `make bench` (tests/bench.py calls ``report``; ``python tests/lighthouse.py [HTML_DIR]`` runs it
alone): the mobile preset (Lighthouse's default: a slow 4G network and a 4x slower CPU, both simulated), the median
of 5 runs of each page, the book served with gzip from a local host, and beside it a default Jupyter Book 1 page
built from the same introduction text (into _build/bench-default).

Lighthouse is the pinned npm package below, installed by this script on first use into _build/tools/lighthouse (npm
is the only registry client it uses; `make test` never needs it), and run with the system Chromium (CHROME_PATH).
A maintainer installs it by hand with:  npm install --prefix _build/tools/lighthouse lighthouse@12.2.3
(12.2.3: Lighthouse 13 needs a newer Node than Debian ships). On a shared, loaded machine the timings (and so the
performance score) are pessimistic: Lighthouse simulates the throttling from what it observed."""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from support import ROOT, chromium_path, interactive_pages

LIGHTHOUSE = "lighthouse@12.2.3"
TOOLS = ROOT / "_build" / "tools" / "lighthouse"
CLI = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
DEFAULT_BOOK = ROOT / "_build" / "bench-default"
RUNS = int(os.environ.get("THAW_LH_RUNS", "5"))
TEXT_PAGES = ["book/intro.html", "book/reference/glossary.html", "book/conclusion/verdict.html"]
# the issue's targets (issue 24): text pages, chart pages
TARGETS = {"text": {"perf": 95, "fcp": 1.8, "lcp": 2.5, "tbt": 200, "kib": 250},
           "chart": {"perf": 85, "fcp": 1.8, "lcp": 3.5, "tbt": 300, "kib": 750}}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".map", ".ico")


def install() -> Path:
    """The pinned Lighthouse in _build/tools/lighthouse (npm, once)."""
    version = TOOLS / "node_modules" / "lighthouse" / "package.json"
    if not (version.is_file() and json.loads(version.read_text())["version"] == LIGHTHOUSE.split("@")[1]):
        if shutil.which("npm") is None:
            sys.exit("tests/lighthouse.py: npm is needed to install Lighthouse (apt-get install npm)")
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "--loglevel=error",
                        LIGHTHOUSE], check=True)
    return CLI


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """A static server that sends text files gzip-compressed (as any real host does), with their length."""
    cache: dict[Path, bytes] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        if path not in self.cache:
            self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve_gzip(directory: Path):
    handler = functools.partial(_Gzip, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_once(cli: Path, url: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="thaw-lh-") as tmp:
        out = Path(tmp) / "report.json"
        flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run " \
                f"--user-data-dir={tmp}/profile"
        proc = subprocess.run(
            ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=performance,accessibility,seo", f"--chrome-flags={flags}", "--max-wait-for-load=60000"],
            env={**os.environ, "CHROME_PATH": chromium_path()}, capture_output=True, text=True, timeout=300)
        if proc.returncode or not out.is_file():
            raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr[-800:]}")
        lhr = json.loads(out.read_text())
    audits, cats = lhr["audits"], lhr["categories"]

    def score(key):
        s = cats[key]["score"]
        return None if s is None else round(100 * s)

    failing = sorted(k for c in ("accessibility", "seo") for ref in cats[c]["auditRefs"]
                     if ref["weight"] and (audits[k := ref["id"]]["score"] is not None) and audits[k]["score"] < 1)
    return {"perf": score("performance"), "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"], "cls": audits["cumulative-layout-shift"]["numericValue"],
            "a11y": score("accessibility"), "seo": score("seo"),
            "kib": audits["total-byte-weight"]["numericValue"] / 1024, "failing": failing}


def median_runs(cli: Path, url: str, runs: int = RUNS) -> dict:
    results = [run_once(cli, url) for _ in range(runs)]
    out = {k: statistics.median(r[k] for r in results) for k in results[0] if k != "failing"}
    out["failing"] = sorted(set().union(*(r["failing"] for r in results)))
    return out


def default_book() -> Path:
    """A default Jupyter Book 1 page holding the course's introduction: its text and bibliography, no extension,
    no template, no option but the bibliography (the links to other pages and glossary terms stay unresolved)."""
    src = DEFAULT_BOOK / "src"
    shutil.rmtree(DEFAULT_BOOK, ignore_errors=True)
    src.mkdir(parents=True)
    shutil.copy(ROOT / "book" / "intro.md", src / "intro.md")
    shutil.copy(ROOT / "book" / "references.bib", src / "references.bib")
    (src / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (src / "_config.yml").write_text("title: Default Jupyter Book\nbibtex_bibfiles: [references.bib]\n")
    jb = Path(sys.executable).parent / "jupyter-book"
    subprocess.run([str(jb), "build", str(src), "--path-output", str(DEFAULT_BOOK)], check=True,
                   capture_output=True)
    return DEFAULT_BOOK / "_build" / "html"


def pages(html: Path) -> list[tuple[str, str]]:
    charts = [p for p, info in interactive_pages(html).items() if info["charts"]]
    return [(p, "text") for p in TEXT_PAGES] + [(p, "chart") for p in charts if p not in TEXT_PAGES]


def row(name: str, r: dict, kind: str | None) -> str:
    t = TARGETS.get(kind) if kind else None

    def mark(ok):
        return "" if t is None or ok else "!"

    text = (f"{name:40} {r['perf']:>4.0f}{mark(r['perf'] >= t['perf'] if t else 1):1} "
            f"{r['fcp']:>5.2f}{mark(r['fcp'] <= t['fcp'] if t else 1):1} {r['lcp']:>5.2f}{mark(r['lcp'] <= t['lcp'] if t else 1):1} "
            f"{r['tbt']:>6.0f}{mark(r['tbt'] <= t['tbt'] if t else 1):1} {r['cls']:>6.3f} "
            f"{r['a11y']:>4.0f}{mark(r['a11y'] == 100):1} {r['seo']:>4.0f}{mark(r['seo'] == 100):1} "
            f"{r['kib']:>7.0f}{mark(r['kib'] <= t['kib'] if t else 1):1}")
    return text + (f"  failing: {', '.join(r['failing'])}" if r["failing"] and t else "")


def report(html: Path, runs: int = RUNS, with_default: bool = True) -> None:
    cli = install()
    print(f"Lighthouse {LIGHTHOUSE.split('@')[1]}, mobile preset, median of {runs} runs, served with gzip from "
          f"127.0.0.1 (a shared, loaded machine: timings are pessimistic). '!' = misses the issue's target.")
    print(f"{'page':40} {'perf':>5} {'FCP s':>6} {'LCP s':>6} {'TBT ms':>7} {'CLS':>6} {'a11y':>5} {'SEO':>5} "
          f"{'KiB gz':>8}")
    with serve_gzip(html) as base:
        for path, kind in pages(html):
            print(row(path, median_runs(cli, base + path, runs), kind), flush=True)
    if with_default:
        default = default_book()
        with serve_gzip(default) as base:
            print(row("default Jupyter Book 1 (same intro)", median_runs(cli, base + "intro.html", runs), None))
    print(f"targets: text pages perf >= {TARGETS['text']['perf']}, FCP <= {TARGETS['text']['fcp']} s, LCP <= "
          f"{TARGETS['text']['lcp']} s, TBT <= {TARGETS['text']['tbt']} ms, <= {TARGETS['text']['kib']} KiB; chart pages "
          f"perf >= {TARGETS['chart']['perf']}, LCP <= {TARGETS['chart']['lcp']} s, TBT <= {TARGETS['chart']['tbt']} ms, "
          f"<= {TARGETS['chart']['kib']} KiB; accessibility and SEO 100 everywhere")


if __name__ == "__main__":
    report(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html",
           with_default="--no-default" not in sys.argv)
