"""Exercise checks against right answers, wrong answers, the unanswered placeholder and bad input of every kind:
feedback always, a traceback never. The student notebooks are generated from the solutions (one source), the answer
key agrees with the solution notebooks, and the modules have one job each with no import circle."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thaw import checking, exercises
from thaw.exercises import Feedback, check, essay_feedback
from thaw.student import key_problems, student_version

ROOT = Path(__file__).resolve().parent.parent
TASKS = exercises.tasks()
STATUSES = {"correct", "wrong", "unanswered", "invalid", "formative", "defensible"}


def test_there_are_at_least_three_notebooks_with_four_tasks_each():
    per_nb = {}
    for tid in TASKS:
        per_nb.setdefault(tid.split(".")[0], []).append(tid)
    assert len(per_nb) >= 3 and all(len(v) >= 4 for v in per_nb.values()), per_nb


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
    if task.kind == "judgement":
        return []
    if task.kind == "mapping":
        k = next(iter(exp))
        return [{**exp, k: float(exp[k]) + 1}, {kk: v for kk, v in list(exp.items())[:-1]} or {"x": 1}]
    raise AssertionError(task.kind)


@pytest.mark.parametrize("tid", sorted(TASKS))
def test_right_answer_is_confirmed_with_a_reason(tid):
    task = TASKS[tid]
    fb = check(tid, task.answer())
    if task.kind == "judgement":  # the course compares; it never marks a judgement "correct"
        assert fb.status == "formative" and not fb and "agree on" in fb.message, fb
        return
    assert fb.status == "correct" and bool(fb) and len(fb.message) > 20, fb


@pytest.mark.parametrize("tid", sorted(TASKS))
def test_wrong_answers_get_a_hint_not_the_answer(tid):
    task = TASKS[tid]
    if task.kind == "judgement":
        pytest.skip("a judgement task has no wrong answers, only differences (tested below)")
    wrongs = _wrong_answers(task)
    assert wrongs, "no wrong answers to try"
    for w in wrongs:
        fb = check(tid, w)
        assert fb.status == "wrong" and not fb, (w, fb)
        assert fb.message and fb.message != task.why


@pytest.mark.parametrize("tid", sorted(TASKS))
def test_targeted_hints_fire(tid):
    """Every targeted hint is reachable: the mistake each hint describes (its example) gets that hint's message."""
    task = TASKS[tid]
    for i, hint in enumerate(task.hints):
        assert isinstance(hint.message, str) and len(hint.message) > 10
        assert hint.example is not None, f"hint {i} of {tid} has no example of the mistake it describes"
        example = hint.example(task.answer()) if callable(hint.example) else hint.example
        fb = check(tid, example)
        assert fb.status == "wrong" and fb.message == hint.message, (
            f"hint {i} of {tid}: the answer {example!r} got {fb}, not the hint {hint.message!r}")


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
    # the wrong prefix is not offered back as if it were right; the real ones are
    assert "'ex9'" not in fb.message and "'ex9.'" not in fb.message and "'ex1.'" in fb.message, fb.message
    assert "Did you mean 'ex1.amnesty'" in check("ex1.amnesti", "b").message
    assert check(["ex1.amnesty"], "b").status == "invalid"  # not even a string: still feedback


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


def test_a_bug_in_a_task_raises_instead_of_hiding_as_could_not_be_checked():
    """The engine catches bad answers, not bugs: a hint that raises is a task-definition error the tests must see."""
    def broken(value, expected):
        raise ZeroDivisionError("a bug in a hint")

    tasks = {"t.x": checking.Task("t.x", "integer", 3, why="because", hint="try again",
                                  hints=[checking.Hint(broken, "never shown", 4)])}
    with pytest.raises(ZeroDivisionError):
        checking.check(tasks, "t.x", 4)
    assert checking.check(tasks, "t.x", "four").status == "invalid"  # bad input is still feedback
    assert checking.check(tasks, "t.x", 1j).status == "invalid"


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(st.none(), st.text(max_size=3000), st.integers(), st.just(...)))
def test_essay_feedback_never_raises(text):
    fb = essay_feedback(text)
    assert fb.status in STATUSES


PRAISE = re.compile(r"\b(correct|good|great|excellent|well done|strong|right)\b", re.I)
BALANCED = ("In 1956 Khrushchev broke the Stalin cult, and the reformer reading (Taubman 2003) stresses releases. "
            "Yet the failed reformer reading notes the system survived, as Filtzer (1993) argues. ")
PADDED_AND_GAMED = {
    "filler with one citation": "Khrushchev was a very important leader of the Soviet Union. " * 60 + "(Taubman 2003)",
    "the same paragraph twenty times": BALANCED * 20,
    "one work cited over and over": " ".join(f"Point {i}: the reformer failed in 1956, 1957 and 1962 (Taubman 2003)."
                                             for i in range(60)),
    "keywords only": "reformer failed reformer 1956 1957 1962 (Taubman 2003) (Filtzer 1993) " * 40,
    "citations without an argument": " ".join(f"(Author{i} 19{50 + i % 40})" for i in range(320)),
    "too short": "Reformer and failed reformer: both (Taubman 2003; Filtzer 1993), 1956, 1957, 1962.",
}


@pytest.mark.parametrize("name", sorted(PADDED_AND_GAMED))
def test_padded_and_gamed_essays_are_never_praised(name):
    fb = essay_feedback(PADDED_AND_GAMED[name])
    assert fb.status == "formative" and not fb, fb
    assert not PRAISE.search(fb.message), fb.message
    assert "☐" in fb.message, f"{name}: every checklist item ticked for a gamed essay"


def test_essay_feedback_is_a_checklist_never_a_grade():
    import json as _json
    nb = _json.loads((ROOT / "exercises" / "solutions" / "ex3_judging_the_reforms.ipynb").read_text(encoding="utf-8"))
    model = next("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code" and 'essay = """' in
                 "".join(c["source"])).split('"""')[3]
    fb = essay_feedback(model)
    assert fb.status == "formative" and "☐" not in fb.message and not PRAISE.search(fb.message), fb
    assert "rubric" in fb.message
    short = essay_feedback("Too short.")
    assert short.status == "formative" and "aim for 300-600" in short.message


@pytest.mark.parametrize("text, works", [
    ("(Taubman 2003)", {("taubman", "2003")}),
    ("Taubman (2003) and Filtzer, 1993", {("taubman", "2003"), ("filtzer", "1993")}),
    ("as Artizov et al. 2000 show", {("artizov et al.", "2000")}),
    ("(Getty et al. 1993; Khlevniuk 2015)", {("getty et al.", "1993"), ("khlevniuk", "2015")}),
    ("Taubman 2003 ... (Taubman 2003) ... Taubman (2003)", {("taubman", "2003")}),
    ("In March 1953 and on 5 June 1956, Khrushchev's 1956 speech", set()),
])
def test_cited_works_recognises_the_usual_forms(text, works):
    from thaw.essay import cited_works

    assert cited_works(text) == works


def test_written_source_task_feedback_is_formative():
    from thaw.essay import written_feedback

    assert written_feedback("ex1.memoir_reliability").status == "unanswered"
    fb = written_feedback("ex1.memoir_reliability", "It is reliable. " * 30)
    assert fb.status == "formative" and not PRAISE.search(fb.message) and "☐" in fb.message


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
    proc = subprocess.run([sys.executable, "-m", "thaw.student", "check"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    solutions = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
    assert len(solutions) >= 3
    assert sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb")) == [p.name for p in solutions]


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_student_notebooks_do_not_reveal_closed_answers(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
                     and "worked-example" not in c.get("metadata", {}).get("tags", []))  # examples on other data
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


def test_answer_key_matches_the_solution_notebooks():
    assert key_problems(ROOT) == []
    marked = [t for t in TASKS.values() if t.option_ids]
    assert len(marked) >= 4, "the letter-to-row maps are tied to the notebooks through their id marks"


def _copy_solutions(tmp_path: Path) -> Path:
    (tmp_path / "exercises" / "solutions").mkdir(parents=True)
    for p in (ROOT / "exercises" / "solutions").glob("*.ipynb"):
        (tmp_path / "exercises" / "solutions" / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path / "exercises" / "solutions"


def test_reordered_options_in_a_notebook_are_caught(tmp_path):
    """Swap two option lines (with their id marks) in a notebook but not in the key: the check names the task."""
    folder = _copy_solutions(tmp_path)
    path = folder / "ex1_whose_decision.ipynb"
    text = path.read_text(encoding="utf-8")
    a, b = TASKS["ex1.collective_arguments"].option_ids["a"], TASKS["ex1.collective_arguments"].option_ids["b"]
    path.write_text(text.replace(a, "@@").replace(b, a).replace("@@", b), encoding="utf-8")
    problems = key_problems(tmp_path)
    assert any("ex1.collective_arguments" in p and "option a" in p for p in problems), problems


def test_changed_solution_letter_and_unchecked_task_are_caught(tmp_path):
    folder = _copy_solutions(tmp_path)
    path = folder / "ex1_whose_decision.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if 'check("ex1.amnesty"' in src:
            cell["source"] = src.replace('answer = "b"', 'answer = "c"')
        if 'check("ex1.approved"' in src:
            cell["source"] = src.replace('check("ex1.approved"', 'print("ex1.approved"')
    path.write_text(json.dumps(nb), encoding="utf-8")
    problems = key_problems(tmp_path)
    assert any("ex1.amnesty" in p and "'c'" in p for p in problems), problems
    assert any(p.startswith("ex1.approved: in the key but checked in no") for p in problems), problems


def test_a_judgement_solution_that_differs_from_the_key_is_caught(tmp_path):
    """A judgement task is never marked correct, so the key check compares labels: a solution that gives one item
    another label than the course does is named, and a defensible alternative is no excuse in a solution."""
    path = _copy_solutions(tmp_path) / "ex4_reading_the_essay_critically.ipynb"
    text = path.read_text(encoding="utf-8")
    assert '\\"a\\": \\"imprecise\\"' in text
    path.write_text(text.replace('\\"a\\": \\"imprecise\\"', '\\"a\\": \\"accurate\\"'), encoding="utf-8")
    problems = key_problems(tmp_path)
    assert any("ex4.judge_claims" in p and "{'a': 'accurate'" in p for p in problems), problems


def test_student_notebooks_carry_no_option_ids():
    """The id marks would give the answers away (q1_collective_...): the student version drops them."""
    for path in (ROOT / "exercises").glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "<!-- id:" not in text, path.name
        assert "q1_collective" not in text and "slip_dongfang" not in text, path.name
    line = "- **a)** An argument <!-- id: q1_collective_pospelov -->\n- **b)** Another"
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": line}], "metadata": {}}
    assert student_version(nb)["cells"][0]["source"] == "- **a)** An argument\n- **b)** Another"


IMPORTS = {  # module -> the thaw modules it may import (the layering of the exercise code)
    "checking": set(),
    "essay": {"checking", "data"},  # data: the bibliography and timeline the checklist compares with
    "tasks": {"data"},
    "keys": {"checking", "data", "tasks"},
    "exercises": {"checking", "errors", "essay", "keys", "student"},
    "errors": set(),
    "student": {"checking", "data", "keys"},
}


@pytest.mark.parametrize("module", sorted(IMPORTS))
def test_exercise_modules_have_no_import_circle(module):
    import ast

    tree = ast.parse((ROOT / "thaw" / f"{module}.py").read_text(encoding="utf-8"))
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            used |= {node.module} if node.module else {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("thaw"):
            used.add((node.module.split(".") + [""])[1] or node.names[0].name)
    assert used <= IMPORTS[module], f"thaw/{module}.py imports {sorted(used - IMPORTS[module])}"
    assert "register" not in dir(checking) and "register" not in dir(exercises)


def _off_by_one(task):
    exp = task.answer()
    if task.kind == "integer":
        return [int(exp) + 1, int(exp) - 1]
    if task.kind == "mapping" and all(float(v).is_integer() for v in exp.values()):  # years or counts per label
        return [{k: float(v) + 1 for k, v in exp.items()}, {k: float(v) - 1 for k, v in exp.items()}]
    return []


@pytest.mark.parametrize("tid", sorted(t for t in TASKS if TASKS[t].kind in ("integer", "mapping")))
def test_years_and_counts_are_exact_and_a_near_miss_gets_no_unrelated_hint(tid):
    """Years and counts are compared exactly. An answer one off (a year, a count) is wrong, and any targeted hint it
    gets must be the hint whose example is exactly that answer (the slip it names), never another slip's hint."""
    task = TASKS[tid]
    for near in _off_by_one(task):
        fb = check(tid, near)
        assert fb.status == "wrong", (near, fb)
        for hint in task.hints:
            if fb.message == hint.message:
                example = hint.example(task.answer()) if callable(hint.example) else hint.example
                assert exercises.check(tid, example).message == fb.message
                norm = {str(k).lower(): float(v) for k, v in example.items()} if isinstance(example, dict) else example
                got = {str(k).lower(): float(v) for k, v in near.items()} if isinstance(near, dict) else near
                about_one_off = norm in _off_by_one(task)  # the hint names this very slip: "one day out"
                assert norm == got or about_one_off, f"{tid}: {near!r} got the hint for {example!r}: {hint.message!r}"


@pytest.mark.parametrize("tid", sorted(TASKS))
def test_no_hint_matches_the_right_answer(tid):
    """A hint names a slip: its test is false for the right answer (so reordering hints cannot misfire)."""
    task = TASKS[tid]
    fb = check(tid, task.answer())
    assert fb.status in ("correct", "formative")
    if task.kind in ("integer", "number"):
        for hint in task.hints:
            assert not hint.test(float(task.answer()), task.answer()), (tid, hint.message)


def _beginner_routes():
    """The commonest beginner routes, each done the way a first-year student would, with words its feedback must
    contain (a specific, correct next step)."""
    import thaw

    events, series = thaw.load("events"), thaw.load("series")
    achievements, allegations = thaw.load("achievements"), thaw.load("allegations")
    dates = events.set_index("id")["date_start"]
    elected = dates["khrushchev_first_secretary"]
    rehab = series[series["measure"] == "review_commission_rehabilitated"]["value"]
    cases = series[series["measure"] == "review_commission_cases_examined"]["value"]
    pop = series[series["measure"] == "gulag_population"]
    return {
        "a Timedelta": ("ex1.days_to_speech", dates["secret_speech"] - dates["stalin_death"], ".days"),
        "a Timestamp": ("ex1.low_year", pop.loc[pop["value"].idxmin(), "date"], ".year"),
        "a filtered table for a count": ("ex3.before_first_secretary",
                                         achievements[achievements["date_start"] < elected], "len("),
        "two filtered Series divided": ("ex1.review_rate", rehab / cases, "index label"),
        "value_counts().reset_index()": ("ex2.assessment_counts", allegations["assessment"].value_counts().reset_index(),
                                         "Leave out .reset_index()"),
        "a wrong column": ("ex3.category_counts", achievements["verdict"].value_counts(), "category column"),
        "a wrong column, many labels": ("ex3.category_counts", achievements["id"].value_counts(), "another column"),
        "titles instead of ids": ("ex3.after_fall",
                                  achievements.loc[achievements["date_start"] > dates["october_plenum_1964"], "title"]
                                  if "title" in achievements else ["Collective farmers get internal passports"],
                                  "not an id"),
        "groupby().value_counts()": ("ex3.category_counts", achievements.groupby("category")["verdict"].value_counts(),
                                     "combinations"),
        "a year as a date per category": ("ex3.first_year", achievements.groupby("category")["date_start"].min(),
                                          ".year"),
    }


@pytest.mark.parametrize("route", sorted(_beginner_routes()))
def test_beginner_routes_get_a_specific_correct_hint(route):
    tid, answer, words = _beginner_routes()[route]
    fb = check(tid, answer)
    assert fb.status in ("invalid", "wrong"), fb
    assert words in fb.message, f"{route}: {fb.message}"
    assert len(fb.message) < 400, f"{route}: the feedback dumps the answer: {fb.message}"


JUDGEMENTS = sorted(t for t in TASKS if TASKS[t].kind == "judgement")


def test_every_exercise_has_a_judgement_task():
    assert sorted({t.split(".")[0] for t in JUDGEMENTS}) == sorted({t.split(".")[0] for t in TASKS})


@pytest.mark.parametrize("tid", JUDGEMENTS)
def test_judgement_compares_and_explains_never_marks(tid):
    task = TASKS[tid]
    course = task.answer()
    assert set(course) == set(task.options) and set(course.values()) <= set(task.labels)
    reasons = task.reasons()
    assert all(re.search(r"\(\w.*\d{4}\)$", reasons[k]) for k in task.options), "every reason cites its sources"
    for letter in task.options:
        other = next(label for label in task.labels if label != course[letter])
        fb = check(tid, {**course, letter: other})
        assert fb.status == "formative" and not fb and not re.search(r"\bcorrect\b", fb.message, re.I), fb
        assert f"{letter}) you: {other}; the course: {course[letter]}." in fb.message
        alt = task.alternatives.get(letter, {}).get(other)
        assert (f"Defensible: {alt}" in fb.message) if alt else (reasons[letter] in fb.message)
    for letter, alts in task.alternatives.items():
        for label, why in alts.items():
            assert label != course[letter] and re.search(r"\d{4}\)", why), (tid, letter, label)
    assert check(tid, {"a": "accurate"}).status == "invalid"
    assert check(tid, "a").status == "invalid"


def test_debatable_sorting_accepts_the_defensible_answers():
    task = TASKS["ex2.shortcomings_arguments"]
    key = sorted(task.answer())
    for extra in (["f"], ["h"], ["f", "h"]):
        fb = check("ex2.shortcomings_arguments", key + extra)
        assert fb.status == "defensible" and fb and "course" in fb.message, fb


@pytest.mark.parametrize("path", sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")), ids=lambda p: p.name)
def test_each_exercise_states_difficulty_and_time_and_shows_worked_examples(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    intro = "".join(nb["cells"][0]["source"])
    assert "**Difficulty:**" in intro and re.search(r"\*\*Estimated time:\*\* \d+-\d+ minutes", intro), intro[:300]
    examples = [c for c in nb["cells"] if "worked-example" in c.get("metadata", {}).get("tags", [])]
    assert examples, "a worked example before the first pandas technique"
    setup = next("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "plain_errors()" in setup and 'load("arguments")' not in setup  # no table that gives the sorting away


def test_teacher_notes_timings_match_the_exercises():
    """The teacher notes state each exercise's estimate exactly as its notebook does, and the lesson plan gives each
    exercise (class time plus homework) minutes within that estimate."""
    notes = (ROOT / "book" / "teaching" / "teacher_notes.md").read_text(encoding="utf-8")
    plan = notes[notes.index("## A unit of"):notes.index("## A single")]
    for path in sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")):
        number = path.name[2]
        intro = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
        low, high = map(int, re.search(r"\*\*Estimated time:\*\* (\d+)-(\d+) minutes", intro).groups())
        assert f"Exercise {number}, {low}-{high} minutes" in notes, f"teacher notes: Exercise {number}, {low}-{high}"
        minutes = [0, 0]
        # class time: "N min: Exercise k, ..." and the judgement task in the same lesson; homework in the last column
        for row in plan.splitlines()[4:]:
            cells = [c.strip() for c in row.split("|")[1:-1]]
            if len(cells) != 4 or f"Exercise {number}" not in cells[2] + cells[3]:
                continue
            lesson = cells[2] if f"Exercise {number}" in cells[2] else ""
            for n_min in re.findall(r"(\d+) min: (?:Exercise \d|Task \d+ \(the judgement)", lesson):
                minutes = [minutes[0] + int(n_min), minutes[1] + int(n_min)]
            for a, b in re.findall(r"\((\d+)(?:-(\d+))? min\)", cells[3]):
                minutes = [minutes[0] + int(a), minutes[1] + int(b or a)]
        assert low <= minutes[0] and minutes[1] <= high, f"Exercise {number}: the plan gives {minutes}, the notebook {low}-{high}"


# ----------------------------------------------------------------------------- the key as data (exercises/keys/)
from thaw import keys  # noqa: E402

CLOSED = ("number", "integer", "choice", "set", "mapping")


def _prompt_ids(path: Path) -> dict[str, str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return {c["id"]: c["cell_type"] for c in nb["cells"] if "id" in c}


def test_every_key_file_is_complete():
    """Each task of each key file has a prompt (a markdown cell of its notebook, solution and student version), an
    explanation, a hint (closed tasks also at least one targeted hint) and an answer unless it is open."""
    assert keys.exercises() == sorted({t.split(".")[0] for t in TASKS})
    for exercise in keys.exercises():
        key = keys.load_key(exercise)
        solution = ROOT / "exercises" / "solutions" / f"{key['notebook']}.ipynb"
        student = ROOT / "exercises" / f"{key['notebook']}.ipynb"
        cells, student_cells = _prompt_ids(solution), _prompt_ids(student)
        for task in key["tasks"]:
            where = f"exercises/keys/{exercise}.yaml, {task['id']}"
            assert task["id"].startswith(exercise + "."), where
            assert cells.get(task.get("prompt")) == "markdown", f"{where}: prompt {task.get('prompt')!r} is no cell"
            assert student_cells.get(task["prompt"]) == "markdown", f"{where}: the student notebook lost the prompt id"
            assert len(task.get("explanation", "")) > 40 and len(task.get("hint", "")) > 20, where
            if task["kind"] in CLOSED:
                assert task.get("hints"), f"{where}: no targeted hint"
            if task["kind"] == "open":
                assert "answer" not in task and task.get("checked_by") in ("written_feedback", "essay_feedback"), where
            else:
                assert task.get("answer") is not None, f"{where}: no answer"
            if task["kind"] == "number":
                assert isinstance(task.get("places"), int), f"{where}: a number task states its rounding (places)"


def test_no_module_of_thaw_holds_the_answers():
    """The answers are in the key files: no option letter answer, no explanation or hint text in thaw/."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "thaw").glob("*.py"))
    for exercise in keys.exercises():
        for task in keys.load_key(exercise)["tasks"]:
            assert task["explanation"][:50] not in code
            for hint in task.get("hints", []):
                assert hint["message"][:50] not in code


def _copy_course(tmp_path: Path) -> Path:
    for folder in ("exercises/keys", "exercises/solutions"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for p in (ROOT / folder).iterdir():
            (tmp_path / folder / p.name).write_bytes(p.read_bytes())
    return tmp_path


def _static_task(exercise: str, tid: str, base: Path | None = None) -> dict:
    return next(t for t in keys.static_key(exercise, base)["tasks"] if t["id"] == tid)


def test_editing_a_copy_of_a_key_file_changes_both_checks(tmp_path):
    """A teacher edits one data file: the notebook check and the static book's key follow (a literal answer, a
    computed answer and a hint's message)."""
    base = _copy_course(tmp_path)
    path = base / "exercises" / "keys" / "ex1.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  answer: b\n" in text and "end: secret_speech}" in text
    text = text.replace("  answer: b\n", "  answer: c\n", 1)
    text = text.replace("{compute: days_between, start: stalin_death, end: secret_speech}",
                        "{compute: days_between, start: stalin_death, end: twentieth_congress}", 1)
    text = text.replace("Check the date of 'amnesty_1953' in events", "EDITED HINT: check the date", 1)
    path.write_text(text, encoding="utf-8")
    edited = keys.tasks(base)
    assert checking.check(edited, "ex1.amnesty", "c").status == "correct"
    assert checking.check(edited, "ex1.amnesty", "b").status == "wrong"
    assert checking.check(edited, "ex1.amnesty", "d").message.startswith("EDITED HINT")
    congress = TASKS["ex1.days_to_speech"].hints[1].example(None)
    assert checking.check(edited, "ex1.days_to_speech", congress).status == "correct"
    assert check("ex1.amnesty", "b").status == "correct", "the course's own key is untouched"
    static = _static_task("ex1", "ex1.amnesty", base)
    assert static["answer"] == "c" and any(h["message"].startswith("EDITED HINT") for h in static["hints"])
    assert _static_task("ex1", "ex1.days_to_speech", base)["answer"] == congress
    assert _static_task("ex1", "ex1.amnesty")["answer"] == "b"


def test_a_malformed_key_file_names_the_file_and_task(tmp_path):
    base = _copy_course(tmp_path)
    path = base / "exercises" / "keys" / "ex2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - times: 100\n", "  - timez: 100\n", 1), encoding="utf-8")
    with pytest.raises(keys.KeyFileError, match=r"ex2.yaml, task \d+ \(ex2\.\w+\): each hint needs"):
        keys.tasks(base)


# --- the static book's key: a checker with no pandas, as the browser has, agrees with the notebook check
def _static_verdict(task: dict, value) -> tuple[str, str]:
    """The static key used as a browser would: (status, message) for an answer already normalised (a float, a
    lower-case letter, a set of lower-case items, a dict of lower-case label -> float)."""
    kind, answer = task["kind"], task["answer"]
    if kind in ("number", "integer"):
        ok = abs(value - answer) <= task["tolerance"] + 1e-9
    elif kind == "choice":
        ok = value == answer
    elif kind == "set":
        ok = value == set(answer)
        for d in task["defensible"]:
            if not ok and value == set(d["answer"]):
                return "defensible", d["message"]
    else:
        exp = {k.lower(): v for k, v in answer.items()}
        labels = {v.lower() for v in task["labels"]}
        value = {k: v for k, v in value.items() if not (v == 0 and k in labels and k not in exp)}
        ok = set(value) == set(exp) and all(abs(value[k] - exp[k]) <= task["tolerance"] + 1e-9 for k in exp)
    if ok:
        return "correct", task["explanation"]
    for hint in task["hints"]:
        if keys.matches(hint, value, {k.lower(): v for k, v in answer.items()} if isinstance(answer, dict) else answer):
            return "wrong", hint["message"]
    return "wrong", None


def _normalised(task, value):
    if isinstance(value, dict):
        return {str(k).lower(): float(v) for k, v in value.items()}
    if isinstance(value, (list, set, tuple)):
        return {str(v).lower() for v in value}
    return value if isinstance(value, str) else float(value)


@pytest.mark.parametrize("exercise", keys.exercises())
def test_static_key_agrees_with_the_notebook_check(exercise):
    static = keys.static_key(exercise)
    assert json.loads(json.dumps(static)) == static and static["rule"] and static["notebook"]
    assert {t["id"] for t in static["tasks"]} >= {t for t in TASKS if t.startswith(exercise + ".")}
    for task in static["tasks"]:
        if task["kind"] in ("open", "judgement"):
            if task["kind"] == "judgement":
                assert set(task["answer"]) == {o["letter"] for o in task["options"]} and task["reasons"]
                assert set(task["answer"].values()) <= set(task["labels"])
            continue
        if task["kind"] == "choice":
            assert all(o["text"] for o in task["options"]), f"{task['id']}: option texts from the notebook"
        full = TASKS[task["id"]].answer()
        trials = [full] + [h.example(full) if callable(h.example) else h.example for h in TASKS[task["id"]].hints]
        trials += _wrong_answers(TASKS[task["id"]])
        for trial in trials:
            fb = check(task["id"], trial)
            status, message = _static_verdict(task, _normalised(task, trial))
            assert status == fb.status, (task["id"], trial, status, fb)
            if message is not None:
                assert message == fb.message, (task["id"], trial)


# --- one rounding rule
def _numeric_tasks():
    return sorted(t for t, task in TASKS.items() if task.kind == "number"
                  or (task.kind == "mapping" and task.places is not None))


def _prompt_text(task) -> str:
    key = keys.load_key(task.id.split(".")[0])
    nb = json.loads((ROOT / "exercises" / f"{key['notebook']}.ipynb").read_text(encoding="utf-8"))
    return "".join(next(c["source"] for c in nb["cells"] if c.get("id") == task.prompt))


@pytest.mark.parametrize("tid", _numeric_tasks())
def test_rounding_rule_accepts_rounded_forms_and_rejects_one_unit_off(tid):
    task = TASKS[tid]
    places = task.places
    assert places is not None
    assert f"round to {places} decimal places" in _prompt_text(task), "the prompt states the rounding rule"

    def each(fn):
        exp = task.answer()
        return {k: fn(v) for k, v in exp.items()} if isinstance(exp, dict) else fn(exp)

    for form in (lambda v: v, lambda v: round(v, places), lambda v: round(v, places + 1),
                 lambda v: round(v, places + 3), lambda v: float(f"{v:.{places}f}")):
        assert check(tid, each(form)).status == "correct", (tid, each(form))
    unit = 10 ** -places
    for off in (unit, -unit):
        fb = check(tid, each(lambda v, off=off: round(round(v, places) + off, places + 2)))
        assert fb.status == "wrong", (tid, off, fb)
    if task.kind == "number":  # rounded to fewer places than asked: said in plain words
        fewer = round(task.answer(), places - 1)
        if abs(fewer - round(task.answer(), places)) > 0.5 * unit:
            assert f"asks for {places}" in check(tid, fewer).message


def test_years_days_and_counts_are_exact():
    for tid, task in TASKS.items():
        if task.kind == "integer":
            assert task.places is None and check(tid, task.answer() + 0.4).status != "correct", tid


# --- bad input and common slips: feedback in plain words, never a traceback
def _slips(task):
    import thaw

    series = thaw.load("series")
    events = thaw.load("events")
    exp = task.answer()
    out = {"None": None, "a string": "abc", "NaN": float("nan"), "a Series": series["value"].head(5),
           "a Series of dates": events["date_start"], "a table": events.head(3),
           "value_counts().reset_index()": events["theme"].value_counts().reset_index(),
           "a Timedelta": events["date_start"].iloc[1] - events["date_start"].iloc[0],
           "a Timestamp": events["date_start"].iloc[0], "an empty filter": series[series["value"] < -1]["value"]}
    if task.kind == "choice":
        out["a misspelled letter"] = "bb"
    if task.kind == "set" and task.options:
        out["a misspelled letter"] = sorted(exp)[:-1] + ["zz"]
    if task.kind == "set" and not task.options:
        out["a misspelled id"] = [sorted(exp)[0][:-1] + "x" + sorted(exp)[0][-1]]
    if task.kind == "mapping":
        label = sorted(exp)[0]
        out["a misspelled label"] = {**{k: v for k, v in exp.items() if k != label}, label[:-1]: exp[label]}
    if task.kind == "judgement":
        out["a misspelled label"] = {**exp, task.options[0]: exp[task.options[0]][:-1]}
    return out


@pytest.mark.parametrize("tid", sorted(TASKS))
def test_bad_input_and_pandas_slips_get_plain_words(tid):
    task = TASKS[tid]
    for name, answer in _slips(task).items():
        fb = check(tid, answer)
        assert fb.status in ("invalid", "wrong"), (tid, name, fb)
        assert 20 < len(fb.message) < 500 and "Traceback" not in fb.message, (tid, name, fb.message)
        assert ".iloc[0]" not in fb.message, f"{tid}, {name}: the first value is rarely the one asked for"
        if name.startswith("a misspelled") and task.kind != "choice":
            assert fb.status == "invalid" and ("Did you mean" in fb.message or "did you mean" in fb.message
                                               or "not one of" in fb.message), (tid, name, fb.message)
        if name == "a Series of dates" and task.kind in ("integer", "number"):
            assert ".dt.year" in fb.message, fb.message


def test_a_typo_is_pointed_out():
    assert "did you mean 'kolkhoz_id_cards'" in check("ex4.inaccurate", ["kolkhoz_id_card"]).message
    counts = dict(TASKS["ex3.category_counts"].answer())
    counts["Sience and technology"] = counts.pop("Science and technology")
    assert "did you mean 'science and technology'" in check("ex3.category_counts", counts).message
    judged = {**TASKS["ex4.judge_claims"].answer(), "a": "imprecice"}
    assert "Did you mean 'imprecise'" in check("ex4.judge_claims", judged).message


def test_a_category_with_no_rows_may_be_counted_as_zero():
    counts = dict(TASKS["ex2.assessment_counts"].answer())
    absent = [label for label in TASKS["ex2.assessment_counts"].labels if label not in counts]
    assert absent, "the enum has a category the table does not use"
    assert check("ex2.assessment_counts", {**counts, **dict.fromkeys(absent, 0)}).status == "correct"
    assert check("ex2.assessment_counts", {**counts, absent[0]: 1}).status == "wrong"


@pytest.mark.parametrize("tid", sorted(t for t in TASKS if TASKS[t].kind == "set"))
def test_set_feedback_says_what_kind_of_item_is_missing(tid):
    task = TASKS[tid]
    exp = sorted(task.answer())
    if len(exp) < 2:
        pytest.skip("one item: nothing can be left out but everything")
    fb = check(tid, exp[:-1])
    assert fb.status == "wrong" and "missing" in fb.message and task.noun and task.noun in fb.message, fb.message


JUDGED_WORDS = re.compile(r"\b(confirmed|understated|overstated|disputed|unfounded|accurate|imprecise|inaccurate|"
                          r"wrong outright|overstated or wrong)\b", re.I)


def test_no_task_output_reveals_a_judgement_key():
    """The feedback of a closed task (explanation, hints) never gives a judgement task's label for one of its items:
    no sentence names an item (by the distinctive words of its option) together with a label word."""
    for exercise in keys.exercises():
        static = keys.static_key(exercise)
        judged = [t for t in static["tasks"] if t["kind"] == "judgement"]
        others = [t for t in static["tasks"] if t["kind"] in CLOSED]
        for j in judged:
            for option in j["options"]:
                words = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{3,}\b", option["text"])[1:]}
                words |= {w.lower() for w in re.findall(r"\b[a-z]{9,}\b", option["text"])}
                for t in others:
                    texts = [t["explanation"]] + [h["message"] for h in t["hints"]]
                    for sentence in re.split(r"(?<=[.;:])\s+", " ".join(texts)):
                        named = {w for w in words if re.search(rf"\b{w}", sentence, re.I)}
                        if named and JUDGED_WORDS.search(sentence):
                            raise AssertionError(f"{t['id']} reveals {j['id']} ({option['letter']}): {sentence!r}")


def test_every_notebook_is_nbformat_45_with_stable_ids():
    import nbformat

    paths = sorted((ROOT / "book").rglob("*.ipynb")) + sorted((ROOT / "exercises").rglob("*.ipynb"))
    assert len(paths) >= 15
    for path in paths:
        nb = nbformat.read(str(path), as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
        assert (nb.nbformat, nb.nbformat_minor) == (4, 5), path
        assert all(c.get("id") for c in nb.cells), f"{path}: a cell without an id"
    for solution in sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")):
        student = json.loads((ROOT / "exercises" / solution.name).read_text(encoding="utf-8"))
        kept = [c["id"] for c in student["cells"]]
        original = [c["id"] for c in json.loads(solution.read_text(encoding="utf-8"))["cells"]]
        assert kept == [i for i in original if i in kept] and len(kept) >= len(original) - 3, solution.name
