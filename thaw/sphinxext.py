"""Sphinx extension for the book: serves thaw.js/thaw.css and the vendored browser code (plotly.js partial
bundle) from the book's own _static folder, so no page needs a CDN."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform

STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # overrides of theme templates (accessibility fixes)
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


def _templates(app: Sphinx, config) -> None:
    config.templates_path.insert(0, str(TEMPLATES))


def _fix_bibliography_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """docutils marks citations role="doc-biblioentry" (deprecated in ARIA 1.2) inside role="list", which axe
    flags (aria-deprecated-role, aria-required-children). List items are what they are."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


_TASK = re.compile(r'(<input class="task-list-item-checkbox"[^>]*>)(.*?)(</p>)', re.S)


def _label_task_lists(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Self-assessment checklists: MyST's task-list checkboxes come with no label (axe: "label"). Wrap each
    checkbox and its item's text in a <label>, so the text names it and a click on the text ticks it."""
    body = context.get("body")
    if body and "task-list-item-checkbox" in body:
        context["body"] = _TASK.sub(r"<label>\1\2</label>\3", body)


def _load_plotly_early(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """On pages with charts (only there), load plotly.js from the head, async: it downloads and compiles while the
    page is still being parsed, so it is ready when thaw.js draws the first chart (thaw.js waits for this tag)."""
    body = context.get("body") or ""
    if "thaw-chart-data" in body:
        src = context["pathto"]("_static/plotly-basic.min.js", 1)
        context["metatags"] = context.get("metatags", "") + f'<script async id="thaw-plotly" src="{src}"></script>\n'


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
        "assets": _digest(sorted(p for d in (STATIC, TEMPLATES) for p in d.rglob("*"))),
    }


def _stamp(app: Sphinx) -> Path:
    return Path(app.outdir).parent / ".thaw-inputs.json"


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
    if any(old.get(k) != app.thaw_inputs[k] for k in ("execution", "kernel")):
        cache = app.config.nb_execution_cache_path or str(Path(app.outdir).parent / ".jupyter_cache")
        shutil.rmtree(cache, ignore_errors=True)


def _outdated(app: Sphinx, env, added, changed, removed):
    return sorted(env.found_docs) if getattr(app, "thaw_inputs_changed", False) else []


def _write_stamp(app: Sphinx, exception) -> None:
    if exception is None and getattr(app, "thaw_inputs", None):
        _stamp(app).write_text(json.dumps(app.thaw_inputs))


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


def setup(app: Sphinx) -> dict:
    _register_bibliography_style()
    app.add_transform(SolutionPages)
    _quiet_kernels(app)
    app.connect("builder-inited", _invalidate_on_input_change)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _write_stamp)
    app.connect("config-inited", _templates)
    app.connect("builder-inited", _static_paths)
    app.connect("html-page-context", _drop_scripts)
    app.connect("html-page-context", _fix_bibliography_roles)
    app.connect("html-page-context", _label_task_lists)
    app.connect("html-page-context", _load_plotly_early)
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
