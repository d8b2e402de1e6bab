"""Document packs (thaw.packs): made from the document studies' data, answers only in the teacher's, the exam
questions' mark schemes (from a chapter's exam-style source set) without its example answers."""
from __future__ import annotations

import pytest

from thaw import documents, packs


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


def test_teacher_pack_links_the_chapters_exam_set_with_its_mark_schemes():
    for chapter in documents.CHAPTER_PAGES:
        assert f"{{doc}}`exam-style source set <../exam_{chapter}>`" in packs.page(chapter, "teacher")
        assert "exam_" not in packs.page(chapter, "student")


def test_pack_names_round_trip_and_a_wrong_one_is_explained():
    for chapter in documents.CHAPTER_PAGES:
        for kind in packs.KINDS:
            assert packs.parse(packs.docname(chapter, kind)) == (chapter, kind)
    assert packs.parse("book/q1/origins") is None and packs.parse(packs.FOLDER + "/q9-student") is None
    with pytest.raises(ValueError, match="chapters are q1"):
        packs.page("q9", "student")
