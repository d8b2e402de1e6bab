"""Document studies (data/documents.csv): schema and bibliography, every study rendered as page text on its
chapter's page, links well-formed https addresses, quotations short and attributed, teachers' answers in step."""
from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

import thaw
from thaw import data, documents

ROOT = data.root()


@pytest.fixture(scope="module")
def frame():
    return documents.load()


def test_documents_table_is_valid_and_cites_the_bibliography(frame):
    problems = [p for p in thaw.validate_all() if p.file in ("data/documents.csv", "data/interpretations.csv")]
    assert problems == []
    bib = set(data.bibliography())
    for row in frame.itertuples():
        for column in ("published", "sources"):
            keys = data.split_keys(getattr(row, column))
            assert keys, f"{row.id}: {column} is empty"
            assert set(keys) <= bib, f"{row.id}: unknown keys {set(keys) - bib}"


def test_at_least_three_studies_per_question_chapter(frame):
    counts = frame["chapter"].value_counts()
    for chapter in ("q1", "q2", "q3"):
        assert counts.get(chapter, 0) >= 3, f"{chapter} has {counts.get(chapter, 0)} document studies"
    assert len(frame) >= 9


def test_every_study_has_provenance_questions_and_answers(frame):
    needed = ["title", "author", "date", "audience", "purpose", "held", "summary", "why_it_matters",
              "question_sourcing", "question_context", "question_corroboration",
              "answer_sourcing", "answer_context", "answer_corroboration"]
    for row in frame.to_dict("records"):
        for column in needed:
            assert isinstance(row[column], str) and len(row[column].strip()) >= 7, f"{row['id']}: {column}"
        for column in ("question_sourcing", "question_context", "question_corroboration"):
            assert row[column].rstrip().endswith("?"), f"{row['id']}: {column} is not a question"


def test_links_are_well_formed_https(frame):
    for row in frame.itertuples():
        if isinstance(row.url, str) and row.url:
            parts = urlparse(row.url)
            assert parts.scheme == "https" and parts.hostname and "." in parts.hostname, row.url
            assert " " not in row.url and parts.path not in ("", "/"), row.url


def test_quotes_are_short_and_attributed(frame):
    for row in frame.itertuples():
        for phrase, who in documents.quotes(row.quotes):
            assert who, f"{row.id}: quotation {phrase!r} has no attribution in brackets"
            n = len(re.findall(r"[\w'’-]+", phrase))
            assert 0 < n <= documents.MAX_QUOTE_WORDS, f"{row.id}: quotation of {n} words: {phrase!r}"


def test_quote_parser():
    assert documents.quotes("a b c (X, 1956) | d e (Y)") == [("a b c", "X, 1956"), ("d e", "Y")]
    assert documents.quotes("") == [] and documents.quotes(None) == []


@pytest.mark.parametrize("chapter", sorted(documents.CHAPTER_PAGES))
def test_each_study_is_rendered_as_text_on_its_chapter_page(frame, chapter):
    page = ROOT / documents.CHAPTER_PAGES[chapter]
    if not page.is_file():
        pytest.skip(f"{page} not written yet")
    nb = json.loads(page.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for row in frame[frame["chapter"] == chapter].itertuples():
        assert f"### {row.title}\n" in text, f"{row.id}: no heading on {page.name}"
        assert row.summary in text
        if isinstance(row.url, str) and row.url:
            assert f"]({row.url})" in text, f"{row.id}: link is not a plain anchor on {page.name}"


def test_pages_are_in_step_with_the_table():
    assert documents.check() == []


def test_teacher_page_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert documents.TEACHER_PAGE.removesuffix(".md") in toc
    assert documents.CHAPTER_PAGES["debate"].removesuffix(".ipynb") in toc


def test_rendered_text_has_no_script_or_remote_resource():
    text = "".join(documents.studies(c) for c in documents.CHAPTER_PAGES) + documents.teacher_answers()
    assert "<script" not in text and "<iframe" not in text and "<img" not in text


def test_interpretations_cover_every_strand():
    frame = data.load("interpretations")
    assert set(frame["strand"]) == {"Soviet", "Post-Soviet Russian", "Western", "Chinese"}
    assert frame["date"].dt.year.min() <= 1956 and frame["date"].dt.year.max() >= 2013


def test_interpretations_chart_hover_says_who_when_reading_and_sources():
    fig = thaw.charts.interpretations_timeline()
    data_traces = [t for t in fig.data if t.customdata is not None]
    assert {t.legendgroup for t in data_traces} == {"Soviet", "Post-Soviet Russian", "Western", "Chinese"}
    hover = "".join("".join(t.customdata) for t in data_traces)
    assert "Reading:" in hover and "Sources:" in hover and "Khrushchev Remembers" in hover
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons][0] == "All strands" and len(menu.buttons) == 5
