"""Every notebook runs top to bottom in a fresh environment made only from requirements.txt, as Binder does
(plus JupyterLab, ipykernel and nbclient, which Binder's base image provides). Solution notebooks pass every check; student
notebooks, run unanswered, show no error and only "not answered yet" prompts."""
from __future__ import annotations

import json
import os
import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from support import binder_env, lock

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
    if proc.returncode != 0:  # reported by the notebook's own test, not as an error of the shared fixture
        return {"error": f"run_notebook.py exited {proc.returncode}: {proc.stderr[-3000:]}", "errors": [], "feedback": []}
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def ran(binder_python, request) -> dict[Path, dict]:
    """Every notebook run once per test session, as many at a time as the machine has cores (each in its own kernel
    process). With parallel test workers, the first to get here runs them and the others read its results."""
    run_id = getattr(request.config, "workerinput", {}).get("testrunuid") or uuid.uuid4().hex
    results = ROOT / "_build" / f".notebooks-{run_id}.json"
    with lock("notebooks"):
        if not results.is_file():
            for old in results.parent.glob(".notebooks-*.json"):
                old.unlink()
            notebooks = BOOK + SOLUTIONS + STUDENT
            with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
                summaries = pool.map(lambda nb: run(binder_python, nb), notebooks)
                results.write_text(json.dumps({str(nb): s for nb, s in zip(notebooks, summaries)}))
    return {Path(k): v for k, v in json.loads(results.read_text()).items()}


@pytest.mark.parametrize("notebook", BOOK, ids=lambda p: str(p.relative_to(ROOT)))
def test_book_notebook_runs_in_fresh_env(ran, notebook):
    s = ran[notebook]
    assert s["error"] is None and s["errors"] == [], s


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
