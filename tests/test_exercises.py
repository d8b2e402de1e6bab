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


@pytest.mark.long
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


@pytest.mark.long
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
    "tasks": {"checking", "data"},
    "exercises": {"checking", "errors", "essay", "tasks", "student"},
    "errors": set(),
    "student": {"checking", "data", "tasks"},
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
