"""Exercise checks with instant feedback, and the student notebooks made from the solution notebooks.

A check never raises: a right answer gets a confirmation and a sentence on why; a wrong one a targeted hint; an
unanswered task (``...``) a prompt; ``None``, NaN, an empty table or a wrong type a message saying what was
expected. The answers live here (or are computed from the course data), never in the student notebook.

One source for solutions and student notebooks: ``exercises/solutions/*.ipynb`` are the teacher's notebooks;
``python -m thaw.exercises build`` writes the student versions to ``exercises/`` by removing every block between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` (code) or ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``
(markdown), and every cell tagged ``solution``. ``python -m thaw.exercises check`` fails if they are out of date.
"""
from __future__ import annotations

import html
import json
import math
import numbers
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["Feedback", "Task", "check", "register", "tasks", "essay_feedback", "student_version"]

ICONS = {"correct": "✅", "wrong": "❌", "unanswered": "✏️", "invalid": "⚠️"}
TITLES = {"correct": "Correct", "wrong": "Not yet", "unanswered": "Not answered yet", "invalid": "Check your answer's type"}


@dataclass(frozen=True)
class Feedback:
    """The result of a check. Truthy only when correct. Shows itself as a coloured box in Jupyter."""

    task: str
    status: str  # correct | wrong | unanswered | invalid
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        return f"{ICONS[self.status]} {TITLES[self.status]} ({self.task}): {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return (
            f'<div class="thaw-feedback thaw-feedback-{self.status}" role="status" '
            f'style="border-left:5px solid {_COLOURS[self.status]};padding:.5em .8em;margin:.4em 0;'
            f'background:{_COLOURS[self.status]}1a">'
            f"<strong>{ICONS[self.status]} {TITLES[self.status]}</strong> "
            f'<span style="opacity:.7">({html.escape(self.task)})</span><br>{html.escape(self.message)}</div>'
        )


_COLOURS = {"correct": "#009E73", "wrong": "#D55E00", "unanswered": "#0072B2", "invalid": "#E69F00"}


@dataclass
class Task:
    """One auto-checked task.

    kind: "number" (tolerance), "integer", "choice" (one option letter), "set" (several ids or letters),
    "mapping" (label -> number, e.g. counts per category). ``expected`` is a value or a function computing it
    from the course data. ``hints`` are (test, message) pairs tried in order on a wrong answer: a targeted hint
    for a known mistake. ``why`` is shown with a right answer."""

    id: str
    kind: str
    expected: object
    why: str
    hint: str
    hints: list[tuple[Callable[[object, object], bool], str]] = field(default_factory=list)
    tolerance: float = 0.0
    relative: bool = True
    options: tuple[str, ...] = ()

    def answer(self):
        return self.expected() if callable(self.expected) else self.expected


_TASKS: dict[str, Task] = {}


def register(task: Task) -> Task:
    _TASKS[task.id] = task
    return task


def tasks() -> dict[str, Task]:
    from . import tasks as _defs  # noqa: F401  (registers the course's tasks)

    return dict(_TASKS)


# ----------------------------------------------------------------------------- normalising answers
class _Invalid(Exception):
    pass


def _is_missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _describe(x) -> str:
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
            raise _Invalid(f"Expected {what}, but got {_describe(x)}. Pick out the single value, e.g. with .iloc[0] or .sum().")
    if isinstance(x, bool) or not isinstance(x, numbers.Number):
        if isinstance(x, str):
            try:
                x = float(x.replace(",", "").replace("%", ""))
            except ValueError:
                raise _Invalid(f"Expected {what}, but got the text {x!r}. Give the number itself, without quotes.") from None
        else:
            raise _Invalid(f"Expected {what}, but got {_describe(x)}.")
    x = float(x)
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
    if isinstance(x, Mapping) or not isinstance(x, Iterable):
        raise _Invalid(f"Expected a list of ids such as ['a', 'b'], but got {_describe(x)}.")
    items = list(x)
    if not items:
        raise _Invalid("Expected a list of ids, but the list is empty.")
    if not all(isinstance(i, str) for i in items):
        raise _Invalid(f"Expected a list of text ids such as ['a', 'b'], but it holds {_describe(items[0])}.")
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
        raise _Invalid(f"Expected counts per label (a pandas Series or a dict), but got {_describe(x)}.")
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
            raise _Invalid(f"Expected one option letter as text, such as 'b', but got {_describe(answer)}.")
        value = answer.strip().lower().strip("()")
        if value not in {o.lower() for o in task.options}:
            raise _Invalid(f"{answer!r} is not one of the options: {', '.join(task.options)}.")
        ok = value == str(expected).lower()
    elif task.kind == "set":
        value = _as_set(answer, task.options or None)
        exp = {e.lower() for e in expected}
        ok = value == exp
        if not ok and not any(test(value, exp) for test, _ in task.hints):
            missing, extra = len(exp - value), len(value - exp)
            parts = []
            if extra:
                parts.append(f"{extra} of your choices {'does' if extra == 1 else 'do'} not belong")
            if missing:
                parts.append(f"{missing} {'is' if missing == 1 else 'are'} missing")
            return Feedback(task.id, "wrong", f"{' and '.join(parts).capitalize()}. {task.hint}")
    elif task.kind == "mapping":
        value = _as_mapping(answer)
        exp = {str(k).lower(): float(v) for k, v in expected.items()}
        ok = set(value) == set(exp) and all(_close(value[k], exp[k], task) for k in exp)
        if not ok and set(value) != set(exp) and not any(test(value, exp) for test, _ in task.hints):
            return Feedback(task.id, "wrong", f"Your labels are {', '.join(sorted(value))}; expected "
                            f"{len(exp)} labels. {task.hint}")
    else:  # pragma: no cover - a task definition error, caught by the tests
        raise ValueError(f"unknown task kind {task.kind!r}")
    if ok:
        return Feedback(task.id, "correct", task.why)
    for test, message in task.hints:
        try:
            if test(value, expected):
                return Feedback(task.id, "wrong", message)
        except Exception:  # a hint that does not apply to this answer's shape
            continue
    return Feedback(task.id, "wrong", task.hint)


def check(task_id: str, answer=...) -> Feedback:
    """Check an answer and return feedback (shown as a box when it is a cell's last line). Never raises."""
    all_tasks = tasks()
    if task_id not in all_tasks:
        return Feedback(str(task_id), "invalid", f"There is no task {task_id!r}. Check the task name in the cell; "
                        f"this notebook's tasks start with {str(task_id).split('.')[0]!r}.")
    task = all_tasks[task_id]
    if answer is ... or (isinstance(answer, str) and answer.strip() in ("", "...")):
        return Feedback(task_id, "unanswered", "Replace the ... with your answer, then run the cell again.")
    if _is_missing(answer):
        kind = {"number": "a number", "integer": "a whole number", "choice": "an option letter such as 'b'",
                "set": "a list of ids", "mapping": "counts per label"}[task.kind]
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
    except Exception as exc:  # never a traceback for the student
        return Feedback(task_id, "invalid", f"Your answer could not be checked ({type(exc).__name__}). "
                        f"Expected {task.kind} answer; you gave {_describe(answer)}.")


# ----------------------------------------------------------------------------- the open writing task
def essay_feedback(text=..., low: int = 300, high: int = 600) -> Feedback:
    """Formative feedback on the open writing task: length, use of both readings, sources and dates. It does not
    grade the argument: the rubric does, with a teacher or a peer."""
    if text is ... or (isinstance(text, str) and not text.strip()):
        return Feedback("essay", "unanswered", "Write your evaluation between the triple quotes, then run the cell.")
    if not isinstance(text, str):
        return Feedback("essay", "invalid", f"Expected your text as a string in triple quotes, but got {_describe(text)}.")
    words = len(re.findall(r"\b[\w'-]+\b", text))
    notes = []
    if words < low:
        notes.append(f"{words} words: aim for at least {low}.")
    elif words > high:
        notes.append(f"{words} words: try to cut to {high} or fewer.")
    else:
        notes.append(f"{words} words: a good length.")
    low_text = text.lower()
    if not re.search(r"reform", low_text) or not re.search(r"fail|limit|stalinis|system", low_text):
        notes.append("Weigh both readings: the case for the reformer and the case for the failed reformer.")
    if not re.search(r"\b1[89]\d\d\b", text):
        notes.append("Anchor your claims in dated events (for example 1956, 1957, 1962).")
    if not re.search(r"\(\s*[A-Z][A-Za-z-]+,? \d{4}|[A-Z][a-z]+ \(\d{4}\)", text):
        notes.append("Cite at least two historians, e.g. (Taubman 2003) or Filtzer (1993).")
    done = len(notes) == 1 and low <= words <= high
    return Feedback("essay", "correct" if done else "wrong",
                    " ".join(notes) + (" Now assess it against the rubric's four criteria." if done else ""))


# ----------------------------------------------------------------------------- student notebooks
_CODE_BLOCK = re.compile(r"^[ \t]*### BEGIN SOLUTION[^\n]*\n.*?^[ \t]*### END SOLUTION[^\n]*(\n|$)", re.S | re.M)
_MD_BLOCK = re.compile(r"<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->\n?", re.S)
_MARKERS = re.compile(r"^[ \t]*(### (BEGIN|END) SOLUTION|<!-- (BEGIN|END) SOLUTION -->)[^\n]*\n?", re.M)


def student_version(nb: dict) -> dict:
    """The student notebook: solution blocks and solution-tagged cells removed, outputs cleared."""
    nb = json.loads(json.dumps(nb))
    cells = []
    for cell in nb["cells"]:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            continue
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        src = _CODE_BLOCK.sub("", src) if cell["cell_type"] == "code" else _MD_BLOCK.sub("", src)
        cell["source"] = src.rstrip("\n")
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        cell.pop("id", None)
        cells.append(cell)
    nb["cells"] = cells
    nb["metadata"].pop("widgets", None)
    nb["metadata"]["thaw"] = {"generated": "student version; edit exercises/solutions/ and run make student"}
    return nb


def solution_clean(nb: dict) -> dict:
    """The solution notebook as rendered for teachers: markers removed, everything else kept."""
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cell["source"] = _MARKERS.sub("", src)
    return nb


def _dump(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def build(root: Path, write: bool = True) -> list[Path]:
    """Write (or, with write=False, list the stale) student notebooks. Returns the paths that differ."""
    stale = []
    for src in sorted((root / "exercises" / "solutions").glob("*.ipynb")):
        target = root / "exercises" / src.name
        text = _dump(student_version(json.loads(src.read_text(encoding="utf-8"))))
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            stale.append(target)
            if write:
                target.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str]) -> int:
    from .data import root as course_root

    cmd = argv[0] if argv else "build"
    if cmd not in ("build", "check"):
        print("usage: python -m thaw.exercises [build|check]", file=sys.stderr)
        return 2
    stale = build(course_root(), write=cmd == "build")
    if cmd == "check" and stale:
        print("Out of date (run `make student`): " + ", ".join(str(p) for p in stale), file=sys.stderr)
        return 1
    for p in stale:
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
