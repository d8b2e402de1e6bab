"""Plain-language help for the slips beginners make in the exercise notebooks: an unquoted option letter
(``answer = b``, a NameError), a misspelt id or column (a KeyError), a date accessor used on a whole column
(``dates.year`` instead of ``dates.dt.year``, an AttributeError), a text in single quotes that breaks at an
apostrophe or a line end (a SyntaxError).

``install()`` is called by the setup cell of each exercise. It adds a short explanation in plain words (what was
probably meant) above the usual error message, and never swallows the error: the full traceback is still shown,
the cell still fails, and Run All stops there as Jupyter always does. Outside IPython it does nothing. Imports
nothing from the package."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import sys

__all__ = ["explain", "install"]

_LETTERS = set("abcdefgh")
# the parts of one date (.year, .month, .day), which a whole column of dates has only under .dt
_DATE_PARTS = {name for name, attr in vars(dt.date).items() if isinstance(attr, property)
               or type(attr).__name__ == "getset_descriptor"}


def _tables(namespace: dict) -> dict:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - the course always has pandas
        return {}
    return {name: v for name, v in namespace.items()
            if isinstance(v, (pd.DataFrame, pd.Series)) and not name.startswith("_")}


def _known_keys(namespace: dict) -> dict[str, str]:
    """Every column name, index label and id in the notebook's tables -> where it is."""
    import pandas as pd

    keys: dict[str, str] = {}
    for name, table in _tables(namespace).items():
        if isinstance(table, pd.DataFrame):
            for col in table.columns:
                keys.setdefault(str(col), f"a column of {name}")
            if "id" in table.columns:
                for i in table["id"].astype(str):
                    keys.setdefault(i, f"an id in {name}['id']")
        for label in list(table.index[:500]):
            if isinstance(label, str):
                keys.setdefault(label, f"a label of {name}")
    return keys


def explain(exc: BaseException, namespace: dict | None = None) -> str | None:
    """A plain-words explanation of a beginner's slip, or None when the error is not one of them."""
    namespace = namespace or {}
    if isinstance(exc, NameError):
        match = re.search(r"name '(\w+)' is not defined", str(exc))
        name = getattr(exc, "name", None) or (match.group(1) if match else None)
        if not name:
            return None
        if name.lower() in _LETTERS:
            return (f"Python read {name} as the name of a variable. An option letter is text: put it in quotes, "
                    f'answer = "{name.lower()}".')
        close = difflib.get_close_matches(name, [k for k in namespace if not k.startswith("_")], n=1, cutoff=0.75)
        if close:
            return f"There is no variable called {name}. Did you mean {close[0]}? (Names must match exactly.)"
        if "_" in name or name.islower():
            return (f"Python does not know the name {name}. If it is an id or a word, put it in quotes: \"{name}\". "
                    "If it is a table, run the first cell of the notebook (the one that loads the tables) again.")
        return (f"Python does not know the name {name}. Check its spelling, put text in quotes, and run the first "
                "cell of the notebook again if you restarted the kernel.")
    if isinstance(exc, KeyError):
        key = str(exc.args[0]) if exc.args else ""
        if not key:
            return None
        keys = _known_keys(namespace)
        close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.7)
        if key in keys:
            return (f"{key!r} is {keys[key]}, but not where you looked it up. Ids are in the 'id' column: look them "
                    "up with table.set_index(\"id\").loc[...], and columns with table[\"column\"].")
        if close:
            return f"There is no column, id or label {key!r}. Did you mean {close[0]!r} ({keys[close[0]]})?"
        return (f"There is no column, id or label {key!r} here. Check the spelling against the table: type its name "
                "in a new cell to see its columns, and copy ids from the 'id' column.")
    if isinstance(exc, AttributeError):
        match = re.search(r"'(Series|DataFrame)' object has no attribute '(\w+)'", str(exc))
        if not match:
            return None
        kind, name = match.groups()
        if name in _DATE_PARTS and kind == "Series":
            return (f"A column of dates (a Series) has no .{name}: .{name} works on one date. For the {name} of "
                    f"every row write .dt.{name} (for example events[\"date_start\"].dt.{name}); for one row, pick "
                    f"it first (.loc[row, \"date_start\"].{name}).")
        if name == "days" and kind == "Series":
            return ("A column of time spans (a Series) has no .days: write .dt.days for every row, or pick one "
                    "row first.")
        if kind == "DataFrame":
            return (f"A table (DataFrame) has no attribute .{name}. If {name} is a column, write "
                    f"table[\"{name}\"]; type the table's name in a new cell to see its columns.")
        return None
    if isinstance(exc, SyntaxError):
        message = str(getattr(exc, "msg", exc))
        if re.search(r"unterminated string|EOL while scanning|unterminated triple-quoted|EOF while scanning", message):
            return ("A text in quotes is not closed. Single quotes end at the first apostrophe (Khrushchev's) "
                    'and at the end of the line: put a long text between triple quotes, essay = """ ... """.')
        line = (getattr(exc, "text", None) or "").strip()
        if re.match(r"answer\s*=\s*$", line):
            return "Nothing follows answer = . Put your answer after it, or leave the ... in place."
        return ("Python could not read this cell. Look at the line the ^ points to: a bracket or a quote may be "
                "missing, or a word may be outside the quotes.")
    return None


def _print(message: str) -> None:
    print(f"💡 In plain words: {message}\n   (The full error message follows; the cell has still failed.)")


def install(shell=None) -> bool:
    """Add the plain-words help to an IPython shell (the current one by default). Returns False outside IPython."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover
            return False
        shell = get_ipython()
    if shell is None:
        return False
    if getattr(shell, "_thaw_plain_errors", False):
        return True

    def handler(self, etype, value, tb, tb_offset=None):
        message = explain(value, self.user_ns)
        if message:
            _print(message)
        self.showtraceback((etype, value, tb), tb_offset=tb_offset)  # the error itself, unchanged
        return None

    shell.set_custom_exc((NameError, KeyError, AttributeError), handler)
    original = shell.showsyntaxerror

    def showsyntaxerror(*args, **kwargs):
        value = sys.exc_info()[1]
        message = explain(value, shell.user_ns) if isinstance(value, SyntaxError) else None
        if message:
            _print(message)
        return original(*args, **kwargs)

    shell.showsyntaxerror = showsyntaxerror
    shell._thaw_plain_errors = True
    return True
