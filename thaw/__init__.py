"""Shared code for the Khrushchev course.

Notebooks call it; tests test it::

    import thaw
    thaw.reading_toggle("q3")              # switch between rival readings (works without a kernel)
    thaw.charts.achievements_timeline()    # interactive chart with sources in the hover
    thaw.table("achievements")             # the chart's accessible table twin
    from thaw.exercises import check       # exercise feedback (python -m thaw.exercises build|check)
"""
from . import charts, data, render, tables, widgets
from .charts import verdict_builder
from .data import DataError, load, validate_all
from .quiz import quiz
from .tables import table
from .widgets import reading_toggle

__all__ = ["DataError", "charts", "data", "load", "quiz", "reading_toggle", "render", "table", "tables",
           "validate_all", "verdict_builder", "widgets"]
__version__ = "0.1.0"

render.install()
