"""Every notebook runs top to bottom in a fresh environment made only from requirements.txt, as Binder does
(plus JupyterLab, ipykernel and nbclient, which Binder's base image provides). Solution notebooks pass every check; student
notebooks, run unanswered, show no error and only "not answered yet" prompts."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from binder_env import binder_env

pytestmark = pytest.mark.notebooks
ROOT = Path(__file__).resolve().parent.parent
BOOK = sorted(p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
STUDENT = sorted((ROOT / "exercises").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))


@pytest.fixture(scope="session")
def binder_python() -> Path:
    py = binder_env()
    # nothing from the build/test environment may leak in
    out = subprocess.run([str(py), "-c", "import importlib.util as u; print(u.find_spec('jupyter_book'), u.find_spec('pytest'))"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["None", "None"], "the Binder-like environment must hold only requirements.txt"
    return py


def run(py: Path, notebook: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "THAW_ROOT")}
    env["PATH"] = f"{py.parent}{os.pathsep}{env.get('PATH', '')}"
    proc = subprocess.run([str(py), str(ROOT / "tests" / "run_notebook.py"), str(notebook)], cwd=notebook.parent,
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("notebook", BOOK, ids=lambda p: str(p.relative_to(ROOT)))
def test_book_notebook_runs_in_fresh_env(binder_python, notebook):
    s = run(binder_python, notebook)
    assert s["error"] is None and s["errors"] == [], s


@pytest.mark.parametrize("notebook", SOLUTIONS, ids=lambda p: p.name)
def expected_boxes(notebook: Path) -> list[list[str]]:
    """One feedback box per task, in order, with the status it should have: "correct" for a closed task, "formative"
    for a judgement task (the course compares, it does not mark), the essay and the written source tasks."""
    import re

    from thaw.tasks import TASKS

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


def test_solution_notebook_passes_every_check(binder_python, notebook):
    s = run(binder_python, notebook)
    assert s["error"] is None and s["errors"] == [], s
    assert len(s["feedback"]) >= 4
    assert s["boxes"] == expected_boxes(notebook), s["boxes"]


@pytest.mark.parametrize("notebook", STUDENT, ids=lambda p: p.name)
def test_student_notebook_runs_unanswered_without_error(binder_python, notebook):
    s = run(binder_python, notebook)
    assert s["error"] is None and s["errors"] == [], s
    assert len(s["feedback"]) >= 4
    assert set(s["feedback"]) == {"unanswered"}, s["feedback"]


def test_chapters_carry_live_widgets_and_plotly_for_jupyterlab(binder_python):
    s = run(binder_python, ROOT / "book" / "q3" / "reforms.ipynb")
    assert s["widgets"] >= 1 and s["plotly"] >= 1
