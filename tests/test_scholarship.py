"""The bibliography as a historian's apparatus: every work cited, in its language, with its original-script title;
the strands of the debate with more than one voice; data texts that agree with their codes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

import thaw
from thaw import data

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = {"english", "russian", "chinese", "french", "german"}
SCRIPT = {"russian": re.compile(r"[\u0400-\u04ff]"), "chinese": re.compile(r"[\u4e00-\u9fff]")}
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
STRANDS = ["Soviet", "Post-Soviet Russian", "Western", "Chinese"]


def entries():
    return parse_file(str(data.bibliography_path()), bib_format="bibtex").entries


# ----------------------------------------------------------------------------- the checks (plain functions)
def cited_in_text(texts) -> set[str]:
    """Keys cited by a {cite}, {cite:p} or {cite:t} role anywhere in the given texts."""
    return {key.strip() for text in texts for m in CITE.finditer(text) for key in m.group(1).split(",")}


def cited_in_data() -> set[str]:
    keys = set()
    for name in data.resources():
        frame = thaw.load(name)
        if "sources" in frame:
            for cell in frame["sources"]:
                keys.update(data.split_keys(cell))
    return keys


def entry_problems(key: str, fields: dict) -> list[str]:
    """What is wrong with one entry's language and title fields ([] if nothing)."""
    language = fields.get("language", "")
    if not language:
        return [f"{key}: no language field"]
    if language not in LANGUAGES:
        return [f"{key}: language {language!r} is not one of {sorted(LANGUAGES)}"]
    problems = []
    if language in SCRIPT:
        if not SCRIPT[language].search(fields.get("title", "")):
            problems.append(f"{key}: a {language}-language work needs its title in the original script")
        if not fields.get("titleaddon"):
            problems.append(f"{key}: a {language}-language work needs a titleaddon (transliteration [translation])")
    return problems


def assessment_mismatches(frame) -> list[str]:
    """Rows whose text explains "the assessment 'X'" for an X other than the row's own code."""
    out = []
    for _, row in frame.iterrows():
        for said in re.findall(r"assessment '([a-z]+)'", str(row["archives_show"])):
            if said != row["assessment"]:
                out.append(f"{row['id']}: the text explains '{said}' but the code is '{row['assessment']}'")
    return out


def thin_strands(frame, minimum: int = 8) -> dict[str, int]:
    counts = frame.groupby("strand")["author"].nunique().to_dict()
    return {s: counts.get(s, 0) for s in STRANDS if counts.get(s, 0) < minimum}


# ----------------------------------------------------------------------------- the course's data
def _page_texts():
    files = [*ROOT.glob("book/**/*.md"), *ROOT.glob("book/**/*.ipynb"), *ROOT.glob("exercises/**/*.ipynb")]
    return [f.read_text(encoding="utf-8") for f in files if "_build" not in f.parts]


def test_every_bibliography_entry_is_cited_in_a_page_or_a_data_row():
    uncited = set(entries()) - cited_in_text(_page_texts()) - cited_in_data()
    assert not uncited, f"entries cited nowhere (cite them for a claim or remove them): {sorted(uncited)}"


def test_every_entry_has_a_language_and_original_script_titles():
    problems = [p for key, e in entries().items() for p in entry_problems(key, dict(e.fields))]
    assert problems == []


def test_chinese_and_russian_scholarship_is_there():
    langs = [e.fields.get("language") for e in entries().values()]
    assert langs.count("chinese") >= 14 and langs.count("russian") >= 19


def test_allegation_texts_agree_with_their_assessment():
    assert assessment_mismatches(thaw.load("allegations")) == []


def test_every_strand_has_eight_distinct_authors():
    assert thin_strands(thaw.load("interpretations")) == {}


def test_reported_voices_are_coded_to_the_reporter():
    frame = thaw.load("interpretations").set_index("id")
    assert frame.loc["shambaugh_2008", "strand"] == "Western" and frame.loc["davies_1989", "strand"] == "Western"
    xi = frame.loc["xi_historical_nihilism"]
    assert (xi["date"].strftime("%Y-%m-%d"), xi["precision"]) == ("2013-01-05", "day")
    assert "li2018" in data.split_keys(xi["sources"])  # the Chinese text that quotes the speech


def test_record_put_straight():
    events = thaw.load("events").set_index("id")
    assert events.loc["pensions_law_1956", "date_start"].strftime("%Y-%m-%d") == "1956-07-14"
    memoirs = entries()["khrushchev2004"].fields["note"]
    assert "Statesman, 2007" in memoirs
    for page in ["book/debate/history.ipynb", "book/q2/facts.ipynb"]:
        assert "opened widely" not in (ROOT / page).read_text(encoding="utf-8"), page


def test_the_ccp_path_is_in_the_timeline():
    events = thaw.load("events")
    debate = events[events["chapter"] == "debate"].set_index("id")
    for key, day in [("mao_yudin_1956", "1956-03-31"), ("ten_relationships_1956", "1956-04-25"),
                     ("long_live_leninism_1960", "1960-04-16"), ("ccp_letter_1963", "1963-06-14"),
                     ("deng_fallaci_1980", "1980-08-21"), ("resolution_1981", "1981-06-27")]:
        assert debate.loc[key, "date_start"].strftime("%Y-%m-%d") == day, key


# ----------------------------------------------------------------------------- the checks catch what they should
def test_checks_catch_uncited_unlabelled_and_untitled_entries():
    assert cited_in_text(["see {cite:p}`a2000,b2001` and {cite:t}`c2002`"]) == {"a2000", "b2001", "c2002"}
    assert entry_problems("x", {"title": "On things"}) == ["x: no language field"]
    assert entry_problems("x", {"title": "Reabilitatsiia", "language": "russian", "titleaddon": "t"}) == [
        "x: a russian-language work needs its title in the original script"]
    assert entry_problems("x", {"title": "论十大关系", "language": "chinese"}) == [
        "x: a chinese-language work needs a titleaddon (transliteration [translation])"]
    assert entry_problems("x", {"title": "论十大关系", "language": "chinese", "titleaddon": "Lun shi da guanxi"}) == []


def test_checks_catch_a_mismatched_assessment_and_a_thin_strand():
    import pandas as pd
    rows = pd.DataFrame([{"id": "k", "archives_show": "The assessment 'unfounded' here means...",
                          "assessment": "disputed"}])
    assert assessment_mismatches(rows) == ["k: the text explains 'unfounded' but the code is 'disputed'"]
    strands = pd.DataFrame({"strand": ["Chinese"] * 9, "author": ["a"] * 2 + list("bcdefgh")})
    assert thin_strands(strands) == {"Soviet": 0, "Post-Soviet Russian": 0, "Western": 0}
    assert thin_strands(strands.iloc[2:]) == {"Soviet": 0, "Post-Soviet Russian": 0, "Western": 0, "Chinese": 7}


@pytest.mark.parametrize("key", ["li2011", "naumov1999", "artizov2000"])
def test_bibliography_page_prints_original_and_transliteration(key):
    from pybtex.plugin import find_plugin

    from thaw.sphinxext import _register_bibliography_style

    _register_bibliography_style()
    style = find_plugin("pybtex.style.formatting", "thaw-author-year")()
    entry = entries()[key]
    text = next(iter(style.format_entries([entry]))).text.render_as("text")
    assert entry.fields["title"].replace("{", "").replace("}", "")[:8] in text
    assert "(" + entry.fields["titleaddon"].replace("{", "").replace("}", "")[:10] in text
