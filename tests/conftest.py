"""Shared fixtures: the built book (``make test`` builds it before the tests, executing every notebook with the
Binder-like environment's kernel), a copy of the data to change, and one Chromium per test worker."""
from __future__ import annotations

import shutil
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
    """The book as the last `make book` built it (warnings are errors, nitpicky): its pages and its log. `make test`
    builds it, with the Binder-like environment's kernel, before pytest starts; the tests only read it. "returncode"
    is 0 when the log shows no warning or error (make stops at a failed build, so `make test` never gets here)."""
    log = ROOT / "_build" / "build.log"
    if not ((HTML / "index.html").is_file() and log.is_file()):
        pytest.fail("no built book in _build/html: run `make test`, or `make book` for the build and browser tests "
                    "(the notebook tests need the build `make test` makes, with the Binder-like kernel)", pytrace=False)
    text = log.read_text(encoding="utf-8", errors="replace")
    failed = any(word in line for line in text.splitlines() for word in ("WARNING", "ERROR", "Traceback"))
    return {"returncode": int(failed), "log": text, "html": HTML}


@pytest.fixture(scope="session")
def site(built_book):
    """The built book served on loopback (both editions: the teacher edition under teacher/); its base URL."""
    from support import serve

    assert built_book["returncode"] == 0, built_book["log"][-3000:]
    with serve(built_book["html"]) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Playwright's sync API allows one running instance)."""
    from playwright.sync_api import sync_playwright

    from support import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()
