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


# ----------------------------------------------------------------------------- line references into the excerpts
from thaw import documents  # noqa: E402

_SOURCE_ITEM = re.compile(r"^- \*\*Source ([A-D])\.\*\* \*(.+?)\*", re.M)
# "Source A, lines 4-9", "lines 4-9 of Source A" and "Source A (lines 4-9)" all name the source's own lines
_SOURCE_NAME = re.compile(r"\bSource ([A-D])\b(?:,? \((?=lines? \d))?")


def _source_ids(text: str) -> dict[str, str]:
    """Source letter -> study id, from the set's list of sources (each title must be a study's title)."""
    by_title = {title: study for study, title in zip(documents.load()["id"], documents.load()["title"])}
    return {letter: by_title.get(title.replace('"', "'"), "") for letter, title in _SOURCE_ITEM.findall(text)}


def _bad_line_refs(text: str) -> list[str]:
    """Every "Source A, lines 4-9" / "lines 4-9 of Source A" whose lines are not in that source's excerpt. The
    source letter is swapped for the study's [[id]] so that thaw.documents.line_refs, the one parser of line
    references, reads it; references not attached to a named source are left alone."""
    ids = _source_ids(text)
    lengths = {row.id: len(documents.excerpt(row)) for row in documents.load().itertuples()}
    problems = []
    for paragraph in text.split("\n"):
        marked = _SOURCE_NAME.sub(lambda m: f"[[{ids.get(m.group(1)) or 'unknown_' + m.group(1)}]]"
                                    + (", " if m.group(0).endswith("(") else ""), paragraph)
        for study, number in documents.line_refs(marked, own=""):
            if not study:
                continue
            if study not in lengths:
                problems.append(f"line {number} of {study}: the source is not a current document study")
            elif not 1 <= number <= lengths[study]:
                problems.append(f"line {number} of {study}, whose excerpt has {lengths[study]} lines")
    return problems


@pytest.mark.parametrize("name", SETS)
def test_every_line_reference_to_a_source_is_in_its_excerpt(name):
    text = (ROOT / "book" / "teaching" / f"{name}.md").read_text(encoding="utf-8")
    assert _bad_line_refs(text) == [], f"{name}: {_bad_line_refs(text)}"


def test_an_out_of_range_line_reference_is_caught():
    head = "- **Source A.** *Beria's order no. 0068 banning torture, 4 April 1953*\n\n"
    assert _bad_line_refs(head + "Source A, lines 4-9: what does the order forbid?") == []
    assert _bad_line_refs(head + "Source A, lines 30-90: what does the order forbid?") == [
        "line 90 of mvd_order_0068, whose excerpt has 33 lines"]
    assert _bad_line_refs(head + "In lines 200-201 of Source A ...") != []
    assert _bad_line_refs(head + "as Source A (lines 31-34) shows") == [
        "line 34 of mvd_order_0068, whose excerpt has 33 lines"]
    assert _bad_line_refs(head + "Source B, line 3") == [
        "line 3 of unknown_B: the source is not a current document study"]


@pytest.mark.parametrize("name", SETS)
def test_every_source_is_a_current_document_study(name):
    text = (ROOT / "book" / "teaching" / f"{name}.md").read_text(encoding="utf-8")
    ids = _source_ids(text)
    assert sorted(ids) == ["A", "B", "C", "D"], f"{name}: sources {sorted(ids)}"
    stale = [letter for letter, study in ids.items() if not study]
    assert not stale, f"{name}: Source(s) {stale} have a title that is not in data/documents.csv"
