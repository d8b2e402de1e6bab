"""Two editions from one table of contents: the student edition (the site's root, _build/html) holds no teacher or
solution page and no link to one; the teacher edition (_build/html/teacher/) holds everything."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import yaml

from thaw import editions

ROOT = Path(__file__).resolve().parent.parent


def _files(toc: dict) -> list[str]:
    return [toc["root"]] + [f for p in toc["parts"] for f in editions._files(p.get("chapters"))]


def test_student_toc_is_the_teacher_toc_minus_the_teacher_part():
    teacher = yaml.safe_load((ROOT / "_toc.yml").read_text())
    student = editions.student_toc(ROOT)
    hidden = editions.teacher_docs(ROOT)
    assert hidden, "no teacher pages found in _toc.yml"
    assert {"book/teaching/teacher_notes", "book/teaching/document_answers"} <= hidden
    assert any(d.startswith("exercises/solutions/") for d in hidden)
    assert _files(student) == [f for f in _files(teacher) if f not in hidden]
    assert editions.TEACHER_PART not in [p.get("caption") for p in student["parts"]]
    assert student["root"] == teacher["root"] and student["format"] == teacher["format"]


def test_a_toc_without_the_teacher_part_is_refused(tmp_path):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    for part in toc["parts"]:
        if part.get("caption") == editions.TEACHER_PART:
            part["caption"] = "Teachers"
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc))
    with pytest.raises(ValueError, match="has no part captioned 'For teachers'"):
        editions.student_toc(tmp_path)


HREF = re.compile(r'(?:href|src)="([^"#?]+)')


def _pages(html: Path, skip_teacher: bool):
    for f in sorted(html.rglob("*.html")):
        rel = f.relative_to(html).as_posix()
        if rel.startswith(("_static/", "_sources/")) or (skip_teacher and rel.startswith("teacher/")):
            continue
        yield rel, f.read_text(encoding="utf-8")


@pytest.mark.build
def test_student_edition_holds_no_teacher_page_and_no_link_to_one(built_book):
    assert built_book["returncode"] == 0, built_book["log"][-3000:]
    html = Path(built_book["html"])
    hidden = editions.teacher_docs(ROOT)
    pages = dict(_pages(html, skip_teacher=True))
    assert "book/intro.html" in pages and "book/teaching/index.html" in pages
    for doc in hidden:
        assert f"{doc}.html" not in pages, f"the student edition holds {doc}"
        assert not list((html / "_sources").glob(f"{doc}.*")), f"the student edition holds the source of {doc}"
    bad = []
    for rel, text in pages.items():
        for href in HREF.findall(text):
            if "://" in href or href.startswith(("mailto:", "data:")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
            if any(target.startswith(d) for d in hidden) or target.startswith("teacher/"):
                bad.append(f"{rel} -> {href}")
    assert bad == [], bad[:10]
    search = (html / "searchindex.js").read_text(encoding="utf-8")
    assert not [d for d in hidden if f'"{d}"' in search], "teacher pages in the student search index"
    # a student page that mentions a teacher page keeps the words, unlinked
    index = pages["book/teaching/index.html"]
    assert "thaw-teacher-only" in index


@pytest.mark.build
def test_teacher_edition_holds_every_page(built_book):
    assert built_book["returncode"] == 0, built_book["log"][-3000:]
    teacher = Path(built_book["html"]) / "teacher"
    assert teacher.is_dir(), "no teacher edition: build both with `make book`"
    pages = dict(_pages(teacher, skip_teacher=False))
    for doc in _files(yaml.safe_load((ROOT / "_toc.yml").read_text())):
        assert f"{doc}.html" in pages, f"the teacher edition lacks {doc}"
    assert 'href="../teaching/teacher_notes.html"' in pages["book/teaching/index.html"] or \
        "teacher_notes.html" in pages["book/teaching/index.html"]
    assert "Solutions:" in pages["exercises/solutions/ex1_whose_decision.html"]
