"""Single-choice questions cannot be passed blind: in the exercises and in the quizzes, no strategy that looks only at
the length of the options (always the longest, always the shortest, always one of the two longest) scores more than
chance plus one question. Ties share the credit (picking at random among equally long options)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import thaw
from thaw.exercises import tasks

TASKS = tasks()

ROOT = Path(__file__).resolve().parent.parent
_OPTION = re.compile(r"^[ \t]*[-*][ \t]+\*\*([a-z])\)\*\*(.*)$", re.M)
_MARK = re.compile(r"<!--.*?-->")


def exercise_questions() -> list[tuple[str, dict[str, str], str]]:
    """(task id, {letter: option text}, key) for every single-choice task, read from the solution notebooks."""
    out = []
    for path in sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")):
        prompt: list[str] = []
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            src = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                prompt.append(src)
                continue
            found = re.search(r'check\("([\w.]+)"', src)
            if found:
                task = TASKS[found.group(1)]
                if task.kind == "choice":
                    options = {k: _MARK.sub("", v).strip() for k, v in _OPTION.findall("\n".join(prompt))}
                    out.append((task.id, options, str(task.answer())))
                prompt = []
    return out


def quiz_questions() -> list[tuple[str, dict[str, str], str]]:
    quiz = thaw.load("quiz")
    return [(qid, dict(zip(rows["option"], rows["text"])), rows.loc[rows["correct"] == "yes", "option"].iloc[0])
            for qid, rows in quiz.groupby("question_id", sort=False)]


def _longest(lengths: dict[str, int], key: str) -> float:
    top = [k for k, n in lengths.items() if n == max(lengths.values())]
    return (key in top) / len(top)


def _shortest(lengths: dict[str, int], key: str) -> float:
    low = [k for k, n in lengths.items() if n == min(lengths.values())]
    return (key in low) / len(low)


def _two_longest(lengths: dict[str, int], key: str) -> float:
    """Pick one of the two longest at random: half a point when the key is among them (ties at the cut shared)."""
    cut = sorted(lengths.values(), reverse=True)[1]
    above = [k for k, n in lengths.items() if n > cut]
    at = [k for k, n in lengths.items() if n == cut]
    share = {k: 1.0 for k in above} | {k: (2 - len(above)) / len(at) for k in at}
    return share.get(key, 0.0) / 2


STRATEGIES = {"always the longest": _longest, "always the shortest": _shortest,
              "always one of the two longest": _two_longest}


def blind_scores(questions) -> dict[str, float]:
    scores = dict.fromkeys(STRATEGIES, 0.0)
    for _, options, key in questions:
        lengths = {k: len(v) for k, v in options.items()}
        for name, strategy in STRATEGIES.items():
            scores[name] += strategy(lengths, key)
    return scores


SETS = {"exercises": exercise_questions, "quizzes": quiz_questions,
        "exercises and quizzes": lambda: exercise_questions() + quiz_questions()}


@pytest.mark.parametrize("which", sorted(SETS))
def test_no_blind_strategy_beats_chance_plus_one(which):
    questions = SETS[which]()
    assert len(questions) >= 8
    chance = sum(1 / len(options) for _, options, _ in questions)
    for name, score in blind_scores(questions).items():
        assert score <= chance + 1, (f"{which}: '{name}' scores {score:g} of {len(questions)}, chance is "
                                     f"{chance:g}: make the right options less distinctive by length")


def test_exercise_options_are_of_similar_length():
    """Style as well as score: no option of a single-choice exercise is more than half as long again as another."""
    for tid, options, _ in exercise_questions():
        lengths = [len(v) for v in options.values()]
        assert len(options) == 4 and max(lengths) <= 1.5 * min(lengths), (tid, options)


def test_the_strategies_catch_a_giveaway():
    """The measure works: a set where the key is always the longest fails it."""
    rigged = [(str(i), {"a": "x" * 90, "b": "x" * 40, "c": "x" * 50, "d": "x" * 45}, "a") for i in range(8)]
    scores = blind_scores(rigged)
    assert scores["always the longest"] == 8 and scores["always one of the two longest"] == 4
