"""The schema (data/datapackage.json) is the one list of every enum's values: the code in thaw/ reads them with
thaw.data.enum() and never retypes them, so a value added to the schema reaches every chart and check. A value used
in code for another meaning (a plotly margin side that happens to be a quiz option letter) is listed below, with why."""
from __future__ import annotations

import ast
import csv
import json
from pathlib import Path

import pytest

import thaw
from thaw import charts, data

ROOT = Path(__file__).resolve().parent.parent

# "file: value" (or "file: *" for a whole file) -> why that literal is not a retyped enum value
ALLOWED = {
    "thaw/layout.py: b": "plotly's margin side (bottom), not quiz option b",
    "thaw/layout.py: measure": "the series table's column name and the key of the label-measuring settings, not a "
                               "yardstick kind",
    "thaw/charts.py: measure": "the series table's column name, not a yardstick kind",
    "thaw/tables.py: measure": "the series table's column name, not a yardstick kind",
    "thaw/tasks.py: measure": "the series table's column name, not a yardstick kind",
    "thaw/tables.py: year": "a date precision: the table prints a date only as precisely as it is known",
    "thaw/tables.py: month": "a date precision: the table prints a date only as precisely as it is known",
    "thaw/essay.py: debate": "a cue list's name in thaw/essay_cues.toml, not a chapter",
    "thaw/essay.py: reformer": "a cue list's name in thaw/essay_cues.toml, not a reading",
    "thaw/charts.py: q1": "decision_path draws the dated steps of chapter 1, the page it is made for",
    "thaw/data.py: year": "a BibTeX field name, not a date precision",
    "thaw/essay.py: year": "English words the citation finder must not take for authors' names",
    "thaw/essay.py: no": "English words the citation finder must not take for authors' names",
    "thaw/essay.py: c": "English words the citation finder must not take for authors' names (c. = circa)",
    "thaw/quiz.py: yes": "quiz.correct is a yes/no flag: the quiz names the value that means right where it reads it",
    "thaw/widgets.py: q3": "the verdict builder's default: question 3, the conclusion's question",
    "thaw/widgets.py: reformer": "a position id of positions.csv (the verdict builder's default side), not the reading",
    "thaw/documents.py: q1": "the chapter -> page table of the document studies (issue 18's module)",
    "thaw/documents.py: q2": "the chapter -> page table of the document studies (issue 18's module)",
    "thaw/documents.py: q3": "the chapter -> page table of the document studies (issue 18's module)",
    "thaw/documents.py: debate": "the chapter -> page table of the document studies (issue 18's module)",
    "thaw/documents.py: translated": "issue 18's label and language tables, keyed by excerpt kind (merged last; to move)",
    "thaw/documents.py: retold": "issue 18's label and language tables, keyed by excerpt kind (merged last; to move)",
}


def enum_values() -> dict[str, list[str]]:
    """Every string value of every enum in the schema -> the columns ("table.column") that declare it."""
    out: dict[str, list[str]] = {}
    for name, res in data.resources().items():
        for f in res["schema"]["fields"]:
            for value in f.get("constraints", {}).get("enum", []):
                if isinstance(value, str):
                    out.setdefault(value, []).append(f"{name}.{f['name']}")
    return out


def retyped(root: Path = ROOT) -> list[str]:
    """Every string literal in thaw/ equal to an enum value, as "file:line: value (columns)", unless allowed."""
    values = enum_values()
    found = []
    for path in sorted((root / "thaw").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in values:
                if f"{rel}: *" not in ALLOWED and f"{rel}: {node.value}" not in ALLOWED:
                    found.append(f"{rel}:{node.lineno}: {node.value!r} ({', '.join(values[node.value])})")
    return found


def test_no_enum_value_of_the_schema_is_retyped_in_thaw():
    found = retyped()
    assert found == [], ("enum values retyped in code (read them with thaw.data.enum(table, column), or add the "
                         "literal to ALLOWED with the reason):\n" + "\n".join(found))


def test_the_allow_list_names_only_files_that_exist_and_literals_still_there():
    """An entry the code no longer needs is removed, so the list stays short and true."""
    values = enum_values()
    for entry, reason in ALLOWED.items():
        rel, value = entry.split(": ")
        path = ROOT / rel
        assert reason.strip(), entry
        if value == "*":
            continue  # a whole file another issue is rewriting; it may exist on main or not
        assert value in values, f"{entry}: no enum declares {value!r} any more"
        literals = {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        assert value in literals, f"{entry}: the literal is gone; remove the entry"


def test_the_scan_finds_a_retyped_value(tmp_path):
    """The walker itself: a module that retypes a strand is caught (so an empty result means something)."""
    fake = tmp_path / "thaw"
    fake.mkdir()
    strand = data.enum("interpretations", "strand")[0]
    (fake / "new.py").write_text(f"ORDER = [{strand!r}]\n", encoding="utf-8")
    assert retyped(tmp_path) == [f"thaw/new.py:1: {strand!r} (interpretations.strand)"]


def _add_interpretation(data_dir: Path, strand: str) -> None:
    path = data_dir / data.resource("interpretations", data_dir)["path"]
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    row = dict(zip(rows[0], rows[1]))
    row.update(id="test_new_strand", strand=strand)
    rows.append([row[c] for c in rows[0]])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_a_strand_added_to_the_schema_appears_in_the_chart(data_copy, monkeypatch):
    package = data_copy / "datapackage.json"
    schema = json.loads(package.read_text(encoding="utf-8"))
    res = next(r for r in schema["resources"] if r["name"] == "interpretations")
    strand = next(f for f in res["schema"]["fields"] if f["name"] == "strand")
    strand["constraints"]["enum"].append("Indian")
    package.write_text(json.dumps(schema, indent=2, ensure_ascii=False), encoding="utf-8")
    _add_interpretation(data_copy, "Indian")
    monkeypatch.setenv("THAW_ROOT", str(data_copy.parent))
    fig = thaw.charts.interpretations_timeline()
    names = [t.name for t in fig.data if t.legendgroup != charts.KEY]
    assert names[-1] == "Indian" and len(fig.data[len(names) - 1].x) == 1
    assert "Indian" in fig.layout.yaxis.categoryarray
    assert "All strands" in [b.label for b in fig.layout.updatemenus[0].buttons]
    assert "Indian" in [b.label for b in fig.layout.updatemenus[0].buttons]


def test_a_row_with_a_strand_the_schema_lacks_is_a_clear_error(data_copy, monkeypatch):
    _add_interpretation(data_copy, "Martian")
    monkeypatch.setenv("THAW_ROOT", str(data_copy.parent))
    with pytest.raises(data.DataError, match=r"data/interpretations\.csv, row \d+, column 'strand': 'Martian' is not one of"):
        thaw.charts.interpretations_timeline()
    # a frame handed to the chart directly (not through thaw.load) is checked too, not silently thinned
    monkeypatch.delenv("THAW_ROOT")
    frame = thaw.load("interpretations")
    frame.loc[0, "strand"] = "Martian"
    with pytest.raises(ValueError, match="'Martian'.*declared: Soviet"):
        thaw.charts.interpretations_timeline(frame)
