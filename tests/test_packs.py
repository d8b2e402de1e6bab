"""Document packs (thaw.packs): made from the document studies' data, answers only in the teacher's, the exam
questions' mark schemes (from a chapter's exam-style source set) without its example answers."""
from __future__ import annotations

import pytest

from thaw import documents, packs

EXAM = """# Exam-style source set: a test

Intro that links {doc}`../q1/origins`.

## The sources

- **Source A.** A document.

## Question 1: comprehension [5 marks]

**(a)** What does Source A say? **[3]**

### Mark scheme

Award **1 mark** for each point; see {doc}`exam_q2`.

### Example answers

**Answer 1 (5/5).** An example that must stay on the exam page.

## Question 2: essay [25 marks]

How far do you agree?

### Mark scheme

| Level | Marks |
| --- | --- |
| 5 | 21-25 |
"""


@pytest.mark.parametrize("chapter", list(documents.CHAPTER_PAGES))
def test_student_pack_has_every_document_and_question_and_no_answer(chapter):
    student, teacher = packs.page(chapter, "student"), packs.page(chapter, "teacher")
    every = documents.load()
    titles = dict(zip(every["id"], every["title"]))
    for row in documents.load(chapter).itertuples():
        for text in (student, teacher):
            assert f"## {row.title}" in text
            for question in (row.question_sourcing, row.question_context, row.question_corroboration):
                assert documents._titles(question, titles) in text
        for answer in (row.answer_sourcing, row.answer_context, row.answer_corroboration):
            answer = documents._titles(answer, titles)
            assert answer not in student and answer in teacher


def test_mark_schemes_come_from_the_exam_set_without_its_example_answers(tmp_path):
    (tmp_path / "book" / "teaching").mkdir(parents=True)
    (tmp_path / "book" / "teaching" / "exam_q1.md").write_text(EXAM, encoding="utf-8")
    text = packs.mark_schemes("q1", tmp_path)
    assert "### Question 1: comprehension [5 marks]" in text and "What does Source A say?" in text
    assert text.count("#### Mark scheme") == 2 and "21-25" in text
    assert "Example" not in text and "must stay" not in text and "Source A.** A document" not in text
    assert "{doc}`../exam_q2`" in text  # page references still resolve from book/teaching/packs/
    assert packs.mark_schemes("q2", tmp_path) == ""  # no exam set for that chapter: no section


def test_pack_names_round_trip_and_a_wrong_one_is_explained():
    for chapter in documents.CHAPTER_PAGES:
        for kind in packs.KINDS:
            assert packs.parse(packs.docname(chapter, kind)) == (chapter, kind)
    assert packs.parse("book/q1/origins") is None and packs.parse(packs.FOLDER + "/q9-student") is None
    with pytest.raises(ValueError, match="chapters are q1"):
        packs.page("q9", "student")
