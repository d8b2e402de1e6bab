"""Document studies: primary sources students read for themselves (``data/documents.csv``).

Each study is rendered as MyST Markdown *page text* (headings, provenance, summary, guiding questions), not as a
widget or script, so the book's own search finds every study by its title and the page works offline; a link to a
full text is a plain anchor that loads nothing until it is clicked. The chapters hold the rendered text in one
markdown cell each (tagged ``document-studies``), kept in step with the table by::

    python -m thaw.documents write   # re-render the chapter cells and the teachers' answers page
    python -m thaw.documents check   # exit 1 if a page is out of step with data/documents.csv

The teachers' answers to the guiding questions are rendered on their own page in the "For teachers" part.

Every study shows an excerpt of its document, stored as a text file under ``data/documents/`` (column
``excerpt_file``) with hard line breaks, so that line numbers are the same on a phone, a desktop and paper. Russian
and Chinese originals are the course's own translations ("Translated and adapted by the course from ..."); documents
first written in English are retold in the course's words ("Retold by the course from ..."). The questions cite lines
of the excerpt ("In lines 6-11, ..."); ``check`` fails when a cited line does not exist or an excerpt is missing,
shorter than 150 words or longer than 350.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from . import data as _data

__all__ = ["CHAPTER_PAGES", "TEACHER_PAGE", "TAG", "load", "quotes", "excerpt", "excerpt_words", "line_refs",
           "excerpt_problems", "studies", "teacher_answers", "write", "check"]

TAG = "document-studies"
CHAPTER_PAGES = {
    "q1": "book/q1/origins.ipynb",
    "q2": "book/q2/facts.ipynb",
    "q3": "book/q3/reforms.ipynb",
    "debate": "book/debate/history.ipynb",
}
TEACHER_PAGE = "book/teaching/document_answers.md"
CHAPTER_NAMES = {
    "q1": "Question 1: whose decision was the Secret Speech?",
    "q2": "Question 2: were the facts well founded?",
    "q3": "Question 3: reformer or failed reformer?",
    "debate": "How the verdict changed",
}
MAX_QUOTE_WORDS = 12
EXCERPT_WORDS = (150, 350)
NUMBER_EVERY = 5
LABELS = {"translated": "Translated and adapted by the course from", "retold": "Retold by the course from"}
QUESTION_COLUMNS = ("question_sourcing", "question_context", "question_corroboration")
ANSWER_COLUMNS = ("answer_sourcing", "answer_context", "answer_corroboration")
# "line 4", "lines 6-11", "Lines 6–11": lines of the study's own excerpt. Another study's lines are named with its id
# in double brackets, "lines 27-33 of [[secret_speech_1934_cc]]" or "([[secret_speech_1934_cc]], lines 27-33)"; the
# page shows that study's title instead. Every number is checked against the excerpt it points to.
_LINE_REF = re.compile(r"(?:\[\[(?P<pre>[a-z0-9_]+)\]\],?\s+)?\blines? (?P<first>\d+)(?:\s*(?:-|–|to|and)\s*(?P<last>\d+))?"
                       r"(?:\s+of\s+\[\[(?P<post>[a-z0-9_]+)\]\])?", re.IGNORECASE)
_STUDY_REF = re.compile(r"\[\[([a-z0-9_]+)\]\]")
_WORD = re.compile(r"[^\W_]+(?:['’,.-][^\W_]+)*")  # 1,548,366 and 3.II.1954 are one word each
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def load(chapter: str | None = None) -> pd.DataFrame:
    """The validated document studies, in chapter order (optionally one chapter's)."""
    frame = _data.load("documents")
    if chapter is not None:
        frame = frame[frame["chapter"] == chapter]
    return frame.sort_values(["chapter", "order"]).reset_index(drop=True)


def quotes(cell) -> list[tuple[str, str]]:
    """A ``quotes`` cell as (phrase, attribution) pairs: "phrase (attribution) | phrase (attribution)"."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    out = []
    for part in cell.split(" | "):
        part = part.strip()
        if part.endswith(")") and " (" in part:
            phrase, _, who = part[:-1].rpartition(" (")
            out.append((phrase.strip(), who.strip()))
        else:
            out.append((part, ""))
    return out


def excerpt(row, root: Path | None = None) -> list[str]:
    """The excerpt of a study as its lines (hard line breaks, as stored); [] when the file is missing."""
    name = getattr(row, "excerpt_file", None) if not isinstance(row, dict) else row.get("excerpt_file")
    if not isinstance(name, str) or not name.strip():
        return []
    path = (Path(root) if root is not None else _data.root()) / "data" / name
    if not path.is_file():
        return []
    return [line.rstrip() for line in path.read_text(encoding="utf-8").strip("\n").split("\n")]


def excerpt_words(lines: list[str]) -> int:
    """Words of an excerpt; the cut mark [...] is not a word."""
    return sum(len(_WORD.findall(line)) for line in lines)


def line_refs(text, own: str = "") -> list[tuple[str, int]]:
    """Every line a question or answer cites, as (study id, line number): "lines 6-11" gives (own, 6) and
    (own, 11); "lines 27-33 of [[secret_speech_1934_cc]]" points into that study's excerpt."""
    if not isinstance(text, str):
        return []
    out = []
    for m in _LINE_REF.finditer(text):
        study = m.group("pre") or m.group("post") or own
        out.append((study, int(m.group("first"))))
        if m.group("last"):
            out.append((study, int(m.group("last"))))
    return out


def _titles(text: str, titles: dict[str, str]) -> str:
    """Page text: each [[id]] becomes the study's title in italics."""
    return _STUDY_REF.sub(lambda m: f"*{titles.get(m.group(1), m.group(1))}*", text)


LANGUAGES = {"translated": {"russian", "chinese"}, "retold": {"english"}}
_BIB_ENTRY = re.compile(r"@\w+\{([^,\s]+),(.*?)\n\}", re.S)
_BIB_LANGUAGE = re.compile(r"\blanguage\s*=\s*\{([^}]*)\}")


def bib_languages(root: Path | None = None) -> dict[str, str]:
    """The ``language`` field of each bibliography entry that has one ("russian", "chinese", "english")."""
    path = _data.bibliography_path(Path(root) / "data" if root is not None else None)
    out = {}
    for key, body in _BIB_ENTRY.findall(path.read_text(encoding="utf-8")):
        found = _BIB_LANGUAGE.search(body)
        if found:
            out[key] = found.group(1).strip().lower()
    return out


def excerpt_problems(frame: pd.DataFrame | None = None, root: Path | None = None) -> list[str]:
    """What is wrong with the excerpts: missing, too short or long, a cited line that does not exist, a label
    that cites an edition in the wrong language ("Translated" needs Russian or Chinese, "Retold" English)."""
    frame = load() if frame is None else frame
    languages = bib_languages(root)
    lengths = {row.id: len(excerpt(row, root)) for row in frame.itertuples()}
    problems = []
    for row in frame.itertuples():
        for key in _data.split_keys(row.excerpt_from):
            if languages.get(key) not in LANGUAGES[row.excerpt_kind]:
                problems.append(f"{row.id}: excerpt_from {key!r} has language {languages.get(key)!r}; a "
                                f"{row.excerpt_kind!r} excerpt needs {' or '.join(sorted(LANGUAGES[row.excerpt_kind]))}")
        lines = excerpt(row, root)
        if not lines:
            problems.append(f"{row.id}: no excerpt (expected data/{row.excerpt_file})")
            continue
        n = excerpt_words(lines)
        if not EXCERPT_WORDS[0] <= n <= EXCERPT_WORDS[1]:
            problems.append(f"{row.id}: excerpt of {n} words (expected {EXCERPT_WORDS[0]}-{EXCERPT_WORDS[1]})")
        for column in QUESTION_COLUMNS + ANSWER_COLUMNS:
            text = getattr(row, column)
            for study in _STUDY_REF.findall(text):
                if study not in lengths:
                    problems.append(f"{row.id}: {column} names [[{study}]], which is not a study")
            for study, number in line_refs(text, row.id):
                if study in lengths and not 1 <= number <= lengths[study]:
                    problems.append(f"{row.id}: {column} cites line {number} of {study}, whose excerpt has "
                                    f"{lengths[study]} lines")
        for column in QUESTION_COLUMNS:
            if not any(study == row.id for study, _ in line_refs(getattr(row, column), row.id)):
                problems.append(f"{row.id}: {column} cites no line of the study's own excerpt")
        if not _STUDY_REF.search(row.question_corroboration) and "data/" not in row.question_corroboration:
            problems.append(f"{row.id}: question_corroboration names no other study ([[id]]) or data file")
    return problems


def _excerpt_html(lines: list[str]) -> str:
    """The excerpt as one element per line; every fifth line number in the margin, hidden from screen readers
    (the number is page furniture, not text) and not copied with the text."""
    out = [f'<div class="thaw-excerpt" role="group" aria-label="Excerpt, {len(lines)} numbered lines">']
    for i, line in enumerate(lines, start=1):
        number = str(i) if i % NUMBER_EVERY == 0 else ""
        out.append(f'<span class="thaw-excerpt-line"><span class="thaw-excerpt-n" aria-hidden="true">{number}</span>'
                   f'{html.escape(line, quote=False)}</span>')
    out.append("</div>")
    return "\n".join(out)


def _date(text: str) -> str:
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 3:
        return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{_MONTHS[parts[1] - 1]} {parts[0]}"


def _cite(keys: str, role: str = "p") -> str:
    return "{cite:" + role + "}`" + ",".join(_data.split_keys(keys)) + "`"


def _study(row, level: str, titles: dict[str, str]) -> str:
    lines = [f"{level} {row.title}", ""]
    lines += [
        f"**What it is.** Written by {row.author}; dated {_date(row.date)}. Audience: {row.audience}. "
        f"Purpose: {row.purpose}.",
        "",
        f"**Where it is.** Original: {row.held}. Published in {_cite(row.published, 't')}.",
        "",
        f"**What it says.** {row.summary} {_cite(row.sources)}",
        "",
        f"**Why it matters.** {row.why_it_matters}",
        "",
    ]
    lines += [
        f"**Read the document.** {LABELS[row.excerpt_kind]} {row.excerpt_citation} {_cite(row.excerpt_from)}. "
        "Cuts are marked [...]; words in square brackets are the course's explanations.",
        "",
        _excerpt_html(excerpt(row)),
        "",
    ]
    pairs = quotes(row.quotes)
    if pairs:
        lines += ["**In its own words.** " + "; ".join(f"\u201c{q}\u201d ({who})" for q, who in pairs) + ".", ""]
    if isinstance(row.url, str) and row.url:
        host = urlparse(row.url).hostname.rstrip(".")
        lines += [f"**Read the full text:** [{host}]({row.url}) (an outside site; nothing loads until you follow the "
                  "link).", ""]
    lines += [
        "**Guiding questions.**",
        "",
        f"1. *Sourcing.* {_titles(row.question_sourcing, titles)}",
        f"2. *Context.* {_titles(row.question_context, titles)}",
        f"3. *Corroboration.* {_titles(row.question_corroboration, titles)}",
        "",
    ]
    return "\n".join(lines)


def studies(chapter: str, level: str = "###") -> str:
    """One chapter's document studies as MyST Markdown page text (a heading per study)."""
    frame = load(chapter)
    intro = (
        "Read each document as a historian would: first who made it, when, for whom and why; then what it says; then "
        "what other sources confirm or contradict. Answers for teachers are in the teachers' section of the book."
    )
    body = ["% Generated from data/documents.csv by `python -m thaw.documents write`: edit the table, not this cell.",
            "", "## Document studies", "", intro, ""]
    titles = dict(zip(load()["id"], load()["title"]))
    body += [_study(row, level, titles) for row in frame.itertuples()]
    return "\n".join(body).rstrip() + "\n"


def teacher_answers() -> str:
    """The teachers' page: every study's guiding questions with suggested answers, by chapter."""
    frame = load()
    titles = dict(zip(frame["id"], frame["title"]))
    out = [
        "# Document studies: answers for teachers",
        "",
        "% Generated from data/documents.csv by `python -m thaw.documents write`: edit the table, not this page.",
        "",
        "Each chapter has document studies with three guiding questions: sourcing (who made the document, when, for "
        "whom and why), context (what was happening) and corroboration (what other sources say). These are suggested "
        "answers: accept others that use the document and its context with evidence. A good answer names the author's "
        "position and interest, dates the document precisely, and compares it with at least one independent source.",
        "",
        "The excerpts are the course's own translations from the Russian and Chinese texts named under each study "
        "(the document written in English is retold), so that a bilingual reader can check each one against its "
        "original; cuts are marked [...] and the course's explanations are in square brackets.",
        "",
    ]
    for chapter in CHAPTER_PAGES:
        sub = frame[frame["chapter"] == chapter]
        if sub.empty:
            continue
        out += [f"## {CHAPTER_NAMES[chapter]}", ""]
        for row in sub.itertuples():
            out += [
                f"### {row.title}",
                "",
                f"1. *Sourcing.* {_titles(row.question_sourcing, titles)}",
                "",
                f"   **Answer.** {_titles(row.answer_sourcing, titles)}",
                "",
                f"2. *Context.* {_titles(row.question_context, titles)}",
                "",
                f"   **Answer.** {_titles(row.answer_context, titles)}",
                "",
                f"3. *Corroboration.* {_titles(row.question_corroboration, titles)}",
                "",
                f"   **Answer.** {_titles(row.answer_corroboration, titles)}",
                "",
                f"Excerpt: {LABELS[row.excerpt_kind].lower().replace('translated and adapted', 'translated')} "
                f"{row.excerpt_citation} {_cite(row.excerpt_from)} (file `data/{row.excerpt_file}`).",
                "",
                f"Sources: {_cite(row.sources)}.",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"


# ----------------------------------------------------------------------------- keeping the pages in step
def _tagged(nb: dict) -> list[int]:
    return [i for i, c in enumerate(nb["cells"]) if TAG in c.get("metadata", {}).get("tags", [])]


def _source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def _expected(root: Path) -> dict[Path, str]:
    out = {root / TEACHER_PAGE: teacher_answers()}
    for chapter, page in CHAPTER_PAGES.items():
        if (root / page).is_file():
            out[root / page] = studies(chapter)
    return out


def check(root: Path | None = None) -> list[str]:
    """Pages out of step with the table (empty when all is well)."""
    root = Path(root) if root is not None else _data.root()
    problems = excerpt_problems(load(), root)
    for path, text in _expected(root).items():
        rel = path.relative_to(root)
        if path.suffix == ".ipynb":
            nb = json.loads(path.read_text(encoding="utf-8"))
            cells = _tagged(nb)
            if len(cells) != 1:
                problems.append(f"{rel}: expected one markdown cell tagged {TAG!r}, found {len(cells)}")
            elif _source(nb["cells"][cells[0]]) != text:
                problems.append(f"{rel}: the document studies are out of step with data/documents.csv")
        elif not path.is_file() or path.read_text(encoding="utf-8") != text:
            problems.append(f"{rel}: out of step with data/documents.csv")
    return problems


def write(root: Path | None = None) -> list[Path]:
    """Re-render the tagged cell of each chapter page and the teachers' page; returns the files changed."""
    root = Path(root) if root is not None else _data.root()
    changed = []
    for path, text in _expected(root).items():
        if path.suffix == ".ipynb":
            raw = path.read_text(encoding="utf-8")
            nb = json.loads(raw)
            cells = _tagged(nb)
            if len(cells) != 1:
                raise ValueError(f"{path}: add one markdown cell tagged {TAG!r} where the studies belong")
            nb["cells"][cells[0]]["source"] = text.splitlines(keepends=True)
            new = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
            if new != raw:
                path.write_text(new, encoding="utf-8")
                changed.append(path)
        elif not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str]) -> int:
    if argv[:1] == ["write"]:
        for path in write():
            print(f"wrote {path}")
        return 0
    if argv[:1] == ["check"]:
        problems = check()
        for p in problems:
            print(p)
        return 1 if problems else 0
    print("usage: python -m thaw.documents write|check")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
