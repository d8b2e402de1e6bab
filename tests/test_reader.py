"""The reader copies JupyterLab shows (thaw.reader, run by Binder's postBuild): every citation written out with a
reference list, every glossary term with its definition, every link to another page a file that exists; cell ids kept."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from thaw.data import bibliography
from thaw.reader import glossary, reader_copy

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for folder in ("book", "exercises") for p in (ROOT / folder).rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_reader_copy_resolves_every_role(path):
    source = json.loads(path.read_text(encoding="utf-8"))
    copy = reader_copy(source, path)
    assert [c["id"] for c in copy["cells"]][:len(source["cells"])] == [c["id"] for c in source["cells"]]
    text = "\n".join("".join(c["source"]) for c in copy["cells"] if c["cell_type"] == "markdown")
    assert not re.search(r"\{(cite|cite:p|cite:t|term|doc|ref)\}`", text), path
    original = "\n".join("".join(c["source"]) for c in source["cells"] if c["cell_type"] == "markdown")
    cited = {k.strip() for keys in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", original) for k in keys.split(",")}
    bib = bibliography()
    for key in cited:
        assert f"- {bib[key]['short']}. *" in text, f"{path.name}: {key} missing from the reference list"
    terms = glossary()
    for term in re.findall(r"\{abbr\}`[^`(]*\(([^`]*)\)`", text):
        assert len(term) > 20 and "{" not in term, term
    for label, target in re.findall(r"\[([^\]]+)\]\(([^)\s]+)\)", text):
        if not re.match(r"(https?:|#|mailto:)", target):
            assert (path.parent / target).resolve().is_file(), f"{path.name}: dead link {target!r} ({label})"
    assert terms and all(len(d) > 20 for d in terms.values())


def test_term_definition_comes_from_the_glossary():
    nb = {"cells": [{"cell_type": "markdown", "id": "x", "metadata": {},
                     "source": "The {term}`Thaw` and the {term}`speech <Secret Speech>` {cite:p}`taubman2003`."}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    out = reader_copy(nb, ROOT / "book" / "q1" / "origins.ipynb")
    text = out["cells"][0]["source"]
    assert text.startswith("The {abbr}`Thaw (Russian ottepel'") and "{abbr}`speech (Khrushchev's report" in text
    assert "(Taubman 2003)." in text and out["cells"][-1]["id"] == "reader-references"
    assert "Thaw\n: " in out["cells"][-1]["source"] and "- Taubman 2003. *" in out["cells"][-1]["source"]


def test_reader_command_writes_copies_and_leaves_the_sources(tmp_path):
    before = {p: p.read_bytes() for p in NOTEBOOKS}
    proc = subprocess.run([sys.executable, "-m", "thaw.reader", str(tmp_path)], cwd=ROOT, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "exercises" / "solutions" / "ex3_judging_the_reforms.ipynb").is_file()
    assert (tmp_path / "book" / "teaching" / "rubric.md").is_file()  # what the exercise's link opens
    assert all(p.read_bytes() == b for p, b in before.items())
    assert (ROOT / "postBuild").read_text().count("python -m thaw.reader --in-place book exercises") == 1
