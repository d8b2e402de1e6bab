"""Write tests/fixtures/essay-ngrams.txt: a hash of every run of N consecutive words of the source essay, so that
every clone can check that the course quotes the essay only in short phrases (tests/test_own_words.py) without the
essay itself, which lives outside the repository (../shared/essay/essay.txt) and is not shipped.

    python scripts/essay_ngrams.py            # from the essay beside the repository
    python scripts/essay_ngrams.py PATH       # from another copy

The tests import words(), digest() and copied() from here, so the fixture and the check cut words the same way."""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT.parent / "shared" / "essay" / "essay.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "essay-ngrams.txt"
LIMIT = 12  # words: a short phrase, long enough to quote a claim exactly
N = LIMIT + 1  # a run of N words is a copied passage
HEADER = f"""# sha256 of each run of {N} consecutive words of the course's source essay (lower-cased, words as [a-z0-9]+,
# joined by one space), first 16 hex digits, sorted. Made by scripts/essay_ngrams.py; the essay itself is not here.
"""


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def digest(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def runs(text: str) -> list[list[str]]:
    w = words(text)
    return [w[i:i + N] for i in range(len(w) - N + 1)]


def hashes(text: str) -> set[str]:
    return {digest(run) for run in runs(text)}


def copied(text: str, essay: set[str]) -> list[str]:
    """Every run of N words of ``text`` whose hash is in ``essay`` (a set of hashes, as the fixture holds)."""
    return [" ".join(run) for run in runs(text) if digest(run) in essay]


def read_fixture(path: Path = FIXTURE) -> set[str]:
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def main(argv: list[str]) -> int:
    essay = Path(argv[0]) if argv else ESSAY
    if not essay.is_file():
        print(f"no essay at {essay}: the fixture stays as it is", file=sys.stderr)
        return 1
    found = sorted(hashes(essay.read_text(encoding="utf-8")))
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(HEADER + "\n".join(found) + "\n", encoding="utf-8")
    print(f"{FIXTURE.relative_to(ROOT)}: {len(found)} hashed runs of {N} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
