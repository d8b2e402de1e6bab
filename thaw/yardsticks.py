"""The yardsticks a student may judge Khrushchev by: one list, ``data/yardsticks.csv``, for the verdict builder
(thaw.widgets), the rubric and the teacher notes (the ``{yardsticks}`` directive renders it in their pages).

A yardstick doubles the weight of the arguments it names (``counts_double``), and its label says so::

    from thaw import yardsticks
    yardsticks.load()                        # the table, in order, its argument ids checked against arguments.csv
    yardsticks.text(row)                     # "Against ...: ... Arguments about what he ended (...) count double."
    yardsticks.doubled(row)                  # {"q3_reformer_destalinization", ...}

In a MyST page (rubric, teacher notes, verdict page)::

    ```{yardsticks}
    ```
"""
from __future__ import annotations

import pandas as pd

from . import data as _data

__all__ = ["FACTOR", "doubled", "load", "markdown", "text"]

FACTOR = 2  # a doubled argument counts twice its weight


def load(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The yardsticks in order. Every id in ``counts_double`` must be an argument of question 3."""
    table = _data.load("yardsticks") if frame is None else frame
    known = set(_data.load("arguments").query("question == 'q3'")["id"])
    for row in table.itertuples():
        unknown = [a for a in _data.split_keys(row.counts_double) if a not in known]
        if unknown:
            raise ValueError(f"data/yardsticks.csv, yardstick {row.id!r}, column 'counts_double': {unknown[0]!r} is "
                             "not the id of a question-3 argument in data/arguments.csv")
    return table.sort_values("order").reset_index(drop=True)


def doubled(row) -> set[str]:
    """The ids of the arguments whose weight the yardstick doubles (none for no yardstick)."""
    return set(_data.split_keys(row.counts_double)) if row is not None else set()


def text(row) -> str:
    """The yardstick's label as the student reads it, saying what it does to the weights."""
    return f"{row.label}. Arguments about {row.doubles} count double."


def markdown(frame: pd.DataFrame | None = None) -> str:
    """The list as MyST Markdown, with citations: what the rubric and the teacher notes show."""
    lines = []
    for row in load(frame).itertuples():
        keys = ",".join(_data.split_keys(row.sources))
        lines.append(f"- **{row.label}.** Arguments about {row.doubles} count double. {row.why} {{cite:p}}`{keys}`")
    return "\n".join(lines)


def _directive():
    """The ``{yardsticks}`` MyST directive (registered by thaw.sphinxext): the list, parsed as the page's own text."""
    from docutils import nodes
    from docutils.statemachine import StringList
    from sphinx.util.docutils import SphinxDirective

    class Yardsticks(SphinxDirective):
        has_content = False

        def run(self):
            box = nodes.container(classes=["thaw-yardsticks"])
            self.env.note_dependency(str(_data.data_dir() / "yardsticks.csv"))
            self.state.nested_parse(StringList(markdown().splitlines(), source="data/yardsticks.csv"),
                                    self.content_offset, box)
            return [box]

    return Yardsticks
