"""Accessible HTML tables: the text alternative to every chart, readable by screen readers and in any
front end (JupyterLab, the static book, a plain HTML export)."""
from __future__ import annotations

import html

import pandas as pd

from . import data as _data

__all__ = ["Table", "table"]

PROSE = 60  # characters: a column whose cells average more reads as a paragraph in its row's card
PROSE_CLASS = ' class="thaw-prose"'

# Which columns to show for each table, and their headings.
COLUMNS = {
    "achievements": {"title": "Achievement", "category": "Category", "date_start": "Date", "essay_claim": "The essay says",
                     "sources_say": "The sources say", "verdict": "Verdict", "sources": "Sources"},
    "events": {"date_start": "Date", "title": "Event", "theme": "Theme", "kind": "Kind", "description": "What happened",
               "sources": "Sources"},
    "series": {"measure": "Measure", "date": "Date", "value": "Value", "unit": "Unit", "note": "Note", "sources": "Source"},
    "allegations": {"topic": "Topic", "speech_says": "The speech says", "archives_show": "The archives show",
                    "assessment": "Assessment", "sources": "Sources"},
    "essay_claims": {"essay_phrase": "The essay's words", "kind": "Kind", "correction": "Correction",
                     "verdict": "Verdict", "sources": "Sources"},
    "arguments": {"position": "Reading", "claim": "Argument", "evidence": "Evidence", "sources": "Sources"},
    "positions": {"question": "Question", "label": "Reading", "summary": "Summary", "historians": "Who", "sources": "Sources"},
    "interpretations": {"date": "Date", "strand": "Strand of the debate", "who": "Who", "work": "Work",
                        "question": "Question", "reading": "Reading it supports", "summary": "What it says",
                        "sources": "Sources"},
}
CAPTIONS = {
    "achievements": "Every achievement the essay lists, what the sources say, and the verdict on the claim",
    "events": "Timeline events, with theme and sources",
    "series": "Figures behind the chart, each with its source",
    "allegations": "The speech's allegations beside what the archives show",
    "essay_claims": "The essay's slips and claims, each checked",
    "arguments": "Arguments behind each reading",
    "positions": "The rival readings",
    "interpretations": "Interpretations of Khrushchev over time, by strand, with the reading each supports",
}


def _fmt(value, column: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return _data.format_date(value)
    if column == "sources":
        return _data.short_citations(value)
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return str(value)


class Table:
    """A DataFrame shown as a captioned, collapsible HTML table (``_repr_html_``)."""

    def __init__(self, frame: pd.DataFrame, caption: str, open: bool = False, source_columns: tuple = ()):
        self.frame = frame
        self.caption = caption
        self.open = open
        self.source_columns = set(source_columns)  # columns of BibTeX keys, shown as short citations

    def to_html(self) -> str:
        """Each row is shown as a card (thaw.css): its short fields side by side, each labelled, and its prose fields
        (a column whose cells average more than PROSE characters) as full-width paragraphs. Every table in the course
        holds paragraphs among five to eight columns, which as a grid would squeeze its short columns into words
        broken mid-letter. The markup stays a table, roles spelled out, so screen readers keep rows and headers."""
        cells = {c: [_fmt(v, "sources" if c in self.source_columns else c) for v in self.frame[c]]
                 for c in self.frame.columns}
        prose = {c for c, values in cells.items() if values and sum(map(len, values)) / len(values) > PROSE}
        head = "".join(f'<th scope="col" role="columnheader">{html.escape(str(c))}</th>' for c in self.frame.columns)
        body = "".join(
            '<tr role="row">' + "".join(
                f'<td role="cell" data-label="{html.escape(str(c))}"{PROSE_CLASS if c in prose else ""}>'
                f"{html.escape(cells[c][i])}</td>" for c in self.frame.columns) + "</tr>"
            for i in range(len(self.frame))
        )
        cap = html.escape(self.caption)
        return (
            f'<details class="thaw-table"{" open" if self.open else ""}><summary>Data table: {cap} '
            f"({len(self.frame)} rows)</summary>"
            f'<div class="thaw-table-scroll" role="region" aria-label="{cap}" tabindex="0">'
            f'<table role="table"><caption>{cap}</caption><thead role="rowgroup"><tr role="row">{head}</tr></thead>'
            f'<tbody role="rowgroup">{body}</tbody></table></div></details>'
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"Table({self.caption!r}, {len(self.frame)} rows)"


def _readable(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Coded values as readers see them: a column's labels from the schema (``thaw.data.labels``), a key into a
    table with labels as that label (an argument's reading), a date only as precise as it is known."""
    frame = frame.copy()
    res = _data.resource(name)
    for f in res["schema"]["fields"]:
        names = _data.labels(name, f["name"])
        if names:
            frame[f["name"]] = frame[f["name"]].map(lambda v, n=names: n.get(v, v))
    for fk in res["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        target = _data.load(ref["resource"])
        if "label" in target.columns and ref["resource"] != name:
            by_key = {tuple(r[c] for c in ref["fields"]): r["label"] for _, r in target.iterrows()}
            frame[fk["fields"][-1]] = [by_key.get(tuple(r[c] for c in fk["fields"]), r[fk["fields"][-1]])
                                       for _, r in frame.iterrows()]
    if "precision" in frame.columns and "date" in frame.columns:  # "1956" for a date known to the year
        frame["date"] = [d.strftime("%Y") if p == "year" else d.strftime("%B %Y") if p == "month"
                         else _data.format_date(d) for d, p in zip(frame["date"], frame["precision"])]
    return frame


def table(name: str, caption: str | None = None, open: bool = False, **filters) -> Table:
    """The table twin of a chart: ``thaw.table("series", measure="gulag_population")``."""
    frame = _data.load(name)
    for column, value in filters.items():
        if column not in frame.columns:
            raise KeyError(f"{name} has no column {column!r}")
        keep = frame[column].isin(value) if isinstance(value, (list, tuple, set)) else frame[column] == value
        frame = frame[keep]
    cols = COLUMNS.get(name, {c: c for c in frame.columns})
    shown = _readable(name, frame)[list(cols)].rename(columns=cols)
    return Table(shown.reset_index(drop=True), caption or CAPTIONS.get(name, name), open=open,
                 source_columns=(cols["sources"],) if "sources" in cols else ())
