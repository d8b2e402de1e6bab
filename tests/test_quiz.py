"""Self-check quizzes: built from data, one right answer each, no script (so they work anywhere)."""
from __future__ import annotations

import re

import pytest

import thaw


def test_every_question_has_four_options_and_one_right_answer():
    q = thaw.load("quiz")
    for qid, rows in q.groupby("question_id"):
        assert sorted(rows["option"]) == ["a", "b", "c", "d"], qid
        assert (rows["correct"] == "yes").sum() == 1, qid
        assert rows["question"].nunique() == 1 and rows["chapter"].nunique() == 1, qid


@pytest.mark.parametrize("chapter", ["q1", "q2", "q3", "critical_reading"])
def test_quiz_html_is_accessible_and_scriptless(chapter):
    html = thaw.quiz(chapter)._repr_html_()
    frame = thaw.load("quiz").query("chapter == @chapter")
    n = frame["question_id"].nunique()
    assert n >= 4
    assert html.count("<fieldset") == n and html.count("<legend>") == n
    assert html.count('type="radio"') == len(frame)
    assert "<script" not in html
    names = set(re.findall(r'name="([^"]+)"', html))
    assert len(names) == n  # one radio group per question: arrow keys stay within a question


def test_unknown_chapter_is_a_clear_error():
    with pytest.raises(ValueError, match="No quiz questions for 'q7'"):
        thaw.quiz("q7")
