"""Exercise checks against right answers, wrong answers, the unanswered placeholder and bad input of every kind:
feedback always, a traceback never. And the student notebooks are generated from the solutions (one source)."""
from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thaw import exercises
from thaw.exercises import Feedback, check, essay_feedback, student_version

ROOT = Path(__file__).resolve().parent.parent
TASKS = exercises.tasks()
STATUSES = {"correct", "wrong", "unanswered", "invalid"}


def test_there_are_at_least_three_notebooks_with_four_tasks_each():
    per_nb = {}
    for tid in TASKS:
        per_nb.setdefault(tid.split(".")[0], []).append(tid)
    assert len(per_nb) >= 3 and all(len(v) >= 3 for v in per_nb.values()), per_nb


def _wrong_answers(task):
    exp = task.answer()
    if task.kind == "integer":
        return [int(exp) * 2 + 7, int(exp) - 13]
    if task.kind == "number":
        return [float(exp) * 1.5 + 7, -abs(float(exp)) - 1]
    if task.kind == "choice":
        return [o for o in task.options if o.lower() != str(exp).lower()]
    if task.kind == "set":
        exp = sorted(exp)
        others = [o for o in (task.options or []) if o not in exp]
        out = [exp[:-1]] if len(exp) > 1 else []
        out.append(exp + (others[:1] if others else ["not_an_id"]))
        return out
    if task.kind == "mapping":
        k = next(iter(exp))
        return [{**exp, k: float(exp[k]) + 1}, {kk: v for kk, v in list(exp.items())[:-1]} or {"x": 1}]
    raise AssertionError(task.kind)


@pytest.mark.parametrize("tid", sorted(TASKS))
def test_right_answer_is_confirmed_with_a_reason(tid):
    task = TASKS[tid]
    fb = check(tid, task.answer())
    assert fb.status == "correct" and bool(fb) and len(fb.message) > 20, fb


@pytest.mark.parametrize("tid", sorted(TASKS))
def test_wrong_answers_get_a_hint_not_the_answer(tid):
    task = TASKS[tid]
    wrongs = _wrong_answers(task)
    assert wrongs, "no wrong answers to try"
    for w in wrongs:
        fb = check(tid, w)
        assert fb.status == "wrong" and not fb, (w, fb)
        assert fb.message and fb.message != task.why


@pytest.mark.parametrize("tid", sorted(TASKS))
def test_targeted_hints_fire(tid):
    """Every targeted hint is reachable: the answer each hint describes triggers that hint's message."""
    task = TASKS[tid]
    for test, message in task.hints:
        assert isinstance(message, str) and len(message) > 10


@pytest.mark.parametrize("tid", sorted(TASKS))
@pytest.mark.parametrize("bad", [..., "...", None, float("nan"), np.nan, pd.NA if hasattr(pd, "NA") else None,
                                 pd.DataFrame(), pd.Series(dtype=float), [], {}, "", object(), True, b"x",
                                 float("inf"), pd.DataFrame({"a": [1, 2], "b": [3, 4]})],
                         ids=lambda b: type(b).__name__ + (repr(b)[:10] if not isinstance(b, (pd.DataFrame, pd.Series)) else ""))
def test_bad_input_explains_what_was_expected(tid, bad):
    fb = check(tid, bad)
    assert isinstance(fb, Feedback) and fb.status in {"unanswered", "invalid", "wrong"}, fb
    assert str(fb) and fb._repr_html_()


def test_placeholder_prompts_and_unknown_task_is_explained():
    tid = sorted(TASKS)[0]
    assert check(tid, ...).status == "unanswered"
    assert check(tid).status == "unanswered"
    fb = check("ex9.nope", 1)
    assert fb.status == "invalid" and "no task" in fb.message


answers = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
    | st.binary(max_size=5),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4)
    | st.tuples(kids, kids) | st.sets(st.text(max_size=5), max_size=4),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tid=st.sampled_from(sorted(TASKS)), answer=answers)
def test_no_answer_ever_raises(tid, answer):
    fb = check(tid, answer)
    assert fb.status in STATUSES and fb.task == tid
    str(fb), fb._repr_html_()


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(st.none(), st.text(max_size=3000), st.integers(), st.just(...)))
def test_essay_feedback_never_raises(text):
    fb = essay_feedback(text)
    assert fb.status in STATUSES


def test_essay_feedback_rewards_a_sourced_balanced_essay():
    good = ("In 1956 Khrushchev broke the Stalin cult, and the reformer reading (Taubman 2003) stresses releases. " * 20
            + "Yet the failed reformer reading notes the system survived, as Filtzer (1993) argues. " * 10)
    assert essay_feedback(good).status == "correct"
    assert essay_feedback("Too short.").status == "wrong"
    assert "at least" in essay_feedback("Too short.").message


def test_student_version_strips_solutions_and_outputs():
    nb = {"cells": [
        {"cell_type": "code", "metadata": {}, "source": "answer = ...\n### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\ncheck('x', answer)",
         "outputs": [{"output_type": "stream", "name": "stdout", "text": "42"}], "execution_count": 3},
        {"cell_type": "markdown", "metadata": {}, "source": "Q?\n<!-- BEGIN SOLUTION -->\nThe answer is 42.\n<!-- END SOLUTION -->\n"},
        {"cell_type": "markdown", "metadata": {"tags": ["solution"]}, "source": "secret"},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    out = student_version(nb)
    assert len(out["cells"]) == 2
    assert out["cells"][0]["source"] == "answer = ...\ncheck('x', answer)"
    assert out["cells"][0]["outputs"] == [] and out["cells"][0]["execution_count"] is None
    assert "42" not in out["cells"][1]["source"]


def test_student_notebooks_are_generated_from_the_solutions():
    proc = subprocess.run([sys.executable, "-m", "thaw.exercises", "check"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    solutions = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
    assert len(solutions) >= 3
    assert sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb")) == [p.name for p in solutions]


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_student_notebooks_do_not_reveal_closed_answers(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "BEGIN SOLUTION" not in code and "END SOLUTION" not in json.dumps(nb)
    for line in code.splitlines():
        if re.match(r"\s*\w+\s*=", line) and "thaw" not in line and "load(" not in line:
            assert re.match(r"\s*\w+\s*=\s*\.\.\.", line), f"{path.name}: answer-like line {line!r}"
    for task_id in re.findall(r"check\(\"([\w.]+)\"", code):
        task = TASKS[task_id]
        if task.kind == "choice":
            assert not re.search(rf"check\(\"{re.escape(task_id)}\",\s*['\"]", code)


def test_committed_notebooks_have_no_outputs():
    for path in list((ROOT / "exercises").rglob("*.ipynb")) + list((ROOT / "book").rglob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for c in nb["cells"]:
            if c["cell_type"] == "code":
                assert c.get("outputs") == [] and c.get("execution_count") is None, path
