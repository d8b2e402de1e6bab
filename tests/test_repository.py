"""The book's repository and launch buttons point at the repository it was built from, found by
thaw.sphinxext.repository_url, or are left out; no page or document carries a placeholder address."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from thaw.sphinxext import _origin, repository_url

ROOT = Path(__file__).resolve().parent.parent
# the placeholders this course once carried, and their URL-encoded form
PLACEHOLDERS = ["khrushchev-course/khrushchev-course", "khrushchev-course%2fkhrushchev-course", "hub.example.",
                "example.com", "example.org"]


@pytest.mark.parametrize("origin, ci, expected", [
    ("https://github.com/someone/thaw-course.git", None, "https://github.com/someone/thaw-course"),
    ("https://gitlab.com/someone/thaw-course", "other/repo", "https://gitlab.com/someone/thaw-course"),
    # an ssh address is not a public web address, nor is one with a user name or token in it
    ("git@github.com:someone/thaw-course.git", None, None),
    ("ssh://git@github.com/someone/thaw-course.git", "someone/thaw-course", "https://github.com/someone/thaw-course"),
    ("https://user:token@github.com/someone/thaw-course.git", None, None),
    ("https://git.school.example/someone/thaw-course", None, None),  # a host the theme makes no buttons for
    (None, "someone/thaw-course", "https://github.com/someone/thaw-course"),
    (None, None, None),
    ("", "", None),
])
def test_repository_url_is_the_public_origin_else_ci_else_none(origin, ci, expected):
    assert repository_url(origin, ci) == expected


def _tracked_text_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    here = Path(__file__).relative_to(ROOT).as_posix()
    return [ROOT / f for f in out if f != here and f.endswith((".md", ".ipynb", ".yml", ".yaml", ".py", ".csv",
                                                                  ".json", ".txt", ".bib", ".toml", ".html"))]


def _placeholders_in(files: list[Path]) -> list[str]:
    found = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace").lower()
        found += [f"{f.relative_to(ROOT)}: {p}" for p in PLACEHOLDERS if p in text]
    return found


def test_no_document_carries_a_placeholder_address():
    files = _tracked_text_files()
    assert any(f.name == "teacher_notes.md" for f in files) and any(f.name == "README.md" for f in files)
    assert _placeholders_in(files) == []


@pytest.mark.build
def test_no_built_file_carries_a_placeholder_address_and_buttons_follow_the_repository(built_book):
    html = built_book["html"]
    files = [p for p in html.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".txt", ".ipynb", ".json")]
    assert len(files) > 20
    assert _placeholders_in(files) == []
    url = repository_url(_origin(str(ROOT)), os.environ.get("GITHUB_REPOSITORY"))
    chapter = (html / "book" / "q1" / "origins.html").read_text(encoding="utf-8")
    if url is None:  # a clone with no public origin, outside CI
        assert "/v2/gh/" not in chapter and "dropdown-launch-buttons" not in chapter
        assert "source-repository-button" not in chapter
    else:
        assert url in chapter and "/v2/gh/" in chapter
