"""The course data against its declared schema and the bibliography, and the validator against broken files."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import thaw
from thaw import data

RESOURCES = list(data.resources())


def test_every_declared_table_is_valid():
    problems = data.validate_all()
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("name", RESOURCES)
def test_table_loads_with_rows_and_typed_columns(name):
    frame = thaw.load(name)
    assert len(frame) > 0
    fields = data.resource(name)["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    for f in fields:
        if f["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(frame[f["name"]]), f["name"]


@pytest.mark.parametrize("name", RESOURCES)
def test_every_row_cites_existing_sources(name):
    bib = data.bibliography()
    frame = thaw.load(name)
    for keys in frame["sources"]:
        found = data.split_keys(keys)
        assert found, f"{name}: a row has no source"
        assert set(found) <= set(bib)


def test_achievements_cover_every_item_the_essay_lists():
    ids = " ".join(thaw.load("achievements")["id"])
    for needle in ["amnesty", "rehabilit", "deport", "law", "passport", "loan|bond", "travel", "housing", "obninsk|atomic",
                   "icebreaker", "akadem", "sputnik", "luna", "vostok|gagarin", "thaw"]:
        assert re.search(needle, ids), f"no achievement row matching {needle!r}"


def test_essay_errors_are_taught_not_hidden():
    ach = thaw.load("achievements")
    assert set(ach["verdict"]) >= {"accurate", "imprecise", "inaccurate"}
    passports = ach[ach["id"].str.contains("passport")].iloc[0]
    assert passports["verdict"] == "inaccurate" and "1974" in passports["sources_say"]


def test_each_question_has_rival_readings_with_arguments():
    pos, args = thaw.load("positions"), thaw.load("arguments")
    for q in ["q1", "q2", "q3"]:
        readings = pos[pos["question"] == q]
        assert len(readings) >= 2
        for p in readings["position"]:
            assert ((args["question"] == q) & (args["position"] == p)).sum() >= 3, (q, p)


def test_bibliography_short_citations():
    bib = data.bibliography()
    assert bib["taubman2003"]["short"] == "Taubman 2003"
    assert bib["getty1993"]["short"] == "Getty et al. 1993"
    assert bib["fursenko2006"]["short"] == "Fursenko and Naftali 2006"
    assert (bib["zemskov1991"]["short"], bib["zemskov1991b"]["short"]) == ("Zemskov 1991a", "Zemskov 1991b")
    shorts = [e["short"] for e in bib.values()]
    assert len(shorts) == len(set(shorts))


# ----------------------------------------------------------------------------- broken copies
def _rewrite(path, fn):
    text = path.read_text(encoding="utf-8")
    path.write_text(fn(text), encoding="utf-8")


def _error(data_copy, name):
    with pytest.raises(data.DataError) as info:
        data.load(name, base=data_copy)
    return info.value, str(info.value)


def test_missing_column_is_named(data_copy):
    path = data_copy / "achievements.csv"
    _rewrite(path, lambda t: t.replace(",verdict,", ",", 1))
    err, msg = _error(data_copy, "achievements")
    assert "data/achievements.csv, row 1, column 'verdict': is missing from the header" in msg


def test_bad_date_names_file_row_and_column(data_copy):
    path = data_copy / "achievements.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = re.sub(r"\d{4}-\d{2}-\d{2}", "1957-13-45", lines[3], count=1)
    path.write_text("".join(lines), encoding="utf-8")
    err, msg = _error(data_copy, "achievements")
    assert "data/achievements.csv, row 4, column 'date_start': '1957-13-45' is not an ISO date (YYYY-MM-DD)" in msg
    assert err.problems[0].row == 4 and err.problems[0].column == "date_start"


def test_unknown_source_key_is_named(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n").rsplit(",", 1)[0] + ",nobody1999\n"
    path.write_text("".join(lines), encoding="utf-8")
    err, msg = _error(data_copy, "events")
    assert "data/events.csv, row 3, column 'sources': source key 'nobody1999' is not in the bibliography" in msg


def test_wrong_encoding_names_the_line(data_copy):
    path = data_copy / "essay_claims.csv"
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text[4] = text[4].replace("e", "\u00e9", 1)
    path.write_bytes("".join(text).encode("latin-1", errors="replace"))
    err, msg = _error(data_copy, "essay_claims")
    assert "data/essay_claims.csv, row 5: is not UTF-8" in msg


def test_bad_enum_duplicate_id_and_short_row_all_reported_together(data_copy):
    path = data_copy / "achievements.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",accurate,", ",true,", 1).replace(",imprecise,", ",true,", 1).replace(",inaccurate,", ",true,", 1)
    lines.append(lines[2])  # duplicate id
    lines.append("just_one_cell\n")
    path.write_text("".join(lines), encoding="utf-8")
    err, msg = _error(data_copy, "achievements")
    assert "column 'verdict': 'true' is not one of: accurate, imprecise, inaccurate" in msg
    assert f"row {len(lines) - 1}, column 'id'" in msg and "repeats row 3" in msg
    assert f"row {len(lines)}: has 1 cells, expected 9" in msg


def test_foreign_key_to_positions(data_copy):
    path = data_copy / "arguments.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines[1].split(",")
    first[2] = "nonexistent_reading"
    lines[1] = ",".join(first)
    path.write_text("".join(lines), encoding="utf-8")
    err, msg = _error(data_copy, "arguments")
    assert "data/arguments.csv, row 2, column 'question+position'" in msg and "no match in data/positions.csv" in msg


def test_nan_and_infinite_numbers_are_rejected(data_copy):
    path = data_copy / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[3] = "nan"
    lines[1] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    err, msg = _error(data_copy, "series")
    assert "data/series.csv, row 2, column 'value': 'nan' is not a finite number" in msg


def test_missing_file_and_unknown_table(data_copy):
    (data_copy / "allegations.csv").unlink()
    err, msg = _error(data_copy, "allegations")
    assert "data/allegations.csv: is missing" in msg
    with pytest.raises(KeyError, match="No data table named 'nope'"):
        data.load("nope", base=data_copy)


# ----------------------------------------------------------------------------- every file, every kind of damage
def _fields(name):
    return [f["name"] for f in data.resource(name)["schema"]["fields"]]


def _lines(data_copy, name):
    path = data_copy / data.resource(name)["path"]
    return path, path.read_text(encoding="utf-8").splitlines(keepends=True)


def _rows(path):
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_rows(path, rows):
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("name", RESOURCES)
def test_each_file_missing_column(data_copy, name):
    path = data_copy / data.resource(name)["path"]
    rows = _rows(path)
    gone = rows[0][1]
    _write_rows(path, [r[:1] + r[2:] for r in rows])
    err, msg = _error(data_copy, name)
    assert f"data/{path.name}, row 1, column '{gone}': is missing from the header" in msg


@pytest.mark.parametrize("name", RESOURCES)
def test_each_file_bad_date_or_bad_value(data_copy, name):
    path = data_copy / data.resource(name)["path"]
    rows = _rows(path)
    fields = data.resource(name)["schema"]["fields"]
    dated = [i for i, f in enumerate(fields) if f["type"] == "date"]
    col = dated[0] if dated else next(i for i, f in enumerate(fields) if "enum" in f.get("constraints", {}))
    rows[3][col] = "1956-02-30" if dated else "not-a-listed-value"
    _write_rows(path, rows)
    err, msg = _error(data_copy, name)
    expected = "is not an ISO date (YYYY-MM-DD)" if dated else "is not one of"
    assert f"data/{path.name}, row 4, column '{fields[col]['name']}': '{rows[3][col]}' {expected}" in msg


@pytest.mark.parametrize("name", RESOURCES)
def test_each_file_unknown_source_key(data_copy, name):
    path = data_copy / data.resource(name)["path"]
    rows = _rows(path)
    col = _fields(name).index("sources")
    rows[2][col] = rows[2][col] + "; nosuchwork2099"
    _write_rows(path, rows)
    err, msg = _error(data_copy, name)
    assert f"data/{path.name}, row 3, column 'sources': source key 'nosuchwork2099' is not in the bibliography" in msg


@pytest.mark.parametrize("name", RESOURCES)
def test_each_file_wrong_encoding(data_copy, name):
    path = data_copy / data.resource(name)["path"]
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text[5] = text[5].rstrip("\n") + " caf\u00e9\n"  # written as Latin-1 below: not UTF-8
    path.write_bytes("".join(text).encode("utf-8").replace("caf\u00e9".encode("utf-8"), "caf\u00e9".encode("latin-1")))
    err, msg = _error(data_copy, name)
    assert f"data/{path.name}, row 6: is not UTF-8" in msg


def test_validate_all_reports_every_file_at_once(data_copy):
    for name in ("events", "quiz"):
        path = data_copy / data.resource(name)["path"]
        rows = _rows(path)
        rows[1][_fields(name).index("sources")] = "ghost1900"
        _write_rows(path, rows)
    problems = data.validate_all(data_copy)
    files = {p.file for p in problems}
    assert files == {"data/events.csv", "data/quiz.csv"} and all(p.row == 2 for p in problems)


# ----------------------------------------------------------------------------- the data contract
def test_frictionless_validates_the_data_package():
    """The package is a standard Data Package: Frictionless (a development tool, not in requirements.txt) accepts
    its schema and every row, with no custom `format` and no rule it cannot read."""
    from frictionless import validate

    report = validate(str(data.data_dir() / "datapackage.json"))
    errors = [f"{task.name}: {e.type}: {e.message}" for task in report.tasks for e in task.errors] + [
        f"{e.type}: {e.message}" for e in report.errors]
    assert report.valid, "\n".join(errors[:20])


def test_schema_uses_only_standard_formats_and_known_thaw_properties():
    for name, res in data.resources().items():
        for f in res["schema"]["fields"]:
            assert f.get("format", "default") in {"default", "email", "uri", "binary", "uuid", "any"}, (name, f)
            assert {k for k in f if k.startswith("thaw:")} <= data.CUSTOM, (name, f)
        assert any(f.get("thaw:bibkeys") for f in res["schema"]["fields"]), f"{name}: no column of source keys"


def test_enums_are_read_by_column_name():
    assert data.enum("achievements", "verdict") == ["accurate", "imprecise", "inaccurate"]
    assert "Foreign policy" in data.enum("events", "theme")
    with pytest.raises(KeyError, match="declares no enum"):
        data.enum("events", "title")
    with pytest.raises(KeyError, match="no column 'nope'"):
        data.field("events", "nope")


def test_charts_read_enums_by_name_not_position():
    import inspect

    from thaw import charts

    src = inspect.getsource(charts)
    assert not re.search(r"\[\"fields\"\]\s*\[\d", src), "charts must use thaw.data.enum(table, column)"


def _edit_package(data_copy, fn):
    import json

    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    fn({r["name"]: r for r in package["resources"]}, package)
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")


def _drop_unique(tables, package, name="events"):
    for f in tables[name]["schema"]["fields"]:
        f.get("constraints", {}).pop("unique", None)


def test_single_column_primary_key_is_enforced(data_copy):
    """A one-column primaryKey alone (no unique constraint) rejects a repeated or an empty key."""
    _edit_package(data_copy, _drop_unique)
    path = data_copy / "events.csv"
    rows = _rows(path)
    rows.append(list(rows[2]))
    rows[4][0] = ""
    _write_rows(path, rows)
    err, msg = _error(data_copy, "events")
    assert f"data/events.csv, row {len(rows)}, column 'id': '{rows[2][0]}' repeats row 3; must be unique" in msg
    assert "data/events.csv, row 5, column 'id': is empty" in msg


def test_date_order_rule_comes_from_the_schema(data_copy):
    path = data_copy / "events.csv"
    rows = _rows(path)
    cols = _fields("events")
    i = next(n for n, r in enumerate(rows[1:], 1) if r[cols.index("date_end")])
    rows[i][cols.index("date_end")] = "1900-01-01"
    _write_rows(path, rows)
    err, msg = _error(data_copy, "events")
    assert f"data/events.csv, row {i + 1}, column 'date_end': 1900-01-01 is before date_start" in msg

    def drop_rule(tables, package):
        for f in tables["events"]["schema"]["fields"]:
            f.pop("thaw:notBefore", None)

    _edit_package(data_copy, drop_rule)  # without the declared rule, the same row is accepted
    assert len(data.load("events", base=data_copy)) == len(rows) - 1


def test_a_mistyped_schema_rule_is_reported_not_ignored(data_copy):
    def typo(tables, package):
        f = next(f for f in tables["events"]["schema"]["fields"] if f["name"] == "date_end")
        f["thaw:notbefore"] = f.pop("thaw:notBefore")

    _edit_package(data_copy, typo)
    err, msg = _error(data_copy, "events")
    assert "data/datapackage.json (table events), column 'date_end': unknown property 'thaw:notbefore'" in msg


def test_the_declared_bibliography_path_is_used(data_copy):
    """Move the bibliography and declare its new place: loading follows the declaration, not a book/ folder."""
    (data_copy.parent / "refs").mkdir()
    (data_copy.parent / "book" / "references.bib").rename(data_copy.parent / "refs" / "course.bib")
    (data_copy.parent / "book").rmdir()

    def move(tables, package):
        package["bibliography"] = "refs/course.bib"

    _edit_package(data_copy, move)
    assert data.bibliography_path(data_copy) == (data_copy.parent / "refs" / "course.bib").resolve()
    assert len(data.load("events", base=data_copy)) > 0 and data.validate_all(data_copy) == []


def test_format_date_is_portable():
    assert data.format_date(pd.Timestamp("1953-03-05")) == "5 Mar 1953"
    assert data.format_date(pd.Timestamp("1956-02-25"), "%B") == "25 February 1956"
    assert data.format_date(pd.NaT) == "" and data.format_date(None) == ""


def test_no_glibc_only_date_formats():
    """strftime's "%-d" (no leading zero) fails on Windows: the package and the notebooks use data.format_date."""
    root = data.root()
    files = sorted((root / "thaw").rglob("*.py")) + sorted((root / "book").rglob("*.ipynb")) + sorted(
        (root / "exercises").rglob("*.ipynb"))
    bad = [f"{p.relative_to(root)}:{n}" for p in files
           for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
           if re.search(r"%-[a-zA-Z]", line) and "glibc" not in line]
    assert bad == [], bad
