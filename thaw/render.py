"""The book's plotly renderer.

A figure shown in a notebook carries two representations:

* ``application/vnd.plotly.v1+json`` – what JupyterLab, Binder and VS Code draw live with plotly's own renderer;
* ``text/html`` – what the static book shows: a placeholder ``<div>`` holding the figure as JSON plus a plain-text
  description. The book's ``thaw.js`` draws it with the one copy of plotly.js the book serves itself (no CDN, not
  inlined per page), lazily when it scrolls into view.

Jupyter front ends prefer the plotly MIME type; myst-nb (the book) ignores it and takes the HTML.
"""
from __future__ import annotations

import hashlib
import html
import json
from collections import Counter

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

MIME = "application/vnd.plotly.v1+json"
RENDERER = "thaw"
_SEEN: Counter = Counter()
DEFAULT_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def _title(fig_dict: dict) -> str:
    title = fig_dict.get("layout", {}).get("title", {})
    if isinstance(title, dict):
        title = title.get("text", "")
    return str(title or "Interactive chart")


def to_html(fig_dict: dict, config: dict | None = None, description: str | None = None) -> str:
    """The static book's HTML for one figure (no script runs from here: thaw.js draws it)."""
    payload = {
        "data": fig_dict.get("data", []),
        "layout": fig_dict.get("layout", {}),
        "config": {**DEFAULT_CONFIG, **(config or {})},
    }
    # "</" must not appear inside a <script> element
    blob = pio.json.to_json_plotly(payload).replace("</", "<\\/").replace("<!--", "<\\!--")
    title = _title(fig_dict)
    height = int(payload["layout"].get("height") or 450)
    meta = payload["layout"].get("meta")
    desc = description or (meta.get("description") if isinstance(meta, dict) else None)
    text = html.escape(desc or f"{title}. The same data is in the table that follows the chart.")
    digest = hashlib.sha1(blob.encode()).hexdigest()[:12]
    _SEEN[digest] += 1  # deterministic ids (same figure, same HTML), unique even if a figure is shown twice
    chart_id = f"thaw-chart-{digest}" + (f"-{_SEEN[digest]}" if _SEEN[digest] > 1 else "")
    return (
        f'<figure class="thaw-figure">'
        f'<div class="thaw-chart" id="{chart_id}" role="group" aria-label="{html.escape(title)}" '
        f'style="min-height:{height}px">'
        f'<p class="thaw-chart-fallback">{text}</p></div>'
        f'<script type="application/json" class="thaw-chart-data" data-for="{chart_id}">{blob}</script>'
        f'<figcaption class="thaw-sr-only">{text}</figcaption>'
        f"</figure>"
    )


class BookRenderer(MimetypeRenderer):
    """Emits both the live plotly JSON and the static book's HTML."""

    def __init__(self, config: dict | None = None):
        self.config = config or {}

    def to_mimebundle(self, fig_dict):
        config = {**DEFAULT_CONFIG, **self.config}
        live = json.loads(pio.json.to_json_plotly({**fig_dict, "config": config}))
        return {
            MIME: live,
            "text/html": to_html(fig_dict, config),
        }


def install() -> None:
    """Register the renderer and make it the default (called on ``import thaw``)."""
    pio.renderers[RENDERER] = BookRenderer()
    pio.renderers.default = RENDERER
