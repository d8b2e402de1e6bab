"""Self-check quizzes built from data/quiz.csv: native radio buttons in a fieldset, feedback revealed by CSS
(`:has(:checked)`), no script at all, so a quiz answers a click in the static book with no kernel and no network,
in JupyterLab, and by keyboard (arrow keys move between the options of a question). In the book, thaw/static/quiz.js
also writes the feedback into each question's live region, so that screen readers announce it.

Each question's fieldset is an answer field for the static book's answers layer (``data-thaw-answer``, see
thaw/answers.py): answers.js keeps the student's choice in the browser and puts it in "Download my answers"."""
from __future__ import annotations

import html

import pandas as pd

from . import data as _data

__all__ = ["Quiz", "quiz", "CSS"]

CSS = """
.thaw-quiz{border:1px solid #c8ccd0;border-radius:8px;padding:.25rem 1rem 1rem;margin:1.25rem 0}
.thaw-quiz fieldset{border:0;border-top:1px solid #e3e5e8;margin:0;padding:.75rem 0 .25rem}
.thaw-quiz fieldset:first-of-type{border-top:0}
.thaw-quiz legend{font-weight:600;padding:0;margin-bottom:.4rem;float:left;width:100%}
.thaw-quiz label{display:block;padding:.3rem .6rem;margin:.2rem 0;border:1px solid #c8ccd0;border-radius:6px;cursor:pointer;clear:both}
.thaw-quiz label:has(input:focus-visible){outline:3px solid #E69F00;outline-offset:1px}
.thaw-quiz .thaw-quiz-fb{display:none;margin:.25rem 0 .4rem 1.6rem;padding:.3rem .6rem;border-left:4px solid #767676}
.thaw-quiz .thaw-quiz-fb-yes{border-left-color:#009E73}
.thaw-quiz .thaw-quiz-fb-no{border-left-color:#D55E00}
.thaw-quiz label:has(input:checked)+.thaw-quiz-fb{display:block}
.thaw-quiz label:has(input[data-correct=yes]:checked){border-color:#009E73;background:#009E7314}
.thaw-quiz label:has(input[data-correct=no]:checked){border-color:#D55E00;background:#D55E0014}
.thaw-quiz .thaw-quiz-src{font-size:.85em;color:#555}
.thaw-quiz .thaw-quiz-live{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
"""


class Quiz:
    """A quiz as HTML (``_repr_html_``); ``include_css`` adds its style for front ends without the book's CSS."""

    def __init__(self, frame: pd.DataFrame, title: str, include_css: bool = True):
        self.frame = frame
        self.title = title
        self.include_css = include_css

    def to_html(self) -> str:
        parts = [f'<section class="thaw-quiz" aria-label="{html.escape(self.title)}">',
                 f"<p><strong>{html.escape(self.title)}</strong> Choose an answer to see feedback.</p>"]
        for qid, rows in self.frame.groupby("question_id", sort=False):
            first = rows.iloc[0]
            parts.append(f'<fieldset class="thaw-quiz-q" data-question="{html.escape(qid)}" '
                         f'data-thaw-answer="quiz-{html.escape(qid)}" data-thaw-question="{html.escape(first["question"])}">'
                         f"<legend>{html.escape(first['question'])}</legend>")
            for r in rows.sort_values("option").itertuples():
                verdict = "Right." if r.correct == "yes" else "Not quite."
                parts.append(
                    f'<label><input type="radio" name="thaw-quiz-{html.escape(qid)}" value="{r.option}" '
                    f'data-correct="{r.correct}"> {html.escape(r.text)}</label>'
                    f'<div class="thaw-quiz-fb thaw-quiz-fb-{r.correct}">'
                    f"<strong>{verdict}</strong> {html.escape(r.feedback)} "
                    f'<span class="thaw-quiz-src">({html.escape(_data.short_citations(r.sources))})</span></div>')
            # where the book's quiz.js writes the chosen option's feedback: a live region rendered (empty) with the
            # question, so screen readers announce the change (feedback revealed from display:none is not announced)
            parts.append('<p class="thaw-quiz-live" role="status" aria-live="polite"></p></fieldset>')
        parts.append("</section>")
        style = f"<style>{CSS}</style>" if self.include_css else ""
        return style + "".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"Quiz({self.title!r}, {self.frame['question_id'].nunique()} questions)"


def quiz(chapter: str, title: str = "Check your understanding", frame: pd.DataFrame | None = None) -> Quiz:
    frame = _data.load("quiz") if frame is None else frame
    sub = frame[frame["chapter"] == chapter]
    if sub.empty:
        raise ValueError(f"No quiz questions for {chapter!r}; chapters with questions: "
                         f"{', '.join(sorted(set(frame['chapter'])))}")
    return Quiz(sub.reset_index(drop=True), title)
