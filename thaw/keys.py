"""The answer key, read from data: one YAML file per exercise in ``exercises/keys/`` (``ex1.yaml`` ...).

A teacher changes an answer, a hint or an explanation by editing that file; the notebook checks
(``thaw.exercises.check``) and the static book's checks (``static_key``) both read it. A key file is::

    exercise: ex1
    notebook: ex1_whose_decision          # exercises/solutions/<notebook>.ipynb
    tasks:
    - id: ex1.review_rate                 # what the notebook passes to check("ex1.review_rate", answer)
      prompt: ex1-review_rate             # the id of the task's markdown cell in the notebook
      kind: number                        # number | integer | choice | set | mapping | judgement | open
      answer: {compute: ratio, numerator: review_commission_rehabilitated, denominator: review_commission_cases_examined}
      places: 3                           # the rounding rule (numbers): see below
      explanation: By 1 April 1955 ...    # shown with a right answer
      hint: Divide the ...                # shown for a wrong answer no listed hint matches
      hints:                              # tried in order; each names one known slip, in plain words
      - times: 100
        message: That looks like a percentage. ...

``answer`` is a literal (``b``, ``[a, c]``, a number, a dict) or ``{compute: <name>, <argument>: ...}``, a function of
``thaw.tasks.COMPUTE`` called with those arguments (and ``options`` when it takes them) each time it is needed, so a
correction to a CSV updates the key. ``options`` is a list of letters, or letter -> row id where options stand for
rows of a table. ``labels`` (judgement and mapping tasks) is a list or ``{enum: table.column, exclude: [...]}``, read
from ``data/datapackage.json``. ``noun`` (set tasks) names what is being chosen, for "2 of the 4 arguments for this
reading are missing"; ``ids_from`` (set tasks answered with ids) names the table whose ids are valid, so a typo is
pointed out. ``series_hint`` (number tasks) replaces the general advice for an answer that is a Series of several
values. ``defensible`` (set tasks): other answers the course accepts, each with its reason. Judgement tasks add
``reasons: {table, column}`` and ``alternatives``; ``open`` tasks (written answers) have ``checked_by`` and no answer.

**One rounding rule.** A number task states ``places`` and its prompt says "round to N decimal places; X and a more
precise value are both accepted": an answer is accepted when it is within half a unit of the last asked place of the
model answer rounded to that place, ``abs(value - round(answer, places)) <= 0.5 * 10**-places``. So 0.78 and 0.7812
pass for 0.7812..., 0.79 and 0.77 fail. Whole numbers (years, days, counts) are exact. A mapping with ``places``
applies the rule to each value.

**Hints** (each dict has ``message`` and one rule; ``example`` is an answer making the slip, derived from the rule
when not given, and the tests check that it gets this hint):

- numbers: ``value``/``values`` (literal or compute), ``offset: [1, -1]``, ``times: 100``, ``inverse: true`` (1/x),
  ``complement: true`` (1 - x), ``between: [low, high]``, ``above: x``;
- choice: ``option: a``;
- set: ``includes: x`` (with ``incomplete: true``: and not every key item), ``equals``, ``within: [...]`` (only
  these), ``complement: true`` (every option but the key), ``extra_within`` (the extra choices all come from this set);
- mapping: ``shares: true`` (counts given as shares), ``without: label``, ``complement: true``, ``equals``,
  ``any_above: x``, ``all_below: x``, ``labels_within: {enum: table.column}``.

**The static book** (``static_key(exercise) -> dict``, JSON-able) resolves all of this to concrete values, for a
checker in JavaScript that has no pandas::

    {"exercise": "ex1", "notebook": "ex1_whose_decision", "rule": "...", "tasks": [
      {"id": "ex1.review_rate", "prompt": "ex1-review_rate", "kind": "number",
       "answer": 0.038, "places": 3, "tolerance": 0.0005,          # accept abs(v - answer) <= tolerance
       "options": [], "labels": [],
       "hints": [{"match": "values", "values": [3.8], "tolerance": 0.05, "message": "..."}, ...],
       "hint": "...", "explanation": "...",
       "defensible": [], "reasons": {}, "alternatives": {}}, ...]}

``kind`` decides the comparison: number (tolerance), integer (exact), choice (lower-case letter), set (the same
lower-case items, any order), mapping (the same labels, case-insensitive, each value within tolerance; labels in
``labels`` with a value of 0 may be given or left out), judgement (never marked: compare each letter's label with
``answer`` and show ``reasons``/``alternatives``), open (no answer: show ``hint`` and ``explanation``). Options are
``[{"letter": "a", "text": "..."}]`` (the text from the notebook's prompt cell). A hint's ``match`` is one of:
``values`` (equal to one of ``values``, within ``tolerance`` for numbers and mappings, as sets for sets),
``option``, ``between`` (``low < v < high``), ``above`` (``v > value``), ``includes`` (the set holds ``value``; with
``incomplete``, and lacks some answer item), ``within`` (the set is a subset of ``values``), ``extra_within`` (the set
has items beyond the answer, all in ``values``), ``any_above``/``all_below`` (some/every mapping value above/below
``value``), ``labels_within`` (every mapping label is in ``values``). Try them in order; the first that matches
gives its message, else ``hint``.

Imports: the engine, the data and the computations (``thaw.tasks``), nothing else from the package.
"""
from __future__ import annotations

import functools
import inspect
import json
import math
import re
from pathlib import Path

import yaml

from . import checking
from .checking import Hint, Task
from .data import enum, load, root, short_citations
from .tasks import COMPUTE

__all__ = ["RULE", "exercises", "key_dir", "key_file", "load_key", "open_tasks", "static_key", "tasks"]

RULE = ("Numbers: round to the stated number of decimal places; the rounded and any more precise value are both "
        "accepted (abs(value - answer) <= tolerance). Whole numbers are exact.")
_RULES = {
    "number": ("value", "values", "offset", "times", "inverse", "complement", "between", "above"),
    "integer": ("value", "values", "offset", "times", "between", "above"),
    "choice": ("option",),
    "set": ("includes", "equals", "within", "complement", "extra_within"),
    "mapping": ("shares", "without", "complement", "equals", "any_above", "all_below", "labels_within"),
}


class KeyFileError(ValueError):
    """A malformed key file: the message names the file and the task."""


def key_dir(base: Path | None = None) -> Path:
    return (base or root()) / "exercises" / "keys"


def key_file(exercise: str, base: Path | None = None) -> Path:
    return key_dir(base) / f"{exercise}.yaml"


def exercises(base: Path | None = None) -> list[str]:
    """The exercises that have a key file: ["ex1", "ex2", ...]."""
    return sorted(p.stem for p in key_dir(base).glob("*.yaml"))


def _read(path: Path) -> dict:
    return _read_cached(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _read_cached(path: str, mtime: int) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KeyFileError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("tasks"), list):
        raise KeyFileError(f"{path}: expected 'exercise:', 'notebook:' and a list 'tasks:'")
    for i, task in enumerate(data["tasks"]):
        where = f"{path}, task {i + 1} ({task.get('id', 'no id') if isinstance(task, dict) else repr(task)})"
        if not isinstance(task, dict) or not task.get("id") or not task.get("kind"):
            raise KeyFileError(f"{where}: every task needs an 'id' and a 'kind'")
        kind = task["kind"]
        if kind not in checking.KINDS + ("open",):
            raise KeyFileError(f"{where}: unknown kind {kind!r}")
        for hint in task.get("hints", []):
            rules = [r for r in _RULES.get(kind, ()) if r in hint]
            if "message" not in hint or len(rules) != 1:
                raise KeyFileError(f"{where}: each hint needs a 'message' and one rule of {', '.join(_RULES.get(kind, ()))}"
                                f"; got {sorted(hint)}")
    return data


def load_key(exercise: str, base: Path | None = None) -> dict:
    """One exercise's key file, as read (a copy)."""
    return json.loads(json.dumps(_read(key_file(exercise, base))))


# ----------------------------------------------------------------------------- resolving values
def _value(spec, options: dict | None = None):
    """A literal, or ``{compute: name, ...}`` called now."""
    if isinstance(spec, dict) and "compute" in spec:
        args = {k: v for k, v in spec.items() if k != "compute"}
        fn = COMPUTE[spec["compute"]]
        if "options" in inspect.signature(fn).parameters:
            args["options"] = options or {}
        return fn(**args)
    return spec


def _labels(spec) -> list[str]:
    if isinstance(spec, dict) and "enum" in spec:
        table, column = spec["enum"].split(".")
        return [str(v) for v in enum(table, column) if v not in spec.get("exclude", [])]
    return [str(v) for v in spec or []]


def _options(task: dict) -> dict[str, str | None]:
    options = task.get("options") or {}
    return dict(options) if isinstance(options, dict) else dict.fromkeys(options)


def _tolerance(task: dict) -> float:
    return 0.5 * 10 ** -task["places"] if task.get("places") is not None else 0.0


def _lower(mapping) -> dict[str, float]:
    return {str(k).strip().lower(): float(v) for k, v in dict(mapping).items()}


def _answer(task: dict):
    value = _value(task.get("answer"), {k: v for k, v in _options(task).items() if v})
    if task["kind"] == "set":
        return sorted(str(v).lower() for v in value)
    if task["kind"] == "number":
        return float(value)
    if task["kind"] == "integer":
        return int(value)
    if task["kind"] == "mapping":
        return {str(k): (int(v) if float(v).is_integer() and task.get("places") is None else float(v))
                for k, v in dict(value).items()}
    return value


def _number_hint(task: dict, hint: dict, expected: float) -> dict:
    places = task.get("places")
    integer = task["kind"] == "integer"

    def tol(h, scale=1.0):
        if integer:
            return 0.0
        return max(0.5 * 10 ** -(places if places is not None else 3) * abs(scale), 0.001 * abs(h))

    if "between" in hint:
        low, high = hint["between"]
        return {"match": "between", "low": low, "high": high}
    if "above" in hint:
        return {"match": "above", "value": _value(hint["above"])}
    if "offset" in hint:
        values, scale = [expected + d for d in hint["offset"]], 1
    elif "times" in hint:  # a percentage: matched even when rounded to a whole percent
        values, scale = [expected * hint["times"]], hint["times"]
        if not integer and abs(scale) >= 10:
            return {"match": "values", "values": [float(values[0])], "tolerance": 0.005 * abs(scale)}
    elif "inverse" in hint:
        values, scale = [1 / expected], 1 / expected ** 2
    elif "complement" in hint:
        values, scale = [1 - expected], 1
    else:
        specs = hint["values"] if "values" in hint else [hint["value"]]
        values, scale = [_value(s) for s in specs], 1
    values = [int(v) if integer else float(v) for v in values]
    return {"match": "values", "values": values, "tolerance": max(tol(v, scale) for v in values)}


def _set_hint(task: dict, hint: dict, expected: list[str]) -> dict:
    if "includes" in hint:
        return {"match": "includes", "value": str(hint["includes"]).lower(), "incomplete": bool(hint.get("incomplete"))}
    if "within" in hint:
        return {"match": "within", "values": sorted(str(v).lower() for v in hint["within"])}
    if "extra_within" in hint:
        return {"match": "extra_within", "values": sorted(str(v).lower() for v in _value(hint["extra_within"]))}
    if "complement" in hint:
        return {"match": "values", "values": [sorted(set(_options(task)) - set(expected))]}
    return {"match": "values", "values": [sorted(str(v).lower() for v in _value(hint["equals"]))]}


def _mapping_hint(task: dict, hint: dict, expected: dict) -> dict:
    tolerance = _tolerance(task) or 0.005
    if "any_above" in hint:
        return {"match": "any_above", "value": hint["any_above"]}
    if "all_below" in hint:
        return {"match": "all_below", "value": hint["all_below"]}
    if "labels_within" in hint:
        return {"match": "labels_within", "values": _labels(hint["labels_within"])}
    if "shares" in hint:
        total = sum(expected.values())
        value = {k: v / total for k, v in expected.items()}
    elif "without" in hint:
        value = {k: v for k, v in expected.items() if k.lower() != str(hint["without"]).lower()}
        tolerance = _tolerance(task)
    elif "complement" in hint:
        value = {k: 1 - v for k, v in expected.items()}
    else:
        value = {str(k): v for k, v in dict(_value(hint["equals"])).items()}
        tolerance = _tolerance(task)
    return {"match": "values", "values": [value], "tolerance": tolerance}


def _static_hint(task: dict, hint: dict, expected) -> dict:
    kind = task["kind"]
    if kind in ("number", "integer"):
        out = _number_hint(task, hint, expected)
    elif kind == "choice":
        out = {"match": "option", "value": str(hint["option"]).lower()}
    elif kind == "set":
        out = _set_hint(task, hint, expected)
    else:
        out = _mapping_hint(task, hint, expected)
    out["message"] = hint["message"]
    return out


def matches(hint: dict, value, expected) -> bool:
    """Whether a normalised answer (a float, a lower-case letter, a set of lower-case items, a dict of lower-case
    label -> float) makes the slip a static hint describes. The static book's checker does the same in JavaScript."""
    match = hint["match"]
    if match == "option":
        return value == hint["value"]
    if match == "between":
        return hint["low"] < value < hint["high"]
    if match == "above":
        return value > hint["value"]
    if match == "includes":
        return hint["value"] in value and not (hint["incomplete"] and set(expected) <= value)
    if match == "within":
        return value <= set(hint["values"])
    if match == "extra_within":
        extra = value - set(expected)
        return bool(extra) and extra <= set(hint["values"])
    if match == "any_above":
        return any(v > hint["value"] for v in value.values())
    if match == "all_below":
        return all(v < hint["value"] for v in value.values())
    if match == "labels_within":
        return set(value) <= {v.lower() for v in hint["values"]}
    for target in hint["values"]:  # "values"
        if isinstance(value, set):
            if value == set(target):
                return True
        elif isinstance(value, dict):
            t = _lower(target)
            if set(t) == set(value) and all(abs(value[k] - t[k]) <= hint["tolerance"] + 1e-9 for k in t):
                return True
        elif abs(float(value) - float(target)) <= hint["tolerance"] + 1e-9:
            return True
    return False


def _example(task: dict, hint: dict, static: dict, expected):
    """An answer that makes the slip: given in the key, or derived from the rule."""
    if "example" in hint:
        return _value(hint["example"])
    match = static["match"]
    if match == "values":
        return static["values"][0]
    if match == "option":
        return static["value"]
    if match == "includes":
        base = set(expected) - {min(expected)} if static["incomplete"] else set(expected)
        return sorted(base | {static["value"]})
    if match == "within":
        return static["values"]
    if match == "extra_within":
        return sorted(set(expected) | {min(set(static["values"]) - set(expected))})
    if match == "any_above":
        return {k: 100 * v for k, v in expected.items()}
    raise KeyFileError(f"task {task['id']}: a hint with the rule {match!r} needs an 'example'")


def _reasons(task: dict) -> dict[str, str]:
    """A judgement's reasons: the first sentence (or two) of each option row's ``column``, with its sources."""
    spec = task.get("reasons") or {}
    if not spec:
        return {}
    rows = load(spec["table"]).set_index("id")
    out = {}
    for letter, row_id in _options(task).items():
        sentences = str(rows.loc[row_id, spec["column"]]).split(". ")
        first = sentences[0]
        for more in sentences[1:]:
            if len(first) >= 80:
                break
            first += ". " + more
        first = re.sub(r"^Correct\b", "Accurate", first.rstrip(".") + ".")  # the course's label, not a mark
        out[letter] = f"{first} ({short_citations(rows.loc[row_id, 'sources'])})"
    return out


# ----------------------------------------------------------------------------- the notebook's tasks
def _task(raw: dict, source: str) -> Task:
    kind = raw["kind"]
    options = _options(raw)
    hints = []
    for hint in raw.get("hints", []):
        static = functools.partial(lambda h: _static_hint(raw, h, _answer(raw)), hint)
        hints.append(Hint(lambda value, expected, s=static: matches(s(), value, expected), hint["message"],
                          lambda expected, h=hint, s=static: _example(raw, h, s(), _answer(raw))))
    ids_from = raw.get("ids_from")
    return Task(
        id=raw["id"], kind=kind, expected=lambda: _answer(raw), why=raw.get("explanation", ""),
        hint=raw.get("hint", ""), hints=hints, places=raw.get("places"), options=tuple(options),
        option_ids={k: v for k, v in options.items() if v}, labels=tuple(_labels(raw.get("labels"))),
        reasons=lambda: _reasons(raw), alternatives=raw.get("alternatives") or {},
        defensible={frozenset(str(a).lower() for a in d["answer"]): d["message"] for d in raw.get("defensible", [])},
        noun=raw.get("noun", ""), known=(lambda: COMPUTE["ids_of"](ids_from)) if ids_from else None,
        series_hint=raw.get("series_hint", ""), prompt=raw.get("prompt", ""), source=source,
    )


def tasks(base: Path | None = None) -> dict[str, Task]:
    """Every auto-checked task of every key file, by id (open tasks are left out: see ``open_tasks``)."""
    out: dict[str, Task] = {}
    for exercise in exercises(base):
        path = key_file(exercise, base)
        for raw in _read(path)["tasks"]:
            if raw["id"] in out:
                raise KeyFileError(f"{path}: two tasks with the id {raw['id']!r}")
            if raw["kind"] != "open":
                out[raw["id"]] = _task(raw, f"exercises/keys/{path.name}")
    return out


def open_tasks(base: Path | None = None) -> dict[str, dict]:
    """The written tasks (kind ``open``) of every key file, by id, as read."""
    return {raw["id"]: raw for exercise in exercises(base) for raw in load_key(exercise, base)["tasks"]
            if raw["kind"] == "open"}


# ----------------------------------------------------------------------------- the static book's key
_OPTION_LINE = re.compile(r"^[ \t]*[-*][ \t]+\*\*([a-z])\)\*\*(.*)$", re.M)
_MARK = re.compile(r"[ \t]*<!--.*?-->")


def _option_texts(notebook: dict, prompt_id: str) -> dict[str, str]:
    """The option lines (``- **a)** text``) of a notebook's prompt cell: letter -> text, id marks left out."""
    cell = next((c for c in notebook["cells"] if c.get("id") == prompt_id), None)
    source = "".join(cell["source"]) if cell else ""
    return {letter: _MARK.sub("", text).strip() for letter, text in _OPTION_LINE.findall(source)}


def static_key(exercise: str, base: Path | None = None) -> dict:
    """The key of one exercise for a checker in the browser: JSON-able, every value resolved from the data now
    (the format is in this module's docstring)."""
    key = _read(key_file(exercise, base))
    nb_path = (base or root()) / "exercises" / "solutions" / f"{key.get('notebook', '')}.ipynb"
    notebook = json.loads(nb_path.read_text(encoding="utf-8")) if nb_path.is_file() else {"cells": []}
    out = []
    for raw in key["tasks"]:
        kind = raw["kind"]
        texts = _option_texts(notebook, raw.get("prompt", ""))
        entry = {"id": raw["id"], "prompt": raw.get("prompt", ""), "kind": kind,
                 "options": [{"letter": k, "text": texts.get(k, "")} for k in _options(raw)],
                 "labels": _labels(raw.get("labels")), "hint": raw.get("hint", ""),
                 "explanation": raw.get("explanation", ""), "hints": [], "defensible": [], "reasons": {},
                 "alternatives": raw.get("alternatives") or {}}
        if kind != "open":
            expected = _answer(raw)
            entry["answer"] = expected
            entry["hints"] = [_static_hint(raw, h, expected) for h in raw.get("hints", [])]
            entry["defensible"] = [{"answer": sorted(str(a).lower() for a in d["answer"]), "message": d["message"]}
                                   for d in raw.get("defensible", [])]
            entry["reasons"] = _reasons(raw)
        if kind == "number" or (kind == "mapping" and raw.get("places") is not None):
            entry["places"], entry["tolerance"] = raw["places"], _tolerance(raw)
            entry["answer"] = (round(expected, raw["places"]) if kind == "number"
                               else {k: round(v, raw["places"]) for k, v in expected.items()})
        elif kind in ("integer", "mapping"):
            entry["tolerance"] = 0
        if kind == "open":
            entry["checked_by"] = raw.get("checked_by", "")
        out.append(entry)
    result = {"exercise": exercise, "notebook": key.get("notebook", ""), "rule": RULE, "tasks": out}
    json.dumps(result, allow_nan=False)  # JSON-able, or this raises here rather than in the browser
    assert all(not (isinstance(t.get("answer"), float) and math.isnan(t["answer"])) for t in out)
    return result
