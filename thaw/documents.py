"""Document studies: primary sources students read for themselves (``data/documents.csv``).

Each study is rendered as MyST Markdown *page text* (headings, provenance, summary, guiding questions), not as a
widget or script, so the book's own search finds every study by its title and the page works offline; a link to a
full text is a plain anchor that loads nothing until it is clicked. The chapters hold the rendered text in one
markdown cell each (tagged ``document-studies``), kept in step with the table by::

    python -m thaw.documents write   # re-render the chapter cells and the teachers' answers page
    python -m thaw.documents check   # exit 1 if a page is out of step with data/documents.csv

The teachers' answers to the guiding questions are rendered on their own page in the "For teachers" part.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from . import data as _data

__all__ = ["CHAPTER_PAGES", "TEACHER_PAGE", "TAG", "load", "quotes", "studies", "teacher_answers", "write", "check"]

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


def _date(text: str) -> str:
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{_MONTHS[parts[1] - 1]} {parts[0]}"


def _cite(keys: str, role: str = "p") -> str:
    return "{cite:" + role + "}`" + ",".join(_data.split_keys(keys)) + "`"


def _study(row, level: str) -> str:
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
        f"1. *Sourcing.* {row.question_sourcing}",
        f"2. *Context.* {row.question_context}",
        f"3. *Corroboration.* {row.question_corroboration}",
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
    body += [_study(row, level) for row in frame.itertuples()]
    return "\n".join(body).rstrip() + "\n"


def teacher_answers() -> str:
    """The teachers' page: every study's guiding questions with suggested answers, by chapter."""
    frame = load()
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
                f"1. *Sourcing.* {row.question_sourcing}",
                "",
                f"   **Answer.** {row.answer_sourcing}",
                "",
                f"2. *Context.* {row.question_context}",
                "",
                f"   **Answer.** {row.answer_context}",
                "",
                f"3. *Corroboration.* {row.question_corroboration}",
                "",
                f"   **Answer.** {row.answer_corroboration}",
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
    problems = []
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
