"""The course is written in its own words: it quotes the essay only in short phrases. No source (page, data table,
exercise, code) and no built page's visible text repeats a run of more than LIMIT consecutive words of the essay
(quoted claims under scrutiny included). The essay is not in the repository: its runs are, hashed, in
tests/fixtures/essay-ngrams.txt (scripts/essay_ngrams.py), so the check runs in every clone."""
from __future__ import annotations

import html
import importlib.util
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import built, toc_files

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("essay_ngrams", ROOT / "scripts" / "essay_ngrams.py")
ngrams = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ngrams)
ESSAY = ngrams.read_fixture()
HTML = ROOT / "_build" / "html"


def sources() -> list[Path]:
    pats = ["README.md", "book/**/*.md", "book/**/*.ipynb", "exercises/**/*.ipynb", "data/**/*.csv", "data/**/*.md",
            "thaw/**/*.py", "thaw/**/*.js", "thaw/**/*.html"]
    return sorted({p for pat in pats for p in ROOT.glob(pat) if ".ipynb_checkpoints" not in p.parts})


def text_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n".join("".join(c["source"]) for c in nb["cells"])
    return path.read_text(encoding="utf-8")


class _Visible(HTMLParser):
    """A page's text as a reader sees it (scripts and styles left out), including the text of image descriptions
    and form labels that screen readers read."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page_html: str) -> str:
    parser = _Visible()
    parser.feed(page_html)
    return html.unescape(" ".join(parser.parts))


def test_the_fixture_holds_the_essays_runs():
    """The hashes are there (a fixture emptied by mistake would make every check below pass) and well formed."""
    assert len(ESSAY) > 1000
    assert all(len(h) == 16 and int(h, 16) >= 0 for h in ESSAY)


def test_the_check_finds_a_long_run_and_lets_a_short_phrase_pass():
    """The detector itself, on an essay of its own: a page repeating 13 words of it is caught, even across markup
    and changed case; 12 words (a short phrase) pass; so does a script's text, which no reader sees."""
    essay = ("the thaw began when the new leaders released prisoners and spoke of collective leadership in the months "
             "after the death of the old dictator in march")
    hashed = ngrams.hashes(essay)
    thirteen = " ".join(essay.split()[3:16])
    twelve = " ".join(essay.split()[3:15])
    assert ngrams.copied(f"<p>As the essay says, {thirteen}.</p>", hashed) == [thirteen]
    page = "<p><em>The New Leaders</em> released prisoners and spoke of collective leadership in the months.</p>"
    assert len(ngrams.copied(visible_text(page), hashed)) == 1
    assert ngrams.copied(f"<p>As the essay says, {twelve}.</p>", hashed) == []
    assert ngrams.copied(visible_text(f"<p>Short.</p><script>var s = '{thirteen}';</script>"), hashed) == []


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_long_passage_of_the_essay_is_copied(path):
    copied = ngrams.copied(text_of(path), ESSAY)
    assert copied == [], f"{len(copied)} runs of {ngrams.N}+ words copied from the essay, e.g. {copied[0]!r}"


@pytest.mark.build
@pytest.mark.parametrize("page", toc_files())
def test_no_built_page_shows_a_long_passage_of_the_essay(built_book, page):
    """What readers see, notebook outputs (tables, chart descriptions, feedback) included."""
    path = built(built_book["html"], page)
    assert path.is_file(), f"{page} was not built"
    copied = ngrams.copied(visible_text(path.read_text(encoding="utf-8")), ESSAY)
    assert copied == [], f"{page}: {len(copied)} runs of {ngrams.N}+ words of the essay, e.g. {copied[0]!r}"
