"""Every notebook runs top to bottom in a fresh environment made only from requirements.txt, as Binder does
(plus JupyterLab, ipykernel and nbclient, which Binder's base image provides): the test build executes them all with
that environment's kernel, and these tests read what it executed. Solution notebooks pass every check; student
notebooks, run unanswered, show no error and only "not answered yet" prompts."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from support import NOTEBOOK_SETS, binder_env, summarize

pytestmark = pytest.mark.notebooks
ROOT = Path(__file__).resolve().parent.parent
BOOK, STUDENT, SOLUTIONS = (NOTEBOOK_SETS[k]() for k in ("book", "student", "solutions"))


def test_the_environment_holds_only_requirements_txt(ran):
    """Nothing from the build and test environment leaks into the one the notebooks ran in."""
    out = subprocess.run([str(binder_env()), "-c", "import importlib.util as u; print(u.find_spec('jupyter_book'), "
                          "u.find_spec('pytest'))"], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["None", "None"], "the Binder-like environment must hold only requirements.txt"


@pytest.fixture(scope="session")
def ran(built_book) -> dict[Path, dict]:
    """Every notebook's summary, read from the notebooks as the build executed them, with the Binder-like
    environment's kernel (which the build records; a build by another kernel would not count)."""
    assert built_book["returncode"] == 0, built_book["log"][-3000:]
    inputs = json.loads((ROOT / "_build" / ".thaw-inputs.json").read_text())
    assert inputs["kernel"] == str(binder_env()), f"the notebooks were executed by {inputs['kernel']}"
    return {nb: summarize(nb) for found in NOTEBOOK_SETS.values() for nb in found()}


@pytest.mark.parametrize("notebook", BOOK, ids=lambda p: str(p.relative_to(ROOT)))
def test_book_notebook_runs_in_fresh_env(ran, notebook):
    s = ran[notebook]
    assert s["error"] is None and s["errors"] == [], s


def expected_boxes(notebook: Path) -> list[list[str]]:
    """One feedback box per task, in order, with the status it should have: "correct" for a closed task, "formative"
    for a judgement task (the course compares, it does not mark), the essay and the written source tasks."""
    import re

    from thaw.exercises import tasks

    TASKS = tasks()

    boxes = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        src = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
        for call in re.finditer(r'\b(check|essay_feedback|written_feedback)\(\s*(?:"([\w.]+)")?', src):
            kind, task = call.groups()
            if kind == "check":
                boxes.append([task, "formative" if TASKS[task].kind == "judgement" else "correct"])
            else:
                boxes.append([task or "essay", "formative"])
    return boxes


@pytest.mark.parametrize("notebook", SOLUTIONS, ids=lambda p: p.name)
def test_solution_notebook_passes_every_check(ran, notebook):
    s = ran[notebook]
    assert s["error"] is None and s["errors"] == [], s
    assert len(s["feedback"]) >= 4
    assert s["boxes"] == expected_boxes(notebook), s["boxes"]


@pytest.mark.parametrize("notebook", STUDENT, ids=lambda p: p.name)
def test_student_notebook_runs_unanswered_without_error(ran, notebook):
    s = ran[notebook]
    assert s["error"] is None and s["errors"] == [], s
    assert len(s["feedback"]) >= 4
    assert set(s["feedback"]) == {"unanswered"}, s["feedback"]


def test_chapters_carry_live_widgets_and_plotly_for_jupyterlab(ran):
    s = ran[ROOT / "book" / "q3" / "reforms.ipynb"]
    assert s["widgets"] >= 1 and s["plotly"] >= 1
