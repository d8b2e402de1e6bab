"""Every layout decision of the course's charts, in one place: fonts, margins, legend placement, colours, and the
phone, dark and static-image variants.

Three readers use it:

* ``thaw.charts`` builds each figure from the desktop values (``base_layout``, ``PALETTE``, ...);
* ``thaw.render`` sizes the book's holder from them and embeds ``browser()`` in each chart's JSON, where the
  book's ``thaw.js`` reads the phone and dark variants (thaw.js owns no constant: it only measures what a browser
  must, the labels' widths in the system font);
* ``thaw.sphinxext`` makes each chart's static image (light and dark) with ``static_figure``.

Change a value here and the live chart, the phone layout and the static image all follow.
"""
from __future__ import annotations

import copy

__all__ = ["PALETTE", "FONT", "base_layout", "browser", "static_figure", "menu_style"]

# --- Desktop, as the figures are built ---------------------------------------------------------------------------
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Okabe–Ito's black is a mid grey
# here, so that it shows on the dark theme too (3.9:1 on white, 4.4:1 on dark).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#808080", "#F0E442"]
KEY_COLOUR = "#666"  # the marker-shape key entries of a legend
MUTED = "#999"  # connecting lines, gaps, shaded ranges
RANGE = "#555"  # the bar showing the spread of sources' figures
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
FONT_SIZE = 13
SMALL_FONT_SIZE = 11  # annotations
MENU_FONT_SIZE = 12
TEMPLATE = "plotly_white"
MARGIN = {"l": 10, "r": 10, "t": 90, "b": 40}
MARGIN_WITH_MENU = {"t": 95, "b": 20}  # a chart with a filter menu above the plot
MARGIN_NO_MENU = {"t": 60}
LEGEND_BELOW = {"orientation": "h", "y": -0.12, "yanchor": "top", "groupclick": "toggleitem"}
LEGEND_BELOW_LOW = {"orientation": "h", "y": -0.15, "yanchor": "top"}
# Heights: a base plus so much a row (timelines' groups, the decision path's steps, the allegations' topics).
HEIGHTS = {
    "timeline": (200, 55), "decision_path": (140, 34), "allegations": (170, 44), "interpretations": (260, 60),
    "camp_population": (480, 0),
}
WRAP_HOVER = 60  # characters a line in hover texts
WRAP_CATEGORY = 34  # characters a line in the allegations' topic labels

# --- In the book ---------------------------------------------------------------------------------------------------
BOOK_TOP_MARGIN = 16  # the title is page text above the chart and a filter menu a <select>: little room on top
DEFAULT_HEIGHT = 450
PLOTLY_TOP_MARGIN = 100  # plotly's own top margin, where a figure sets none
NARROW_LEGEND_ROW = 22  # px a legend row takes on a phone, where the legend moves under the plot
NARROW_CATEGORY_CHARS = 19  # a category label wraps at about so many characters a line on a phone
NARROW_CATEGORY_LINE = 12  # px each extra wrapped line of a category label takes
NARROW_EXTRA = 40

# --- What thaw.js reads (phone and dark variants, and the legend it lays out under the plot) ------------------------
NARROW = "(max-width: 599.98px)"
DARK = {"paper": "rgba(0,0,0,0)", "text": "#dfe3e8", "grid": "#3b4450", "line": "#6b7682", "hover": "#1b2129"}
LEGEND = {
    "columns": {"narrow": 2, "wide": 5},  # at most so many columns of legend entries
    "char_px": 7,  # px a character of a legend name takes (for the columns' count)
    "entry_px": 52,  # px a legend entry takes besides its name (symbol, gaps)
    "min_name_chars": 14,  # names wrap at no fewer characters a line
    "row_px": 21,
    "margin_b": {"narrow": 50, "wide": 60},  # bottom margin under the legend's rows
    "pad_px": 16,
    "narrow_font_size": 11,
}
PHONE = {
    "font_size": 11, "tick_font_size": 10, "annotation_font_size": 10, "margin_lr": 4,
    "y_category_share": 0.36, "y_category_char_px": 6.3, "y_category_min_chars": 12, "x_category_chars": 11,
    "x_category_char_px": 6.2, "x_category_pad_px": 10, "x_category_share": 0.6,
}
# How thaw.js measures the labels before drawing (see fitMargins there).
MEASURE = {
    "plotly_font": {"family": '"Open Sans", verdana, arial, sans-serif', "size": 12},  # plotly's own default
    "line_height": 1.3, "date_lines": 2, "pad_px": 18, "title_gap_px": 8, "right_pad_px": 14,
}

# --- Static images (made at build time with kaleido) -------------------------------------------------------------
IMAGE_WIDTH = 760  # px: about the book's text column on a desktop, and an A4 page's width in print
IMAGE_FORMAT = "svg"
IMAGE_LEGEND = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.1, "yanchor": "top"}


def base_layout(title: str, description: str, height: int) -> dict:
    """The layout every chart starts from."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "height": height,
        "template": TEMPLATE,
        "font": {"family": FONT, "size": FONT_SIZE},
        "hoverlabel": {"align": "left"},
        "margin": dict(MARGIN),
        "meta": {"description": description},
    }


def height(kind: str, rows: int) -> int:
    base, per_row = HEIGHTS[kind]
    return base + per_row * rows


def menu_style() -> dict:
    """A filter menu's placement and look (the book turns it into a <select>; JupyterLab draws it)."""
    return {"type": "dropdown", "direction": "down", "showactive": True, "active": 0, "x": 0, "xanchor": "left",
            "y": 1.02, "yanchor": "bottom", "pad": {"r": 4, "t": 4}, "font": {"size": MENU_FONT_SIZE},
            "bgcolor": "white", "bordercolor": "#767676"}


def browser() -> dict:
    """What thaw.js needs, embedded as JSON with each chart (thaw.render)."""
    return {"narrow": NARROW, "dark": DARK, "legend": LEGEND, "phone": PHONE, "measure": MEASURE}


def static_figure(fig: dict, dark: bool = False) -> dict:
    """The figure as its static image draws it: at IMAGE_WIDTH, no menu (the image shows everything), the legend
    under the plot, and in dark colours on a transparent ground for the dark theme."""
    fig = copy.deepcopy(fig)
    layout = fig.setdefault("layout", {})
    layout.pop("updatemenus", None)
    layout["width"] = IMAGE_WIDTH
    if layout.get("showlegend") is not False and layout.get("legend", {}).get("orientation") == "h":
        layout["legend"] = {**layout.get("legend", {}), **IMAGE_LEGEND}
    for trace in fig.get("data", []):
        trace.pop("visible", None)
    if dark:
        layout.update(paper_bgcolor=DARK["paper"], plot_bgcolor=DARK["paper"])
        layout["font"] = {**layout.get("font", {}), "color": DARK["text"]}
        layout["legend"] = {**layout.get("legend", {}), "bgcolor": DARK["paper"]}
        for ax in {"xaxis", "yaxis"} | {k for k in layout if k.startswith(("xaxis", "yaxis"))}:
            layout[ax] = {**layout.get(ax, {}), "gridcolor": DARK["grid"], "linecolor": DARK["line"],
                          "zerolinecolor": DARK["line"]}
        for a in layout.get("annotations", []):
            a["font"] = {**a.get("font", {}), "color": DARK["text"]}
    return fig
