"""Reader copies of the notebooks for JupyterLab, so that a notebook reads there as its page reads in the book.

jupyterlab-myst renders MyST in JupyterLab but reads no BibTeX and no glossary of another file, and a ``{doc}`` link
names a page of the book, not a file. A reader copy has, in every markdown cell:

- each ``{cite:p}`key1,key2``` written out as "(Taubman 2003; Tompson 1995)" and each ``{cite:t}`key``` as
  "Taubman (2003)", with a "References" cell at the end listing every work cited;
- each ``{term}`Thaw``` written as ``{abbr}`Thaw (definition)``` (the definition shows on hover and is read by screen
  readers), and the definitions listed under "Terms used here" at the end;
- each ``{doc}`text <../q1/origins>``` written as a Markdown link to the notebook or page beside it
  (``[text](../q1/origins.ipynb)``), which JupyterLab opens.

Cell ids and everything else stay as they are. Binder runs ``python -m thaw.reader --in-place book exercises``
(the repository's ``postBuild``), so the notebooks a student opens there are reader copies; elsewhere
``python -m thaw.reader DEST`` writes the copies under DEST (default ``_build/reader``) and leaves the sources alone.
Imports: the data (the bibliography), nothing else from the package.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from .data import bibliography, root

__all__ = ["glossary", "main", "reader_copy"]

_ROLE = re.compile(r"\{(cite|cite:p|cite:t|cite:ps|cite:ts|term|doc)\}`([^`]*)`")
_LABELLED = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
_ENTRY = re.compile(r"^(\S[^\n]*)\n((?:[ \t]+[^\n]*\n?)+)", re.M)


def glossary(base: Path | None = None) -> dict[str, str]:
    """The course glossary (book/reference/glossary.md): term -> its definition, in plain text (citations written
    out, roles and emphasis removed)."""
    text = ((base or root()) / "book" / "reference" / "glossary.md").read_text(encoding="utf-8")
    block = re.search(r"```\{glossary\}\n(.*?)```", text, re.S)
    out = {}
    for term, body in _ENTRY.findall(block.group(1) if block else ""):
        if term.startswith(":"):
            continue
        definition = " ".join(line.strip() for line in body.splitlines())
        out[term.strip()] = _plain(definition)
    return out


def _cite(kind: str, keys: str, cited: list[str]) -> str:
    bib = bibliography()
    parts = []
    for key in (k.strip() for k in keys.split(",") if k.strip()):
        if key not in cited:
            cited.append(key)
        short = bib[key]["short"] if key in bib else key
        if kind in ("cite:t", "cite:ts"):
            who, _, year = short.rpartition(" ")
            parts.append(f"{who} ({year})")
        else:
            parts.append(short)
    return "; ".join(parts) if kind in ("cite:t", "cite:ts") else f"({'; '.join(parts)})"


def _plain(text: str) -> str:
    """A definition as a hover text: citations written out, other roles reduced to their text, no Markdown."""
    text = _ROLE.sub(lambda m: _cite(m.group(1), m.group(2), []) if m.group(1).startswith("cite")
                     else _label(m.group(2))[0], text)
    return re.sub(r"[*_`]", "", text).strip()


def _label(content: str) -> tuple[str, str]:
    """``text <target>`` -> (text, target); ``target`` -> (target, target)."""
    found = _LABELLED.match(content.strip())
    return (found.group(1).strip(), found.group(2).strip()) if found else (content.strip(), content.strip())


def _title(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    return heading.group(1).strip() if heading else path.stem


def _doc(content: str, here: Path, base: Path) -> str:
    text, target = _label(content)
    folder = base if target.startswith("/") else here.parent
    stem = (folder / target.lstrip("/")).resolve()
    for suffix in (".ipynb", ".md"):
        path = stem.with_name(stem.name + suffix)
        if path.is_file():
            rel = Path(_relative(path, here.parent.resolve()))
            label = text if text != target else _title(path)
            return f"[{label}]({rel.as_posix()})"
    raise FileNotFoundError(f"{here}: {{doc}} target {target!r} is neither a notebook nor a page")


def _relative(path: Path, start: Path) -> str:
    import os

    return os.path.relpath(path, start)


def _abbr(content: str, terms: dict[str, str], used: list[str]) -> str:
    text, term = _label(content)
    match = next((t for t in terms if t.lower() == term.lower()), None)
    if match is None:
        raise KeyError(f"{{term}} {term!r} is not in the glossary (book/reference/glossary.md)")
    if match not in used:
        used.append(match)
    first = re.split(r"(?<=\.)\s+(?=[A-Z])", terms[match])[0]
    title = first.replace("(", "[").replace(")", "]").replace("`", "'")
    return f"{{abbr}}`{text} ({title})`"


def reader_copy(nb: dict, path: Path, base: Path | None = None) -> dict:
    """The reader copy of a notebook (``path``: where it lives in the repository, for its relative links)."""
    base = (base or root()).resolve()
    path = Path(path).resolve()
    terms = glossary(base)
    bib = bibliography()
    nb = json.loads(json.dumps(nb))
    cited: list[str] = []
    used: list[str] = []

    def replace(match: re.Match) -> str:
        kind, content = match.groups()
        if kind.startswith("cite"):
            return _cite(kind, content, cited)
        if kind == "term":
            return _abbr(content, terms, used)
        return _doc(content, path, base)

    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cell["source"] = _ROLE.sub(replace, source)
    lines = []
    if used:
        lines += ["## Terms used here", ""] + [f"{t}\n: {terms[t]}\n" for t in used]
    if cited:
        lines += ["## References", ""] + [
            f"- {bib[k]['short']}. *{bib[k]['title']}*." if k in bib else f"- {k}" for k in cited]
    if lines:
        nb["cells"].append({"cell_type": "markdown", "id": "reader-references", "metadata": {},
                            "source": "\n".join(lines)})
    return nb


def write(paths: list[Path], dest: Path | None, base: Path) -> list[Path]:
    """Write the reader copy of each notebook under ``paths`` (folders are searched) to ``dest`` (the same
    relative layout), or over the notebook itself when ``dest`` is None."""
    written = []
    for start in paths:
        start = (base / start).resolve() if not Path(start).is_absolute() else Path(start)
        for nb_path in sorted(start.rglob("*.ipynb")) if start.is_dir() else [start]:
            if ".ipynb_checkpoints" in nb_path.parts:
                continue
            copy = reader_copy(json.loads(nb_path.read_text(encoding="utf-8")), nb_path, base)
            target = nb_path if dest is None else dest / nb_path.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(copy, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            written.append(target)
    return written


def main(argv: list[str]) -> int:
    base = root()
    if argv[:1] == ["--in-place"]:
        written = write([Path(p) for p in argv[1:] or ["book", "exercises"]], None, base)
    else:
        dest = (Path(argv[0]) if argv else base / "_build" / "reader").resolve()
        written = write([base / "book", base / "exercises"], dest, base)
        for page in (base / "book").rglob("*.md"):  # the pages the links open
            target = dest / page.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.read_bytes())
    print(f"wrote {len(written)} reader copies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
