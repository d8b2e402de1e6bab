"""Printable document packs: for each chapter, a student pack (the chapter's documents, with their numbered lines,
and the questions) and a teacher pack (the same with the suggested answers, and the mark schemes where they exist).

The packs are pages of the book (``book/teaching/packs/``, listed in ``_toc.yml``). Their files on disk are stubs:
thaw.sphinxext replaces each one's text, as Sphinx reads it, with ``page(chapter, kind)``, rendered from
data/documents.csv by thaw.documents' own rendering of a study, so a pack always shows what the chapter shows.
Printed at A4 with the book's print stylesheet (thaw/static/print.css), each pack takes at most 12 pages.
"""
from __future__ import annotations

from . import data as _data
from . import documents as _documents

__all__ = ["FOLDER", "KINDS", "docname", "page", "parse"]

FOLDER = "book/teaching/packs"
KINDS = ("student", "teacher")
MAX_PAGES = 12
EXAMS = "book/teaching/exam_{chapter}.md"  # a chapter's exam-style source set, with its mark schemes
_ANSWERS = (("Sourcing", "answer_sourcing"), ("Context", "answer_context"), ("Corroboration", "answer_corroboration"))


def docname(chapter: str, kind: str) -> str:
    return f"{FOLDER}/{chapter}-{kind}"


def parse(name: str) -> tuple[str, str] | None:
    """(chapter, kind) for a pack's docname, else None."""
    if not name.startswith(FOLDER + "/"):
        return None
    chapter, _, kind = name[len(FOLDER) + 1:].rpartition("-")
    return (chapter, kind) if chapter in _documents.CHAPTER_PAGES and kind in KINDS else None


def _answers(row, titles: dict[str, str]) -> str:
    lines = ["**Suggested answers** (accept others that use the document and its context with evidence).", ""]
    for i, (label, column) in enumerate(_ANSWERS, start=1):
        lines += [f"{i}. *{label}.* {_documents._titles(getattr(row, column), titles)}", ""]
    return "\n".join(lines)


def page(chapter: str, kind: str) -> str:
    """One pack as MyST Markdown."""
    if chapter not in _documents.CHAPTER_PAGES or kind not in KINDS:
        raise ValueError(f"No pack {chapter!r}/{kind!r}: chapters are {', '.join(_documents.CHAPTER_PAGES)}, "
                         f"kinds {', '.join(KINDS)}")
    name = _documents.CHAPTER_NAMES[chapter]
    frame = _documents.load(chapter)
    who = "Student pack" if kind == "student" else "Teacher pack"
    other = docname(chapter, "teacher" if kind == "student" else "student").rsplit("/", 1)[1]
    out = [
        f"# {who}: {name}",
        "",
        "% Generated when the book is built (thaw.packs, from data/documents.csv): edit the data, not this page.",
        "",
        f"{len(frame)} documents for the lesson on this chapter, each with where it comes from, an excerpt with "
        "numbered lines, and three questions: sourcing, context and corroboration. Print this page (A4): the "
        "book's print layout keeps each document's lines and questions together."
        + ("" if kind == "student" else " This pack adds the suggested answers to each document's questions.")
        + f" See also [the {'teacher' if kind == 'student' else 'student'} pack of this chapter]({other}.md).",
        "",
    ]
    every = _documents.load()
    titles = dict(zip(every["id"], every["title"]))  # a question may name another study: by its title
    for row in frame.itertuples():
        out.append(_documents._study(row, "##", titles))
        if kind == "teacher":
            out.append(_answers(row, titles))
    exam = EXAMS.format(chapter=chapter)
    if kind == "teacher" and (_data.root() / exam).is_file():  # linked, not copied: the pack stays within 12 pages
        out += ["## Exam questions and mark schemes", "",
                f"The chapter's {{doc}}`exam-style source set <../exam_{chapter}>` sets exam questions on these "
                "documents, with levelled mark schemes and example answers: print it beside this pack.", ""]
    return "\n".join(out).rstrip() + "\n"


def stub(chapter: str, kind: str) -> str:
    """What a pack's file holds on disk (the build replaces it with ``page``)."""
    who = "Student pack" if kind == "student" else "Teacher pack"
    return (f"# {who}: {_documents.CHAPTER_NAMES[chapter]}\n\n"
            "% Placeholder: the book's build replaces this page's text with thaw.packs.page() (from the data).\n")
