"""The exam-style source sets (book/teaching/exam_*.md): each is in the teachers' part of the table of contents and
linked from the teacher notes; each has four source questions and an essay; comprehension is point-marked, every
other question has a mark scheme of at least four levelled bands above zero; every question has two example answers
with an examiner's comment; every citation is a key of the bibliography."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SETS = ["exam_q1", "exam_q2", "exam_q3", "exam_debate"]
BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "book" / "references.bib").read_text(encoding="utf-8"), re.M))


def _questions(name: str) -> dict[int, str]:
    text = (ROOT / "book" / "teaching" / f"{name}.md").read_text(encoding="utf-8")
    parts = re.split(r"^## Question (\d):", text, flags=re.M)
    return {int(number): body for number, body in zip(parts[1::2], parts[2::2])}


def _bands(section: str) -> list[str]:
    """The marks column of the mark scheme's table: rows that start with a mark, a range or a level."""
    rows = re.findall(r"^\| (\d[\d-]*) \|(?: (\d[\d-]*) \|)?", section, re.M)
    return [marks or level for level, marks in rows]


def test_every_set_is_in_the_teachers_part_and_linked_from_the_teacher_notes():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    teachers = next(p for p in toc["parts"] if p["caption"] == "For teachers")
    files = [c["file"] for c in teachers["chapters"]]
    notes = (ROOT / "book" / "teaching" / "teacher_notes.md").read_text(encoding="utf-8")
    for name in SETS:
        assert f"book/teaching/{name}" in files, f"{name} is not in the 'For teachers' part of _toc.yml"
        assert f"{{doc}}`{name}`" in notes, f"teacher_notes.md does not link {name}"


@pytest.mark.parametrize("name", SETS)
def test_four_source_questions_and_an_essay_with_mark_schemes_and_two_examples(name):
    questions = _questions(name)
    assert sorted(questions) == [1, 2, 3, 4, 5], f"{name}: questions {sorted(questions)}"
    assert "comprehension" in questions[1] and "Point-marked" in questions[1]
    assert "origin, purpose" in questions[2] and "Compare and contrast" in questions[3]
    assert "Using the sources and your own knowledge" in questions[4] and "How far do you agree?" in questions[5]
    for number, body in questions.items():
        assert body.count("**Answer ") == 2, f"{name} question {number}: not two example answers"
        assert body.count("*Examiner's comment.*") == 2, f"{name} question {number}: not two examiner's comments"
        if number > 1:
            bands = [b for b in _bands(body) if b != "0"]
            assert len(bands) >= 4, f"{name} question {number}: {len(bands)} levelled bands above 0, expected 4+"


@pytest.mark.parametrize("name", SETS)
def test_every_citation_is_in_the_bibliography(name):
    text = (ROOT / "book" / "teaching" / f"{name}.md").read_text(encoding="utf-8")
    keys = {k.strip() for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", text) for k in group.split(",")}
    assert keys, f"{name}: no citations"
    assert keys <= BIB_KEYS, f"{name}: keys not in references.bib: {sorted(keys - BIB_KEYS)}"
