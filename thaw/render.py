"""How the course's figures display: one object, two representations.

Every chart builder returns a :class:`Chart`, a plotly ``Figure`` whose display carries

* ``application/vnd.plotly.v1+json``: what JupyterLab, Binder and VS Code draw live with plotly's own renderer;
* ``text/html``: what the static book shows: a visible title, a holder ``<div>`` whose height is reserved by CSS
  (so nothing jumps while plotly.js loads), the figure as JSON and a plain-text description. The book's
  ``thaw.js`` draws it with the one copy of plotly.js the book serves itself (no CDN, not inlined per page), lazily
  when it scrolls into view, resizes it with its holder and follows the page's light or dark theme.

Jupyter front ends prefer the plotly MIME type; myst-nb (the book) has no renderer for it and takes the HTML.
Only public plotly API is used: importing ``thaw`` leaves plotly's own renderer settings alone.
"""
from __future__ import annotations

import hashlib
import html
import json
from collections import Counter

import plotly.graph_objects as go
import plotly.io as pio

from . import layout as _layout

__all__ = ["Chart", "MIME", "to_html"]

MIME = "application/vnd.plotly.v1+json"
_SEEN: Counter = Counter()
# Not plotly's "responsive" mode, which makes the plot fill its holder's height: in JupyterLab the output area takes
# its height from the plot, so the first legend click or menu choice redrew the plot at 0 px. JupyterLab's plotly
# renderer resizes the plot with its output area, and the book's thaw.js with its holder.
DEFAULT_CONFIG = {"displaylogo": False, "responsive": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def _title(fig_dict: dict) -> str:
    title = fig_dict.get("layout", {}).get("title", {})
    if isinstance(title, dict):
        title = title.get("text", "")
    return str(title or "Interactive chart")


def _legend_entries(fig_dict: dict) -> int:
    layout = fig_dict.get("layout", {})
    if layout.get("showlegend") is False:
        return 0
    return sum(1 for t in fig_dict.get("data", []) if t.get("showlegend", True) is not False and t.get("name"))


def narrow_height(fig_dict: dict) -> int:
    """The holder's height on a phone: the desktop height plus the legend's rows once it moves under the plot
    (one entry a row at worst) and room for wrapped category labels."""
    layout = fig_dict.get("layout", {})
    height = int(layout.get("height") or _layout.DEFAULT_HEIGHT)
    extra = 0
    yaxis = layout.get("yaxis") or {}
    if yaxis.get("type") in (None, "category"):  # category labels wrap on a phone
        cats = yaxis.get("categoryarray") or []
        chars, line = _layout.NARROW_CATEGORY_CHARS, _layout.NARROW_CATEGORY_LINE
        extra = sum(max(0, len(str(c).replace("<br>", " ")) // chars - 1) * line for c in cats)
    return height + _legend_entries(fig_dict) * 2 * _layout.NARROW_LEGEND_ROW + extra + _layout.NARROW_EXTRA


def to_html(fig_dict: dict, config: dict | None = None, description: str | None = None) -> str:
    """The static book's HTML for one figure (no script runs from here: thaw.js draws it)."""
    layout = dict(fig_dict.get("layout", {}))
    title = _title(fig_dict)
    # The title is page text above the chart (it wraps on a phone, and the toolbar cannot cover it), and so is a
    # filter menu: the space plotly kept for them goes.
    layout.pop("title", None)
    margin = dict(layout.get("margin") or {})
    top = _layout.BOOK_TOP_MARGIN  # a filter menu becomes a <select> above the chart (thaw.js)
    height = int(layout.get("height") or _layout.DEFAULT_HEIGHT) - max(0, int(margin.get("t", _layout.PLOTLY_TOP_MARGIN)) - top)
    layout.update(margin={**margin, "t": top}, height=height)
    # "thaw": the phone and dark variants thaw.js applies, from thaw.layout (thaw.js owns no layout constant)
    payload = {"data": fig_dict.get("data", []), "layout": layout, "config": {**DEFAULT_CONFIG, **(config or {})},
               "thaw": _layout.browser()}
    # The JSON sits in a <script type="application/json">: only "</" (a closing tag) can end it early, and "\/" is
    # a valid JSON escape of "/", so the text stays valid JSON.
    blob = pio.json.to_json_plotly(payload).replace("</", "<\\/")
    meta = layout.get("meta")
    desc = description or (meta.get("description") if isinstance(meta, dict) else None)
    text = html.escape(desc or f"{title}. The same data is in the table that follows the chart.")
    # the one-sentence summary shown under the chart (the description, often longer, is the image's alt text)
    summary = html.escape((meta.get("summary") if isinstance(meta, dict) else None) or desc or title)
    digest = hashlib.sha1(blob.encode()).hexdigest()[:12]
    _SEEN[digest] += 1  # deterministic ids (same figure, same HTML), unique even if a figure is shown twice
    chart_id = f"thaw-chart-{digest}" + (f"-{_SEEN[digest]}" if _SEEN[digest] > 1 else "")
    return (
        f'<figure class="thaw-figure">'
        f'<p class="thaw-chart-title" id="{chart_id}-title">{html.escape(title)}</p>'
        f'<div class="thaw-chart" id="{chart_id}" role="group" aria-labelledby="{chart_id}-title" '
        f'aria-describedby="{chart_id}-desc" '
        f'style="--thaw-h:{height}px;--thaw-h-narrow:{narrow_height({**fig_dict, "layout": layout})}px">'
        f'<p class="thaw-chart-fallback">{text}</p></div>'
        f'<script type="application/json" class="thaw-chart-data" data-for="{chart_id}">{blob}</script>'
        f'<figcaption class="thaw-chart-summary" id="{chart_id}-desc">{summary}</figcaption>'
        f"</figure>"
    )


def mimebundle(fig_dict: dict, config: dict | None = None) -> dict:
    config = {**DEFAULT_CONFIG, **(config or {})}
    # the live figure keeps its layout height and takes the output area's width
    live = json.loads(pio.json.to_json_plotly({**fig_dict, "config": config}))
    live.setdefault("layout", {})["autosize"] = True
    return {MIME: live, "text/html": to_html(fig_dict, config), "text/plain": f"<Chart: {_title(fig_dict)}>"}


class Chart(go.Figure):
    """A plotly Figure that displays as live plotly JSON (Jupyter) and as the book's static HTML, whatever
    plotly's default renderer is. Everything else is plain ``go.Figure``."""

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        return mimebundle(self.to_dict())

    def _ipython_display_(self):
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)
