"""Formative feedback on open answers: a checklist, never a grade. The status is always ``formative`` (never
"correct"): a program can count words, dates and citations, but only a reader, with the rubric, can judge an argument.
Imports only the engine."""
from __future__ import annotations

import re

from .checking import Feedback, describe

__all__ = ["cited_works", "dated_years", "essay_feedback", "written_feedback"]

_MONTHS = ("january february march april may june july august september october november december jan feb mar apr "
           "jun jul aug sep sept oct nov dec")
_NOT_AUTHORS = set(_MONTHS.split()) | {
    "in", "by", "from", "since", "until", "after", "before", "of", "the", "and", "or", "to", "on", "at",
    "summer", "autumn", "winter", "spring", "year", "years", "late", "early", "mid", "decree", "statute", "order",
    "congress", "plenum", "programme", "program", "ussr", "cpsu", "no", "about", "around", "c", "ca", "circa",
}
# A cited work: a surname (or two joined by "and" / "&", or "et al."), then a year, in the usual forms:
# (Taubman 2003), (Taubman, 2003), Taubman (2003), Artizov et al. 2000, (Getty et al. 1993; Khlevniuk 2015).
_SURNAME = r"[A-Z][A-Za-z\u00C0-\u017F'-]+"
_CITATION = re.compile(
    rf"(?<![\w'])({_SURNAME})((?:\s+(?:and|&)\s+{_SURNAME})?(?:\s+et\s+al\.?)?)"
    r",?\s*\(?\s*((?:1[89]|20)\d\d)[a-z]?\b")
_YEAR = re.compile(r"\b(19\d\d)\b")
_REFORMER = re.compile(r"\breform(er|ers|s|ing|ed)?\b|freed minds", re.I)
_FAILED = re.compile(r"\bfail(ed|ure|s)?\b|never left|stalin'?s system|limits? of (his )?reform", re.I)


def _citations(text: str):
    """The citation matches in a text: (match, surname key, year). Dates (March 1953, In 1956) and possessives
    (Khrushchev's 1956 speech) are left out."""
    for m in _CITATION.finditer(text):
        name, extra, year = m.groups()
        if name.lower() in _NOT_AUTHORS or name.endswith(("'s", "'")):
            continue
        yield m, name.lower() + (" et al." if "et al" in extra else ""), year


def cited_works(text: str) -> set[tuple[str, str]]:
    """The distinct works a text cites, as (surname, year), in any usual form: (Taubman 2003), Taubman (2003),
    (Taubman, 2003), Artizov et al. 2000, and lists such as (Getty et al. 1993; Khlevniuk 2015)."""
    return {(key, year) for _, key, year in _citations(text)}


def dated_years(text: str) -> set[str]:
    """The distinct years of the twentieth century a text uses as evidence (not the years of its citations)."""
    spans = [m.span() for m, _, _ in _citations(text)]
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return set(_YEAR.findall(text))


def _sentences(text: str) -> list[str]:
    return [s.strip().lower() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"\b[\w'-]+\b", text)


def _checklist(items: list[tuple[bool, str]], closing: str) -> str:
    lines = [("☑ " if ok else "☐ ") + what for ok, what in items]
    return "\n".join(lines + [closing])


_NOT_A_GRADE = ("This checklist counts words, dates and citations; it cannot tell whether the argument is sound. "
                "Assess that with the rubric, yourself, with a classmate or your teacher.")


def _text_problem(task: str, text, prompt: str) -> Feedback | None:
    if text is ... or (isinstance(text, str) and not text.strip()):
        return Feedback(task, "unanswered", prompt)
    if not isinstance(text, str):
        return Feedback(task, "invalid", f"Expected your text as a string in triple quotes, but got {describe(text)}.")
    return None


def essay_feedback(text=..., low: int = 300, high: int = 600) -> Feedback:
    """Formative feedback on the writing task: a checklist of length, two or more distinct cited works, both
    readings named, dated evidence (and a warning when sentences repeat). Never "correct": the rubric grades."""
    problem = _text_problem("essay", text, "Write your evaluation between the triple quotes, then run the cell.")
    if problem is not None:
        return problem
    sentences = _sentences(text)
    distinct = list(dict.fromkeys(sentences))
    words = len(_words(" ".join(distinct)))
    repeated = len(sentences) - len(distinct)
    vocabulary = len({w.lower() for w in _words(text)}) / max(len(_words(text)), 1)
    works, years = cited_works(text), dated_years(text)
    items = [
        (low <= words <= high, f"Length: {words} words" + (f" once {repeated} repeated sentence(s) are left out"
                                                             if repeated else "") + f" (aim for {low}-{high})."),
        (len(works) >= 2, f"Distinct cited works: {len(works)} (at least two, e.g. (Taubman 2003) or Filtzer (1993); "
                          "repeating one citation counts once)."),
        (bool(_REFORMER.search(text)) and bool(_FAILED.search(text)),
         "Both readings named: the case for the reformer and the case for the failed reformer."),
        (len(years) >= 3, f"Dated evidence: {len(years)} distinct year(s) (at least three, e.g. 1956, 1957, 1962)."),
    ]
    if repeated or vocabulary < 0.3:
        items.append((False, "Repetition: some sentences or phrases recur. Padding adds words, not evidence."))
    return Feedback("essay", "formative", _checklist(items, _NOT_A_GRADE))


def written_feedback(task: str, text=..., low: int = 60, high: int = 250) -> Feedback:
    """Formative feedback on a short written source-reliability answer ("how far can this document be trusted on
    X?"): length, who made it and when, what it can and cannot show, a comparison with another source. Never
    "correct": compare your answer with the teachers' notes or discuss it."""
    problem = _text_problem(task, text, "Write your answer between the triple quotes, then run the cell.")
    if problem is not None:
        return problem
    words = len(_words(" ".join(dict.fromkeys(_sentences(text)))))
    low_text = text.lower()
    items = [
        (low <= words <= high, f"Length: {words} words (aim for {low}-{high})."),
        (bool(_YEAR.search(text)) and bool(re.search(r"\b(wrote|written|dictated|made|drafted|recorded|published|by)\b",
                                                     low_text)),
         "Provenance: who made the document, when, and for whom."),
        (bool(re.search(r"\b(trust|reliable|reliability|credible|evidence for|good evidence|can show|shows)\b", low_text))
         and bool(re.search(r"\b(but|however|cannot|can't|not|less|limit)", low_text)),
         "Both sides: what it can be trusted on, and what it cannot."),
        (bool(cited_works(text)) or bool(re.search(r"\b(compare|compared|against|other source|confirm|archive)", low_text)),
         "Cross-check: another source (a document, a record made at the time, a historian) it can be compared with."),
    ]
    return Feedback(task, "formative", _checklist(items, "A checklist, not a grade: compare your reasoning with the "
                                                      "document study's guiding questions and discuss it."))
