"""Shared code for the Khrushchev course.

Notebooks call it; tests test it::

    import thaw
    thaw.reading_toggle("q3")              # switch between rival readings (works without a kernel)
    thaw.charts.achievements_timeline()    # interactive chart with sources in the hover
    thaw.verdict_builder()                 # weigh the arguments; builder.outline() for the writing task
    thaw.answer("q1-own-words", "...")     # an answer box (kept in the browser in the static book)
    thaw.table("achievements")             # the chart's accessible table twin
    from thaw.exercises import check       # exercise feedback (python -m thaw.exercises build|check)
"""
from . import charts, data, render, tables, widgets, yardsticks
from .answers import answer
from .data import DataError, load, validate_all
from .quiz import quiz
from .tables import table
from .widgets import reading_toggle, verdict_builder

__all__ = ["DataError", "answer", "charts", "data", "load", "quiz", "reading_toggle", "render", "table", "tables",
           "validate_all", "verdict_builder", "widgets", "yardsticks"]
__version__ = "0.1.0"

