"""Load and validate the course data in ``data/`` against its declared schema.

The schema is ``data/datapackage.json``, a Frictionless Data Package that ``frictionless validate`` accepts. Every
rule lives in it: types and constraints (required, unique, enum, pattern, minimum), primary and foreign keys, and
two custom field properties under the ``thaw:`` prefix that Frictionless ignores: ``"thaw:bibkeys": true`` (the
cell holds keys of the declared bibliography, separated by ``;``) and ``"thaw:notBefore": "<field>"`` (a date
that may not come before the other field's date in the same row). Nothing here is keyed to a column name.

Every problem is reported with the file, the row (as a spreadsheet shows it: the header is row 1) and the column,
and all problems of a file are reported together, so a teacher fixing a CSV sees everything at once.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = [
    "DataError",
    "Problem",
    "bibliography",
    "bibliography_path",
    "data_dir",
    "labels",
    "enum",
    "field",
    "format_date",
    "load",
    "read_table",
    "resource",
    "resources",
    "root",
    "short_citations",
    "split_keys",
    "validate_all",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_LISTED = 25
CUSTOM = {"thaw:bibkeys", "thaw:notBefore"}  # the custom field properties thaw.data checks


@dataclass(frozen=True)
class Problem:
    """One problem in one cell (or header, or row) of a data file."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return ", ".join(where) + ": " + self.message


class DataError(ValueError):
    """A data file does not match its schema. ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"... and {len(self.problems) - MAX_LISTED} more problems")
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"{len(self.problems)} {noun} in the course data:\n  " + "\n  ".join(lines))


# ----------------------------------------------------------------------------- locating files
def root() -> Path:
    """The course repository: $THAW_ROOT, else the nearest folder above the working directory that has
    ``data/datapackage.json``, else the folder this package was installed from (editable install)."""
    env = os.environ.get("THAW_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "datapackage.json").is_file():
            return folder
    pkg_parent = Path(__file__).resolve().parent.parent
    if (pkg_parent / "data" / "datapackage.json").is_file():
        return pkg_parent
    raise FileNotFoundError(
        "Cannot find the course data: no data/datapackage.json above "
        f"{here}. Run from inside the course folder or set THAW_ROOT."
    )


def data_dir() -> Path:
    return root() / "data"


def _package(base: Path) -> dict:
    with open(base / "datapackage.json", encoding="utf-8") as fh:
        return json.load(fh)


def resources(base: Path | None = None) -> dict[str, dict]:
    """The declared resources (tables), by name."""
    base = Path(base) if base is not None else data_dir()
    return {r["name"]: r for r in _package(base)["resources"]}


def resource(name: str, base: Path | None = None) -> dict:
    res = resources(base)
    if name not in res:
        raise KeyError(f"No data table named {name!r}; the tables are: {', '.join(sorted(res))}")
    return res[name]


def field(table: str, name: str, base: Path | None = None) -> dict:
    """The schema of one column, by name."""
    fields = {f["name"]: f for f in resource(table, base)["schema"]["fields"]}
    if name not in fields:
        raise KeyError(f"Table {table!r} has no column {name!r}; its columns are: {', '.join(fields)}")
    return fields[name]


def enum(table: str, name: str, base: Path | None = None) -> list:
    """The allowed values of a column, in the order the schema declares them (charts use it for colours)."""
    values = field(table, name, base).get("constraints", {}).get("enum")
    if values is None:
        raise KeyError(f"Column {name!r} of table {table!r} declares no enum")
    return list(values)


def labels(table: str, name: str, base: Path | None = None) -> dict:
    """What readers see for each coded value of a column: its schema's ``categories`` (Table Schema v2's
    value/label pairs), e.g. a measure's name in a table or legend. Values without a label are shown as they are."""
    return {c["value"]: c["label"] for c in field(table, name, base).get("categories", [])}


def _primary_key(schema: dict) -> list[str]:
    pk = schema.get("primaryKey")
    return [pk] if isinstance(pk, str) else list(pk or [])


# ----------------------------------------------------------------------------- bibliography
def _strip_tex(text: str) -> str:
    text = re.sub(r"\\[a-zA-Z]+\{([^{}]*)\}", r"\1", text)  # \texttt{x} -> x
    text = re.sub(r"\\['`^\"~=.]\{?([a-zA-Z])\}?", r"\1", text)  # accents -> base letter
    text = text.replace("--", "–").replace("``", "“").replace("''", "”")
    return text.replace("{", "").replace("}", "").strip()


@lru_cache(maxsize=8)
def _bibliography(path: str, mtime: float) -> dict[str, dict]:
    from pybtex.database import parse_file

    db = parse_file(path, bib_format="bibtex")
    out = {}
    for key, entry in db.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [_strip_tex(" ".join(p.last_names)) for p in people]
        if not names:
            who = "Anonymous"
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        year = entry.fields.get("year", "n.d.")
        out[key] = {
            "key": key,
            "short": f"{who} {year}",
            "title": _strip_tex(entry.fields.get("title", "")),
            "year": year,
            # every author's and editor's surname, for thaw.essay's check of the names an answer cites, with the
            # names in Chinese script that a note gives ("Author 沈志华 (...)", "Authors 张喜德, 蔡丹")
            "people": [_strip_tex(" ".join(p.last_names)) for role in ("author", "editor")
                       for p in entry.persons.get(role, [])]
            + re.findall(r"[\u4e00-\u9fff]{2,4}", " ".join(re.findall(
                r"(?:Authors?|Chief editor)\s+([\u4e00-\u9fff]{2,4}(?:\s*,\s*[\u4e00-\u9fff]{2,4})*)",
                entry.fields.get("note", "")))),
        }
    # the same author and year twice: Zemskov 1991a, Zemskov 1991b (in key order)
    by_short: dict[str, list[str]] = {}
    for key in sorted(out):
        by_short.setdefault(out[key]["short"], []).append(key)
    for keys in by_short.values():
        if len(keys) > 1:
            for letter, key in zip("abcdefghij", keys):
                out[key]["short"] += letter
    return out


def bibliography_path(base: Path | None = None) -> Path:
    """The bibliography the data package declares (its ``bibliography`` property, relative to the repository)."""
    base = Path(base) if base is not None else data_dir()
    return (base.parent / _package(base)["bibliography"]).resolve()


def bibliography(base: Path | None = None) -> dict[str, dict]:
    """Entries of the course bibliography by key: ``short`` ("Taubman 2003"), ``title``, ``year``."""
    path = bibliography_path(base)
    return _bibliography(str(path), path.stat().st_mtime)


def format_date(value, month: str = "%b") -> str:
    """A date as "5 Mar 1953" (``month="%B"``: "5 March 1953"); "" for a missing one. Portable, unlike
    strftime's "%-d" for a day without a leading zero (glibc-only: it fails on Windows)."""
    if value is None or pd.isna(value):
        return ""
    return f"{value.day} {value.strftime(month + ' %Y')}"


def split_keys(cell: str) -> list[str]:
    return [k.strip() for k in str(cell).split(";") if k.strip()]


def short_citations(cell: str) -> str:
    """A ``sources`` cell as readers see it: "Taubman 2003; Tompson 1995" (an unknown key is shown as is)."""
    bib = bibliography()
    return "; ".join(bib[k]["short"] if k in bib else k for k in split_keys(cell))


# ----------------------------------------------------------------------------- validation
def _check_value(field: dict, raw: str, problems: list, where: tuple, key: bool = False) -> object:
    """Check one cell; append problems; return the typed value (None for empty). ``key``: part of the primary
    key, so required."""
    name = field["name"]
    cons = field.get("constraints", {})
    ftype = field.get("type", "string")

    def bad(msg: str) -> None:
        problems.append(Problem(where[0], where[1], name, msg))

    if raw.strip() != raw:
        bad(f"{raw!r} has spaces at the start or end")
    if raw == "":
        if cons.get("required"):
            bad("is empty but required")
        elif key:
            bad("is empty but part of the primary key")
        return None
    value: object = raw
    if ftype == "date":
        try:
            if not _DATE.fullmatch(raw):
                raise ValueError
            value = date.fromisoformat(raw)
        except ValueError:
            bad(f"{raw!r} is not an ISO date (YYYY-MM-DD)")
            return None
    elif ftype == "integer":
        try:
            value = int(raw)
        except ValueError:
            bad(f"{raw!r} is not a whole number")
            return None
    elif ftype == "number":
        try:
            value = float(raw)
        except ValueError:
            bad(f"{raw!r} is not a number")
            return None
        if not math.isfinite(value):
            bad(f"{raw!r} is not a finite number")
            return None
    if "enum" in cons and value not in cons["enum"]:
        bad(f"{raw!r} is not one of: {', '.join(map(str, cons['enum']))}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
        bad(f"{raw!r} does not match the pattern {cons['pattern']}")
    if "minimum" in cons and isinstance(value, (int, float)) and value < cons["minimum"]:
        bad(f"{raw!r} is below the minimum {cons['minimum']}")
    return value


def _decode(blob: bytes, file: str) -> tuple[str | None, list[Problem]]:
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        col = exc.start - (blob.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(file, line, None, f"is not UTF-8: byte 0x{blob[exc.start]:02x} at character {col} of the line "
                    "(save the file as UTF-8)")
        ]
    return text.removeprefix("\ufeff"), []


def read_table(name: str, base: Path | None = None, bib: set[str] | None = None):
    """Read and check one table. Returns (rows as typed dicts, problems)."""
    base = Path(base) if base is not None else data_dir()
    res = resource(name, base)
    path = base / res["path"]
    file = f"data/{res['path']}"
    fields = res["schema"]["fields"]
    if not path.is_file():
        return [], [Problem(file, None, None, "is missing")]
    text, problems = _decode(path.read_bytes(), file)
    if text is None:
        return [], problems
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return [], [Problem(file, 1, None, "is empty: expected a header row")]
    except csv.Error as exc:
        return [], [Problem(file, 1, None, f"cannot be read as CSV ({exc})")]
    problems += _schema_problems(res)
    expected = [f["name"] for f in fields]
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for c in missing:
        problems.append(Problem(file, 1, c, "is missing from the header"))
    for c in extra:
        problems.append(Problem(file, 1, c, "is not a column of this table's schema"))
    if missing or extra:
        return [], problems
    if header != expected:
        problems.append(Problem(file, 1, None, "columns are out of order: expected " + ", ".join(expected)))
        return [], problems

    rows: list[dict] = []
    seen: dict[str, dict] = {}
    pk = _primary_key(res["schema"])
    # a one-column primary key is a unique column; a longer one is checked as a tuple below
    unique = {f["name"] for f in fields if f.get("constraints", {}).get("unique")} | (set(pk) if len(pk) == 1 else set())
    order = [(f["name"], f["thaw:notBefore"]) for f in fields if f.get("thaw:notBefore")]
    pk_seen: dict[tuple, int] = {}
    while True:
        row_no = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(file, row_no, None, f"cannot be read as CSV ({exc})"))
            break
        if not cells:
            continue
        if len(cells) != len(expected):
            problems.append(Problem(file, row_no, None, f"has {len(cells)} cells, expected {len(expected)}"))
            continue
        typed = {"_row": row_no}
        for spec, raw in zip(fields, cells):
            name = spec["name"]
            value = _check_value(spec, raw, problems, (file, row_no), key=name in pk)
            if name in unique and value is not None:
                first = seen.setdefault(name, {}).setdefault(value, row_no)
                if first != row_no:
                    problems.append(Problem(file, row_no, name, f"{raw!r} repeats row {first}; must be unique"))
            if spec.get("thaw:bibkeys") and value is not None and bib is not None:
                for key in split_keys(raw):
                    if key not in bib:
                        problems.append(Problem(file, row_no, name, f"source key {key!r} is not in the bibliography"))
            typed[name] = value
        if len(pk) > 1 and None not in (key := tuple(typed[c] for c in pk)):
            first = pk_seen.setdefault(key, row_no)
            if first != row_no:
                problems.append(Problem(file, row_no, "+".join(pk), f"{key} repeats row {first}; must be unique"))
        for later, earlier in order:
            if typed.get(later) is not None and typed.get(earlier) is not None and typed[later] < typed[earlier]:
                problems.append(Problem(file, row_no, later, f"{typed[later]} is before {earlier}"))
        rows.append(typed)
    return rows, problems


def _schema_problems(res: dict) -> list[Problem]:
    """Mistakes in the schema itself that would silently switch a rule off: an unknown ``thaw:`` property, a
    ``thaw:notBefore`` naming no date column, a primary key naming no column."""
    out = []
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    where = f"data/datapackage.json (table {res['name']})"
    for f in fields.values():
        for prop in f:
            if prop.startswith("thaw:") and prop not in CUSTOM:
                out.append(Problem(where, None, f["name"], f"unknown property {prop!r}; known: {', '.join(sorted(CUSTOM))}"))
        other = f.get("thaw:notBefore")
        if other is not None and (other not in fields or fields[other].get("type") != f.get("type")):
            out.append(Problem(where, None, f["name"], f"thaw:notBefore names {other!r}, not a {f.get('type')} column"))
    for c in _primary_key(res["schema"]):
        if c not in fields:
            out.append(Problem(where, None, c, "is in the primary key but is not a column"))
    return out


def _foreign_key_problems(name: str, rows: list[dict], base: Path, tables: dict) -> list[Problem]:
    res = resource(name, base)
    out = []
    for fk in res["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        if ref["resource"] not in tables:
            tables[ref["resource"]] = read_table(ref["resource"], base)[0]
        targets = {tuple(r[c] for c in ref["fields"]) for r in tables[ref["resource"]]}
        for r in rows:
            key = tuple(r[c] for c in fk["fields"])
            if None not in key and key not in targets:
                out.append(Problem(f"data/{res['path']}", r["_row"], "+".join(fk["fields"]),
                                   f"{key} has no match in data/{resource(ref['resource'], base)['path']}"))
    return out


def validate_all(base: Path | None = None) -> list[Problem]:
    """Every problem in every declared table (empty list when all is well)."""
    base = Path(base) if base is not None else data_dir()
    try:
        bib = set(bibliography(base))
    except Exception as exc:  # a broken bibliography is itself a data problem
        return [Problem("book/references.bib", None, None, f"cannot be read ({exc})")]
    problems: list[Problem] = []
    tables: dict[str, list] = {}
    for name in resources(base):
        rows, probs = read_table(name, base, bib)
        tables[name] = rows
        problems += probs
    for name, rows in list(tables.items()):
        problems += _foreign_key_problems(name, rows, base, tables)
    return problems


def _mtimes(base: Path) -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in base.iterdir() if p.is_file()))


@lru_cache(maxsize=32)
def _load(name: str, base: str, stamp: tuple) -> pd.DataFrame:
    base_p = Path(base)
    bib = set(bibliography(base_p))
    rows, problems = read_table(name, base_p, bib)
    problems += _foreign_key_problems(name, rows, base_p, {})
    if problems:
        raise DataError(problems)
    res = resource(name, base_p)
    fields = res["schema"]["fields"]
    frame = pd.DataFrame([{k: v for k, v in r.items() if k != "_row"} for r in rows], columns=[f["name"] for f in fields])
    for f in fields:
        if f.get("type") == "date":
            frame[f["name"]] = pd.to_datetime(frame[f["name"]])
        elif f.get("type") == "number":
            frame[f["name"]] = pd.to_numeric(frame[f["name"]]).astype(float)
        elif f.get("type") == "integer":
            frame[f["name"]] = frame[f["name"]].astype("Int64")
    return frame


def load(name: str, base: Path | None = None) -> pd.DataFrame:
    """One validated table as a DataFrame (dates parsed, numbers typed). Raises DataError naming
    file, row and column of every problem."""
    base = Path(base) if base is not None else data_dir()
    bib = bibliography_path(base)
    stamp = _mtimes(base) + ((bib.name, bib.stat().st_mtime_ns),)
    return _load(name, str(base.resolve()), stamp).copy()
