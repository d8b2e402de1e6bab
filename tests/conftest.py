"""Shared fixtures and session hooks: the built book (``make test`` builds it beside the tests, executing every
notebook with the Binder-like environment's kernel), one Chromium per worker, and the order the tests run in."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


def pytest_collection_modifyitems(config, items) -> None:
    """While the book builds (``make test`` starts the build beside the tests), the workers run what needs no build,
    the live JupyterLab test first; then what reads the built book, the long ones (marked ``long``) first so that
    they do not finish alone at the end; the notebook tests last."""
    def order(item) -> tuple[int, int]:
        if "built_book" not in item.fixturenames:
            group = 0 if item.get_closest_marker("browser") else 1
        else:
            group = 3 if item.get_closest_marker("notebooks") else 2
        return group, 0 if item.get_closest_marker("long") else 1

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
    """The built book (warnings are errors, nitpicky), its log, and its notebooks as the Binder-like environment's
    kernel executed them. ``make test`` builds it beside the tests and writes the build's exit status to the file
    named by THAW_BOOK_RC when done: every worker waits for that, then reads the build, never rewriting pages another
    worker is loading. Run directly, pytest builds it (incrementally, one worker at a time)."""
    import time

    from support import binder_env, build_env, lock

    log = ROOT / "_build" / "build.log"
    rc_file = os.environ.get("THAW_BOOK_RC")
    if rc_file:
        deadline = time.monotonic() + 1200
        while not Path(rc_file).is_file():
            assert time.monotonic() < deadline, "the book did not finish building within 20 minutes"
            time.sleep(0.5)
        rc = int(Path(rc_file).read_text().strip() or 1)
        text = log.read_text() if log.is_file() else "(no build log)"
        if rc != 0:  # it may have failed before the build began: what making the environment printed comes first
            text = (ROOT / "_build" / "make-book.out").read_text() + "\n" + text
        return {"returncode": rc, "log": text, "html": HTML}
    binder_env()
    jb = Path(sys.executable).parent / "jupyter-book"
    with lock("build"):
        proc = subprocess.run([str(jb), "build", str(ROOT), "-W", "-n", "--keep-going"], cwd=ROOT,
                              capture_output=True, text=True, env=build_env())
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
