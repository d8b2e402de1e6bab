"""The few parts of the answer key that need code: values computed from the course tables in ``data/``.

The key itself (answers, options, rounding, hints, explanations) is data, one YAML file per exercise in
``exercises/keys/`` (read by ``thaw.keys``). Where an answer or a hint's wrong value comes from the data, its key
entry names one of the functions below and its arguments, for example::

    answer: {compute: days_between, start: stalin_death, end: secret_speech}

so that a correction to a CSV updates the expected answer. Every function takes table, column, row and measure
names as arguments (the key supplies them; nothing here repeats a value of the data), reads the tables with
``load(...)`` when called, and returns a plain number, set, or dict. Imports: the data, nothing else from the package.
"""
from __future__ import annotations

from collections.abc import Callable

from .data import load

COMPUTE: dict[str, Callable] = {}


def _computation(fn: Callable) -> Callable:
    COMPUTE[fn.__name__] = fn
    return fn


# ----------------------------------------------------------------------------- dates of events
def _event_date(event_id: str):
    return load("events").set_index("id").loc[event_id, "date_start"]


@_computation
def days_between(start: str, end: str) -> int:
    """Days from the event ``start`` to the event ``end`` (their date_start in events)."""
    return int((_event_date(end) - _event_date(start)).days)


@_computation
def count_before(table: str, column: str, event: str) -> int:
    """How many rows of ``table`` have ``column`` earlier than the date of ``event``."""
    return int((load(table)[column] < _event_date(event)).sum())


@_computation
def count_not_before(table: str, column: str, event: str) -> int:
    """How many rows of ``table`` have ``column`` on or after the date of ``event``."""
    return len(load(table)) - count_before(table, column, event)


@_computation
def ids_after(table: str, column: str, event: str) -> set[str]:
    """The ids of the rows of ``table`` whose ``column`` is later than the date of ``event``."""
    frame = load(table)
    return {str(i).lower() for i in frame.loc[frame[column] > _event_date(event), "id"]}


# ----------------------------------------------------------------------------- the series table
def _series(measure: str):
    s = load("series")
    return s[s["measure"] == measure].sort_values("date")


@_computation
def first_value(measure: str) -> float:
    """The first (earliest) value of a measure."""
    return float(_series(measure)["value"].iloc[0])


@_computation
def ratio(numerator: str, denominator: str) -> float:
    """The first value of one measure divided by the first value of another (measures with one row each)."""
    return first_value(numerator) / first_value(denominator)


def _year_value(measure: str, year: int) -> float:
    s = _series(measure)
    return float(s.loc[s["date"].dt.year == int(year), "value"].mean())


def _low(measure: str):
    s = _series(measure)
    return s.loc[s["value"].idxmin()]


@_computation
def lowest_year(measure: str) -> int:
    """The year of a measure's lowest value."""
    return int(_low(measure)["date"].year)


@_computation
def lowest_value(measure: str) -> int:
    """A measure's lowest value."""
    return int(_low(measure)["value"])


@_computation
def first_year(measure: str) -> int:
    """The first year a measure has a value for."""
    return int(_series(measure)["date"].dt.year.min())


@_computation
def relative_fall(measure: str, year: int | None = None, start_measure: str | None = None) -> float:
    """The relative fall (before - after) / before from a starting value to ``measure``'s lowest value. The start
    is the value of ``start_measure`` (default: ``measure``) in ``year``, or its first value when no year is given."""
    start_measure = start_measure or measure
    before = _year_value(start_measure, year) if year is not None else first_value(start_measure)
    return 1 - float(_low(measure)["value"]) / before


@_computation
def absolute_fall(measure: str, year: int) -> float:
    """The absolute fall from ``measure``'s value in ``year`` to its lowest value."""
    return _year_value(measure, year) - float(_low(measure)["value"])


def _sum_in_years(measure: str, years) -> float:
    s = _series(measure)
    return float(s.loc[s["date"].dt.year.isin([int(y) for y in years]), "value"].sum())


@_computation
def sum_ratio(numerator: str, denominator: str, years: list) -> float:
    """The sum of one measure over ``years`` divided by the sum of another over the same years."""
    return _sum_in_years(numerator, years) / _sum_in_years(denominator, years)


@_computation
def sum_minus_first(measure: str, years: list, other: str) -> int:
    """The sum of ``measure`` over ``years`` minus the (first) value of ``other``."""
    return int(_sum_in_years(measure, years) - first_value(other))


# ----------------------------------------------------------------------------- counts and shares in a table
def _rows(table: str, where: dict | None = None, where_not: dict | None = None):
    frame = load(table)
    for column, value in (where or {}).items():
        frame = frame[frame[column] == value]
    for column, value in (where_not or {}).items():
        frame = frame[frame[column] != value]
    return frame


@_computation
def value_counts(table: str, column: str) -> dict[str, int]:
    """How many rows carry each value of ``column``."""
    return {str(k): int(v) for k, v in load(table)[column].value_counts().items()}


@_computation
def count(table: str, column: str, values: list, where: dict | None = None, where_not: dict | None = None) -> int:
    """How many rows (after the ``where``/``where_not`` filters) have ``column`` in ``values``."""
    return int(_rows(table, where, where_not)[column].isin(values).sum())


@_computation
def share(table: str, column: str, values: list, where: dict | None = None, where_not: dict | None = None) -> float:
    """The share of rows (after the ``where``/``where_not`` filters) whose ``column`` is one of ``values``."""
    return float(_rows(table, where, where_not)[column].isin(values).mean())


@_computation
def share_per(table: str, column: str, value: str, by: str) -> dict[str, float]:
    """For each value of ``by``, the share of its rows whose ``column`` equals ``value``."""
    frame = load(table)
    return {str(k): float(v) for k, v in frame[column].eq(value).groupby(frame[by]).mean().items()}


@_computation
def date_part_per(table: str, column: str, by: str, part: str, how: str = "min") -> dict[str, int]:
    """For each value of ``by``, a part (``year``, ``month``) of the earliest (``how: min``) or latest (``max``)
    date in ``column``."""
    dates = load(table).groupby(by)[column].agg(how)
    return {str(k): int(getattr(v, part)) for k, v in dates.items()}


@_computation
def ids_where(table: str, column: str, value: str) -> set[str]:
    """The ids of the rows whose ``column`` equals ``value``."""
    frame = load(table)
    return {str(i).lower() for i in frame.loc[frame[column] == value, "id"]}


@_computation
def letters_where(table: str, column: str, value: str, options: dict[str, str]) -> set[str]:
    """The option letters whose row (``options``: letter -> row id) has ``column == value``: a classification
    computed from the data. An id missing from the table raises KeyError (the tests run every task)."""
    frame = load(table).set_index("id")[column]
    return {letter for letter, row_id in options.items() if frame[row_id] == value}


@_computation
def column_of(table: str, column: str, options: dict[str, str]) -> dict[str, str]:
    """The value of ``column`` in each option's row (letter -> value): a judgement task's course labels."""
    frame = load(table).set_index("id")[column]
    return {letter: str(frame[row_id]) for letter, row_id in options.items()}


@_computation
def ids_of(table: str) -> set[str]:
    """Every id of a table (what a set task's answer may name)."""
    return {str(i).lower() for i in load(table)["id"]}
