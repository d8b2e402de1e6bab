"""Reading toggles: built from the data, wired by jslink only, so the switch survives in the static book."""
from __future__ import annotations

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
