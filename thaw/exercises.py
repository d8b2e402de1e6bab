"""What the exercise notebooks call: ``check(task_id, answer)`` for instant feedback, ``essay_feedback(text)`` for
the open writing task.

    from thaw.exercises import check
    check("ex1.days_to_speech", answer)

The work is done elsewhere, one job per module and no import circle:

- ``thaw.checking``: the engine (normalising answers, judging, feedback); imports nothing else from the package;
- ``thaw.keys``: the answer key, read from ``exercises/keys/*.yaml`` (one file per exercise), and its static twin for
  the book (``static_key``); imports the engine, the data and ``thaw.tasks`` (the values computed from the data);
- ``thaw.essay``: the checklists for open answers (the essay, short source tasks); imports the engine;
- ``thaw.errors``: ``plain_errors()``, called by each exercise's setup cell, explains an unquoted letter, a
  misspelt id or column and a text in single quotes in plain words (the error still shows and the cell fails);
- ``thaw.student``: makes the student notebooks from the solutions and checks the key against them
  (``python -m thaw.student build|check``).
"""
from __future__ import annotations

import sys

from . import checking, keys
from .checking import Feedback, Task
from .errors import install as plain_errors
from .essay import essay_feedback, written_feedback

__all__ = ["Feedback", "Task", "check", "essay_feedback", "plain_errors", "tasks", "written_feedback"]


def tasks() -> dict[str, Task]:
    """The course's auto-checked tasks by id, from the key files (read again when a file changes)."""
    return keys.tasks()


def check(task_id: str, answer=...) -> Feedback:
    """Check an answer and return feedback (shown as a box when it is a cell's last line). A problem with the answer
    is feedback, never an exception."""
    return checking.check(keys.tasks(), task_id, answer)


if __name__ == "__main__":  # the old command line, `python -m thaw.exercises build|check`, still works
    from .student import main

    sys.exit(main(sys.argv[1:]))
