"""Written answers: a labelled answer box for a short-answer or paragraph prompt, in any page or notebook.

In the static book the box is a plain ``<textarea>`` that ``thaw/static/answers.js`` keeps in the browser (per page,
surviving a reload) and puts in the "Download my answers" file; in JupyterLab it is a live ``Textarea`` widget whose
text Python can read (``box.value``). The same helper serves every history task::

    thaw.answer("q1-own-words", "Whose decision was the Secret Speech? Answer in two or three sentences.")
    thaw.answer("ex3-writing", "Your evaluation (300-600 words)", kind="paragraph")

or, in a Markdown page or cell (MyST), the ``{answer}`` directive (registered by thaw.sphinxext)::

    ```{answer} q1-own-words
    :kind: short
    Whose decision was the Secret Speech? Answer in two or three sentences.
    ```

The id names the answer in the browser's store and in the export: unique on its page, and starting with the exercise
or chapter ("ex3-task2", "q1-own-words") so that an exercise's answers stay together. ``kind`` is "short" (3 rows)
or "paragraph" (12 rows); ``rows`` overrides it. The HTML attributes answers.js reads are ``data-thaw-answer`` (the
id) and ``data-thaw-question`` (the prompt); any other page element carrying them is kept and exported the same way
(see the header of answers.js for radio groups and checkboxes).
"""
from __future__ import annotations

import html
import re

import ipywidgets as w

__all__ = ["AnswerBox", "answer", "answer_html", "KINDS"]

KINDS = {"short": 3, "paragraph": 12}  # rows of the box
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _check(id: str, prompt: str, kind: str, rows: int | None) -> int:
    if not isinstance(id, str) or not _ID.fullmatch(id):
        raise ValueError(f"An answer id is lower-case letters, digits, '-' and '_', starting with a letter or digit, "
                         f"e.g. 'ex3-task2'; got {id!r}")
    if not isinstance(prompt, str) or not prompt.strip():
        raise ValueError(f"An answer box needs its question as text (the prompt); got {prompt!r}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(repr(k) for k in KINDS)}; got {kind!r}")
    if rows is not None and (isinstance(rows, bool) or not isinstance(rows, int) or not 1 <= rows <= 40):
        raise ValueError(f"rows must be a whole number from 1 to 40; got {rows!r}")
    return rows or KINDS[kind]


def answer_html(id: str, prompt: str, kind: str = "short", rows: int | None = None) -> str:
    """The static book's answer box: a label, a textarea answers.js keeps, and the empty copy it fills for print."""
    rows = _check(id, prompt, kind, rows)
    prompt = " ".join(prompt.split())
    dom = f"thaw-answer-{id}"
    return (f'<div class="thaw-answer thaw-answer-{kind}">'
            f'<label class="thaw-answer-prompt" for="{dom}">{html.escape(prompt)}</label>'
            f'<textarea id="{dom}" class="thaw-answer-box" rows="{rows}" spellcheck="true" '
            f'data-thaw-answer="{html.escape(id)}" data-thaw-question="{html.escape(prompt)}"></textarea>'
            f'<div class="thaw-answer-print" aria-hidden="true"></div></div>')


class AnswerBox(w.VBox):
    """The live answer box (JupyterLab): ``value`` is the text written so far. The book shows ``static_html``."""

    def __init__(self, id: str, prompt: str, kind: str = "short", rows: int | None = None):
        n = _check(id, prompt, kind, rows)
        self.id, self.prompt = id, " ".join(prompt.split())
        self._box = w.Textarea(rows=n, layout=w.Layout(width="100%"))
        super().__init__([w.Label(self.prompt), self._box])
        self.add_class("thaw-answer-widget")
        self.static_html = answer_html(id, prompt, kind, rows)

    @property
    def value(self) -> str:
        return self._box.value

    @value.setter
    def value(self, text: str) -> None:
        self._box.value = text

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        return {**bundle, "text/html": self.static_html}

    def __repr__(self) -> str:
        return f"AnswerBox({self.id!r}, {len(self.value)} characters written)"


def answer(id: str, prompt: str, kind: str = "short", rows: int | None = None) -> AnswerBox:
    """A labelled answer box for a short-answer ("short") or paragraph ("paragraph") prompt."""
    return AnswerBox(id, prompt, kind, rows)


def _directive():
    """The ``{answer}`` MyST directive: ``{answer} ID``, options ``:kind:`` and ``:rows:``, the prompt as content."""
    from docutils import nodes
    from docutils.parsers.rst import directives
    from sphinx.util.docutils import SphinxDirective

    class Answer(SphinxDirective):
        required_arguments = 1
        has_content = True
        option_spec = {"kind": lambda v: directives.choice(v, tuple(KINDS)), "rows": directives.positive_int}

        def run(self):
            try:
                text = answer_html(self.arguments[0], "\n".join(self.content), self.options.get("kind", "short"),
                                   self.options.get("rows"))
            except ValueError as exc:
                raise self.error(f"answer: {exc}") from None
            return [nodes.raw("", text, format="html")]

    return Answer
