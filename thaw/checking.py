"""The checking engine: one answer against one task, with feedback for a student.

It knows nothing about the course (the tasks and their answers are in ``thaw.tasks``, the notebook-facing
``check`` in ``thaw.exercises``) and imports nothing else from the package.

A right answer gets a confirmation and a sentence on why; a wrong one a targeted hint; an unanswered task (``...``)
a prompt; ``None``, NaN, an empty table or a wrong type a message saying what was expected. Anything else is a bug in
a task definition and raises, so that the tests (which feed every kind of answer) find it.
"""
from __future__ import annotations

import datetime as dt
import difflib
import html
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["Feedback", "Hint", "Task", "check", "describe", "is_key_answer"]

ICONS = {"correct": "✅", "wrong": "❌", "unanswered": "✏️", "invalid": "⚠️", "formative": "📝", "defensible": "⚖️"}
TITLES = {"correct": "Correct", "wrong": "Not yet", "unanswered": "Not answered yet", "invalid": "Check your answer's type",
          "formative": "Feedback, not a grade", "defensible": "Defensible, with a different key"}
_COLOURS = {"correct": "#009E73", "wrong": "#D55E00", "unanswered": "#0072B2", "invalid": "#E69F00",
            "formative": "#56B4E9", "defensible": "#CC79A7"}
# "correct" only for closed questions with one right answer (a date, a count, a documented fact). Open and debatable
# answers get "formative" (a checklist or a comparison with the course's view) or "defensible" (an answer the
# course keys differently but accepts, with the reason): never "correct".
KINDS = ("number", "integer", "choice", "set", "mapping", "judgement")


@dataclass(frozen=True)
class Feedback:
    """The result of a check. Truthy only when correct. Shows itself as a coloured box in Jupyter."""

    task: str
    status: str  # correct | wrong | unanswered | invalid | formative | defensible
    message: str

    def __bool__(self) -> bool:
        return self.status in ("correct", "defensible")

    def __str__(self) -> str:
        return f"{ICONS[self.status]} {TITLES[self.status]} ({self.task}): {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return (
            f'<div class="thaw-feedback thaw-feedback-{self.status}" data-task="{html.escape(self.task)}" role="status" '
            f'style="border-left:5px solid {_COLOURS[self.status]};padding:.5em .8em;margin:.4em 0;'
            f'background:{_COLOURS[self.status]}1a">'
            f"<strong>{ICONS[self.status]} {TITLES[self.status]}</strong> "
            f'<span class="thaw-feedback-task">({html.escape(self.task)})</span><br>{html.escape(self.message).replace(chr(10), "<br>")}</div>'
        )


@dataclass(frozen=True)
class Hint:
    """A targeted hint for one known mistake.

    ``test(value, expected)`` gets the student's answer already normalised to the task's kind (a float, a lower-case
    option letter, a set of lower-case ids, a dict of lower-case label -> float) and the expected answer; it must
    not raise. ``example`` is an answer that makes exactly this mistake (a function of the expected answer, or a
    value): the tests check that it triggers this hint and no earlier one."""

    test: Callable[[object, object], bool]
    message: str
    example: object = None


@dataclass
class Task:
    """One auto-checked task.

    kind: "number" (tolerance), "integer", "choice" (one option letter), "set" (several ids or letters),
    "mapping" (label -> number, e.g. counts per category). ``expected`` is a value or a function computing it
    from the course data. ``hints`` are tried in order on a wrong answer. ``why`` is shown with a right answer.
    ``options`` are the option letters a notebook lists; ``option_ids`` name, for options that stand for rows of a
    data table, each letter's row id (the solution notebook marks the same ids, and ``thaw.student check`` compares
    them)."""

    id: str
    kind: str
    expected: object
    why: str
    hint: str
    hints: list[Hint] = field(default_factory=list)
    # the one rounding rule: a number (or each value of a mapping) is accepted within half a unit of the last asked
    # decimal place of the model answer rounded to that place; None: exact (years, days, counts)
    places: int | None = None
    options: tuple[str, ...] = ()
    option_ids: Mapping[str, str] = field(default_factory=dict)
    # judgement tasks: the student labels each option first; the course then compares, item by item
    labels: tuple[str, ...] = ()
    reasons: Mapping[str, str] = field(default_factory=dict)
    alternatives: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # a debatable key: other answers the course accepts, each with the reason (status "defensible", not "correct")
    defensible: Mapping[object, str] = field(default_factory=dict)
    noun: str = ""  # set tasks: what is chosen ("arguments for this reading"), named in the feedback
    known: Callable[[], set[str]] | None = None  # set tasks answered with ids: every valid id (to point out a typo)
    series_hint: str = ""  # number tasks: what to do with a Series of several values
    prompt: str = ""  # the id of the task's markdown cell in its notebook
    source: str = ""  # the key file the task comes from

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"task {self.id}: unknown kind {self.kind!r}; expected one of {', '.join(KINDS)}")

    def answer(self):
        return self.expected() if callable(self.expected) else self.expected


# ----------------------------------------------------------------------------- normalising answers
class _Invalid(Exception):
    """The answer has the wrong type or shape; the message says what was expected."""


def _is_missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def describe(x) -> str:
    """A short description of an answer for a message: its type and (the start of) its value."""
    if isinstance(x, pd.DataFrame):
        return f"a table (DataFrame) with {len(x)} rows"
    if isinstance(x, pd.Series):
        return f"a Series with {len(x)} values"
    return f"{type(x).__name__} {x!r}"[:120]


def _several_values(x, what: str, integer: bool, advice: str = "") -> str:
    """What to say about a Series or table of several values where one number was asked for: in plain words, and
    without a recipe (such as taking the first value) that would give a wrong answer."""
    if isinstance(x, pd.Series) and pd.api.types.is_datetime64_any_dtype(x):
        return (f"Expected {what}, but got a column of {x.size} dates. For the year of each row use .dt.year (a "
                "column has no .year); then keep the one row the question asks about.")
    if isinstance(x, pd.DataFrame):
        count = " To count its rows, use len(table)." if integer else ""
        return (f"Expected {what}, but got {describe(x)}.{count} " + (advice or "Pick the column, then the one row "
                "the question asks about."))
    count = " To count the rows of a filter, use len(...) or .sum() of the True/False column." if integer else ""
    return (f"Expected {what}, but got {describe(x)}: several values, not one.{count} " + (advice or
            "Which one does the question ask about? Keep only that row (a filter or .loc), or combine the values "
            "as the question asks (.sum(), .mean(), .min(), .max())."))


def _as_number(x, integer: bool = False, advice: str = "") -> float:
    what = "a whole number (for example 1956)" if integer else "a number (for example 0.68 or 1234)"
    if isinstance(x, pd.Series) and x.size > 1 and x.isna().all():
        raise _Invalid(f"Expected {what}, but got a Series of {x.size} NaN values. Dividing (or subtracting) two "
                       "filtered Series lines their values up by index label, and rows whose labels differ give NaN. "
                       "Look each value up first by its name (series.set_index('measure')['value'], as in the "
                       "worked example), then divide.")
    if isinstance(x, (pd.Series, pd.DataFrame)) and x.size > 1:
        raise _Invalid(_several_values(x, what, integer, advice))
    if isinstance(x, (pd.Series, pd.DataFrame)):
        if x.size == 1:
            x = x.to_numpy().ravel()[0]
        else:
            raise _Invalid(f"Expected {what}, but got {describe(x)}: it holds no value. Did your filter select any rows?")
    if isinstance(x, (pd.Timedelta, dt.timedelta, np.timedelta64)):
        days = pd.Timedelta(x).days
        raise _Invalid(f"Expected {what}, but got a time span (Timedelta) of {days} days. Add .days to turn it into a "
                       "number of days.")
    if isinstance(x, (pd.Timestamp, dt.date, np.datetime64)):
        raise _Invalid(f"Expected {what}, but got a date ({pd.Timestamp(x).date()}). For its year, add .year; for "
                       "the days between two dates, subtract one from the other and add .days.")
    if isinstance(x, str):
        try:
            x = float(x.replace(",", "").replace("%", ""))
        except ValueError:
            raise _Invalid(f"Expected {what}, but got the text {x!r}. Give the number itself, without quotes.") from None
    if isinstance(x, bool) or not isinstance(x, numbers.Number):
        raise _Invalid(f"Expected {what}, but got {describe(x)}.")
    try:
        x = float(x)
    except (TypeError, ValueError):  # a complex number, say
        raise _Invalid(f"Expected {what}, but got {describe(x)}.") from None
    if math.isnan(x):
        raise _Invalid(f"Expected {what}, but got NaN (not a number): a calculation probably used a missing value. "
                       "Check your filters: did they select any rows?")
    if math.isinf(x):
        raise _Invalid(f"Expected {what}, but got infinity: did you divide by zero?")
    if integer and x != int(x):
        raise _Invalid(f"Expected {what}, but got {x}.")
    return x


def _as_set(x, allowed: Iterable[str] | None = None, known: set[str] | None = None) -> set[str]:
    if isinstance(x, pd.DataFrame):
        if x.empty:
            raise _Invalid("Expected a list of ids, but got an empty table: your filter selected no rows.")
        if "id" in x.columns:
            x = x["id"]
        else:
            raise _Invalid("Expected a list of ids, but got a table without an 'id' column. Use frame['id'].")
    if isinstance(x, str):
        x = x.strip()
        if allowed is not None or "," in x or ";" in x:
            x = re.split(r"[,;]+" if ("," in x or ";" in x) else r"\s+", x) if x else []
            x = [i.strip() for i in x if i.strip()]
        else:
            x = [x] if x else []
    if isinstance(x, (Mapping, bytes)) or not isinstance(x, Iterable):
        raise _Invalid(f"Expected a list of ids such as ['a', 'b'], but got {describe(x)}.")
    try:
        items = list(x)
    except TypeError:  # iterable in name only, e.g. a 0-d numpy array
        raise _Invalid(f"Expected a list of ids such as ['a', 'b'], but got {describe(x)}.") from None
    if not items:
        raise _Invalid("Expected a list of ids, but the list is empty.")
    if not all(isinstance(i, str) for i in items):
        odd = next(i for i in items if not isinstance(i, str))
        raise _Invalid(f"Expected a list of text ids such as ['a', 'b'], but it holds {describe(odd)}.")
    out = {i.strip().lower() for i in items}
    if allowed is None and any(re.search(r"\s|[A-Z]", i.strip()) for i in items):
        sample = next(i for i in items if re.search(r"\s|[A-Z]", i.strip()))
        raise _Invalid(f"{sample[:60]!r} looks like a title or a phrase, not an id. Ids are short lower-case names "
                       "with underscores, such as 'stalin_death': give the id column of the rows you selected.")
    if allowed is not None:
        unknown = out - {a.lower() for a in allowed}
        if unknown:
            raise _Invalid(f"{', '.join(sorted(unknown))} is not one of the options: {', '.join(allowed)}.")
    elif known:
        for item in sorted(out - known):
            close = difflib.get_close_matches(item, sorted(known), n=1, cutoff=0.75)
            if close:
                raise _Invalid(f"There is no id {item!r} in the table: did you mean {close[0]!r}? (Check the spelling: "
                               "copy ids from the id column.)")
    return out


def _as_mapping(x, labels: Iterable[str] = (), expected: Iterable[str] = ()) -> dict[str, float]:
    if isinstance(x, pd.DataFrame):
        if x.empty:
            raise _Invalid("Expected counts per label (a Series or dict), but got an empty table.")
        if x.shape[1] == 1:
            x = x.iloc[:, 0]
        elif x.shape[1] == 2:
            raise _Invalid(f"Expected one value per label (a Series), but got a table with the columns "
                           f"{', '.join(map(repr, x.columns))}, as .reset_index() makes. Leave out .reset_index(): "
                           "the Series itself, with the labels as its index, is the answer.")
        else:
            raise _Invalid("Expected one value per label (a Series, e.g. from .value_counts()), but got a table "
                           f"with {x.shape[1]} columns. Select one column first.")
    if isinstance(x, pd.Series) and isinstance(x.index, pd.MultiIndex):
        raise _Invalid("Expected one value per label, but your labels are pairs such as "
                       f"{x.index[0]!r}: grouping and then counting (groupby(...).value_counts()) counts combinations. "
                       "Work on one column: count it with value_counts(), or group by it and take one value per group.")
    if isinstance(x, pd.Series):
        if x.empty:
            raise _Invalid("Expected counts per label, but the Series is empty: did your filter select any rows?")
        x = x.to_dict()
    if not isinstance(x, Mapping):
        raise _Invalid(f"Expected counts per label (a pandas Series or a dict), but got {describe(x)}.")
    out = {str(k).strip().lower(): _as_number(v) for k, v in x.items()}
    valid = {str(k).lower() for k in labels} | {str(k).lower() for k in expected}
    for label in sorted(set(out) - valid):
        close = difflib.get_close_matches(label, sorted(valid), n=1, cutoff=0.75)
        if close:
            raise _Invalid(f"{label!r} is not one of the labels: did you mean {close[0]!r}? (Check the spelling.)")
    # a label the question allows but the table does not hold may be given with a count of 0, or left out
    return {k: v for k, v in out.items() if not (v == 0 and k in valid and k not in set(expected))}


# ----------------------------------------------------------------------------- checking
def _close(a: float, b: float, task: Task) -> bool:
    """The one rounding rule: within half a unit of the last asked place of the rounded model answer; else exact."""
    if task.places is None:
        return abs(a - b) <= 1e-9
    return abs(a - round(b, task.places)) <= 0.5 * 10 ** -task.places + 1e-9


def _too_few_places(value: float, expected: float, task: Task) -> str | None:
    """A number rounded to fewer places than asked (0.8 where 2 places are asked): say so, not "wrong"."""
    if task.places is None:
        return None
    for places in range(task.places):
        if value == round(value, places) and abs(value - round(expected, places)) <= 0.5 * 10 ** -places + 1e-9:
            return (f"Close: you gave {value:g}, rounded to {places} decimal place{'s' * (places != 1)}. The question "
                    f"asks for {task.places}: give {task.places} decimal places, or the value Python computes.")
    return None


def _as_labels(x, task: Task) -> dict[str, str]:
    if isinstance(x, pd.Series):
        x = x.to_dict()
    if not isinstance(x, Mapping):
        raise _Invalid(f"Expected one label per letter, such as {{'a': '{task.labels[0]}', 'b': '{task.labels[-1]}'}}, "
                       f"but got {describe(x)}.")
    out = {}
    for k, v in x.items():
        key = str(k).strip().lower().strip("()")
        if key not in task.options:
            raise _Invalid(f"{k!r} is not one of the letters {', '.join(task.options)}.")
        if not isinstance(v, str) or v.strip().lower() not in task.labels:
            close = difflib.get_close_matches(v.strip().lower(), task.labels, n=1, cutoff=0.7) if isinstance(v, str) else []
            tip = f" Did you mean {close[0]!r}?" if close else ""
            raise _Invalid(f"The label for {key} is {v!r}; use one of {', '.join(map(repr, task.labels))}, in "
                           f"quotes.{tip}")
        out[key] = v.strip().lower()
    missing = [o for o in task.options if o not in out]
    if missing:
        raise _Invalid(f"Label every item: the letter{'s' * (len(missing) > 1)} {', '.join(missing)} "
                       f"{'has' if len(missing) == 1 else 'have'} no label yet.")
    return out


def _course_labels(task: Task) -> dict[str, str]:
    return {str(k).lower(): str(v).lower() for k, v in task.answer().items()}


def _compare(task: Task, answer) -> Feedback:
    """A judgement task: the student decided first; the course shows where it agrees and differs, and why. Never
    "correct": a defensible alternative is named as such, with its reason."""
    mine, course = _as_labels(answer, task), _course_labels(task)
    reasons = task.reasons() if callable(task.reasons) else task.reasons
    same = [k for k in task.options if mine[k] == course[k]]
    lines = [f"You and the course agree on {len(same)} of {len(task.options)}"
             + (f" ({', '.join(same)})." if same else ".") + " Where you differ:" * (len(same) < len(task.options))]
    for k in task.options:
        if mine[k] == course[k]:
            continue
        alt = task.alternatives.get(k, {}).get(mine[k])
        verdict = f"Defensible: {alt}" if alt else reasons.get(k, "")
        lines.append(f"{k}) you: {mine[k]}; the course: {course[k]}. {verdict}".rstrip())
    lines.append("The course's labels are a reading of the sources, not an answer key: where you differ, weigh its "
                 "sources against your reasons." if len(same) < len(task.options) else
                 "Now read the course's reasons in the chapter: agreeing on a label is not yet agreeing on why.")
    return Feedback(task.id, "formative", "\n".join(lines))


def _judge(task: Task, answer) -> Feedback:
    expected = task.answer()
    if task.kind == "judgement":
        return _compare(task, answer)
    if task.kind in ("number", "integer"):
        value = _as_number(answer, integer=task.kind == "integer", advice=task.series_hint)
        ok = _close(value, float(expected), task)
    elif task.kind == "choice":
        if not isinstance(answer, str):
            raise _Invalid(f"Expected one option letter as text, such as 'b', but got {describe(answer)}.")
        value = answer.strip().lower().strip("()")
        if value not in {o.lower() for o in task.options}:
            raise _Invalid(f"{answer!r} is not one of the options: {', '.join(task.options)}.")
        ok = value == str(expected).lower()
    elif task.kind == "set":
        value = _as_set(answer, task.options or None, task.known() if task.known else None)
        exp = {e.lower() for e in expected}
        ok = value == exp
        if not ok and frozenset(value) in task.defensible:
            return Feedback(task.id, "defensible", task.defensible[frozenset(value)])
        if not ok and not any(h.test(value, exp) for h in task.hints):
            return Feedback(task.id, "wrong", f"{_set_difference(value, exp, task)} {task.hint}")
    else:  # mapping
        exp = {str(k).lower(): float(v) for k, v in expected.items()}
        value = _as_mapping(answer, task.labels, exp)
        ok = set(value) == set(exp) and all(_close(value[k], exp[k], task) for k in exp)
        if not ok and set(value) != set(exp) and not any(h.test(value, exp) for h in task.hints):
            if not set(value) & set(exp):
                return Feedback(task.id, "wrong", f"None of your {len(value)} labels is one the question asks about "
                                f"(such as {', '.join(repr(k) for k in sorted(exp)[:2])}): did you count or group "
                                f"another column? {task.hint}")
            missing, extra = sorted(set(exp) - set(value)), sorted(set(value) - set(exp))
            parts = ([f"{', '.join(map(repr, missing[:3]))} {'is' if len(missing) == 1 else 'are'} missing"] * bool(missing)
                     + [f"{', '.join(map(repr, extra[:3]))} {'is' if len(extra) == 1 else 'are'} not asked for"]
                     * bool(extra))
            return Feedback(task.id, "wrong", f"Your labels differ from the question's: {' and '.join(parts)}. "
                            f"{task.hint}")
    if ok:
        return Feedback(task.id, "correct", task.why)
    alternative = task.defensible.get(value) if task.kind == "choice" else None
    if alternative:
        return Feedback(task.id, "defensible", alternative)
    for h in task.hints:
        if h.test(value, expected):
            return Feedback(task.id, "wrong", h.message)
    if task.kind == "number":
        few = _too_few_places(value, float(expected), task)
        if few:
            return Feedback(task.id, "wrong", few)
    return Feedback(task.id, "wrong", task.hint)


def _set_difference(value: set, expected: set, task: Task) -> str:
    """How a chosen set differs from the key, in plain words naming what is chosen ("arguments for this reading")."""
    noun = task.noun or ("options the question asks for" if task.options else "rows the question asks for")
    extra, missing = len(value - expected), len(expected - value)
    parts = []
    if extra:
        parts.append(f"{extra} of your {len(value)} choices {'is' if extra == 1 else 'are'} not among the {noun}")
    if missing:
        parts.append(f"{missing} of the {noun} {'is' if missing == 1 else 'are'} missing from your answer")
    return "Not yet: " + " and ".join(parts) + "."


_KIND_WORDS = {"number": "a number", "integer": "a whole number", "choice": "an option letter such as 'b'",
               "set": "a list of ids", "mapping": "counts per label", "judgement": "one label per letter"}


def _unknown_task(tasks: Mapping[str, Task], task_id) -> Feedback:
    name = str(task_id)
    close = difflib.get_close_matches(name, list(tasks), n=1, cutoff=0.6)
    if close:
        tip = f"Did you mean {close[0]!r}?"
    else:
        prefixes = sorted({t.split(".")[0] for t in tasks})
        tip = f"Task names start with {', '.join(repr(p + '.') for p in prefixes)}, as in the cell you were given."
    return Feedback(name, "invalid", f"There is no task {name!r}. Check the task name in the cell. {tip}")


def is_key_answer(task: Task, answer) -> bool:
    """Whether ``answer`` is the course's own answer, as the solution notebooks must give it: for a judgement task
    (which check() never calls correct) the course's label for every item; otherwise what check() calls correct."""
    if task.kind == "judgement":
        try:
            return _as_labels(answer, task) == _course_labels(task)
        except _Invalid:
            return False
    return check({task.id: task}, task.id, answer).status == "correct"


def check(tasks: Mapping[str, Task], task_id: str, answer=...) -> Feedback:
    """Check an answer to one of ``tasks`` and return feedback. A problem with the answer (unanswered, missing,
    wrong type or shape) is feedback, never an exception."""
    if not isinstance(task_id, str) or task_id not in tasks:
        return _unknown_task(tasks, task_id)
    task = tasks[task_id]
    if answer is ... or (isinstance(answer, str) and answer.strip() in ("", "...")):
        return Feedback(task_id, "unanswered", "Replace the ... with your answer, then run the cell again.")
    if _is_missing(answer):
        kind = _KIND_WORDS[task.kind]
        if answer is None:
            why = ("Did the cell that computes it end with print() or an assignment instead of the value itself? "
                   "print() shows a value but returns None.")
            return Feedback(task_id, "invalid", f"Your answer is None; expected {kind}. {why}")
        return Feedback(task_id, "invalid", f"Your answer is NaN (not a number); expected {kind}. A calculation "
                        "probably used a missing value or a filter that selected no rows.")
    try:
        return _judge(task, answer)
    except _Invalid as exc:
        return Feedback(task_id, "invalid", str(exc))
