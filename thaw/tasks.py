"""The answer key: the course's auto-checked tasks, by id (``TASKS``), for ``thaw.exercises.check``.

Every answer that comes from the data is computed here from the course tables with ``load(...)`` inside a
function, so a correction to a CSV updates the expected answer. Source-criticism and classification answers are
fixed option letters. Ids: ``ex1.*`` (question 1), ``ex2.*`` (question 2), ``ex3.*`` (question 3), ``ex4.*``
(reading the essay critically), checked in ``exercises/solutions/ex1_*.ipynb`` and so on.

The key is tied to the notebooks: ``python -m thaw.student check`` (and the tests) read each choice and set task's
option letters, the letters of the solution and, where letters stand for rows of a table (``option_ids``), the row
id each option line carries in the solution notebook, and fail if any of them differ from this key.

Each targeted hint comes with an example of the mistake it describes; the tests check that the example gets that
hint. Imports: the checking engine and the data, nothing else from the package.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .checking import Hint, Task
from .data import load, short_citations

OPTIONS = ("a", "b", "c", "d")
TASKS: dict[str, Task] = {}


def _add(task: Task) -> Task:
    if task.id in TASKS:
        raise ValueError(f"two tasks with the id {task.id!r}")
    TASKS[task.id] = task
    return task


# ----------------------------------------------------------------------------- helpers
def _hint(test: Callable[[object, object], bool], message: str, example: object) -> Hint:
    """A targeted hint; ``example`` is an answer making that mistake (a function of the expected answer, or a value)."""
    return Hint(test, message, example)


def _chose(option: str, message: str) -> Hint:
    """The targeted hint for one wrong option of a choice task."""
    return Hint(lambda value, expected: value == option, message, option)


def _near(a, b, rel: float = 0.001) -> bool:
    """Two computed fractions agree (to 0.1 %): for telling one slip's result from another, never for years or
    counts, which are compared exactly (``_all_equal``)."""
    a, b = float(a), float(b)
    return abs(a - b) <= rel * abs(b) + 1e-9


def _lower(mapping) -> dict[str, float]:
    return {str(k).strip().lower(): float(v) for k, v in dict(mapping).items()}


def _all_near(value, expected, transform=lambda x: x) -> bool:
    v, e = _lower(value), _lower(expected)
    return set(v) == set(e) and all(_near(v[k], transform(e[k])) for k in e)


def _all_equal(value, expected) -> bool:
    """Years or counts per label, compared exactly: a year off by one is not "the latest year"."""
    v, e = _lower(value), _lower(expected)
    return set(v) == set(e) and all(v[k] == e[k] for k in e)


def _rounded(value, expected, places: int = 2) -> bool:
    """A fraction rounded by hand (0.78 for 0.7772...): close, but not the computed value."""
    v = float(value)
    return v == round(v, places) and abs(v - float(expected)) <= 0.5 * 10 ** -places + 1e-9


def _shares(value) -> bool:
    """The answer looks like shares (value_counts(normalize=True)) rather than counts."""
    values = _lower(value).values()
    return _near(sum(values), 1) and max(values) < 1


def _as_shares(counts) -> dict[str, float]:
    """Counts turned into shares: the normalize=True mistake."""
    total = sum(counts.values())
    return {k: n / total for k, n in counts.items()}


ROUNDED = "Close, but rounded. Let Python compute the fraction and give the unrounded value."


def _rounded_hint() -> Hint:
    return Hint(_rounded, ROUNDED, lambda e: round(e, 2))


def _all_rounded(value, expected) -> bool:
    v, e = _lower(value), _lower(expected)
    return set(v) == set(e) and all(_rounded(v[k], e[k]) for k in e)


def _event_date(event_id: str):
    events = load("events").set_index("id")
    return events.loc[event_id, "date_start"]


def _days(start_id: str, end_id: str) -> int:
    return int((_event_date(end_id) - _event_date(start_id)).days)


def _series(measure: str):
    s = load("series")
    return s[s["measure"] == measure].sort_values("date")


def _first(measure: str) -> float:
    return float(_series(measure)["value"].iloc[0])


def _pospelov(measure: str, years=(1937, 1938)) -> float:
    s = _series(measure)
    return float(s.loc[s["date"].dt.year.isin(years), "value"].sum())


def _letters(mapping: dict[str, str], table: str, column: str, value: str) -> set[str]:
    """The option letters whose row (by id) has ``column == value``: a classification computed from the data.
    An id missing from the table raises KeyError (the tests run every task), rather than silently dropping a letter."""
    frame = load(table).set_index("id")[column]
    return {letter for letter, row_id in mapping.items() if frame[row_id] == value}


def _labelled(table: str, column: str, mapping: dict[str, str]) -> Callable[[], dict[str, str]]:
    """The course's label for each option of a judgement task, from the data (a correction updates it)."""
    return lambda: {letter: str(load(table).set_index("id").loc[row_id, column]) for letter, row_id in mapping.items()}


def _reasons(table: str, column: str, mapping: dict[str, str]) -> Callable[[], dict[str, str]]:
    """The course's reason for each label: the first sentence of the row's evidence, with its sources."""
    def reasons() -> dict[str, str]:
        rows = load(table).set_index("id")
        out = {}
        for letter, row_id in mapping.items():
            sentences = str(rows.loc[row_id, column]).split(". ")
            first = sentences[0]
            for more in sentences[1:]:
                if len(first) >= 80:
                    break
                first += ". " + more
            first = re.sub(r"^Correct\b", "Accurate", first.rstrip(".") + ".")  # the course's label, not a mark
            out[letter] = f"{first} ({short_citations(rows.loc[row_id, 'sources'])})"
        return out
    return reasons


def _judgement(task_id: str, table: str, column: str, reason_column: str, items: dict[str, str], labels: tuple,
               hint: str, alternatives: dict) -> Task:
    """A judgement task: the student labels rows of ``table`` first; the course then compares, item by item, with
    its own label (``column``), its reasons (``reason_column``) and the defensible ``alternatives``."""
    return Task(
        id=task_id, kind="judgement", expected=_labelled(table, column, items), labels=labels, options=tuple(items),
        option_ids=items, reasons=_reasons(table, reason_column, items), alternatives=alternatives,
        why="A judgement task: the course compares your labels with its own.", hint=hint,
    )


VERDICTS = ("accurate", "imprecise", "inaccurate")


def _ids(table: str, **where) -> set[str]:
    frame = load(table)
    for column, value in where.items():
        frame = frame[frame[column] == value]
    return {str(i).lower() for i in frame["id"]}


# ============================================================================= ex1: whose decision?
_add(Task(
    id="ex1.days_to_speech",
    kind="integer",
    expected=lambda: _days("stalin_death", "secret_speech"),
    why="Stalin died on 5 March 1953 and Khrushchev spoke at the closed session on 25 February 1956, almost three "
        "years later. The speech came at the end of a long post-Stalin process (the amnesty, Beria's fall, the case "
        "reviews), not in the first shock of the succession.",
    hint="Take the date_start of the rows 'stalin_death' and 'secret_speech' in events, subtract the earlier from "
         "the later and use .days.",
    hints=[
        _hint(lambda v, e: v in (e + 1, e - 1), "One day out: subtracting two dates already gives the days between "
              "them. Do not add or remove a day to count both ends.", lambda e: e + 1),
        _hint(lambda v, e: v == _days("stalin_death", "twentieth_congress"), "You used the opening of the Twentieth "
              "Congress (14 February 1956). The closed session came on the congress's last day: use 'secret_speech'.",
              lambda e: _days("stalin_death", "twentieth_congress")),
        _hint(lambda v, e: 0 < v < 5, "Give the answer in days, not years: use .days on the difference of the dates.",
              3),
    ],
))

_add(Task(
    id="ex1.preparation_days",
    kind="integer",
    expected=lambda: _days("pospelov_commission", "secret_speech"),
    why="The Presidium set up the Pospelov commission on 31 December 1955, eight weeks before the speech; its report "
        "of 9 February 1956, the Presidium's decision and the plenum of 13 February followed. A decision prepared "
        "over weeks by the leadership is why historians no longer call the speech an improvisation (Artizov et al. "
        "2000; Taubman 2003).",
    hint="Subtract the date_start of 'pospelov_commission' from that of 'secret_speech' in events and use .days.",
    hints=[
        _hint(lambda v, e: v == _days("pospelov_report", "secret_speech"), "That counts from the commission's report "
              "(9 February 1956). The question asks from the day the commission was set up: 'pospelov_commission'.",
              lambda e: _days("pospelov_report", "secret_speech")),
        _hint(lambda v, e: v == _days("pospelov_commission", "twentieth_congress"), "That runs to the opening of the "
              "congress (14 February). The speech was given on its last day: use 'secret_speech'.",
              lambda e: _days("pospelov_commission", "twentieth_congress")),
        _hint(lambda v, e: v in (e + 1, e - 1), "One day out: the difference of two dates is already the number of "
              "days between them.", lambda e: e - 1),
    ],
))

_add(Task(
    id="ex1.amnesty",
    kind="choice",
    expected="b",
    options=OPTIONS,
    why="The decree of 27 March 1953 followed Beria's note of 26 March. It freed over a million prisoners, mostly "
        "people serving short sentences for non-political offences; those serving longer terms for "
        "'counter-revolutionary crimes' were excluded (Dobson 2009; Applebaum 2003). Political prisoners came back "
        "later and more slowly, through the review commissions of 1954-56.",
    hint="Read the rows 'amnesty_1953' in events and in achievements: who proposed it, and whom did it free?",
    hints=[
        _chose("a", "This confuses the 1953 amnesty with the later release of political prisoners. "
              "The amnesty was Beria's initiative and excluded most 'counter-revolutionaries'; political prisoners "
              "returned mainly through the review commissions of 1954-56."),
        _chose("c", "The camps were not emptied: look at the series table, where hundreds of "
              "thousands of prisoners are still held in 1960."),
        _chose("d", "Check the date of 'amnesty_1953' in events: it came three weeks after Stalin's "
              "death, almost three years before the Twentieth Congress."),
    ],
))

def _gulag_1953() -> float:
    pop = _series("gulag_population")
    return float(pop.loc[pop["date"].dt.year == 1953, "value"].mean())


def _gulag_low() -> tuple[int, float]:
    pop = _series("gulag_population")
    low = pop.loc[pop["value"].idxmin()]
    return int(low["date"].year), float(low["value"])


_add(Task(
    id="ex1.low_year",
    kind="integer",
    expected=lambda: _gulag_low()[0],
    why="The camps and colonies emptied fastest after the amnesty of 1953 and the review commissions of 1954-56, and "
        "the prisoner population reached its low point in 1960. Even then the Gulag was not abolished, "
        "and the number of prisoners rose again in the early 1960s (Dobson 2009).",
    hint="Keep the rows whose measure is 'gulag_population', find the row with the smallest value (.idxmin() or "
         "sort_values) and take the year of its date.",
    hints=[
        _hint(lambda v, e: v == int(_series("gulag_population")["date"].dt.year.min()), "That is the first year in "
              "the table, not the year of the lowest value.",
              lambda e: int(_series("gulag_population")["date"].dt.year.min())),
        _hint(lambda v, e: v == 1953, "1953 is the year of Stalin's death and the amnesty, when the camps were still "
              "full. Look for the smallest value.", 1953),
        _hint(lambda v, e: v > 100_000, "That is the lowest number of prisoners. The question asks for the year: "
              "take .year of the date in that row.", lambda e: int(_gulag_low()[1])),
    ],
))

_add(Task(
    id="ex1.camp_fall",
    kind="number",
    expected=lambda: 1 - _gulag_low()[1] / _gulag_1953(),
    tolerance=0.0005,
    relative=False,
    why="The camps and colonies held about 2.5 million prisoners on 1 January 1953; by the low point of 1960 the "
        "number had fallen by more than three-quarters (Dobson 2009). The returnees made the repression a social fact "
        "the leadership had to explain, but the fall did not last: the number rose again in the early 1960s.",
    hint="Relative fall = (before - after) / before, with before = the gulag_population value for 1953 and after = "
         "its lowest value. Give a fraction between 0 and 1.",
    hints=[
        _hint(lambda v, e: _near(v, 100 * e), "That looks like a percentage. Give a fraction between 0 and 1 "
              "(for example 0.5 rather than 50).", lambda e: 100 * e),
        _hint(lambda v, e: _near(v, _gulag_1953() - _gulag_low()[1]) or _near(v, _gulag_low()[1] / _gulag_1953()),
              "That is the absolute fall or the share that remained. The question asks for the relative fall: "
              "(before - after) / before.", lambda e: 1 - e),
        _hint(lambda v, e: _near(v, 1 - _gulag_low()[1] / _first("gulag_camp_population")),
              "You started from the camps-only figure (gulag_camp_population: the ITL camps without the colonies). "
              "Compare like with like: take the 1953 value of the same measure, gulag_population.",
              lambda e: 1 - _gulag_low()[1] / _first("gulag_camp_population")),
        _hint(lambda v, e: _near(v, 1 - _gulag_low()[1] / _first("prisoners_in_custody")),
              "You started from Beria's count of March 1953 (prisoners_in_custody), which includes the prisons. "
              "The result is close, but compare like with like: take the 1 January 1953 value of gulag_population.",
              lambda e: 1 - _gulag_low()[1] / _first("prisoners_in_custody")),
        _hint(lambda v, e: _near(v, 1 - _gulag_low()[1] / _first("gulag_population")),
              "You started from the first row of gulag_population, which is 1 January 1950. The question starts "
              "from 1 January 1953: pick that year's row (.dt.year == 1953).",
              lambda e: 1 - _gulag_low()[1] / _first("gulag_population")),
        _rounded_hint(),
    ],
))

_add(Task(
    id="ex1.review_rate",
    kind="number",
    expected=lambda: _first("review_commission_rehabilitated") / _first("review_commission_cases_examined"),
    tolerance=0.00005,
    relative=False,
    why="By 1 April 1955 the review commissions had rehabilitated fewer than 4 in every 100 people whose cases they "
        "had examined (Artizov et al. 2000), while millions had been convicted of 'counter-revolutionary' crimes. "
        "At that pace case-by-case review would take untold years, which is the essay's point: only a political "
        "verdict from the top could speed up rehabilitation.",
    hint="Divide the review_commission_rehabilitated value by the review_commission_cases_examined value.",
    hints=[
        _hint(lambda v, e: _near(v, 100 * e), "That looks like a percentage. Give a fraction between 0 and 1.",
              lambda e: 100 * e),
        _hint(lambda v, e: _near(v, 1 / e), "You divided the wrong way round: rehabilitated / examined.",
              lambda e: 1 / e),
        _hint(lambda v, e: _near(v, 1 - e), "That is the share NOT rehabilitated. The question asks for the share "
              "rehabilitated.", lambda e: 1 - e),
        _rounded_hint(),
    ],
))

_add(Task(
    id="ex1.approved",
    kind="choice",
    expected="c",
    options=OPTIONS,
    why="The Presidium heard the Pospelov report on 9 February 1956 and, after sharp argument, agreed that a report "
        "be given at a closed session; the Central Committee plenum endorsed this. But Khrushchev reworked the text "
        "himself and the congress did not debate it, so the essay's claim is right in substance but simplified "
        "(Taubman 2003; Artizov et al. 2000). 'CPC' is a translation slip for the CPSU.",
    hint="Compare the essay's phrase with the row 'speech_approved' in essay_claims and with the events of "
         "February 1956.",
    hints=[
        _chose("a", "Not quite: the congress did not debate the speech, and the final text was "
              "largely Khrushchev's own. The course judges this claim 'imprecise', not accurate."),
        _chose("b", "That is the older view the essay rejects. The Presidium records of 1 and 9 "
              "February 1956 show a decision taken by the leadership before the congress."),
        _chose("d", "'CPC' is a translation slip: the party was the CPSU, the Communist Party of "
              "the Soviet Union. The Chinese party took no part in the decision."),
    ],
))

EX1_RELEASES = {
    "a": "amnesty_1953",
    "b": "special_board_1953",
    "c": "review_commissions",
    "d": "rehabilitations",
    "e": "deported_peoples_return",
    "f": "deportees_denied_return",
}

_add(_judgement(
    "ex1.judge_releases", "achievements", "verdict", "sources_say", EX1_RELEASES, labels=VERDICTS,
    hint="Label each item 'accurate', 'imprecise' or 'inaccurate'.",
    alternatives={
        "a": {"inaccurate": "the essay's credit to Khrushchev is wrong for this decree, which was Beria's; the course "
                            "says 'imprecise' because the releases themselves happened (Dobson 2009)."},
        "f": {"inaccurate": "for the Crimean Tatars, Volga Germans and Meskhetian Turks the essay's 'returned home' is "
                            "simply wrong; the course says 'imprecise' because other peoples did go home (Polian 2004)."},
    },
))

Q1_ARGUMENTS = {
    "a": "q1_personal_power_struggle",
    "b": "q1_collective_pospelov",
    "c": "q1_personal_memoir",
    "d": "q1_collective_returnees",
    "e": "q1_collective_petitions",
    "f": "q1_personal_surprise",
    "g": "q1_collective_plenum",
    "h": "q1_personal_text",
}

_add(Task(
    id="ex1.collective_arguments",
    kind="set",
    expected=lambda: _letters(Q1_ARGUMENTS, "arguments", "position", "collective_decision"),
    options=tuple(Q1_ARGUMENTS),
    option_ids=Q1_ARGUMENTS,
    why="The Presidium's own commission, the plenum's approval, the returning prisoners and the mass of petitions "
        "all point to a decision of the leadership under pressure from society. The surprise of the delegates, the "
        "power struggle, Khrushchev's memoirs and his personal touches to the text support the older 'personal act' "
        "reading.",
    hint="Ask of each argument: does it show the leadership or society at work, or Khrushchev acting on his own?",
    hints=[
        _hint(lambda v, e: v == set(Q1_ARGUMENTS) - e, "You picked the arguments for the other reading: these support "
              "'Khrushchev's personal act'. Choose the ones that show the leadership deciding under social pressure.",
              lambda e: sorted(set(Q1_ARGUMENTS) - e)),
        _hint(lambda v, e: "c" in v, "Khrushchev's memoirs (c) put their author at the centre of the story: they "
              "support the 'personal act' reading, and they were dictated years later, after his fall.",
              lambda e: sorted(e | {"c"})),
        _hint(lambda v, e: "f" in v, "The delegates' surprise (f) is what made the speech look like an improvisation: "
              "it is evidence for the 'personal act' reading.", lambda e: sorted(e | {"f"})),
    ],
))

# ============================================================================= ex2: checking the speech
_add(Task(
    id="ex2.assessment_counts",
    kind="mapping",
    expected=lambda: load("allegations")["assessment"].value_counts().to_dict(),
    why="Most of the speech's allegations are confirmed by the archives, one (Kirov) is disputed and one (the war) "
        "overstated, while whole topics, from the mass operations to Khrushchev's own role, were left out. The table "
        "supports both readings at once: 'mostly founded' and 'only the tip of the iceberg'.",
    hint="Count how many rows carry each value of the assessment column. One pandas method does this for a column "
         "(see the worked example).",
    hints=[
        _hint(lambda v, e: _shares(v), "Those are shares (normalize=True). Give the number of rows for each "
              "assessment.", _as_shares),
        _hint(lambda v, e: set(_lower(v)) == set(_lower(e)) - {"omitted"}, "You left out the 'omitted' rows. Count "
              "every row, including what the speech left out.",
              lambda e: {k: n for k, n in e.items() if k != "omitted"}),
    ],
))

_add(Task(
    id="ex2.share_confirmed",
    kind="number",
    expected=lambda: (lambda made: float((made["assessment"] == "confirmed").mean()))(
        load("allegations").query("assessment != 'omitted'")),
    tolerance=0.0005,
    relative=False,
    why="A clear majority of the allegations the speech actually made are confirmed by the archives; the rest are "
        "understated, overstated or unproven. That is why historians call the speech 'mostly founded' "
        "(Khlevniuk 2015), while the omitted topics explain why it was only 'the tip of the iceberg'.",
    hint="Keep only the rows whose assessment is not 'omitted' (the speech's own allegations), then take the share "
         "of those that are 'confirmed'.",
    hints=[
        _hint(lambda v, e: _near(v, 100 * e), "That looks like a percentage. Give a fraction between 0 and 1.",
              lambda e: 100 * e),
        _hint(lambda v, e: _near(v, (load("allegations")["assessment"] == "confirmed").mean()), "You kept the "
              "'omitted' rows in the denominator. What the speech left out is not one of its allegations: drop those "
              "rows first.", lambda e: float((load("allegations")["assessment"] == "confirmed").mean())),
        _hint(lambda v, e: v >= 1 and float(v).is_integer(), "That is a count. The question asks for a share: "
              "confirmed allegations divided by all allegations the speech made.",
              lambda e: int((load("allegations")["assessment"] == "confirmed").sum())),
        _rounded_hint(),
    ],
))

def _shot_share_with_1939() -> float:
    years = (1937, 1938, 1939)
    return _pospelov("pospelov_shot", years) / _pospelov("pospelov_arrests", years)


_add(Task(
    id="ex2.shot_share",
    kind="number",
    expected=lambda: _pospelov("pospelov_shot") / _pospelov("pospelov_arrests"),
    tolerance=0.0005,
    relative=False,
    why="By the Pospelov commission's own count, nearly half of those arrested for 'anti-Soviet activity' in "
        "1937-38 were shot (Artizov et al. 2000). The leadership had these totals in February 1956, yet the speech "
        "did not give them: they are the part of the iceberg below the water.",
    hint="Sum the pospelov_shot values for 1937 and 1938 and divide by the sum of the pospelov_arrests values for "
         "the same two years.",
    hints=[
        _hint(lambda v, e: _near(v, 100 * e), "That looks like a percentage. Give a fraction between 0 and 1.",
              lambda e: 100 * e),
        _hint(lambda v, e: _near(v, _shot_share_with_1939()), "You included 1939. The question is about 1937-38, the "
              "height of the Great Terror: keep only those two years.", lambda e: _shot_share_with_1939()),
        _hint(lambda v, e: _near(v, 1 / e), "You divided the wrong way round: shot / arrested.", lambda e: 1 / e),
    ],
))

def _count_gap_with_1939() -> int:
    return int(_pospelov("pospelov_shot", (1937, 1938, 1939)) - _first("counterrev_sentenced_to_death_1921_1953"))


_add(Task(
    id="ex2.count_gap",
    kind="integer",
    expected=lambda: int(_pospelov("pospelov_shot") - _first("counterrev_sentenced_to_death_1921_1953")),
    why="Two archival counts disagree: the Pospelov commission counted more people shot in 1937-38 alone than the "
        "report of February 1954 gave as sentenced to death for 'counter-revolutionary crimes' in 1921-1953. "
        "Different agencies counted different categories, so historians cite each figure with its source and speak "
        "of ranges rather than one exact total (Getty et al. 1993; Khlevniuk 2015).",
    hint="Subtract the counterrev_sentenced_to_death_1921_1953 value from the Pospelov total of people shot in 1937 "
         "and 1938.",
    hints=[
        _hint(lambda v, e: v == -e, "Right size, wrong sign: subtract the 1954 report's figure from the Pospelov "
              "figure.", lambda e: -e),
        _hint(lambda v, e: v == _count_gap_with_1939(), "You included the shootings of 1939. Use only 1937 and 1938.",
              lambda e: _count_gap_with_1939()),
    ],
))

_add(Task(
    id="ex2.iceberg",
    kind="choice",
    expected="c",
    options=OPTIONS,
    why="The speech spoke of loyal communists; the Pospelov totals, which the leadership knew, show a terror that "
        "struck mostly people outside the party, above all in the mass operations launched by Order No. 00447 of "
        "30 July 1937 (Artizov et al. 2000; Khlevniuk 2015). The speech gave none of these totals.",
    hint="Which piece of evidence shows something much larger than what the speech itself said?",
    hints=[
        _chose("a", "That figure is in the speech: it is the tip itself. The iceberg is what the "
              "speech left out."),
        _chose("b", "The Kirov hint is the speech's weakest claim, unproven in the archives. It "
              "qualifies the speech; it says nothing about the scale of the terror."),
        _chose("d", "Furr argues the opposite: that the speech exaggerated, not that it understated."),
    ],
))

_add(Task(
    id="ex2.furr",
    kind="choice",
    expected="d",
    options=OPTIONS,
    why="Documents written during the terror, long before Khrushchev could shape them, such as Order No. 00447 with "
        "its quotas and the NKVD's own statistics, converge on the speech's core; Furr's case rests on confessions "
        "obtained under torture (Getty et al. 1993; Khlevniuk 2015).",
    hint="Historians judge a claim by whether independent kinds of evidence agree. Which option says that?",
    hints=[
        _chose("a", "Khrushchev did have motives to distort, as historians agree. A motive to "
              "distort is not proof of invention; the answer lies in the evidence."),
        _chose("b", "Not every claim holds up: the Kirov hint is unproven and the war stories are "
              "overstated. Historians test each claim instead of accepting or rejecting them all."),
        _chose("c", "Approval by a political body says nothing about whether a text is true."),
    ],
))

EX2_ALLEGATIONS = {
    "a": "lenin_testament",
    "b": "party_cadres_terror",
    "c": "kirov_murder",
    "d": "torture_1939_telegram",
    "e": "war_1941",
    "f": "deportations",
}

_add(_judgement(
    "ex2.judge_allegations", "allegations", "assessment", "archives_show", EX2_ALLEGATIONS, labels=("confirmed", "understated", "overstated", "disputed", "unfounded"),
    hint="Label each allegation with one of the five assessments.",
    alternatives={
        "c": {"unfounded": "a detailed archival study finds no evidence that Stalin arranged the murder (Lenoe 2010); "
                           "the course says 'disputed' because Knight still thinks him probably involved (Knight 1999)."},
    },
))

Q2_ARGUMENTS = {
    "a": "q2_short_character",
    "b": "q2_founded_party_victims",
    "c": "q2_short_own_role",
    "d": "q2_founded_torture",
    "e": "q2_short_praise",
    "f": "q2_founded_00447",
    "g": "q2_short_pullback",
    "h": "q2_founded_few_unfounded",
}

_add(Task(
    id="ex2.shortcomings_arguments",
    kind="set",
    expected=lambda: _letters(Q2_ARGUMENTS, "arguments", "position", "shortcomings"),
    options=tuple(Q2_ARGUMENTS),
    option_ids=Q2_ARGUMENTS,
    why="The 'serious shortcomings' reading does not say the speech lied: it says the speech blamed Stalin's "
        "character rather than the system, praised collectivization, hid its authors' complicity and was soon "
        "narrowed further. The other arguments test whether the speech's facts were true, which is the "
        "'mostly founded' reading.",
    hint="Ask of each argument: is it about whether the speech's facts were true, or about how the speech explained "
         "and limited the story?",
    hints=[
        _hint(lambda v, e: v == set(Q2_ARGUMENTS) - e, "You picked the arguments of the 'mostly founded' reading. "
              "Choose the ones about what the speech explained badly or left unsaid.",
              lambda e: sorted(set(Q2_ARGUMENTS) - e)),
        _hint(lambda v, e: "f" in v and not e <= v, "You may count the mass operations (f) as a shortcoming (the "
              "course files them under 'mostly founded': the speech was true and the reality even worse), but check "
              "the others: one of the four arguments about how the speech explained and limited the story is missing.",
              lambda e: sorted((e - {min(e)}) | {"f"})),
        _hint(lambda v, e: "h" in v and not e <= v, "You may count the Kirov point (h) as a shortcoming, but check "
              "the others: one of the four arguments about how the speech explained and limited the story is missing.",
              lambda e: sorted((e - {min(e)}) | {"h"})),
    ],
    defensible={
        frozenset("acefg"): "The course files (f) under 'mostly founded' (the speech was true, the reality even worse: "
                            "Khlevniuk 2015), but silence about the mass operations is also a shortcoming of the "
                            "speech. Defensible, if you say which reading you use it for.",
        frozenset("aceg") | {"h"}: "The course files (h) under 'mostly founded' (one unproven claim among many "
                                   "confirmed: Lenoe 2010), but an unsupported charge is also a flaw of the speech. "
                                   "Defensible, if you say which reading you use it for.",
        frozenset("acefgh"): "The course files (f) and (h) under 'mostly founded', as evidence about how true the "
                             "speech was; read as flaws of the speech they are shortcomings too (Khlevniuk 2015; "
                             "Lenoe 2010). Defensible, if you say which reading you use each for.",
    },
))

# ============================================================================= ex3: judging the reforms
_add(Task(
    id="ex3.category_counts",
    kind="mapping",
    expected=lambda: load("achievements")["category"].value_counts().to_dict(),
    why="The essay's list leans heavily on the undoing of repression and on science and technology; everyday life "
        "and culture get fewer items. Counting is the first step in seeing where its praise is concentrated.",
    hint="Count how many rows carry each value of the category column, as in Exercise 2 (one pandas method does "
         "it).",
    hints=[
        _hint(lambda v, e: _shares(v), "Those are shares (normalize=True). Give the number of achievements in each "
              "category.", _as_shares),
        _hint(lambda v, e: set(_lower(v)) <= {"accurate", "imprecise", "inaccurate"}, "Those are verdicts. Count the "
              "category column instead.", lambda e: load("achievements")["verdict"].value_counts().to_dict()),
    ],
))

def _category_dates(how: str):
    return load("achievements").groupby("category")["date_start"].agg(how)


_add(Task(
    id="ex3.first_year",
    kind="mapping",
    expected=lambda: load("achievements").groupby("category")["date_start"].min().dt.year.to_dict(),
    why="Every category starts before the Secret Speech: the releases and legal clean-up in 1953, the cultural Thaw "
        "and the Obninsk power station in 1954, the reopening of travel abroad in 1955. Much of what the essay "
        "credits to Khrushchev began under the collective leadership of 1953-55 (Knight 1993; Taubman 2003).",
    hint="Group achievements by category, take the earliest date_start and keep its year (.dt.year).",
    hints=[
        _hint(lambda v, e: _all_equal(v, _category_dates("max").dt.year.to_dict()), "Those are the latest years. Take "
              "the earliest: .min().", lambda e: _category_dates("max").dt.year.to_dict()),
        _hint(lambda v, e: all(float(x) < 1900 for x in _lower(v).values()), "Give the year itself (for example "
              "1957), not a count or a month.", lambda e: _category_dates("min").dt.month.to_dict()),
    ],
))

def _before(event_id: str) -> int:
    """How many achievements began before the event."""
    return int((load("achievements")["date_start"] < _event_date(event_id)).sum())


_add(Task(
    id="ex3.before_first_secretary",
    kind="integer",
    expected=lambda: _before("khrushchev_first_secretary"),
    why="The amnesty, the first rehabilitations (the Doctors' Plot, April 1953) and the abolition of the MVD Special "
        "Board all came before Khrushchev was elected First Secretary in September 1953, under a collective "
        "leadership in which Beria and Malenkov set the pace (Knight 1993). Reform did not begin with Khrushchev.",
    hint="Compare achievements['date_start'] with the date_start of 'khrushchev_first_secretary' in events and count "
         "the rows that are earlier (.sum() of a True/False column).",
    hints=[
        _hint(lambda v, e: v == _before("secret_speech"), "You counted up to the Secret Speech (February 1956). The "
              "question asks about September 1953, when Khrushchev became First Secretary.",
              lambda e: _before("secret_speech")),
        _hint(lambda v, e: v == len(load("achievements")) - e, "You counted the achievements that came later. Count "
              "those that began BEFORE he became First Secretary.", lambda e: len(load("achievements")) - e),
    ],
))

_add(Task(
    id="ex3.after_fall",
    kind="set",
    expected=lambda: {str(i).lower() for i in load("achievements").loc[
        load("achievements")["date_start"] > _event_date("october_plenum_1964"), "id"]},
    why="The passport statute for collective farmers was approved on 28 August 1974, ten years after Khrushchev's "
        "fall, and passports were issued mainly from 1976 (Matthews 1993). The essay's 'finally had ID cards' "
        "credits Khrushchev with a Brezhnev-era reform.",
    hint="Keep the achievements whose date_start is after the date_start of 'october_plenum_1964' in events, and "
         "give their ids.",
    hints=[
        _hint(lambda v, e: "deportees_denied_return" in v, "'deportees_denied_return' ends in 1989 but began in 1956: "
              "you filtered on date_end. Use date_start.", lambda e: sorted(e | {"deportees_denied_return"})),
    ],
))

_add(Task(
    id="ex3.accurate_share",
    kind="mapping",
    expected=lambda: (lambda a: a["verdict"].eq("accurate").groupby(a["category"]).mean().to_dict())(
        load("achievements")),
    tolerance=0.0005,
    relative=False,
    why="The essay is most reliable on the scientific 'firsts' (Obninsk, Sputnik, Luna 2, Vostok) and least reliable "
        "on everyday life, where passports, state bonds and travel are overstated or wrong (Matthews 1993; "
        "Ironside 2021; Gorsuch 2011). Its praise is weakest exactly where ordinary people's lives are concerned.",
    hint="For each category, take the share of rows whose verdict is 'accurate': the mean of a True/False column, "
         "grouped by category.",
    hints=[
        _hint(lambda v, e: any(x > 1 for x in _lower(v).values()), "Some values are above 1: those are counts or "
              "percentages. Give the share as a fraction between 0 and 1 (the .mean() of verdict == 'accurate').",
              lambda e: {k: 100 * x for k, x in e.items()}),
        _hint(lambda v, e: _all_near(v, e, lambda x: 1 - x), "That is the share NOT judged accurate. The question "
              "asks for the share judged 'accurate'.", lambda e: {k: 1 - x for k, x in e.items()}),
        _hint(_all_rounded, ROUNDED, lambda e: {k: round(x, 2) for k, x in e.items()}),
    ],
))

_add(Task(
    id="ex3.mother_in_law",
    kind="choice",
    expected="a",
    options=OPTIONS,
    why="'Mother-in-law' is a Chinese bureaucratic idiom for a supervising body. The sovnarkhoz law of May 1957 moved "
        "most industry from Moscow ministries to regional economic councils, but plan targets still came from above: "
        "the administrator changed, the command economy stayed (Nove 1992; Hanson 2003).",
    hint="Look up the row 'slip_mother_in_law' in essay_claims and the event 'sovnarkhozy'.",
    hints=[
        _chose("b", "Not a relative: 'mother-in-law' is a Chinese idiom for a supervising superior "
              "body."),
        _chose("c", "The machine-tractor stations concerned collective farms; the essay speaks of "
              "industrial enterprises and the bodies that managed them."),
        _chose("d", "Mandatory central planning stayed in place: that is exactly the critics' point."),
    ],
))

EX3_ACHIEVEMENTS = {
    "a": "housing_1957",
    "b": "state_loans_1957",
    "c": "travel_freedom",
    "d": "kolkhoz_passports",
    "e": "sputnik",
    "f": "pasternak_affair_1958",
}

_add(_judgement(
    "ex3.judge_achievements", "achievements", "verdict", "sources_say", EX3_ACHIEVEMENTS, labels=VERDICTS,
    hint="Label each achievement 'accurate', 'imprecise' or 'inaccurate'.",
    alternatives={
        "c": {"inaccurate": "read literally, 'free to travel' is wrong: passports and residence permits still "
                            "controlled where people lived (Matthews 1993); the course says 'imprecise' because "
                            "vetted tourism abroad did reopen in 1955 (Gorsuch 2011)."},
    },
))

Q3_ARGUMENTS = {
    "a": "q3_reformer_housing",
    "b": "q3_failed_reformer_planned_economy",
    "c": "q3_failed_reformer_new_cult",
    "d": "q3_reformer_legality",
    "e": "q3_failed_reformer_repression",
    "f": "q3_reformer_coexistence",
    "g": "q3_failed_reformer_incomplete_rehabilitation",
    "h": "q3_revisionist_restoration",
}

_add(Task(
    id="ex3.failed_arguments",
    kind="set",
    expected=lambda: _letters(Q3_ARGUMENTS, "arguments", "position", "failed_reformer"),
    options=tuple(Q3_ARGUMENTS),
    option_ids=Q3_ARGUMENTS,
    why="The command economy, a new personal cult, continued repression and a rehabilitation that stopped short of "
        "Bukharin are the 'failed reformer' case (Filtzer 1993; Tompson 1995). Housing, legality and coexistence "
        "support the 'reformer' reading, and the 'state of the whole people' argument belongs to the revisionist "
        "charge, which judges Khrushchev against a doctrine rather than his record.",
    hint="Ask of each argument: does it show change that stayed inside Stalin's system (or undid itself), real "
         "improvement, or a deviation from Maoist doctrine?",
    hints=[
        _hint(lambda v, e: "h" in v, "Argument h comes from the 'revisionist' charge of the Sino-Soviet polemics: it "
              "measures Khrushchev against a doctrine, not against the record of his reforms.",
              lambda e: sorted(e | {"h"})),
        _hint(lambda v, e: v <= {"a", "d", "f"}, "Those are arguments for the 'reformer' reading. Choose the ones "
              "that show the limits of reform.", ["a", "d", "f"]),
        _hint(lambda v, e: "f" in v, "Peaceful coexistence (f) is a reformer argument; the failed-reformer reading "
              "points instead to his nuclear brinkmanship, as over Cuba in 1962.", lambda e: sorted(e | {"f"})),
    ],
))

# ============================================================================= ex4: reading the essay critically
ESSAY_PHRASES = {
    "a": "slip_dongfang",
    "b": "kolkhoz_id_cards",
    "c": "slip_few_mathematicians",
    "d": "slip_great_cleansing",
    "e": "bonds_cancelled",
    "f": "slip_patriotic_war",
    "g": "stalin_death",
    "h": "slip_cpc",
}

_add(Task(
    id="ex4.slips",
    kind="set",
    expected=lambda: _letters(ESSAY_PHRASES, "essay_claims", "kind", "translation slip"),
    options=tuple(ESSAY_PHRASES),
    option_ids=ESSAY_PHRASES,
    why="'Dongfang' (Vostok), 'Few mathematicians' (a few scholars), 'great cleansing' (the Great Purge or Great "
        "Terror), 'Soviet Patriotic War' (the Great Patriotic War) and 'CPC' (the CPSU) are the machine "
        "translation's slips. The passports, the bonds and Stalin's death are claims about the past, to be checked "
        "against sources.",
    hint="A translation slip is a wrong word for a right thing; a factual claim says something about the past that "
         "can be true or false.",
    hints=[
        _hint(lambda v, e: "b" in v, "Phrase b is a factual error, not just a slip: collective farmers got internal "
              "passports only under the statute of 1974. 'ID cards' is loose wording, but the claim itself is wrong.",
              lambda e: sorted(e | {"b"})),
        _hint(lambda v, e: "e" in v, "Phrase e is a factual claim (and an imprecise one): compulsory loans ended in "
              "1957, but the old bonds were frozen, not cancelled.", lambda e: sorted(e | {"e"})),
        _hint(lambda v, e: "g" in v, "Phrase g is an accurate factual claim: Stalin did die on 5 March 1953.",
              lambda e: sorted(e | {"g"})),
    ],
))

def _claim_share(verdict: str) -> float:
    """The share of the essay's factual claims with this verdict."""
    return float(load("essay_claims").query("kind == 'factual claim'")["verdict"].eq(verdict).mean())


_add(Task(
    id="ex4.problem_share",
    kind="number",
    expected=lambda: (lambda f: float(f["verdict"].isin(["imprecise", "inaccurate"]).mean()))(
        load("essay_claims").query("kind == 'factual claim'")),
    tolerance=0.0005,
    relative=False,
    why="About half of the essay's checked factual claims need correcting, but almost all of these are 'imprecise' "
        "(true in part, wrong in scale, date or credit), not wrong. The essay is a useful map of the debate, not a "
        "reliable source of facts.",
    hint="Keep the rows whose kind is 'factual claim', then take the share whose verdict is 'imprecise' or "
         "'inaccurate' (.isin([...]).mean()).",
    hints=[
        _hint(lambda v, e: _near(v, 100 * e), "That looks like a percentage. Give a fraction between 0 and 1.",
              lambda e: 100 * e),
        _hint(lambda v, e: _near(v, load("essay_claims")["verdict"].isin(["imprecise", "inaccurate"]).mean()),
              "You kept the translation slips in the denominator. Slips are not claims about the past: keep only "
              "the factual claims.",
              lambda e: float(load("essay_claims")["verdict"].isin(["imprecise", "inaccurate"]).mean())),
        _hint(lambda v, e: any(_near(v, _claim_share(x)) for x in ("imprecise", "inaccurate")),
              "Count both verdicts that need a correction: 'imprecise' and 'inaccurate'.",
              lambda e: _claim_share("imprecise")),
        _rounded_hint(),
    ],
))

_add(Task(
    id="ex4.inaccurate",
    kind="set",
    expected=lambda: _ids("essay_claims", verdict="inaccurate"),
    why="Only the passports claim is judged wrong outright: collective farmers received internal passports under the "
        "1974 statute, after Khrushchev's fall (Matthews 1993). Most of the essay's other problems are imprecisions, "
        "which is a different, milder verdict.",
    hint="Keep only the rows whose verdict is 'inaccurate', then give their ids (the id column of those rows).",
    hints=[
        _hint(lambda v, e: bool(v - e) and (v - e) <= _ids("essay_claims", verdict="imprecise"),
              "You included a claim judged 'imprecise' (true in part). The question asks only for the claims judged "
              "'inaccurate', that is, wrong as stated.",
              lambda e: sorted(e | {min(_ids("essay_claims", verdict="imprecise"))})),
        _hint(lambda v, e: bool(v - e) and (v - e) <= _ids("essay_claims", verdict="slip"), "You included a "
              "translation slip. Slips are wrong words, not wrong facts: keep verdict == 'inaccurate' only.",
              lambda e: sorted(e | {min(_ids("essay_claims", verdict="slip"))})),
    ],
))

_add(Task(
    id="ex4.passports",
    kind="choice",
    expected="d",
    options=OPTIONS,
    why="Collective farmers were left out of the passport statutes of 1932 and 1953; the statute approved on "
        "28 August 1974, under Brezhnev, gave them passports, issued mainly from 1976 to 1981 (Matthews 1993).",
    hint="Look up 'kolkhoz_passports' in achievements: what is its date, and who led the country then?",
    hints=[
        _chose("a", "The 1953 passport statute left collective farmers out: that is why they could "
              "not leave their farms without permission."),
        _chose("b", "They did receive passports before 1991: under the 1974 statute, mainly from "
              "1976."),
        _chose("c", "No passport reform came in 1961. Check the date_start of 'kolkhoz_passports'."),
    ],
))

_add(Task(
    id="ex4.minorities",
    kind="choice",
    expected="a",
    options=OPTIONS,
    why="Decrees of 9 January 1957 restored the autonomies of the Chechens, Ingush, Kalmyks, Karachai and Balkars, "
        "who went home; the Crimean Tatars, Volga Germans and Meskhetian Turks were freed from special settlement "
        "but denied return until the late 1980s (Polian 2004; Pohl 1999).",
    hint="Compare the achievements rows 'deported_peoples_return' and 'deportees_denied_return'.",
    hints=[
        _chose("b", "Not all of them: the Crimean Tatars, Volga Germans and Meskhetian Turks were "
              "barred from going home."),
        _chose("c", "Several peoples did go home: the Chechens, Ingush, Kalmyks, Karachai and Balkars "
              "after the decrees of January 1957."),
        _chose("d", "Check the dates: the decrees restoring the autonomies came in January-February "
              "1957, while Khrushchev was in power."),
    ],
))

_add(Task(
    id="ex4.unnamed_scholars",
    kind="choice",
    expected="b",
    options=OPTIONS,
    why="An unnamed source is a reason for caution, not for rejection. The essay is good evidence of what scholars "
        "in China argue about Khrushchev, but each factual claim must be checked against named, independent works "
        "before we rely on it.",
    hint="Think about what the essay can and cannot tell us: who argues what, and whether it is true.",
    hints=[
        _chose("a", "A survey that does not name its sources cannot be checked: we know what it "
              "claims, but not who claims it."),
        _chose("c", "Too harsh: an unnamed source is a reason for caution, not for rejection. The "
              "essay still tells us a lot about the debate."),
        _chose("d", "Quotation marks in a machine translation of unattributed passages cannot be "
              "traced to an author or a page, so they cannot be checked."),
    ],
))


ESSAY_CLAIMS = {
    "a": "millions_returned",
    "b": "collectivization_praised",
    "c": "kolkhoz_id_cards",
    "d": "bonds_cancelled",
    "e": "first_atomic_icebreaker",
    "f": "free_travel",
}

_add(_judgement(
    "ex4.judge_claims", "essay_claims", "verdict", "correction", ESSAY_CLAIMS, labels=VERDICTS,
    hint="Label each claim 'accurate', 'imprecise' or 'inaccurate'.",
    alternatives={
        "a": {"accurate": "counting every release (the amnesty, the review commissions, the special settlers) does "
                          "reach millions; the course says 'imprecise' because much of the credit is Beria's and the "
                          "collective leadership's (Dobson 2009; Polian 2004)."},
        "d": {"inaccurate": "the bonds already held were not cancelled at all but frozen (Ironside 2021); the course "
                            "says 'imprecise' because compulsory new subscriptions did end."},
    },
))
