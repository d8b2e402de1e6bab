"""Formative feedback on open answers: a checklist of the moves a teacher looks for, never a grade.

The status is always ``formative`` (never "correct"): a program can see whether an answer names who made a source,
sets it against another, or dates its evidence, but only a reader, with the rubric, can judge whether the argument
holds. The checklist reads the answer in four steps:

1. it splits the text into sentences and keeps the student's *own words*: a sentence repeated, a copy of the
   question, or a string of the checklist's own keywords is left out (and said so in a note);
2. it looks, sentence by sentence, for each move: for a source answer provenance (who made it, when, for whom),
   purpose, what the source can and cannot show, and corroboration with a named other source; for the essay a
   verdict, both readings argued with evidence, dated evidence, historians set against each other, a yardstick,
   and the course's essay used critically;
3. it checks what it can check against the course's own data: cited names against the bibliography
   (``book/references.bib``, including names written in Cyrillic or Chinese) and dates against the timeline
   (``data/events.csv``); what it cannot find or finds contradicted is a *note to check*, not counted as evidence;
4. it writes the checklist (☑/☐), then the notes (⚑).

The wording it looks for is data, in ``essay_cues.toml`` beside this file. Public API (what the exercises call):
``essay_feedback(text)``, ``written_feedback(task, text)``, ``cited_works(text)``, ``dated_years(text)``;
``checklist(text, kind, task)`` gives the same result as data (box name -> ticked, and the notes) for tests.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tomllib

from .checking import Feedback, describe

__all__ = ["Checklist", "checklist", "cited_works", "dated_years", "essay_feedback", "written_feedback"]

CUES = tomllib.loads(Path(__file__).with_name("essay_cues.toml").read_text(encoding="utf-8"))

# ----------------------------------------------------------------------------------------------- citations
_MONTHS = ("january february march april may june july august september october november december jan feb mar apr "
           "jun jul aug sep sept oct nov dec")
_NOT_AUTHORS = set(_MONTHS.split()) | {
    "in", "by", "from", "since", "until", "after", "before", "of", "the", "and", "or", "to", "on", "at",
    "summer", "autumn", "winter", "spring", "year", "years", "late", "early", "mid", "decree", "statute", "order",
    "congress", "plenum", "programme", "program", "ussr", "cpsu", "no", "about", "around", "c", "ca", "circa",
}
# A cited work: a surname (Latin or Cyrillic script; or two joined by "and" / "&", or "et al."), then a year, in the
# usual forms: (Taubman 2003), (Taubman, 2003), Taubman (2003), Artizov et al. 2000, (Getty et al. 1993; Khlevniuk
# 2015), Хлевнюк (2015). A name written in Chinese characters: 沈志华（2015）, (沈志华 2015).
_SURNAME = r"[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё\u00C0-\u017F'-]+"
_CITATION = re.compile(
    rf"(?<![\w'])({_SURNAME})((?:\s+(?:and|&)\s+{_SURNAME})?(?:\s+et\s+al\.?)?)"
    r",?\s*[(（]?\s*((?:1[89]|20)\d\d)[a-z]?\b")
_CHINESE_CITATION = re.compile(r"([\u4e00-\u9fff]{2,8})\s*[(（]?\s*[，,]?\s*((?:19|20)\d\d)")
_YEAR = re.compile(r"\b(19\d\d|20[0-2]\d)\b")
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia".split()))


def _citations(text: str):
    """The citation matches in a text: (match, surname key, year). Dates (March 1953, In 1956) and possessives
    (Khrushchev's 1956 speech) are left out."""
    for m in _CITATION.finditer(text):
        name, extra, year = m.groups()
        if name.lower() in _NOT_AUTHORS or name.endswith(("'s", "'")):
            continue
        yield m, name.lower() + (" et al." if "et al" in extra else ""), year
    for m in _CHINESE_CITATION.finditer(text):
        yield m, m.group(1), m.group(2)


def cited_works(text: str) -> set[tuple[str, str]]:
    """The distinct works a text cites, as (surname, year), in any usual form: (Taubman 2003), Taubman (2003),
    (Taubman, 2003), Artizov et al. 2000, and lists such as (Getty et al. 1993; Khlevniuk 2015)."""
    return {(key, year) for _, key, year in _citations(text)}


def _without_citations(text: str) -> str:
    """The text with each citation blanked out (same length, so positions still match)."""
    for m, _, _ in _citations(text):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


def dated_years(text: str) -> set[str]:
    """The distinct years of the twentieth century a text uses as evidence (not the years of its citations)."""
    return set(_YEAR.findall(_without_citations(text)))


def _norm(name: str) -> str:
    """A name compared across scripts and spellings: lower case, no accents, Cyrillic transliterated as the
    bibliography spells it (Хлевнюк -> khlevniuk), "yu"/"ya" as "iu"/"ia" (Khlevnyuk -> khlevniuk)."""
    name = unicodedata.normalize("NFKD", name.lower())
    name = "".join(_CYRILLIC.get(c, c) for c in name if not unicodedata.combining(c)).replace("-", "")
    return re.sub(r"[^\w\u4e00-\u9fff ]", "", name).replace("yu", "iu").replace("ya", "ia").strip()


# ----------------------------------------------------------------------------------------------- course data
@dataclass(frozen=True)
class _Course:
    """What the checklist compares an answer with: surname -> years of its works in the bibliography, the timeline's
    events (id -> title, first year, last year, date as written), and each document's author names."""
    works: dict[str, set[str]]
    events: dict[str, tuple[str, int, int, str]]
    authors: dict[str, set[str]]


@lru_cache(maxsize=1)
def _course() -> _Course | None:
    """The course's bibliography, timeline and documents; None outside the course folder (the checklist then only
    reads the text, and says so)."""
    try:
        from . import data
        works: dict[str, set[str]] = {}
        for entry in data.bibliography().values():
            year = re.sub(r"\D", "", entry["year"])
            for person in entry.get("people", []):
                # a Chinese name written surname first ("Shen Zhihua") is also found by its surname
                chinese = re.fullmatch(r"([A-Z][a-z]+) [A-Z][a-z]+", person)
                names = [person] + re.findall(r"Renmin Ribao|Hongqi", person) + ([chinese.group(1)] if chinese else [])
                for name in names:
                    works.setdefault(_norm(name), set()).add(year)
        events = {}
        for row in data.load("events").itertuples():
            end = row.date_end if row.date_end == row.date_end and row.date_end is not None else row.date_start
            events[row.id] = (row.title, row.date_start.year, end.year, data.format_date(row.date_start, "%B"))
        authors = {row.id: {w for w in re.findall(r"\b[A-Z][\w'-]+", row.author) if w.lower() not in _STOP}
                   for row in data.load("documents").itertuples()}
        return _Course(works, events, authors)
    except Exception:  # no course folder, or a data file being edited: feedback must still work
        return None


# ----------------------------------------------------------------------------------------------- reading a text
_STOP = set("""a an the of to in on at by for from with and or but nor so as is are was were be been being it its
this that these those he she they them his her their we our you your i my not no there here which who whom whose what
when where why how than then also only very more most much many some any all each both one two into over after
before about because while do does did has have had can could may might must will would shall should""".split())
_WORD = re.compile(r"[\w'-]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _phrases(cues: list[str]) -> re.Pattern:
    """One pattern that finds any of the cue phrases as whole words, in lower case."""
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
                      + r")(?![\w])")


@lru_cache(maxsize=64)
def _cue(group: str, name: str) -> re.Pattern:
    return _phrases(CUES[group][name])


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """The one-word cues: a sentence made of little else is a list of keywords, not an answer."""
    words = {c for group in ("moves", "essay") for cues in CUES[group].values() for c in cues if " " not in c}
    return frozenset(words - _STOP)


@dataclass
class _Sentence:
    text: str            # as written
    low: str             # lower case, citations blanked out
    paragraph: int
    names: set[str]      # historians of the bibliography it names (normalised surnames)
    years: list[tuple[int, int]]  # (year, position in low) of years used as evidence


@dataclass
class Checklist:
    """The result as data: box name -> ticked, in order, and the notes to check."""
    boxes: dict[str, bool]
    labels: dict[str, str]
    notes: list[str] = field(default_factory=list)


_ABBREVIATIONS = ("et al.", "No.", "Nos.", "no.", "e.g.", "i.e.", "cf.", "p.", "pp.", "vol.", "c.", "St.", "Dr.", "Mr.")


def _sentences(text: str) -> list[tuple[str, int]]:
    """(sentence, paragraph number). A sentence ends at . ! ? or a blank line, not after an abbreviation ("Order No.
    00447", "et al.") or an initial ("J. Arch Getty")."""
    out = []
    for number, paragraph in enumerate(re.split(r"\n\s*\n", text.strip())):
        pieces = re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split()))
        merged: list[str] = []
        for piece in pieces:
            if merged and (merged[-1].endswith(_ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", merged[-1])):
                merged[-1] += " " + piece
            else:
                merged.append(piece)
        out += [(s.strip(), number) for s in merged if s.strip()]
    return out


def _grams(words: list[str], n: int = 4) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def _copies_question(sentence: str, question_grams: set) -> bool:
    """Half or more of the sentence's four-word runs are the question's own."""
    words = [w.lower() for w in _words(sentence)]
    grams = _grams(words)
    if not grams:
        return bool(words) and all(tuple([w]) in question_grams for w in words)
    return sum(g in question_grams for g in grams) >= len(grams) / 2


def _is_keyword_string(sentence: str) -> bool:
    """A string of keywords, years and names rather than a sentence: under a quarter of its words are little words
    (the, of, it, but ...), or three quarters of the others are the checklist's own cues or numbers and little words
    are scarce (under 40%), or it runs on past 100 words."""
    words = [w.lower() for w in _words(_without_citations(sentence))]
    content = [w for w in words if w not in _STOP]
    if len(words) > 100:
        return True
    if len(words) < 5:
        return False
    little = (len(words) - len(content)) / len(words)  # natural English runs at a third or more of little words
    cues = sum(w in _cue_words() or w.isdigit() for w in content)
    return little < 0.25 or (cues >= 0.75 * len(content) and little < 0.4)


def _names_in(sentence: str, course: _Course | None) -> set[str]:
    """The bibliography's historians a sentence names: a citation with a year the bibliography has, or a bare
    surname (not a person the answer is about, nor a surname that is also a common word)."""
    if course is None:
        return set()
    found = set()
    subjects = {_norm(n) for n in CUES["names"]["subjects"]}
    needs_year = {_norm(n) for n in CUES["names"]["needs_year"]}
    unknown = set()
    for _, known, key, _ in _check_citations(sentence, course):
        (found if known else unknown).add(key)
    for word in re.findall(r"\b[A-ZА-ЯЁ][\w'-]+", sentence):  # a bare surname: not one cited with a wrong year,
        key = _norm(word.removesuffix("'s"))                   # and not a two- or three-letter one (Li, Xu, Ma)
        if key in course.works and len(key) >= 4 and key not in subjects | needs_year | unknown:
            found.add(key)
    for chinese, surname in CUES["names"]["chinese"].items():
        if chinese in sentence:
            found.add(_norm(surname))
    return found


def _check_citations(text: str, course: _Course) -> list[tuple[str, bool, str, str]]:
    """Each citation with a year: (as written, found in the bibliography?, surname key, note if not found). The name
    is looked up as written, in Cyrillic transliterated, in Chinese through the table of names, and, for a Chinese
    name written surname first (Shen Zhihua 2015), by the word before it."""
    out = []
    for m, key, year in _citations(text):
        written = m.group(0).strip(" (（")
        written += ")" if "(" in written else "）" if "（" in written else ""
        name = CUES["names"]["chinese"].get(key, key.removesuffix(" et al."))
        candidates = [_norm(name)]
        before = re.findall(r"([A-Z][\w'-]+)\s+$", text[:m.start()])
        candidates += [_norm(w) for w in before]
        known = [c for c in candidates if c in course.works]
        if not known:
            out.append((written, False, candidates[0], f"“{written}”: no author of that name is in the course's "
                        "bibliography. Check the name and the year, and give your teacher the full reference: the "
                        "checklist counts only works it can find."))
        elif year not in course.works[known[0]]:
            who = re.sub(r"[\s,(（]*\d{4}\D*$", "", (before[0] + " " if before and known[0] != candidates[0] else "")
                         + written)
            has = ", ".join(f"{who} {y}" for y in sorted(course.works[known[0]]) if y)
            out.append((written, False, known[0], f"“{written}”: the course's bibliography has no work by "
                        f"{who} of {year} (it has {has}). Check the year; the checklist does not count it."))
        else:
            out.append((written, True, known[0], ""))
    return out


def _dates_to_check(low: str, course: _Course) -> list[tuple[int, str]]:
    """Years in a sentence that contradict the timeline: (year, note). A year next to the name of an event ("the
    Secret Speech of 1962", "the 1962 Secret Speech") outside the event's dates, and a person shown acting ("Beria
    wrote ... in 1962") after the event that ended their life or career."""
    problems = []
    for event, phrases in CUES["events"].items():
        if event not in course.events:
            continue
        title, first, last, date = course.events[event]
        for m in _phrases(phrases).finditer(low):
            after = re.match(r"\W*(?:(?:of|on|in|dated|from)\s+)?(?:\d{1,2}\s+)?(?:[a-z]+\s+)?(\d{4})\b", low[m.end():])
            before = re.search(r"\b(\d{4})(?:'s)?\s+$", low[:m.start()])
            for found in (after, before):
                if found and not first <= int(found.group(1)) <= last:
                    problems.append((int(found.group(1)), f"“{m.group(0)} … {found.group(1)}”: the course's timeline "
                                     f"dates “{title}” to {date}. Check the date; it is not counted as evidence."))
    verbs = _phrases(CUES["lifetimes_verbs"]["verbs"])
    for person, event in CUES["lifetimes"].items():
        if event not in course.events:
            continue
        title, _, last, date = course.events[event]
        for m in re.finditer(rf"\b{person}\b", low):  # "Beria wrote ... in 1962", "written by Beria in 1962"
            verb = verbs.search(low, m.end(), m.end() + 60) or verbs.search(low[:m.start()], max(m.start() - 30, 0))
            year = verb and _YEAR.search(low, max(verb.end(), m.end()), max(verb.end(), m.end()) + 60)
            if year and int(year.group(1)) > last:
                problems.append((int(year.group(1)), f"“{person.title()} … {verb.group(0)} … {year.group(1)}”: the "
                                 f"course's timeline has “{title}” on {date}. Check who did this, and when."))
    return problems


@dataclass
class _Reading:
    own: list[_Sentence]
    words: int
    notes: list[str]
    dates: set[int]       # years used as evidence and not contradicted
    cited: set[str]       # historians of the bibliography named anywhere


def _read(text: str, question: str = "") -> _Reading:
    """Step 1 and 3: the student's own sentences, with the names and years found in each, and the notes."""
    course = _course()
    notes: list[str] = []
    question_words = [w.lower() for w in _words(question)]
    question_grams = set(_grams(question_words)) | {tuple([w]) for w in question_words}
    seen, own = set(), []
    repeated = copied = strings = 0
    for sentence, paragraph in _sentences(text):
        key = " ".join(w.lower() for w in _words(sentence))
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        if question and _copies_question(sentence, question_grams):
            copied += 1
        elif _is_keyword_string(sentence):
            strings += 1
        else:
            own.append((sentence, paragraph))
    own_words = [w.lower() for s, _ in own for w in _words(s)]
    runs = {}
    for gram in _grams(own_words, 6):
        runs[gram] = runs.get(gram, 0) + 1
    padding = [" ".join(g) for g, n in runs.items() if n >= 3]
    if repeated:
        notes.append(f"{repeated} sentence(s) repeat earlier ones: each is read once. Padding adds words, not evidence.")
    if padding:
        notes.append(f"The phrase “{padding[0]}” recurs {runs[tuple(padding[0].split())]} times: say it once, "
                     "then add evidence.")
    if copied:
        notes.append(f"{copied} sentence(s) repeat the question: the checklist reads only your own words.")
    if strings:
        notes.append(f"{strings} passage(s) read as a list of keywords rather than sentences, so they are not read "
                     "as an answer: write what you mean in full sentences.")
    if course is None:
        notes.append("The course's bibliography and timeline could not be read here (open the notebook inside the "
                     "course folder), so cited names and dates were not checked.")
    sentences, dates, cited = [], set(), set()
    for sentence, paragraph in own:
        low = _without_citations(sentence).lower()
        years = [(int(m.group(1)), m.start()) for m in _YEAR.finditer(low)]
        if course is not None:
            notes += [n for _, ok, _, n in _check_citations(sentence, course) if not ok]
            wrong = _dates_to_check(low, course)
            notes += [n for _, n in wrong]
            years = [(y, at) for y, at in years if y not in {w for w, _ in wrong}]
        names = _names_in(sentence, course)
        sentences.append(_Sentence(sentence, low, paragraph, names, years))
        dates |= {y for y, _ in years}
        cited |= names
    words = len(own_words)
    return _Reading(sentences, words, list(dict.fromkeys(notes)), dates, cited)


def _any_sentence(reading: _Reading, test) -> bool:
    return any(test(s) for s in reading.own)


def _has(s: _Sentence, group: str, name: str) -> bool:
    return bool(_cue(group, name).search(s.low))


# ----------------------------------------------------------------------------------------------- the checklists
def _source_boxes(reading: _Reading, task: dict, document_authors: set[str]) -> tuple[dict, dict]:
    """Step 2 for a short source answer: the moves the task's question asks for."""
    parts = task.get("provenance", ["maker", "when", "audience"])
    named_author = _phrases([a.lower() for a in document_authors]) if document_authors else None

    def maker(s):
        return _has(s, "moves", "maker") or bool(named_author and named_author.search(s.low))

    def when(s):
        return bool(s.years) or _has(s, "moves", "when")

    authors = {_norm(a) for a in document_authors}
    itself = set(task.get("itself", []))

    def other_source(s):
        """A historian other than the document's own author, or a kind of record other than the document itself,
        named (a capital or a date) and set against it."""
        if s.names - authors:
            return True
        others = [m.group(0) for m in _cue("moves", "source").finditer(s.low) if m.group(0) not in itself]
        named = re.search(r"(?<!^)\b[A-Z][a-z]", s.text) or s.years or re.search(r"\b(" + _MONTHS.replace(" ", "|")
                                                                                   + r")\b", s.low)
        return bool(others) and _has(s, "moves", "compare") and bool(named)

    checks = {
        "maker": _any_sentence(reading, maker),
        "when": _any_sentence(reading, when),
        "audience": _any_sentence(reading, lambda s: _has(s, "moves", "audience")),
    }
    what = {"maker": "who made the source", "when": "when", "audience": "for whom"}
    boxes = {
        "provenance": all(checks[p] for p in parts),
        "purpose": _any_sentence(reading, lambda s: _has(s, "moves", "purpose")),
        "value_and_limits": _any_sentence(reading, lambda s: _has(s, "moves", "value"))
        and _any_sentence(reading, lambda s: _has(s, "moves", "limitation")),
        "corroboration": _any_sentence(reading, other_source),
    }
    missing = [what[p] for p in parts if not checks[p]]
    labels = {
        "provenance": "Provenance: " + ", ".join(what[p] for p in parts)
                      + (f" (not found: {', '.join(missing)})" if missing and any(checks.values()) else "") + ".",
        "purpose": "Purpose: why it was made, and what its makers wanted from it.",
        "value_and_limits": "What it can show, and what it cannot, each with a reason.",
        "corroboration": "Corroboration: a named other source (a historian of the course's reading, another "
                         "document or record) set against this one.",
    }
    moves = task.get("moves", list(boxes))
    return {m: boxes[m] for m in moves}, {m: labels[m] for m in moves}


def _essay_boxes(reading: _Reading) -> tuple[dict, dict]:
    """Step 2 for the essay: the moves of the rubric's four criteria."""
    opening = [s for s in reading.own if s.paragraph == 0]
    if len(opening) == len(reading.own):  # one paragraph: the opening is its first three sentences
        opening = opening[:3]
    evidence = lambda s: bool(s.years or s.names)  # noqa: E731 (a date or a historian)
    debate = [s for s in reading.own if s.names and _has(s, "essay", "debate")]
    boxes = {
        "verdict": any(_has(s, "essay", "verdict") for s in opening),
        "both_readings": _any_sentence(reading, lambda s: _has(s, "essay", "reformer") and evidence(s))
        and _any_sentence(reading, lambda s: _has(s, "essay", "failed") and evidence(s)),
        "dated_evidence": len(reading.dates) >= 3,
        "historians": len(reading.cited) >= 2 and bool(debate),
        "yardstick": _any_sentence(reading, lambda s: _has(s, "essay", "yardstick")),
        "essay_used_critically": _any_sentence(reading, lambda s: _has(s, "essay", "essay_named")
                                               and _has(s, "essay", "essay_corrected")),
    }
    labels = {
        "verdict": "A verdict in the opening paragraph.",
        "both_readings": "Both readings argued with evidence: the case for the reformer and the case for the failed "
                         "reformer, each with a date or a historian.",
        "dated_evidence": f"Dated evidence: {len(reading.dates)} distinct year(s) the timeline does not contradict "
                          "(at least three, e.g. 1956, 1957, 1962).",
        "historians": f"Historians: {len(reading.cited)} of the course's reading named (at least two, e.g. "
                      "(Taubman 2003) or Filtzer (1993)), and where they disagree.",
        "yardstick": "A yardstick: by what standard you judge him (against 1953, against what the country needed, "
                     "against his own aims).",
        "essay_used_critically": "The course's essay used critically: one of its claims or slips set straight, "
                                 "with evidence.",
    }
    return boxes, labels


def checklist(text: str, kind: str = "source", task: str | None = None, low: int | None = None,
              high: int | None = None) -> Checklist:
    """The checklist for a text as data: ``kind`` is "source" (a short source answer; ``task`` an id of
    ``essay_cues.toml``'s tasks, for its question and document) or "essay"."""
    low = low if low is not None else (300 if kind == "essay" else 60)
    high = high if high is not None else (600 if kind == "essay" else 250)
    spec = CUES["tasks"].get(task or "", {})
    reading = _read(text, spec.get("question", ""))
    if kind == "essay":
        boxes, labels = _essay_boxes(reading)
    else:
        course = _course()
        authors = course.authors.get(spec.get("document", ""), set()) if course else set()
        boxes, labels = _source_boxes(reading, spec, authors)
    length = {"length": low <= reading.words <= high}
    words = {"length": f"Length: {reading.words} words of your own (aim for {low}-{high})."}
    return Checklist(length | boxes, words | labels, reading.notes)


# ----------------------------------------------------------------------------------------------- feedback
_NOT_A_GRADE = ("This checklist looks for the moves of an answer; it cannot tell whether the argument is sound. "
                "Assess that with the rubric, yourself, with a classmate or your teacher.")
_SOURCE_CLOSING = ("A checklist, not a grade: compare your reasoning with the document study's guiding questions and "
                   "discuss it.")


def _message(result: Checklist, closing: str) -> str:
    lines = [("☑ " if result.boxes[name] else "☐ ") + result.labels[name] for name in result.boxes]
    if result.notes:
        lines.append("Notes to check (not marks):")
        lines += ["⚑ " + note for note in result.notes]
    return "\n".join(lines + [closing])


def _text_problem(task: str, text, prompt: str) -> Feedback | None:
    if text is ... or (isinstance(text, str) and not text.strip()):
        return Feedback(task, "unanswered", prompt)
    if not isinstance(text, str):
        return Feedback(task, "invalid", f"Expected your text as a string in triple quotes, but got {describe(text)}.")
    return None


def essay_feedback(text=..., low: int = 300, high: int = 600) -> Feedback:
    """Formative feedback on the writing task: a checklist of the rubric's moves (a verdict, both readings argued
    with evidence, dated evidence, historians set against each other, a yardstick, the essay used critically) and
    notes on names and dates to check. Never "correct": the rubric grades."""
    problem = _text_problem("essay", text, "Write your evaluation between the triple quotes, then run the cell.")
    if problem is not None:
        return problem
    return Feedback("essay", "formative", _message(checklist(text, "essay", low=low, high=high), _NOT_A_GRADE))


def written_feedback(task: str, text=..., low: int = 60, high: int = 250) -> Feedback:
    """Formative feedback on a short written source answer ("how far can this document be trusted on X?"): the
    moves its question asks for (provenance, purpose, what it can and cannot show, corroboration) and notes on names
    and dates to check. Never "correct": compare your answer with the teachers' notes or discuss it."""
    problem = _text_problem(task, text, "Write your answer between the triple quotes, then run the cell.")
    if problem is not None:
        return problem
    return Feedback(task, "formative", _message(checklist(text, "source", task, low, high), _SOURCE_CLOSING))
