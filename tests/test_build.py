"""The book builds with warnings as errors (nitpicky), every page of the table of contents is there, and no page
loads anything from outside the book."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
import yaml

from support import built, toc_files

pytestmark = pytest.mark.build
ROOT = Path(__file__).resolve().parent.parent




class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loads, self.links, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "preload", "icon", "modulepreload"):
            self.loads.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def pages(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


def test_book_builds_without_warnings(built_book):
    assert built_book["returncode"] == 0, built_book["log"][-4000:]
    warnings = [line for line in built_book["log"].splitlines() if "WARNING" in line or "ERROR" in line]
    assert warnings == []


def test_every_toc_page_is_built(built_book):
    for f in toc_files():
        assert built(built_book["html"], f).is_file(), f


def test_no_page_loads_anything_from_outside(built_book):
    for page in pages(built_book["html"]):
        refs = Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        outside = [u for u in refs.loads if urlparse(u).scheme in ("http", "https") or u.startswith("//")]
        assert outside == [], f"{page}: {outside}"
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(['\"]?https?:", text), page


def test_internal_links_resolve(built_book):
    html_dir = built_book["html"]
    ids_cache: dict[Path, set] = {}
    broken = []
    for page in pages(html_dir):
        refs = Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        ids_cache[page] = refs.ids
        for href in refs.links:
            url, frag = urldefrag(href)
            if urlparse(href).scheme or href.startswith(("mailto:", "//", "javascript:")):
                continue
            target = (page.parent / unquote(url)).resolve() if url else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(html_dir)} -> {href}")
                continue
            if frag and target.suffix == ".html":
                if target not in ids_cache:
                    r = Refs()
                    r.feed(target.read_text(encoding="utf-8"))
                    ids_cache[target] = r.ids
                if frag not in ids_cache[target]:
                    broken.append(f"{page.relative_to(html_dir)} -> {href} (no such anchor)")
    assert broken == [], "\n".join(broken[:40])


def test_pages_skip_the_themes_fontawesome_script(built_book):
    """The theme's FontAwesome SVG+JS build (1.5 MB) is not loaded: thaw/static/icons.css draws the icons as SVG."""
    for page in pages(built_book["html"]):
        assert "scripts/fontawesome.js" not in page.read_text(encoding="utf-8"), page


def test_chart_pages_load_plotly_early_and_others_not_at_all(built_book):
    for page in pages(built_book["html"]):
        text = page.read_text(encoding="utf-8")
        has_chart = "thaw-chart-data" in text
        head = text.split("</head>")[0]
        assert ('<script defer id="thaw-plotly" src="' in head) == has_chart, page
        assert ("plotly-basic.min.js" in text) == has_chart, page


def test_served_assets_are_the_books_own(built_book):
    static = built_book["html"] / "_static"
    for name in ("plotly-basic.min.js", "thaw.js", "thaw.css", "favicon.svg"):
        assert (static / name).is_file(), name
    # the full plotly bundle is never copied in: one partial bundle serves every page; and no widget manager at all
    # (the book shows the widgets' HTML twins)
    assert not list(static.glob("plotly.min.js")) and not list(static.glob("embed*.js"))
    # plotly.js carries V8's compile hint as its first line (scripts/vendor.py), then plotly's own header, untouched
    first, second = (static / "plotly-basic.min.js").read_text(encoding="utf-8").split("\n", 2)[:2]
    assert first == "//# allFunctionsCalledOnLoad" and second == "/**"


NOTEBOOK_PAGES = [f for f in toc_files() if (ROOT / f"{f}.ipynb").is_file()]


def _repository() -> str | None:
    """The repository the build found (thaw.sphinxext.repository_url): None in a clone with no public origin."""
    from thaw.sphinxext import _origin, repository_url

    return repository_url(_origin(str(ROOT)), os.environ.get("GITHUB_REPOSITORY"))


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_every_notebook_page_has_a_binder_launch_button_for_this_repo_and_branch(built_book, page):
    """... when the book knows its repository; without one (a local clone), no launch button at all."""
    text = built(built_book["html"], page).read_text(encoding="utf-8")
    url = _repository()
    if url is None:
        assert "/v2/gh/" not in text and "dropdown-launch-buttons" not in text
        return
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
    repo = urlparse(url).path.strip("/")
    assert f"/v2/gh/{repo}/{cfg['repository']['branch']}?urlpath=lab/tree/{page}.ipynb" in text


@pytest.mark.parametrize("page", [f for f in toc_files() if (ROOT / f"{f}.md").is_file()])
def test_markdown_pages_have_no_launch_button(built_book, page):
    """A launch button on a page that is not a notebook would open a plain text file in JupyterLab."""
    text = built(built_book["html"], page).read_text(encoding="utf-8")
    assert "/v2/gh/" not in text and "dropdown-launch-buttons" not in text


def test_no_page_points_at_jupyter_books_sample_repository(built_book):
    for page in pages(built_book["html"]):
        text = page.read_text(encoding="utf-8")
        assert "binder-examples" not in text and "executablebooks/jupyter-book" not in text, page


def test_another_kernel_or_changed_data_drops_the_execution_cache(tmp_path):
    """Outputs depend on the environment that executed them as well as on the package and the data: a build by
    another kernel (e.g. `make book` with the .venv's after `make test` with the Binder-like one) or with changed
    inputs executes again; with nothing changed the cache stays. (The mini book below checks the same end to end.)"""
    import json as _json
    from types import SimpleNamespace

    from thaw import sphinxext

    out, cache = tmp_path / "_build" / "html", tmp_path / "_build" / ".jupyter_cache"
    app = SimpleNamespace(confdir=str(ROOT), outdir=str(out), config=SimpleNamespace(nb_execution_cache_path=""))
    now = sphinxext._inputs(app)
    for stamp, kept in [(now, True), ({**now, "assets": "other"}, True), ({**now, "kernel": "/elsewhere/python"},
                        False), ({**now, "execution": "other"}, False), (None, False)]:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "global.db").write_text("x")
        stamp_file, cache_stamp = sphinxext._stamp(app), sphinxext._cache_stamp(app)
        if stamp is None:
            stamp_file.unlink(missing_ok=True)
            cache_stamp.unlink(missing_ok=True)
        else:
            stamp_file.write_text(_json.dumps(stamp))
            cache_stamp.write_text(_json.dumps({k: stamp[k] for k in ("execution", "kernel")}))
        sphinxext._invalidate_on_input_change(app)
        assert cache.is_dir() == kept, stamp
        assert app.thaw_inputs_changed == (stamp != now)
    # a second build sharing the cache (the other edition, thaw.editions) with its own output keeps it: the cache's
    # stamp lies beside the cache, and the new output's pages are all written
    cache.mkdir(parents=True, exist_ok=True)
    sphinxext._cache_stamp(app).write_text(_json.dumps({k: now[k] for k in ("execution", "kernel")}))
    other = SimpleNamespace(confdir=str(ROOT), outdir=str(tmp_path / "_build" / "teacher" / "_build" / "html"),
                            config=SimpleNamespace(nb_execution_cache_path=str(cache)))
    sphinxext._invalidate_on_input_change(other)
    assert cache.is_dir() and other.thaw_inputs_changed


def test_a_data_change_re_executes_the_notebooks(tmp_path):
    """The execution cache keys on each notebook's own code; thaw.sphinxext drops it when the package or the data
    change (outputs depend on them); with nothing changed, a rebuild takes every output from the cache."""
    import json as _json

    book = tmp_path / "mini"
    shutil.copytree(ROOT / "data", book / "data")
    (book / "book").mkdir(parents=True)
    shutil.copy(ROOT / "book" / "references.bib", book / "book" / "references.bib")
    (book / "_vendor").symlink_to(ROOT / "_vendor")
    (book / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    (book / "_config.yml").write_text(
        "title: mini\nexecute:\n  execute_notebooks: cache\nbibtex_bibfiles: [book/references.bib]\n"
        "sphinx:\n  extra_extensions: [thaw.sphinxext]\n  config:\n    nb_ipywidgets_js: {}\n")
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Mini"},
                    {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": "import thaw\nlen(thaw.load('events'))"}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    (book / "page.ipynb").write_text(_json.dumps(nb))
    jb = Path(sys.executable).parent / "jupyter-book"

    def build() -> str:
        proc = subprocess.run([str(jb), "build", str(book)], cwd=book, capture_output=True, text=True,
                              env={**os.environ, "THAW_ROOT": str(book)})
        assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
        return proc.stdout + proc.stderr

    assert "Executing notebook" in build()
    os.utime(book / "page.ipynb")  # nothing changed, but Sphinx must read the page again
    log = build()
    assert "Executing notebook" not in log and "page.ipynb: Using cached notebook" in log
    events = book / "data" / "events.csv"
    rows = events.read_text(encoding="utf-8").splitlines(keepends=True)
    events.write_text("".join(rows[:-1]), encoding="utf-8")  # one event fewer: the output must change
    log = build()
    assert "Executing notebook" in log
    html = (book / "_build" / "html" / "page.html").read_text(encoding="utf-8")
    assert f"{len(rows) - 2}</pre>" in html.replace("\n", "")


def test_input_digests_separate_code_and_data_from_served_assets(tmp_path, monkeypatch):
    """What decides between "re-execute" (package code, data, bibliography) and "re-write only" (static files,
    templates): a change to an asset moves only the assets digest."""
    from types import SimpleNamespace

    from thaw import sphinxext

    static, templates = tmp_path / "static", tmp_path / "templates"
    shutil.copytree(sphinxext.STATIC, static)
    shutil.copytree(sphinxext.TEMPLATES, templates)
    monkeypatch.setattr(sphinxext, "STATIC", static)
    monkeypatch.setattr(sphinxext, "TEMPLATES", templates)
    app = SimpleNamespace(confdir=str(ROOT))
    before = sphinxext._inputs(app)
    (static / "thaw.css").write_text("/* changed */")
    after = sphinxext._inputs(app)
    assert after["assets"] != before["assets"] and after["execution"] == before["execution"]


@pytest.mark.parametrize("page", [f for f in toc_files() if f.startswith("exercises/solutions/")])
def test_solution_pages_have_titles_of_their_own_and_no_markers(built_book, page):
    text = built(built_book["html"], page).read_text(encoding="utf-8")
    exercise = (built_book["html"] / f"{page.replace('solutions/', '')}.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?) &#8212;", text).group(1)
    assert title == "Solutions: " + re.search(r"<title>(.*?) &#8212;", exercise).group(1)
    words = re.sub(r"<[^>]+>", "", text)  # the page's text, without the highlighter's markup
    assert "### BEGIN SOLUTION" not in words and "### END SOLUTION" not in words
    assert "check(" in words  # the solution cells themselves are still there
