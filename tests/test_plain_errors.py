"""The exercises' setup cell explains a beginner's slip in plain words, and never swallows the error: the cell
still fails (so Run All stops there, as Jupyter does) and the full traceback is still shown."""
from __future__ import annotations

import contextlib
import io

import pytest
from IPython.core.interactiveshell import InteractiveShell

from thaw.errors import explain, install


@pytest.fixture(scope="module")
def shell():
    sh = InteractiveShell.instance()
    sh.run_cell("import thaw\nevents = thaw.load('events')\nseries = thaw.load('series')\nanswer = ...")
    assert install(sh) and install(sh)  # idempotent
    return sh


SLIPS = {  # cell -> (the error, words of the plain explanation)
    "answer = b": (NameError, 'answer = "b"'),
    "answer = C": (NameError, 'answer = "c"'),
    "events['dat_start']": (KeyError, "Did you mean 'date_start'"),
    "events.set_index('id')['date_start']['stalin_deat']": (KeyError, "Did you mean 'stalin_death'"),
    "events['stalin_death']": (KeyError, "'id' column"),
    "essay = 'Khrushchev's reforms were limited'": (SyntaxError, "triple quotes"),
    "essay = 'A first line\nand a second'": (SyntaxError, "triple quotes"),
    "answer = evnts['id']": (NameError, "Did you mean events"),
    "answer = events['date_start'].year": (AttributeError, ".dt.year"),
    "answer = events.loc[events['id'] == 'stalin_death', 'date_start'].year": (AttributeError, "pick it first"),
    "answer = events.date_starts": (AttributeError, 'table["date_starts"]'),
}


@pytest.mark.parametrize("cell", sorted(SLIPS))
def test_slip_is_explained_and_the_cell_still_fails(shell, cell):
    error, words = SLIPS[cell]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = shell.run_cell(cell)
    assert not result.success, "the error was swallowed"
    assert isinstance(result.error_in_exec or result.error_before_exec, error)
    text = out.getvalue()
    assert "In plain words" in text and words in text, text
    assert error.__name__ in text, "the full error message must still be shown"


def test_other_errors_are_left_alone(shell):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = shell.run_cell("1 / 0")
    assert isinstance(result.error_in_exec, ZeroDivisionError) and "In plain words" not in out.getvalue()
    assert explain(ValueError("x")) is None


def test_install_outside_ipython_does_nothing():
    assert install(None) in (False, True)  # no shell running in a plain test process: nothing to patch
