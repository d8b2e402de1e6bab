"""The student notebooks, made from the solution notebooks, and the answer key checked against them.

One source for solutions and student notebooks: ``exercises/solutions/*.ipynb`` are the teacher's notebooks;
``python -m thaw.student build`` (``make student``) writes the student versions to ``exercises/`` by removing every
block between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (code) or ``<!-- BEGIN SOLUTION -->`` and
``<!-- END SOLUTION -->`` (markdown), every cell tagged ``solution``, and the ``<!-- id: ... -->`` marks of options.

The student notebooks keep the cell ids of the solutions (nbformat 4.5), so the key's ``prompt`` ids name the same
cells in both.

``python -m thaw.student check`` fails if a student notebook is out of date or if the answer key
(``exercises/keys/*.yaml``, read by ``thaw.keys``) and the solution notebooks disagree: a task checked nowhere, twice,
or from the wrong notebook; a task whose ``prompt`` is not the id of the markdown cell before its check; a choice or
set task whose option letters differ from the letters the notebook lists; an option whose ``<!-- id: row_id -->``
mark differs from the key's options; a solution written as a literal (``answer = "b"``) that the key does not
accept. So the letters in a notebook and in the key cannot drift apart silently.
"""
from __future__ import annotations

import ast
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from . import checking, keys
from .checking import Task

__all__ = ["build", "key_problems", "main", "option_lines", "student_version", "without_markers"]

_CODE_BLOCK = re.compile(r"^[ \t]*### BEGIN SOLUTION[^\n]*\n.*?^[ \t]*### END SOLUTION[^\n]*(\n|$)", re.S | re.M)
_MD_BLOCK = re.compile(r"<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->\n?", re.S)
_ID_MARK = re.compile(r"[ \t]*<!--\s*id:\s*([\w.-]+)\s*-->")
_OPTION = re.compile(r"^[ \t]*[-*][ \t]+\*\*([a-z])\)\*\*(.*)$", re.M)
_CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([^"']+)["']""")
_SOLUTION = re.compile(r"^[ \t]*### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION", re.S | re.M)
_MARKER_LINE = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[^\n]*(\n|$)", re.M)


def without_markers(code: str) -> str:
    """A solution cell as teachers read it: the solution kept, the BEGIN/END SOLUTION marker lines gone."""
    return _MARKER_LINE.sub("", code)


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def student_version(nb: dict) -> dict:
    """The student notebook: solution blocks, solution-tagged cells and option id marks removed, outputs cleared."""
    nb = json.loads(json.dumps(nb))
    cells = []
    for cell in nb["cells"]:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            continue
        src = _source(cell)
        src = _CODE_BLOCK.sub("", src) if cell["cell_type"] == "code" else _ID_MARK.sub("", _MD_BLOCK.sub("", src))
        cell["source"] = src.rstrip("\n")
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        cells.append(cell)
    nb["cells"] = cells
    nb["metadata"].pop("widgets", None)
    nb["metadata"]["thaw"] = {"generated": "student version; edit exercises/solutions/ and run make student"}
    return nb


def _dump(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def build(root: Path, write: bool = True) -> list[Path]:
    """Write (or, with write=False, list the stale) student notebooks. Returns the paths that differ."""
    stale = []
    for src in sorted((root / "exercises" / "solutions").glob("*.ipynb")):
        target = root / "exercises" / src.name
        text = _dump(student_version(json.loads(src.read_text(encoding="utf-8"))))
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            stale.append(target)
            if write:
                target.write_text(text, encoding="utf-8")
    return stale


# ----------------------------------------------------------------------------- the key against the notebooks
def option_lines(markdown: str) -> dict[str, str | None]:
    """The options a task's text lists (``- **a)** ...``): letter -> the row id of its ``<!-- id: ... -->`` mark,
    or None when the line has no mark."""
    out: dict[str, str | None] = {}
    for letter, rest in _OPTION.findall(markdown):
        mark = _ID_MARK.search(rest)
        out[letter] = mark.group(1) if mark else None
    return out


def _solution_literal(code: str):
    """The answer a solution block assigns as a plain literal (``answer = "b"``, ``answer = ["a", "c"]``), else
    ``...`` (a computed answer is checked by running the notebook)."""
    block = _SOLUTION.search(code)
    if not block:
        return ...
    try:
        tree = ast.parse(block.group(1))
    except SyntaxError:
        return ...
    value = ...
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "answer" for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                value = ...
    return value


def _task_problems(where: str, task: Task, prompt: str, code: str, prompt_id: str | None = None) -> list[str]:
    problems = []
    if prompt_id is not None and task.prompt != prompt_id:
        problems.append(f"{where}: the key's prompt is {task.prompt!r} but the markdown cell before the check has the "
                        f"id {prompt_id!r} ({task.source})")
    listed = option_lines(prompt)
    if task.options and task.kind in ("choice", "set"):
        if sorted(listed) != sorted(task.options):
            problems.append(f"{where}: the notebook lists options {', '.join(sorted(listed)) or '(none)'}, the key "
                            f"has {', '.join(task.options)}")
    marked = {k: v for k, v in listed.items() if v is not None}
    if dict(task.option_ids) != marked:
        for letter in sorted(set(task.option_ids) | set(listed)):
            in_key, in_nb = task.option_ids.get(letter), listed.get(letter)
            if in_key != in_nb:
                problems.append(f"{where}: option {letter} is marked <!-- id: {in_nb} --> in the notebook but is "
                                f"{in_key} in the key ({task.source})")
    literal = _solution_literal(code)
    if literal is not ...:
        if not checking.is_key_answer(task, literal):
            problems.append(f"{where}: the solution answers {literal!r} but the key expects {task.answer()!r}")
    return problems


def key_problems(root: Path, tasks: Mapping[str, Task] | None = None) -> list[str]:
    """Every disagreement between the answer key and the solution notebooks (empty when they agree)."""
    if tasks is None:
        tasks = keys.tasks()
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted((root / "exercises" / "solutions").glob("*.ipynb")):
        name = f"exercises/solutions/{path.name}"
        prefix = path.name.split("_")[0] + "."
        nb = json.loads(path.read_text(encoding="utf-8"))
        prompt: list[str] = []
        prompt_id = None
        for cell in nb["cells"]:
            src = _source(cell)
            if cell["cell_type"] == "markdown":
                prompt.append(src)
                prompt_id = cell.get("id")
                continue
            ids = _CHECK_CALL.findall(src)
            for task_id in ids:
                where = f"{name}, {task_id}"
                if task_id not in tasks:
                    problems.append(f"{where}: no such task in the key (exercises/keys/)")
                    continue
                if not task_id.startswith(prefix):
                    problems.append(f"{where}: checked in the wrong notebook (this one's tasks start with {prefix!r})")
                if task_id in seen:
                    problems.append(f"{where}: already checked in {seen[task_id]}")
                seen[task_id] = name
                problems += _task_problems(where, tasks[task_id], "\n".join(prompt), src, prompt_id)
            if ids:
                prompt = []
    for task_id in sorted(set(tasks) - set(seen)):
        problems.append(f"{task_id}: in the key but checked in no solution notebook")
    return problems


def main(argv: list[str]) -> int:
    from .data import root as course_root

    cmd = argv[0] if argv else "build"
    if cmd not in ("build", "check"):
        print("usage: python -m thaw.student [build|check]", file=sys.stderr)
        return 2
    root = course_root()
    stale = build(root, write=cmd == "build")
    if cmd == "build":
        for p in stale:
            print(f"wrote {p}")
        return 0
    rc = 0
    if stale:
        print("Out of date (run `make student`): " + ", ".join(str(p) for p in stale), file=sys.stderr)
        rc = 1
    problems = key_problems(root)
    if problems:
        print("The answer key and the solution notebooks disagree:\n  " + "\n  ".join(problems), file=sys.stderr)
        rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
