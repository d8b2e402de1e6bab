"""Shared fixtures and session hooks: the built book (``make test`` builds it first), one Chromium per worker, and
the notebooks run in the background from the start of the session."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session) -> None:
    """Start running every notebook in the Binder-like environment in the background at once (it takes minutes),
    unless the notebook tests are deselected. Runs in the controlling process before any parallel worker starts, so
    the workers inherit where the results will be; the notebook tests, ordered last, read them."""
    if hasattr(session.config, "workerinput") or "not notebooks" in (session.config.option.markexpr or ""):
        return
    if os.environ.get("THAW_NOTEBOOK_RESULTS"):  # `make test` started them while the book was building
        return
    import uuid

    results = ROOT / "_build" / f".notebooks-{uuid.uuid4().hex}.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    for old in results.parent.glob(".notebooks-*"):
        old.unlink()
    os.environ["THAW_NOTEBOOK_RESULTS"] = str(results)
    session.config._thaw_notebooks = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "support.py"), "notebooks", str(results)], cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ["THAW_NOTEBOOK_PID"] = str(session.config._thaw_notebooks.pid)


def pytest_sessionfinish(session) -> None:
    proc = getattr(session.config, "_thaw_notebooks", None)
    if proc is not None and proc.poll() is None:  # the notebook tests were not run after all
        proc.terminate()


def pytest_collection_modifyitems(config, items) -> None:
    """The live JupyterLab test (long, and needing only the environment) runs first, beside the rest; the tests
    that read the notebooks' results run last, when the background runs are done."""
    def order(item) -> int:
        if item.get_closest_marker("notebooks") is None:
            return 1
        return 0 if item.get_closest_marker("browser") is not None else 2

    items.sort(key=order)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ and the bibliography, laid out as in the repository; returns the data folder."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "book" / "references.bib", tmp_path / "book" / "references.bib")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def built_book() -> dict:
    """The built book (warnings are errors, nitpicky) and its log. ``make test`` builds it first and says so
    (THAW_BOOK_BUILT=1): the parallel workers then read that build, never rewriting pages another worker is loading.
    Run directly, pytest builds it (incrementally, one worker at a time)."""
    from support import lock

    log = ROOT / "_build" / "build.log"
    if os.environ.get("THAW_BOOK_BUILT") == "1" and log.is_file():
        return {"returncode": 0, "log": log.read_text(), "html": HTML}
    jb = Path(sys.executable).parent / "jupyter-book"
    with lock("build"):
        proc = subprocess.run([str(jb), "build", str(ROOT), "-W", "-n", "--keep-going"], cwd=ROOT,
                              capture_output=True, text=True)
    return {"returncode": proc.returncode, "log": proc.stdout + proc.stderr, "html": HTML}


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Playwright's sync API allows one running instance)."""
    from playwright.sync_api import sync_playwright

    from support import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()
