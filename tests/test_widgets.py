"""Reading toggles: built from the data, wired by jslink only, so the switch survives in the static book."""
from __future__ import annotations

import re

import ipywidgets as w
import pytest
from ipywidgets.embed import embed_data

import thaw


@pytest.mark.parametrize("q", ["q1", "q2", "q3"])
def test_toggle_options_follow_the_data(q):
    pos = thaw.load("positions").query("question == @q").sort_values("order")
    box = thaw.reading_toggle(q)
    radio, stack = box.children
    assert isinstance(radio, w.RadioButtons) and isinstance(stack, w.Stack)
    assert list(radio.options) == list(pos["label"])
    assert len(stack.children) == len(pos)
    assert radio.index == stack.selected_index == 0


@pytest.mark.parametrize("q", ["q1", "q2", "q3"])
def test_each_panel_shows_its_arguments_and_sources(q):
    args = thaw.load("arguments").query("question == @q")
    pos = thaw.load("positions").query("question == @q").sort_values("order")
    _, stack = thaw.reading_toggle(q).children
    bib = thaw.data.bibliography()
    for (_, p), panel in zip(pos.iterrows(), stack.children):
        mine = args[args["position"] == p["position"]]
        assert f'data-position="{p["position"]}"' in panel.value
        for a in mine.itertuples():
            assert a.claim.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;")[:30] in panel.value
            for k in thaw.data.split_keys(a.sources):
                assert bib[k]["short"].replace("&", "&amp;") in panel.value


def test_switch_is_a_jslink_in_the_embedded_state_not_a_python_callback():
    box = thaw.reading_toggle("q3")
    radio, stack = box.children
    state = embed_data(views=[box])["manager_state"]["state"]
    links = [s["state"] for s in state.values() if s["model_name"] == "LinkModel"]
    assert {"source": [f"IPY_MODEL_{radio.model_id}", "index"],
            "target": [f"IPY_MODEL_{stack.model_id}", "selected_index"]} in [
        {"source": lk["source"], "target": lk["target"]} for lk in links]
    fresh = w.RadioButtons(options=["a", "b"])  # only ipywidgets' own observers, none of ours
    assert len(radio._trait_notifiers["index"]["change"]) == len(fresh._trait_notifiers["index"]["change"])
    names = {s["model_name"] for s in state.values()}
    assert {"RadioButtonsModel", "StackModel", "HTMLModel"} <= names


def test_unknown_question_is_a_clear_error():
    with pytest.raises(ValueError, match="No readings for question 'q9'"):
        thaw.reading_toggle("q9")


@pytest.mark.parametrize("q", ["q1", "q2", "q3"])
def test_static_twin_is_radio_buttons_and_panels_with_no_script(q):
    pos = thaw.load("positions").query("question == @q").sort_values("order")
    bundle = thaw.reading_toggle(q)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab gets the live widget
    html = bundle["text/html"]
    assert "<script" not in html
    radios = re.findall(r'<input type="radio" name="([^"]+)" value="(\d+)"( checked)?>', html)
    assert [int(v) for _, v, _ in radios] == list(range(len(pos)))
    assert [c for *_, c in radios] == [" checked"] + [""] * (len(pos) - 1)
    assert len({n for n, *_ in radios}) == 1
    for i, p in enumerate(pos["position"]):
        assert f'data-position="{p}" data-i="{i}"' in html


def test_two_toggles_on_one_page_do_not_share_a_radio_group():
    names = [re.search(r'name="([^"]+)"', thaw.reading_toggle("q1")._repr_mimebundle_()["text/html"]).group(1)
             for _ in range(2)]
    assert names[0] != names[1]


def test_verdict_builder_adds_up_the_students_weights_and_yardstick():
    vb = thaw.verdict_builder()
    args = thaw.load("arguments").query("question == 'q3' and position in ['reformer', 'failed_reformer']")
    count = {s: int((args["position"] == s).sum()) for s in ["reformer", "failed_reformer"]}
    assert vb.totals() == count
    first = args[args["position"] == "reformer"].iloc[0]
    vb._set_weight(first["id"], 3)
    assert vb.totals()["reformer"] == count["reformer"] + 2
    text = vb.outline()
    assert first["claim"] in text and "[decisive]" in text
    assert "Yardstick: (not chosen yet)." in text
    assert "correct" not in text.lower()
    assert vb._outline.value == text  # the widget shows the same outline


def test_each_yardstick_doubles_what_its_label_says():
    """Choosing a yardstick changes the totals exactly as its label says: the arguments it names count double."""
    yard = thaw.yardsticks.load()
    args = thaw.load("arguments").query("question == 'q3' and position in ['reformer', 'failed_reformer']")
    base = thaw.verdict_builder().totals()
    seen = set()
    for row in yard.itertuples():
        vb = thaw.verdict_builder()
        vb._yard.value = row.id  # the widget's own control
        doubled = thaw.yardsticks.doubled(row)
        expected = {s: sum(2 if a in doubled else 1 for a in args.loc[args["position"] == s, "id"])
                    for s in ["reformer", "failed_reformer"]}
        assert vb.totals() == expected, row.id
        assert "count double" in thaw.yardsticks.text(row) and row.doubles in thaw.yardsticks.text(row)
        assert thaw.yardsticks.text(row) in vb.outline()
        assert sum(vb.totals().values()) == sum(base.values()) + len(doubled)  # each named argument once more
        vb._set_weight(sorted(doubled)[0], 3)  # a doubled argument's weight counts twice
        assert sum(vb.totals().values()) == sum(base.values()) + len(doubled) + 4
        seen.add(frozenset(doubled))
    assert len(seen) == len(yard), "two yardsticks double the same arguments"


def test_yardsticks_name_real_arguments_and_rest_on_sources():
    yard = thaw.yardsticks.load()
    assert len(yard) >= 4 and list(yard["order"]) == sorted(yard["order"])
    bib = thaw.data.bibliography()
    for row in yard.itertuples():
        assert thaw.data.split_keys(row.sources) and all(k in bib for k in thaw.data.split_keys(row.sources))
    bad = yard.copy()
    bad.loc[0, "counts_double"] = "q3_reformer_housing; q3_no_such_argument"
    with pytest.raises(ValueError, match="q3_no_such_argument.*not the id of a question-3 argument"):
        thaw.yardsticks.load(bad)


def test_own_arguments_count_and_are_kept_in_a_file(tmp_path):
    keep = tmp_path / "my_verdict.json"
    vb = thaw.verdict_builder(keep=keep)
    before = vb.totals()
    vb.add_own("The 1961 Programme promised communism by 1980", "failed_reformer", "important")
    vb._yard.value = "promises"
    assert vb.totals()["failed_reformer"] > before["failed_reformer"] + 2
    assert "- The 1961 Programme promised communism by 1980 (for 'Failed reformer" in vb.outline()
    again = thaw.verdict_builder(keep=keep)  # a new session, the same file
    assert again.state() == vb.state() and again.outline() == vb.outline()
    assert again.export(tmp_path / "out.txt").read_text().startswith("MY VERDICT: OUTLINE")
    for bad, match in [(("", "reformer", 1), "Write your argument as text"),
                       (("x", "hero", 1), "The side must be one of"),
                       (("x", "reformer", 7), "The weight must be 0-3"),
                       ((None, "reformer", 1), "Write your argument as text")]:
        with pytest.raises(ValueError, match=match):
            vb.add_own(*bad)
    keep.write_text("{not json")
    with pytest.raises(ValueError, match="is not a saved verdict"):
        thaw.verdict_builder(keep=keep)


def test_verdict_builder_widget_controls_change_the_balance():
    vb = thaw.verdict_builder()
    picks = [c for c in vb.children if isinstance(c, w.ToggleButtons)]
    assert len(picks) == len(vb.weights)
    before = sum(vb.totals().values())
    picks[0].value = 0
    assert sum(vb.totals().values()) == before - 1
    assert "Your balance" in vb._balance.value


def test_verdict_builder_static_twin_is_a_native_form():
    html = thaw.verdict_builder()._repr_mimebundle_()["text/html"]
    assert html.startswith('<form class="thaw-verdict"') and "<script" not in html
    n = len(thaw.load("arguments").query("question == 'q3' and position in ['reformer', 'failed_reformer']"))
    assert html.count('class="thaw-vb-arg"') == n
    assert html.count(' value="1" checked>') == n  # every argument starts at minor
    assert html.count('class="thaw-vb-yardstick"') == 1  # one list, data/yardsticks.csv
    assert html.count('-yardstick" value="') == len(thaw.yardsticks.load()) + 1  # and "no yardstick yet"
    assert 'class="thaw-vb-own"' in html


def test_verdict_builder_unknown_reading_is_a_clear_error():
    with pytest.raises(ValueError, match="No reading 'hero'"):
        thaw.verdict_builder(sides=("reformer", "hero"))
