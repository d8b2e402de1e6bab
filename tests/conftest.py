"""Shared fixtures. The built book lives in _build/html (``make test`` builds it first; the ``built_book``
fixture rebuilds incrementally, so it is cheap when nothing changed)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


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
