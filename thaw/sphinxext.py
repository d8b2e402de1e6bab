"""Sphinx extension for the book: serves thaw.js/thaw.css and the vendored browser code (plotly.js partial
bundle) from the book's own _static folder, so no page needs a CDN."""
from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform

STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # overrides of theme templates (accessibility fixes)
EXTRA = Path(__file__).resolve().parent / "extra"  # copied to the book's root (favicon.ico)
NEEDED = ("plotly-basic.min.js",)
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def vendor_dir(app: Sphinx) -> Path:
    env = os.environ.get("THAW_VENDOR")
    return Path(env) if env else Path(app.confdir) / "_vendor"


def _static_paths(app: Sphinx) -> None:
    vendor = vendor_dir(app)
    missing = [n for n in NEEDED if not (vendor / n).is_file()]
    if missing:
        raise ExtensionError(
            f"thaw: {', '.join(missing)} missing from {vendor}; run `make book` (or python scripts/vendor.py)")
    app.config.html_static_path.extend([str(STATIC), str(vendor)])
    app.config.html_extra_path.append(str(EXTRA))


def _templates(app: Sphinx, config) -> None:
    config.templates_path.insert(0, str(TEMPLATES))


def _fix_bibliography_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """docutils marks citations role="doc-biblioentry" (deprecated in ARIA 1.2) inside role="list", which axe
    flags (aria-deprecated-role, aria-required-children). List items are what they are."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


_TASK = re.compile(r'(<input class="task-list-item-checkbox")([^>]*>)(.*?)(</p>)', re.S)


def _label_task_lists(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Self-assessment checklists: MyST's task-list checkboxes come with no label (axe: "label"). Wrap each
    checkbox and its item's text in a <label>, so the text names it and a click on the text ticks it. Each box is
    an answer field (answers.js keeps and exports it: ``data-thaw-answer="check-N"``, N its place on the page)."""
    body = context.get("body")
    if body and "task-list-item-checkbox" in body:
        count = iter(range(1, 10_000))

        def label(m):
            question = html.escape(re.sub(r"<[^>]+>", "", m.group(3)).strip(), quote=True)
            return (f'<label>{m.group(1)} data-thaw-answer="check-{next(count)}" data-thaw-question="{question}"'
                    f"{m.group(2)}{m.group(3)}</label>{m.group(4)}")

        context["body"] = _TASK.sub(label, body)


def _load_plotly_early(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """On pages with charts (only there), load plotly.js from the head, deferred: it downloads (and, with V8's compile
    hint, compiles) while the page is parsed, and runs after the text and its CSS are in, before thaw.js (deferred
    scripts run in order), inside the page load. (async ran it whenever it arrived, often before the first paint.)"""
    body = context.get("body") or ""
    if "thaw-chart-data" in body:
        src = context["pathto"]("_static/plotly-basic.min.js", 1)
        context["metatags"] = context.get("metatags", "") + f'<script defer id="thaw-plotly" src="{src}"></script>\n'


# --- Charts: static images and the print footer (issue 23) -----------------------------------------------------
def _chart_images(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Each chart's static images (thaw.images), in the page from its first byte."""
    from . import images

    body = context.get("body") or ""
    if "thaw-chart-data" in body:
        context["body"] = images.insert(body, lambda f: context["pathto"](f, 1), vendor_dir(app) / NEEDED[0],
                                        Path(app.outdir).parent / ".thaw-images", Path(app.outdir))


def _stop_images(app: Sphinx, exception) -> None:
    from . import images

    images.stop()
    if images.stats["rendered"] or images.stats["cached"]:
        app.thaw_image_stats = dict(images.stats)
        (Path(app.outdir).parent / ".thaw-images.json").write_text(json.dumps(images.stats))


def _print_footer(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """On paper, each page's foot names the page and its address (thaw/static/print.css shows this only in print;
    Chromium prints no content in @page margin boxes)."""
    if not context.get("body"):
        return
    base = (app.config.html_baseurl or "").rstrip("/")
    address = f"{base}/{pagename}.html" if base else f"{pagename}.html"
    title = re.sub(r"<[^>]+>", "", context.get("title") or "")
    context["body"] += (f'<div class="thaw-print-footer" aria-hidden="true">{title} · {address}</div>')


def _pack_source(app: Sphinx, docname: str, source: list) -> None:
    """A document pack's page (thaw.packs) is made from the data as Sphinx reads it; its file is a stub."""
    from . import packs

    which = packs.parse(docname)
    if which:
        source[0] = packs.page(*which)


def _unwanted(f) -> bool:
    """Scripts a page must not carry. Live code (thebe) is off in this book, yet sphinx-thebe adds its loader
    (pointing at a CDN) to every page, twice, which throws "Identifier 'THEBE_JS_URL' has already been declared".
    The book shows each widget's HTML twin, so the widget state myst-nb embeds (tens of KB a page) serves nothing."""
    attributes = getattr(f, "attributes", {})
    return "thebe" in (str(f) + str(attributes.get("body", ""))) or attributes.get("type") == WIDGET_STATE


def _drop_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files:
            context[key] = [f for f in files if not _unwanted(f)]


# --- Only what a page uses (issue 24: Lighthouse, phones) -------------------------------------------------------
# Each asset below is dropped from a page whose body shows nothing it styles or drives; every script left is deferred
# (scripts run in order after parsing, so none blocks the first paint). The theme's own assets are in
# thaw/templates/ (the search index) and _strip_icon_font (Font Awesome).
_USES = {  # a class token in the page's body that needs the asset
    "highlight": re.compile(r'class="(?:[^"]*\s)?highlight[\s"-]'),      # code blocks: pygments, copy buttons
    "toggle": re.compile(r'class="(?:[^"]*\s)?(?:toggle|dropdown)[\s"]'),  # sphinx-togglebutton's .toggle, dropdowns
    "design": re.compile(r'class="(?:[^"]*\s)?sd-'),                     # sphinx-design components
    "cells": re.compile(r'class="(?:[^"]*\s)?cell(?:_output)?[\s"]'),     # notebook cells: myst-nb's CSS
}
_NEEDS = {"pygments.css": "highlight", "copybutton.css": "highlight", "copybutton.js": "highlight",
          "clipboard.min.js": "highlight", "togglebutton.css": "toggle", "togglebutton.js": "toggle",
          "sphinx-design.min.css": "design", "design-tabs.js": "design", "mystnb.": "cells"}
_TOGGLE_INLINE = ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector")


def _asset_need(f) -> str | None:
    name = str(getattr(f, "filename", None) or "").rsplit("/", 1)[-1]
    for prefix, need in _NEEDS.items():
        if name.startswith(prefix):
            return need
    body = str(getattr(f, "attributes", {}).get("body", ""))
    return "toggle" if any(k in body for k in _TOGGLE_INLINE) else None


def _prune_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body") or ""
    used = {k for k, pattern in _USES.items() if pattern.search(body)}
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files:
            context[key] = [f for f in files if _asset_need(f) in used or _asset_need(f) is None]
    if pagename == "search":  # Sphinx's search page adds searchtools.js undeferred: it needs doctools.js run first
        return
    context["script_files"] = [_deferred(f) for f in context.get("script_files") or []]


def _deferred(f):
    """The script with defer set, as a new object: Sphinx shares one set of script objects among all pages, so changing
    one in place would defer it on every page rendered later, the search page too."""
    from sphinx.builders.html._assets import _JavaScript

    attributes = getattr(f, "attributes", None)
    if not getattr(f, "filename", None) or attributes is None or "async" in attributes or "defer" in attributes:
        return f
    return _JavaScript(f.filename, priority=f.priority, **{**attributes, "defer": "defer"})


# scripts only the pages that show their component load: quiz.js (quiz feedback into a live region), balance.js (the
# verdict builder's pinned balance folded on phones)
_PAGE_SCRIPTS = {'class="thaw-quiz"': "quiz.js", '<form class="thaw-verdict"': "balance.js"}


def _page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    from sphinx.builders.html._assets import _JavaScript

    body = context.get("body") or ""
    extra = [_JavaScript(f"_static/{js}", defer="defer") for marker, js in _PAGE_SCRIPTS.items() if marker in body]
    if extra:
        context["script_files"] = [*context.get("script_files", []), *extra]


def _description(doctree) -> str:
    """A page's first paragraph of prose, as plain text cut at a word near 155 characters (search engines' snippet)."""
    for para in doctree.findall(nodes.paragraph):
        if para.next_node(nodes.raw) is not None:
            continue
        text = " ".join(para.astext().split())
        if len(text) >= 40:
            return text if len(text) <= 155 else text[:155].rsplit(" ", 1)[0] + "\u2026"
    return ""


_GENERATED = {"genindex": "The index of terms", "search": "Search the pages"}


def _meta_description(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Every page gets <meta name="description">: its front matter's (myst html_meta) when it has one, else its first
    paragraph. Lighthouse's SEO audit asks for it."""
    metatags = context.get("metatags", "")
    if 'name="description"' in metatags:
        return
    # pages Sphinx makes itself (the general index, search) have no doctree: their title and the book's
    fallback = f"{_GENERATED.get(pagename, context.get('title') or pagename)} of the course {app.config.html_title}"
    text = (_description(doctree) if doctree is not None else "") or fallback
    if text:
        from html import escape

        context["metatags"] = metatags + f'<meta name="description" content="{escape(text, quote=True)}" />\n'


_ICON_FONT = re.compile(r'@font-face\{[^}]*Font Awesome[^}]*\}|\.fa-[a-z0-9-]+:+before\{content:"[^"]*"\}')


def _strip_icon_font(app: Sphinx, exception) -> None:
    """The theme's CSS embeds Font Awesome: @font-face rules whose fonts (~275 KB) are fetched before the first paint
    (font-display: block) and a glyph rule for each of ~2,000 icons. The book draws the few icons it shows as SVG
    (thaw/static/icons.css, made by scripts/icons.py), so both go from the copy the book serves."""
    if exception is not None or app.builder.format != "html":
        return
    css = Path(app.outdir) / "_static" / "styles" / "pydata-sphinx-theme.css"
    if css.is_file():
        text = css.read_text(encoding="utf-8")
        stripped = _ICON_FONT.sub("", text)
        if stripped != text:
            css.write_text(stripped, encoding="utf-8")
    for unused in ("vendor/fontawesome", "scripts/fontawesome.js", "scripts/fontawesome.js.map"):
        target = Path(app.outdir) / "_static" / unused
        if target.is_dir():
            shutil.rmtree(target)
        elif target.is_file():
            target.unlink()


def _quiet_kernels(app: Sphinx) -> None:
    """The kernels that execute the book's notebooks run on loopback; ipykernel 7 logs a transport-encryption
    notice on every start, which is noise in a build that must show none. A build-only IPython profile sets the
    kernel's own log level to ERROR (notebook errors still fail the build: they are not kernel log lines)."""
    profile = Path(app.outdir).parent / ".ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text('c.IPKernelApp.log_level = "ERROR"\n')
    os.environ["IPYTHONDIR"] = str(profile.parent)


def _digest(files) -> str:
    h = hashlib.sha256()
    for f in files:
        if f.is_file():
            h.update(str(f.name).encode() + f.read_bytes())
    return h.hexdigest()


def _kernel() -> str:
    """The Python that executes the notebooks: the one named by the "python3" kernel spec in effect (JUPYTER_PATH can
    point it at another environment, as the tests do with the Binder-like one), else this build's own."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        exe = KernelSpecManager().get_kernel_spec("python3").argv[0]
    except (NoSuchKernel, IndexError):
        return sys.executable
    # jupyter_client runs a spec's bare "python" as the Python that starts the kernel
    return sys.executable if exe in {"python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"} else exe


def _inputs(app: Sphinx) -> dict[str, str]:
    """What the pages depend on besides their own sources. "execution": this package's code, the data and the
    bibliography (notebook outputs depend on them); "kernel": the environment that executes the notebooks;
    "assets": the static files and templates it serves."""
    from .data import bibliography_path

    here, root = Path(__file__).parent, Path(app.confdir)
    return {
        "execution": _digest(sorted(here.rglob("*.py")) + sorted((root / "data").glob("*"))
                             + [bibliography_path(root / "data")]),  # the one the data package declares
        "kernel": _kernel(),
        "assets": _digest(sorted(p for d in (STATIC, TEMPLATES, EXTRA) for p in d.rglob("*"))),
    }


def _stamp(app: Sphinx) -> Path:
    return Path(app.outdir).parent / ".thaw-inputs.json"


def _cache(app: Sphinx) -> Path:
    return Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")


def _cache_stamp(app: Sphinx) -> Path:
    return _cache(app).with_name(_cache(app).name + ".thaw-inputs.json")


def _invalidate_on_input_change(app: Sphinx) -> None:
    """Execution is cached by each notebook's own code: when the package or the data change, or another environment
    executes the notebooks, outputs made before must not be reused, so drop the execution cache. Any change (assets
    too) re-writes every page."""
    app.thaw_inputs = _inputs(app)
    stamp = _stamp(app)
    try:
        old = json.loads(stamp.read_text())
    except (OSError, ValueError):
        old = {}
    app.thaw_inputs_changed = old != app.thaw_inputs
    # the cache may be shared by several builds (the two editions): its own stamp lies beside it
    try:
        cached = json.loads(_cache_stamp(app).read_text())
    except (OSError, ValueError):
        cached = {}
    if any(cached.get(k) != app.thaw_inputs[k] for k in ("execution", "kernel")):
        shutil.rmtree(_cache(app), ignore_errors=True)


def _outdated(app: Sphinx, env, added, changed, removed):
    return sorted(env.found_docs) if getattr(app, "thaw_inputs_changed", False) else []


def _write_stamp(app: Sphinx, exception) -> None:
    if exception is None and getattr(app, "thaw_inputs", None):
        _stamp(app).write_text(json.dumps(app.thaw_inputs))
        executed = {k: app.thaw_inputs[k] for k in ("execution", "kernel")}
        _cache_stamp(app).parent.mkdir(parents=True, exist_ok=True)
        _cache_stamp(app).write_text(json.dumps(executed))


SOLUTIONS = "exercises/solutions/"


class SolutionPages(SphinxTransform):
    """The teachers' solution pages are the exercise notebooks with their solutions: give them titles of their own
    ("Solutions: Exercise 1…", so search results and next/previous links tell them from the exercises), and drop
    the ``### BEGIN/END SOLUTION`` markers that only the student-notebook tool needs."""

    default_priority = 210  # before Sphinx collects titles and the table of contents

    def apply(self, **kwargs) -> None:
        if not self.env.docname.startswith(SOLUTIONS):
            return
        for section in self.document.findall(nodes.section):
            title = section.next_node(nodes.title)
            if title is not None and not title.astext().startswith("Solutions:"):
                title.insert(0, nodes.Text("Solutions: "))
            break
        from .student import without_markers

        for block in self.document.findall(nodes.literal_block):
            text = block.astext()
            kept = without_markers(text)
            if kept != text:
                block.children = [nodes.Text(kept)]
                block.rawsource = kept


def _register_bibliography_style() -> None:
    """The bibliography page labels each work as the text cites it ("Taubman 2003", "Zemskov 1991b"), not [1], [2]…
    Registered as pybtex plugins, the way sphinxcontrib-bibtex documents; ``bibtex_default_style`` names it."""
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting.plain import Style
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.template import field, join, sentence

    from .data import bibliography

    class AuthorYearLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            bib = bibliography()
            for entry in sorted_entries:
                yield bib[entry.key]["short"] if entry.key in bib else entry.key

    class AuthorYearStyle(Style):
        default_label_style = "thaw-author-year"

        # a Chinese or Russian work's title in the original script, then its `titleaddon` (transliteration
        # [English translation]) in parentheses
        def format_title(self, e, which_field, as_sentence=True):
            title = _with_addon(e, which_field, Style.format_title(self, e, which_field, as_sentence=False))
            return sentence[title] if as_sentence else title

        def format_btitle(self, e, which_field, as_sentence=True):
            title = _with_addon(e, which_field, Style.format_btitle(self, e, which_field, as_sentence=False))
            return sentence[title] if as_sentence else title

    def _with_addon(e, which_field, title):
        if which_field == "title" and "titleaddon" in e.fields:
            return join(sep=" ")[title, join["(", field("titleaddon"), ")"]]
        return title

    register_plugin("pybtex.style.labels", "thaw-author-year", AuthorYearLabels, force=True)
    register_plugin("pybtex.style.formatting", "thaw-author-year", AuthorYearStyle, force=True)


# --- Answers, the verdict builder and the two editions (issue 21) ---------------------------------------------

def _answers_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Only on pages that need them: answers.js (and its CSS) where a page has an answer field (thaw.answers, a quiz,
    a checklist, the verdict builder), verdict.js where it has the verdict builder. Connected before _drop_scripts."""
    body = context.get("body") or ""
    if any(mark in body for mark in ("data-thaw-answer", 'class="thaw-verdict"', "task-list-item-checkbox")):
        app.add_css_file("answers.css")
        app.add_js_file("answers.js", loading_method="defer")
    if 'class="thaw-verdict"' in body:
        app.add_js_file("verdict.js", loading_method="defer")


def _shared_execution_cache(app: Sphinx, config) -> None:
    """Both editions (thaw.editions) execute into one cache, so each notebook runs once: the repository's
    _build/.jupyter_cache, whatever --path-output a build is given."""
    if not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(Path(app.confdir) / "_build" / ".jupyter_cache")


def _teacher_links_as_text(app: Sphinx, env, node, contnode):
    """In the student edition, a link to a teacher-only page (thaw.editions.teacher_docs) is left as its text: the
    page is not in this build, and the link must neither break nor warn. In the teacher edition the page exists, so
    the link resolves and this is never asked."""
    from .editions import teacher_docs

    target = node.get("reftarget", "")
    if not target or node.get("reftype") not in {"doc", "myst"}:
        return None
    target = target.split("#", 1)[0]
    for suffix in (".md", ".ipynb", ".html"):
        target = target.removesuffix(suffix)
    base = posixpath.dirname(node.get("refdoc") or env.docname)
    docname = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
    if docname in teacher_docs(Path(app.confdir)) and docname not in env.all_docs:
        return nodes.inline("", "", contnode, classes=["thaw-teacher-only"])
    return None


# --- The repository and launch buttons --------------------------------------------------------------------------
PROVIDERS = ("github.com", "gitlab.com", "bitbucket.org")  # the hosts sphinx-book-theme makes buttons for
NO_REPOSITORY = ("thaw: no public https:// origin remote and no GITHUB_REPOSITORY, so the book is built without the "
                 "repository and launch buttons")


def repository_url(origin: str | None, github_repository: str | None = None) -> str | None:
    """The course repository's public address: the git remote "origin" when it is a public https:// address
    (no user name or token in it) of a repository on a host the theme knows; else GitHub Actions'
    GITHUB_REPOSITORY ("owner/name"); else None (a local clone: no repository or launch buttons)."""
    if origin:
        u = urlparse(origin.strip())
        parts = u.path.strip("/").removesuffix(".git").split("/")
        if u.scheme == "https" and u.hostname in PROVIDERS and "@" not in u.netloc and len(parts) == 2 and all(parts):
            return f"https://{u.hostname}/{parts[0]}/{parts[1]}"
    if github_repository and re.fullmatch(r"[\w.-]+/[\w.-]+", github_repository):
        return f"https://github.com/{github_repository}"
    return None


def _origin(folder: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", folder, "remote", "get-url", "origin"], capture_output=True, text=True)
    except OSError:  # no git
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def _repository(app: Sphinx, config) -> None:
    """The repository button and the launch buttons point at the repository this book was built from (see
    repository_url); without one there are none (a launch button needs a repository to launch)."""
    url = repository_url(_origin(app.confdir), os.environ.get("GITHUB_REPOSITORY"))
    options = config.html_theme_options
    if url:
        options.update(repository_url=url, use_repository_button=True)
    else:
        options.update(repository_url="", use_repository_button=False, launch_buttons={})
        print(NO_REPOSITORY)


_THEBE_CONFIG = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>', re.S)


def _drop_thebe_config(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """With live code (thebe) off, the configuration sphinx-thebe still writes into every notebook page serves
    nothing, and names a sample repository of its own when the book has none."""
    body = context.get("body")
    thebe = app.config.html_theme_options.get("launch_buttons", {}).get("thebe")
    if body and "text/x-thebe-config" in body and not thebe:
        context["body"] = _THEBE_CONFIG.sub("", body)


def setup(app: Sphinx) -> dict:
    _register_bibliography_style()
    app.connect("config-inited", _repository)
    app.connect("html-page-context", _drop_thebe_config)
    app.add_transform(SolutionPages)
    _quiet_kernels(app)
    app.connect("builder-inited", _invalidate_on_input_change)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _write_stamp)
    app.connect("config-inited", _templates)
    app.connect("builder-inited", _static_paths)
    app.connect("html-page-context", _answers_scripts, priority=400)  # before _drop_scripts copies the lists
    app.connect("config-inited", _shared_execution_cache, priority=100)
    app.connect("missing-reference", _teacher_links_as_text)
    from .answers import _directive as answer_directive
    from .yardsticks import _directive as yardsticks_directive

    app.add_directive("answer", answer_directive())
    app.add_directive("yardsticks", yardsticks_directive())
    app.connect("html-page-context", _drop_scripts)
    app.connect("html-page-context", _fix_bibliography_roles)
    app.connect("html-page-context", _label_task_lists)
    app.connect("html-page-context", _load_plotly_early)
    app.connect("html-page-context", _page_scripts)
    app.connect("html-page-context", _prune_assets)
    app.connect("html-page-context", _meta_description)
    app.connect("build-finished", _strip_icon_font)
    app.add_css_file("icons.css")
    app.connect("html-page-context", _chart_images)  # issue 23: static chart images, print
    app.connect("html-page-context", _print_footer)
    app.connect("build-finished", _stop_images)
    app.connect("source-read", _pack_source)
    app.add_css_file("print.css", media="print")
    app.add_css_file("thaw.css")
    app.add_css_file("excerpt.css")  # document excerpts with line numbers (thaw.documents)
    app.add_js_file("thaw.js", loading_method="defer")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}



class PlotlyJSONForBook:
    """myst-nb mime-renderer plugin (entry point in pyproject.toml). In Sphinx, myst-nb renders every MIME type of
    an output before a post-transform picks one, and warns "unknown output mime type" for any it cannot render.
    The book draws each plotly figure from its ``text/html`` twin (thaw.render), so the live
    ``application/vnd.plotly.v1+json`` (for JupyterLab) renders as nothing here; the twin is what gets picked."""

    @staticmethod
    def handle_mime(renderer, data, inline):
        return [] if data.mime_type == "application/vnd.plotly.v1+json" else None
