"""Document studies (data/documents.csv): schema and bibliography, every study rendered as page text on its
chapter's page with its excerpt (data/documents/), links well-formed https addresses, quotations short and
attributed, questions that cite existing lines, labels that cite an edition in the right language, the historian's
corrections, teachers' answers in step."""
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


def test_at_least_four_studies_per_chapter(frame):
    counts = frame["chapter"].value_counts()
    for chapter in ("q1", "q2", "q3", "debate"):
        assert counts.get(chapter, 0) >= 4, f"{chapter} has {counts.get(chapter, 0)} document studies"
    assert len(frame) >= 16


def test_every_study_has_provenance_questions_and_answers(frame):
    assert frame["date"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()  # a memoir may be dated by its year
    needed = ["title", "author", "audience", "purpose", "held", "summary", "why_it_matters",
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


def _urls() -> list[tuple[str, str]]:
    """Every web address in the data tables and the bibliography, with the file it is in."""
    out = []
    for path in sorted((ROOT / "data").glob("*.csv")) + [ROOT / "book" / "references.bib"]:
        for url in re.findall(r"https?://[^\s,;\"'}<>)]+", path.read_text(encoding="utf-8")):
            out.append((path.name, url))
    return out


def test_no_web_address_has_a_host_ending_with_a_dot():
    urls = _urls()
    assert any("history.state.gov" in url for _, url in urls)
    bad = [(name, url) for name, url in urls if (urlparse(url).hostname or "").endswith(".")]
    assert bad == [], f"a host ends with a stray dot (the address would not load for everyone): {bad}"


def test_host_dot_check_catches_the_old_frus_link():
    assert urlparse("https://history.state.gov./historicaldocuments/frus1955-57v24/d50").hostname.endswith(".")


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


# ----------------------------------------------------------------------------- excerpts
def test_every_study_has_an_excerpt_of_150_to_350_words(frame):
    low, high = documents.EXCERPT_WORDS
    for row in frame.itertuples():
        lines = documents.excerpt(row)
        assert lines, f"{row.id}: no excerpt at data/{row.excerpt_file}"
        n = documents.excerpt_words(lines)
        assert low <= n <= high, f"{row.id}: {n} words"


def test_excerpts_have_hard_line_breaks_of_readable_length(frame):
    for row in frame.itertuples():
        lines = documents.excerpt(row)
        assert len(lines) >= 12, f"{row.id}: {len(lines)} lines; an excerpt is stored one printed line per line"
        assert all(line.strip() for line in lines), f"{row.id}: a blank line would shift the numbering"
        assert max(len(line.split()) for line in lines) <= 17, f"{row.id}: a line too long to number usefully"


def test_word_count_ignores_cut_marks():
    assert documents.excerpt_words(["[...] Stalin's sanction was obtained [...].", "1,548,366 people"]) == 6


def test_every_question_cites_lines_that_exist(frame):
    assert documents.excerpt_problems(frame) == []
    for row in frame.itertuples():
        for column in documents.QUESTION_COLUMNS:
            own = [n for study, n in documents.line_refs(getattr(row, column), row.id) if study == row.id]
            assert own, f"{row.id}: {column} cites no line of its own excerpt"
        assert "[[" in row.question_corroboration or "data/" in row.question_corroboration, row.id


def test_line_references_are_parsed_and_a_wrong_one_is_caught(frame):
    assert documents.line_refs("In lines 6-11, and Line 3", "x") == [("x", 6), ("x", 11), ("x", 3)]
    assert documents.line_refs("lines 27-33 of [[secret_speech_1934_cc]]", "x") == [
        ("secret_speech_1934_cc", 27), ("secret_speech_1934_cc", 33)]
    assert documents.line_refs("([[mvd_order_0068]], lines 8-11)", "x") == [("mvd_order_0068", 8),
                                                                            ("mvd_order_0068", 11)]
    bad = frame.copy()
    bad.loc[0, "question_context"] = "In lines 2-99, what is left out?"
    bad.loc[1, "answer_corroboration"] = "See lines 1-2 of [[no_such_study]]."
    problems = documents.excerpt_problems(bad)
    assert any("cites line 99" in p for p in problems), problems
    assert any("no_such_study" in p for p in problems), problems


def test_labels_cite_editions_in_the_language_they_claim(frame):
    languages = documents.bib_languages()
    assert set(documents.LABELS) == set(documents.LANGUAGES)
    schema = {f["name"]: f for r in json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
              ["resources"] if r["name"] == "documents" for f in r["schema"]["fields"]}
    assert set(schema["excerpt_kind"]["constraints"]["enum"]) == set(documents.LABELS)
    for row in frame.itertuples():
        for key in data.split_keys(row.excerpt_from):
            assert languages.get(key) in documents.LANGUAGES[row.excerpt_kind], (row.id, key, languages.get(key))
    assert set(frame["excerpt_kind"]) == {"translated", "retold"}
    bad = frame.copy()
    bad.loc[bad["excerpt_kind"] == "retold", "excerpt_kind"] = "translated"
    assert any("needs chinese or russian" in p for p in documents.excerpt_problems(bad))


@pytest.mark.parametrize("chapter", sorted(documents.CHAPTER_PAGES))
def test_each_excerpt_is_on_its_page_with_its_label_and_margin_numbers(frame, chapter):
    text = documents.studies(chapter)
    for row in frame[frame["chapter"] == chapter].itertuples():
        lines = documents.excerpt(row)
        label = documents.LABELS[row.excerpt_kind]
        assert f"**Read the document.** {label} {row.excerpt_citation}" in text, row.id
        block = text[text.index(f"### {row.title}\n"):]
        block = block[block.index('<div class="thaw-excerpt"'):block.index("</div>")]
        assert block.count('class="thaw-excerpt-line"') == len(lines), row.id
        numbers = re.findall(r'<span class="thaw-excerpt-n" aria-hidden="true">(\d*)</span>', block)
        assert len(numbers) == len(lines)
        assert [int(n) for n in numbers if n] == list(range(5, len(lines) + 1, 5)), row.id
        assert "\n\n" not in block, f"{row.id}: a blank line inside the excerpt would end the HTML block"


# ----------------------------------------------------------------------------- the historian's corrections
def _row(frame, study):
    return frame.set_index("id").loc[study]


def test_pospelov_audience_and_scope_as_the_record_gives_them(frame):
    row = _row(frame, "pospelov_report_1956")
    assert "ten members" not in row["audience"] and "eleven full members" in row["audience"]
    assert "mass operations of 1937-38" in row["summary"]


def test_october_1964_report_date_archive_and_editions(frame):
    row = _row(frame, "october_plenum_report_1964")
    assert row["date"] == "1964-10-13" and "not later than 13 October 1964" in row["title"]
    assert "APRF, f. 3, op. 67" in row["held"] and "Istochnik, 1998, no. 2" in row["held"]
    assert "artizov2007nikita1964" in data.split_keys(row["published"])


def test_february_1956_notes_published_in_2000_and_the_dating_dispute_named(frame):
    row = _row(frame, "presidium_notes_1956_02_09")
    assert "2000 rehabilitation volume, p. 352" in row["held"] and "1 and 9 February" in row["held"]
    assert "Naumov (1996)" in row["answer_sourcing"] and "13 February" in row["answer_sourcing"]


def test_secret_speech_says_which_text_it_follows(frame):
    row = _row(frame, "secret_speech_1934_cc")
    assert "not stenographed" in row["held"] and "State Department" in row["held"]
    assert "not the State Department's English text" in row["excerpt_citation"]


def test_chapter_three_credits_the_weighing_of_merits_to_the_december_article():
    nb = json.loads((ROOT / "book" / "q3" / "reforms.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "insisted that Stalin's merits outweighed his errors" not in text
    assert "article of 29 December 1956 {cite:p}`rmrb1956b`" in text


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
