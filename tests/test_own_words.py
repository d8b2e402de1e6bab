"""The course is written in its own words: it quotes the essay only in short phrases. No page, data table or
exercise repeats a run of more than LIMIT consecutive words of the essay (quoted claims under scrutiny included)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT.parent / "shared" / "essay" / "essay.txt"
LIMIT = 12  # words: a short phrase, long enough to quote a claim exactly


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def sources() -> list[Path]:
    pats = ["book/**/*.md", "book/**/*.ipynb", "exercises/**/*.ipynb", "data/*.csv", "thaw/*.py"]
    return sorted({p for pat in pats for p in ROOT.glob(pat) if ".ipynb_checkpoints" not in p.parts})


def text_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n".join("".join(c["source"]) for c in nb["cells"])
    return path.read_text(encoding="utf-8")


@pytest.mark.skipif(not ESSAY.is_file(), reason="the essay lives in ../shared/essay (beside the repository)")
@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_long_passage_of_the_essay_is_copied(path):
    essay = words(ESSAY.read_text(encoding="utf-8"))
    n = LIMIT + 1
    grams = {tuple(essay[i:i + n]) for i in range(len(essay) - n + 1)}
    w = words(text_of(path))
    copied = [" ".join(w[i:i + n]) for i in range(len(w) - n + 1) if tuple(w[i:i + n]) in grams]
    assert copied == [], f"{len(copied)} runs of {n}+ words copied from the essay, e.g. {copied[0]!r}"
