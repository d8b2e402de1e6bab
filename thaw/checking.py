"""The checking engine: one answer against one task, with feedback for a student.

It knows nothing about the course (the tasks and their answers are in ``thaw.tasks``, the notebook-facing
``check`` in ``thaw.exercises``) and imports nothing else from the package.

A right answer gets a confirmation and a sentence on why; a wrong one a targeted hint; an unanswered task (``...``)
a prompt; ``None``, NaN, an empty table or a wrong type a message saying what was expected. Anything else is a bug in
a task definition and raises, so that the tests (which feed every kind of answer) find it.
"""
from __future__ import annotations

import difflib
import html
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Feedback", "Hint", "Task", "check", "describe"]

ICONS = {"correct": "✅", "wrong": "❌", "unanswered": "✏️", "invalid": "⚠️", "formative": "📝", "defensible": "⚖️"}
TITLES = {"correct": "Correct", "wrong": "Not yet", "unanswered": "Not answered yet", "invalid": "Check your answer's type",
          "formative": "Checklist, not a grade", "defensible": "Defensible, with a different key"}
_COLOURS = {"correct": "#009E73", "wrong": "#D55E00", "unanswered": "#0072B2", "invalid": "#E69F00",
            "formative": "#56B4E9", "defensible": "#CC79A7"}
# "correct" only for closed questions with one right answer (a date, a count, a documented fact). Open and debatable
# answers get "formative" (a checklist or a comparison with the course's view) or "defensible" (an answer the
# course keys differently but accepts, with the reason): never "correct".
KINDS = ("number", "integer", "choice", "set", "mapping")


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
            f'<span style="opacity:.7">({html.escape(self.task)})</span><br>{html.escape(self.message).replace(chr(10), "<br>")}</div>'
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
    tolerance: float = 0.0
    relative: bool = True
    options: tuple[str, ...] = ()
    option_ids: Mapping[str, str] = field(default_factory=dict)

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


def _as_number(x, integer: bool = False) -> float:
    what = "a whole number (for example 1956)" if integer else "a number (for example 0.68 or 1234)"
    if isinstance(x, (pd.Series, pd.DataFrame)):
        if x.size == 1:
            x = x.to_numpy().ravel()[0]
        else:
            raise _Invalid(f"Expected {what}, but got {describe(x)}. Pick out the single value, e.g. with .iloc[0] or .sum().")
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


def _as_set(x, allowed: Iterable[str] | None = None) -> set[str]:
    if isinstance(x, pd.DataFrame):
        if x.empty:
            raise _Invalid("Expected a list of ids, but got an empty table: your filter selected no rows.")
        if "id" in x.columns:
            x = x["id"]
        else:
            raise _Invalid("Expected a list of ids, but got a table without an 'id' column. Use frame['id'].")
    if isinstance(x, str):
        x = re.split(r"[,\s;]+", x.strip()) if x.strip() else []
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
    if allowed is not None:
        unknown = out - {a.lower() for a in allowed}
        if unknown:
            raise _Invalid(f"{', '.join(sorted(unknown))} is not one of the options: {', '.join(allowed)}.")
    return out


def _as_mapping(x) -> dict[str, float]:
    if isinstance(x, pd.DataFrame):
        if x.empty:
            raise _Invalid("Expected counts per label (a Series or dict), but got an empty table.")
        if x.shape[1] == 1:
            x = x.iloc[:, 0]
        else:
            raise _Invalid("Expected counts per label (a Series, e.g. from .value_counts()), but got a table with "
                           f"{x.shape[1]} columns.")
    if isinstance(x, pd.Series):
        if x.empty:
            raise _Invalid("Expected counts per label, but the Series is empty: did your filter select any rows?")
        x = x.to_dict()
    if not isinstance(x, Mapping):
        raise _Invalid(f"Expected counts per label (a pandas Series or a dict), but got {describe(x)}.")
    return {str(k).strip().lower(): _as_number(v) for k, v in x.items()}


# ----------------------------------------------------------------------------- checking
def _close(a: float, b: float, task: Task) -> bool:
    tol = task.tolerance * (abs(b) if task.relative else 1)
    return abs(a - b) <= max(tol, 1e-9)


def _judge(task: Task, answer) -> Feedback:
    expected = task.answer()
    if task.kind in ("number", "integer"):
        value = _as_number(answer, integer=task.kind == "integer")
        ok = _close(value, float(expected), task)
    elif task.kind == "choice":
        if not isinstance(answer, str):
            raise _Invalid(f"Expected one option letter as text, such as 'b', but got {describe(answer)}.")
        value = answer.strip().lower().strip("()")
        if value not in {o.lower() for o in task.options}:
            raise _Invalid(f"{answer!r} is not one of the options: {', '.join(task.options)}.")
        ok = value == str(expected).lower()
    elif task.kind == "set":
        value = _as_set(answer, task.options or None)
        exp = {e.lower() for e in expected}
        ok = value == exp
        if not ok and not any(h.test(value, exp) for h in task.hints):
            missing, extra = len(exp - value), len(value - exp)
            parts = []
            if extra:
                parts.append(f"{extra} of your choices {'does' if extra == 1 else 'do'} not belong")
            if missing:
                parts.append(f"{missing} {'is' if missing == 1 else 'are'} missing")
            return Feedback(task.id, "wrong", f"{' and '.join(parts).capitalize()}. {task.hint}")
    else:  # mapping
        value = _as_mapping(answer)
        exp = {str(k).lower(): float(v) for k, v in expected.items()}
        ok = set(value) == set(exp) and all(_close(value[k], exp[k], task) for k in exp)
        if not ok and set(value) != set(exp) and not any(h.test(value, exp) for h in task.hints):
            return Feedback(task.id, "wrong", f"Your labels are {', '.join(sorted(value))}; expected "
                            f"{len(exp)} labels. {task.hint}")
    if ok:
        return Feedback(task.id, "correct", task.why)
    for h in task.hints:
        if h.test(value, expected):
            return Feedback(task.id, "wrong", h.message)
    return Feedback(task.id, "wrong", task.hint)


_KIND_WORDS = {"number": "a number", "integer": "a whole number", "choice": "an option letter such as 'b'",
               "set": "a list of ids", "mapping": "counts per label"}


def _unknown_task(tasks: Mapping[str, Task], task_id) -> Feedback:
    name = str(task_id)
    close = difflib.get_close_matches(name, list(tasks), n=1, cutoff=0.6)
    if close:
        tip = f"Did you mean {close[0]!r}?"
    else:
        prefixes = sorted({t.split(".")[0] for t in tasks})
        tip = f"Task names start with {', '.join(repr(p + '.') for p in prefixes)}, as in the cell you were given."
    return Feedback(name, "invalid", f"There is no task {name!r}. Check the task name in the cell. {tip}")


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
