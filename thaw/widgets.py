"""Widget builders. Widgets are built from the data, never written by hand per page, and wired with
``jslink`` only (no Python callbacks), so the embedded widget state works in the static book with no kernel."""
from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from . import data as _data

__all__ = ["reading_panel_html", "reading_toggle"]

def _cite(cell: str) -> str:
    bib = _data.bibliography()
    parts = []
    for k in _data.split_keys(cell):
        e = bib.get(k)
        short = html.escape(e["short"] if e else k)
        title = html.escape(e["title"] if e else "")
        parts.append(f'<span class="thaw-cite" title="{title}">{short}</span>')
    return "; ".join(parts)


def reading_panel_html(position: pd.Series, arguments: pd.DataFrame) -> str:
    """The HTML shown for one reading: its summary, who holds it, and its arguments with sources."""
    items = "".join(
        f"<li><strong>{html.escape(a.claim)}</strong> {html.escape(a.evidence)} "
        f'<span class="thaw-sources">({_cite(a.sources)})</span></li>'
        for a in arguments.itertuples()
    )
    return (
        f'<div class="thaw-reading thaw-reading-{html.escape(position["position"])}" '
        f'data-position="{html.escape(position["position"])}">'
        f'<h3 class="thaw-reading-label">{html.escape(position["label"])}</h3>'
        f'<p class="thaw-reading-summary">{html.escape(position["summary"])} '
        f'<span class="thaw-sources">({_cite(position["sources"])})</span></p>'
        f'<p class="thaw-reading-who"><em>Who argues this:</em> {html.escape(position["historians"])}</p>'
        f'<p class="thaw-reading-count">{len(arguments)} arguments and their evidence:</p>'
        f"<ol class=\"thaw-arguments\">{items}</ol></div>"
    )


def reading_toggle(question: str, positions: pd.DataFrame | None = None,
                   arguments: pd.DataFrame | None = None) -> w.VBox:
    """Radio buttons that switch between the rival readings of one question.

    The buttons' ``index`` is jslink'd to a Stack's ``selected_index``: the switch runs in the browser, in
    JupyterLab and in the static book alike."""
    positions = _data.load("positions") if positions is None else positions
    arguments = _data.load("arguments") if arguments is None else arguments
    if question not in set(positions["question"]):
        raise ValueError(f"No readings for question {question!r}; expected one of {sorted(set(positions['question']))}")
    pos = positions[positions["question"] == question].sort_values("order")
    pages = [
        w.HTML(reading_panel_html(p, arguments[(arguments["question"] == question)
                                              & (arguments["position"] == p["position"])]))
        for _, p in pos.iterrows()
    ]
    choice = w.RadioButtons(
        options=list(pos["label"]), index=0, description="Reading:",
        description_allow_html=False, layout=w.Layout(width="auto"),
        style={"description_width": "initial"},
    )
    choice.add_class("thaw-toggle")
    stack = w.Stack(pages, selected_index=0)
    stack.add_class("thaw-stack")
    w.jslink((choice, "index"), (stack, "selected_index"))
    box = w.VBox([choice, stack], layout=w.Layout(width="100%"))
    box.add_class("thaw-reading-toggle")
    box.add_class(f"thaw-reading-toggle-{question}")
    return box
