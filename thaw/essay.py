"""Formative feedback on the open writing task (a heuristic, not a grade): length, both readings weighed, dated
events, cited historians. The rubric, with a teacher or a peer, judges the argument. Imports only the engine."""
from __future__ import annotations

import re

from .checking import Feedback, describe

__all__ = ["essay_feedback"]


def essay_feedback(text=..., low: int = 300, high: int = 600) -> Feedback:
    """Formative feedback on the open writing task: length, use of both readings, sources and dates. It does not
    grade the argument: the rubric does, with a teacher or a peer."""
    if text is ... or (isinstance(text, str) and not text.strip()):
        return Feedback("essay", "unanswered", "Write your evaluation between the triple quotes, then run the cell.")
    if not isinstance(text, str):
        return Feedback("essay", "invalid", f"Expected your text as a string in triple quotes, but got {describe(text)}.")
    words = len(re.findall(r"\b[\w'-]+\b", text))
    notes = []
    if words < low:
        notes.append(f"{words} words: aim for at least {low}.")
    elif words > high:
        notes.append(f"{words} words: try to cut to {high} or fewer.")
    else:
        notes.append(f"{words} words: a good length.")
    low_text = text.lower()
    if not re.search(r"reform", low_text) or not re.search(r"fail|limit|stalinis|system", low_text):
        notes.append("Weigh both readings: the case for the reformer and the case for the failed reformer.")
    if not re.search(r"\b1[89]\d\d\b", text):
        notes.append("Anchor your claims in dated events (for example 1956, 1957, 1962).")
    if not re.search(r"\(\s*[A-Z][A-Za-z-]+,? \d{4}|[A-Z][a-z]+ \(\d{4}\)", text):
        notes.append("Cite at least two historians, e.g. (Taubman 2003) or Filtzer (1993).")
    done = len(notes) == 1 and low <= words <= high
    return Feedback("essay", "correct" if done else "wrong",
                    " ".join(notes) + (" Now assess it against the rubric's four criteria." if done else ""))
