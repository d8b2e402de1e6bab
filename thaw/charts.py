"""Chart builders. Each takes data (by default the validated course data) and returns a plotly Figure whose
interactions (legend, buttons, sliders, hover) are plotly's own, so they work in the static book with no kernel.
Every chart's hover names its sources, and every chart has a table twin (``thaw.table``)."""
from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from . import data as _data
from . import layout as _layout
from .layout import PALETTE
from .render import Chart

__all__ = [
    "achievements_timeline",
    "allegations",
    "camp_population",
    "CAMP_MEASURES",
    "decision_path",
    "events_timeline",
    "timeline",
    "PALETTE",
]

def by_enum(table: str, column: str, styles) -> dict:
    """Styles for a column's values, paired in the order data/datapackage.json declares them (the schema is the one
    list of values: a value added there gets a style here, or the chart's default). ``styles``: a list, one a value."""
    return dict(zip(_data.enum(table, column), styles))


def _known(frame: pd.DataFrame, column: str, values) -> None:
    """A row whose value is not declared in the schema is an error, not a row the chart silently leaves out."""
    unknown = sorted(set(frame[column].dropna()) - set(values))
    if unknown:
        raise ValueError(f"column {column!r} has values the schema (data/datapackage.json) does not declare: "
                         f"{', '.join(map(repr, unknown))}; declared: {', '.join(values)}")


def _wrap(text: str, width: int = _layout.WRAP_HOVER) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) if isinstance(text, str) and text else ""


def _dates(frame: pd.DataFrame) -> pd.Series:
    return frame["date_start"].map(_data.format_date) + frame["date_end"].map(
        lambda d: "" if pd.isna(d) else " – " + _data.format_date(d))


def _base_layout(fig: go.Figure, title: str, description: str, height: int) -> None:
    fig.update_layout(**_layout.base_layout(title, description, height))


def _filter_buttons(groups: list[str], n_traces_per_group: int = 1, extra: int = 0, everything: str = "All",
                    label: str = "Show") -> list[dict]:
    """A menu (plotly updatemenus) that shows all groups or one: precomputed restyles, so it works offline.
    ``extra`` traces after the groups' (a legend key) always stay visible."""
    n = len(groups)
    buttons = [{"label": everything, "method": "restyle",
                "args": [{"visible": [True] * (n * n_traces_per_group + extra)}]}]
    for i, g in enumerate(groups):
        vis = [j // n_traces_per_group == i for j in range(n * n_traces_per_group)] + [True] * extra
        buttons.append({"label": g, "method": "restyle", "args": [{"visible": vis}]})
    return [{**_layout.menu_style(), "buttons": buttons, "name": label}]


KEY = "key"  # legendgroup of the marker-shape key entries


def timeline(frame: pd.DataFrame, group: str, symbol: str, title: str, description: str,
             order: list[str] | None = None, detail: str = "description", everything: str = "All",
             shapes: dict[str, str] | None = None) -> go.Figure:
    """A dated timeline: one row (and one legend entry and filter button) per ``group``, in ``order`` (the
    schema's values: a row with another is an error); marker shape by ``symbol``'s value (``shapes``: value ->
    plotly symbol); spans (date_end) drawn as bars; hover shows the detail and the sources."""
    frame = frame.sort_values("date_start").reset_index(drop=True)
    shapes = shapes or {}
    if order:
        _known(frame, group, order)
    groups = order or sorted(frame[group].unique())
    groups = [g for g in groups if g in set(frame[group])]
    fig = Chart()
    for i, g in enumerate(groups):
        sub = frame[frame[group] == g]
        colour = PALETTE[i % len(PALETTE)]
        end = sub["date_end"].fillna(sub["date_start"])
        hover = (
            "<b>" + sub["title"] + "</b><br>" + _dates(sub) + "<br>"
            + sub[symbol].str.capitalize() + "<br>" + sub[detail].map(_wrap)
            + "<br><i>Sources: " + sub["sources"].map(_data.short_citations) + "</i>"
        )
        xs, ys = [], []
        for s, e in zip(sub["date_start"], end):
            xs += [s, e, None]
            ys += [g, g, None]
        fig.add_trace(go.Scatter(
            x=sub["date_start"], y=[g] * len(sub), name=g, legendgroup=g, mode="markers",
            marker={"size": 13, "color": colour, "symbol": [shapes.get(v, "circle") for v in sub[symbol]],
                    "line": {"width": 1, "color": "white"}},
            customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        ))
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", legendgroup=g, showlegend=False, hoverinfo="skip",
            line={"width": 6, "color": colour}, opacity=0.35,
        ))
    keyed = [v for v in shapes if v in set(frame[symbol])]
    for v in keyed:  # a legend key for the marker shapes (no data; always visible)
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=v, legendgroup=KEY, hoverinfo="skip",
            legendgrouptitle={"text": "Shape:"}, marker={"size": 11, "color": _layout.KEY_COLOUR, "symbol": shapes[v]},
        ))
    _base_layout(fig, title, description, height=_layout.height("timeline", len(groups)))
    fig.update_layout(
        updatemenus=_filter_buttons(groups, 2, extra=len(keyed), everything=everything),
        legend=_layout.LEGEND_BELOW,
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(groups)), "automargin": True},
        xaxis={"type": "date", "showgrid": True}, margin=_layout.MARGIN_WITH_MENU,
    )
    return fig


def achievements_timeline(frame: pd.DataFrame | None = None) -> go.Figure:
    frame = _data.load("achievements") if frame is None else frame
    frame = frame.assign(description=frame["essay_claim"].map(lambda s: f"Essay: {s}") + " — Sources: "
                         + frame["sources_say"])
    cats = _data.enum("achievements", "category")
    return timeline(
        frame, group="category", symbol="verdict", order=cats, everything="All categories",
        shapes=by_enum("achievements", "verdict", ["circle", "diamond", "x"]),  # x: the sources reject the claim
        title="The essay's list of achievements, checked",
        description=(f"Timeline of {len(frame)} achievements the essay credits to the Khrushchev years, "
                     f"{frame['date_start'].dt.year.min()}–{frame['date_start'].dt.year.max()}, by category, "
                     "with the verdict on each claim: "
                     + ", ".join(f"{n} {v}" for v, n in frame["verdict"].value_counts().items()) + "."),
    )


# events.kind, in the schema's order (achievement, failure, event): a failure is an x, and orange on the decision path
KIND_SHAPES = ["circle", "x", "square"]
KIND_COLOURS = [PALETTE[0], PALETTE[1], PALETTE[0]]


def events_timeline(frame: pd.DataFrame | None = None) -> go.Figure:
    frame = _data.load("events") if frame is None else frame
    themes = _data.enum("events", "theme")
    return timeline(
        frame, group="theme", symbol="kind", order=themes, everything="All themes",
        shapes=by_enum("events", "kind", KIND_SHAPES),
        title="Timeline of the Khrushchev years and after",
        description=(f"Timeline of {len(frame)} events from {frame['date_start'].min():%Y} to "
                     f"{frame['date_start'].max():%Y} by theme: "
                     + ", ".join(f"{n} {k}s" for k, n in frame["kind"].value_counts().items()) + "."),
    )


def decision_path(frame: pd.DataFrame | None = None) -> go.Figure:
    """The dated steps from Stalin's death to the closed session (events of chapter q1)."""
    frame = _data.load("events") if frame is None else frame
    steps = frame[frame["chapter"] == "q1"].sort_values("date_start").reset_index(drop=True)
    labels = [f"{i + 1}. {t}" for i, t in enumerate(steps["title"])]
    hover = ("<b>" + steps["title"] + "</b><br>" + _dates(steps) + "<br>" + steps["description"].map(_wrap)
             + "<br><i>Sources: " + steps["sources"].map(_data.short_citations) + "</i>")
    fig = Chart(go.Scatter(
        x=steps["date_start"], y=labels, mode="lines+markers",
        line={"shape": "hv", "color": _layout.MUTED, "width": 1.5},
        marker={"size": 12, "color": list(steps["kind"].map(by_enum("events", "kind", KIND_COLOURS)))},
        customdata=hover, hovertemplate="%{customdata}<extra></extra>", name="Step",
    ))
    _base_layout(fig, "The road to the closed session, 1953–1956",
                 f"{len(steps)} dated steps from {_data.format_date(steps['date_start'].min(), '%B')} to "
                 f"{_data.format_date(steps['date_start'].max(), '%B')}: " + "; ".join(steps["title"]) + ".",
                 height=_layout.height("decision_path", len(steps)))
    first, last = steps.iloc[0], steps.iloc[-1]
    fig.update_layout(meta={**fig.layout.meta, "summary": f"{len(steps)} dated steps, from “{first['title']}” "
                                       f"({_data.format_date(first['date_start'], '%B')}) to “{last['title']}” "
                                       f"({_data.format_date(last['date_start'], '%B')})."})
    fig.update_layout(yaxis={"autorange": "reversed", "automargin": True}, xaxis={"type": "date"},
                      showlegend=False, margin=_layout.MARGIN_NO_MENU)
    return fig


CAMP_MEASURES = ["gulag_population", "gulag_camp_population", "prisoners_in_custody",
                 "amnesty_1953_proposed_release", "amnesty_1953_released"]


def camp_population(frame: pd.DataFrame | None = None) -> go.Figure:
    """Prisoner numbers in the 1950s and the releases of 1953: one trace per source, the spread between the
    sources' release figures drawn as a range, and the years no source in the course covers left empty."""
    frame = _data.load("series") if frame is None else frame
    sub = frame[frame["measure"].isin(CAMP_MEASURES)].sort_values("date")
    fig = Chart()
    colour = iter(PALETTE)
    names = _data.labels("series", "measure")

    def hover(s: pd.DataFrame) -> pd.Series:
        return ("<b>" + s["value"].map("{:,.0f}".format) + " " + s["unit"] + "</b><br>"
                + s["date"].map(_data.format_date) + "<br>" + s["note"].fillna("").map(_wrap)
                + "<br><i>Source: " + s["sources"].map(_data.short_citations) + "</i>")

    for _series, s in sub.groupby("series", sort=False):
        measure = s["measure"].iloc[0]
        is_release = measure.startswith("amnesty")
        label = names.get(measure, measure)
        if s["note"].fillna("").str.contains("approximate").any():
            label += ", approximate"
        label += f" ({_data.short_citations(s['sources'].iloc[0])})"
        fig.add_trace(go.Scatter(
            x=s["date"], y=s["value"], mode="lines+markers" if len(s) > 1 else "markers", name=label,
            line={"color": next(colour), "width": 2.5},
            marker={"size": 11, "symbol": "triangle-down" if is_release else "circle"},
            customdata=hover(s), hovertemplate="%{customdata}<extra></extra>",
        ))
    releases = sub[sub["measure"].str.startswith("amnesty")]
    if len(releases) > 1:
        day = releases["date"].min()
        fig.add_shape(type="line", x0=day, x1=day, y0=releases["value"].min(), y1=releases["value"].max(),
                      line={"color": _layout.RANGE, "width": 8}, opacity=0.25)
        fig.add_annotation(x=day, y=releases["value"].max(), text="Range of the release figures", showarrow=True,
                           ax=60, ay=-30, font={"size": _layout.SMALL_FONT_SIZE})
    covered = sorted(sub.loc[sub["measure"] == "gulag_population", "date"].dt.year.unique())
    gaps = [y for y in range(min(covered), max(covered)) if y not in covered] if covered else []
    if gaps:
        fig.add_vrect(x0=f"{gaps[0]}-01-01", x1=f"{gaps[-1]}-12-31", fillcolor=_layout.MUTED, opacity=0.08, line_width=0)
        fig.add_annotation(x=f"{(gaps[0] + gaps[-1]) // 2 + 1}-01-01", y=0.95, yref="paper", showarrow=False,
                           text=f"{gaps[0]}–{gaps[-1]}: no figure verified<br>in the course's sources",
                           font={"size": _layout.SMALL_FONT_SIZE})
    pop = sub[sub["measure"] == "gulag_population"]
    _base_layout(fig, "Prisoners and releases in the 1950s, by source",
                 f"Gulag prisoners from {pop['date'].min():%Y} to {pop['date'].max():%Y}: "
                 + "; ".join(f"{_data.format_date(r.date)} {r.value:,.0f} ({_data.short_citations(r.sources)})" for r in pop.itertuples())
                 + ". Releases under the 1953 amnesty: "
                 + ", ".join(f"{r.value:,.0f} ({_data.short_citations(r.sources)})" for r in releases.itertuples()) + ".",
                 height=_layout.height("camp_population", 0))
    if len(pop) > 1 and len(releases):
        start, end = pop.iloc[0], pop.iloc[-1]
        fig.update_layout(meta={**fig.layout.meta, "summary": (
            f"The sources' count of Gulag prisoners {'fell' if end.value < start.value else 'rose'} from "
            f"{start.value:,.0f} in {start.date:%Y} to {end.value:,.0f} in {end.date:%Y}; their figures for the "
            f"1953 amnesty's releases, proposed and counted, range from {releases['value'].min():,.0f} to {releases['value'].max():,.0f}.")})
    fig.update_layout(yaxis={"title": "persons", "rangemode": "tozero", "tickformat": ",.0f"},
                      xaxis={"type": "date"}, legend=_layout.LEGEND_BELOW_LOW, margin=_layout.MARGIN_NO_MENU)
    return fig


def allegations(frame: pd.DataFrame | None = None) -> go.Figure:
    frame = _data.load("allegations") if frame is None else frame
    fig = Chart()
    order = _data.enum("allegations", "assessment")
    _known(frame, "assessment", order)
    present = [a for a in order if a in set(frame["assessment"])]
    for i, a in enumerate(present):
        sub = frame[frame["assessment"] == a]
        fig_text = sub.apply(lambda r: "" if pd.isna(r["figure"]) else
                             f"<br><b>{r['figure']:,.0f}</b> {r['figure_label'] or ''}", axis=1)
        hover = ("<b>" + sub["topic"] + "</b><br><i>Speech:</i> " + sub["speech_says"].fillna("(not in the speech)").map(_wrap)
                 + "<br><i>Archives:</i> " + sub["archives_show"].map(_wrap) + fig_text
                 + "<br><i>Sources: " + sub["sources"].map(_data.short_citations) + "</i>")
        fig.add_trace(go.Scatter(
            x=[a.capitalize()] * len(sub), y=sub["topic"].map(lambda t: _wrap(t, _layout.WRAP_CATEGORY)), mode="markers", name=a.capitalize(),
            marker={"size": 18, "color": PALETTE[i], "symbol": "square"},
            customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        ))
    _base_layout(fig, "What the speech alleged, and what the archives show",
                 f"{len(frame)} topics of the Secret Speech by assessment: "
                 + ", ".join(f"{(frame['assessment'] == a).sum()} {a}" for a in present) + ".",
                 height=_layout.height("allegations", frame["topic"].nunique()))
    fig.update_layout(
        xaxis={"categoryorder": "array", "categoryarray": [a.capitalize() for a in present], "tickangle": 0,
               "title": "What the archives show"},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(frame["topic"].map(lambda t: _wrap(t, _layout.WRAP_CATEGORY)))),
               "automargin": True},
        showlegend=False, margin={"t": _layout.MARGIN_WITH_MENU["t"]},
        updatemenus=_filter_buttons([a.capitalize() for a in present], everything="All assessments"),
    )
    return fig



# interpretations.reading, in the schema's order (see by_enum)
READING_SHAPES = ["triangle-up", "triangle-down", "circle", "circle-open", "diamond-open", "star", "x", "diamond",
                  "square-open", "square"]


def interpretations_timeline(frame: pd.DataFrame | None = None) -> go.Figure:
    """How the verdict on Khrushchev changed: one row (legend entry and menu button) per strand of the debate,
    marker shape by the reading a work supports; hover says who, when, which reading, and the sources."""
    frame = _data.load("interpretations") if frame is None else frame
    frame = frame.sort_values("date").reset_index(drop=True)
    strands = _data.enum("interpretations", "strand")
    _known(frame, "strand", strands)
    day, month, _year = _data.enum("interpretations", "precision")  # finest first
    when = frame.apply(lambda r: _data.format_date(r["date"], "%B") if r["precision"] == day
                       else r["date"].strftime("%B %Y" if r["precision"] == month else "%Y"),
                       axis=1)
    question = frame["question"].map(_data.labels("interpretations", "question")).map(lambda q: q[:1].lower() + q[1:])
    reading_shapes = by_enum("interpretations", "reading", READING_SHAPES)
    frame = frame.assign(hover=(
        "<b>" + frame["who"] + "</b><br><i>" + frame["work"].map(_wrap) + "</i>, " + when
        + "<br>Reading: <b>" + frame["reading"] + "</b> on " + question + "<br>" + frame["summary"].map(_wrap)
        + "<br><i>Sources: " + frame["sources"].map(_data.short_citations) + "</i>"))
    strands = [s for s in strands if s in set(frame["strand"])]
    fig = Chart()
    for i, strand in enumerate(strands):
        sub = frame[frame["strand"] == strand]
        fig.add_trace(go.Scatter(
            x=sub["date"], y=[strand] * len(sub), name=strand, legendgroup=strand, mode="markers",
            marker={"size": 14, "color": PALETTE[i % len(PALETTE)],
                    "symbol": [reading_shapes.get(r, "circle") for r in sub["reading"]],
                    "line": {"width": 1.5, "color": PALETTE[i % len(PALETTE)]}},
            customdata=sub["hover"], hovertemplate="%{customdata}<extra></extra>",
        ))
    readings = [r for r in reading_shapes if r in set(frame["reading"])]
    for r in readings:  # a legend key for the marker shapes (no data; always visible)
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=r, legendgroup=KEY, hoverinfo="skip",
            legendgrouptitle={"text": "Reading:"}, marker={"size": 11, "color": _layout.KEY_COLOUR, "symbol": reading_shapes[r]},
        ))
    counts = frame["strand"].value_counts()
    _base_layout(fig, "How the verdict on Khrushchev changed, 1956 to today",
                 f"{len(frame)} interpretations from {frame['date'].dt.year.min()} to {frame['date'].dt.year.max()} "
                 f"in {len(strands)} strands of the debate: " + ", ".join(f"{counts[s]} {s}" for s in strands)
                 + ". Marker shapes show which reading each supports.",
                 height=_layout.height("interpretations", len(strands)))
    fig.update_layout(meta={**fig.layout.meta, "summary": f"{len(frame)} interpretations from {frame['date'].dt.year.min()} to "
                                       f"{frame['date'].dt.year.max()}, in {len(strands)} strands of the debate, "
                                       "each marked with the reading it supports."})
    fig.update_layout(
        updatemenus=_filter_buttons(strands, 1, extra=len(readings), everything="All strands"),
        legend={**_layout.LEGEND_BELOW, "y": _layout.LEGEND_BELOW_LOW["y"]},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(strands)), "automargin": True},
        xaxis={"type": "date", "showgrid": True}, margin=_layout.MARGIN_WITH_MENU,
    )
    return fig
