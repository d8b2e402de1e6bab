"""Chart builders: data in, figures out; every interaction precomputed so it works without a kernel."""
from __future__ import annotations

import pytest

import thaw
from thaw import charts

# plotly.js-basic-dist-min has only these trace types; a chart using another would be blank in the book.
BASIC_TRACES = {"scatter", "bar", "pie"}
BUILDERS = [charts.achievements_timeline, charts.events_timeline, charts.decision_path, charts.camp_population,
            charts.allegations, charts.interpretations_timeline]


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_builder_makes_a_titled_described_chart_with_basic_traces(build):
    fig = build()
    assert fig.data, "no traces"
    assert {t.type for t in fig.data} <= BASIC_TRACES
    assert fig.layout.title.text
    assert len(fig.layout.meta["description"]) > 40


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_hover_names_sources(build):
    fig = build()
    texts = []
    for t in fig.data:
        if t.customdata is not None:
            texts += [str(c) for c in t.customdata]
        if t.hovertemplate:
            texts.append(str(t.hovertemplate))
    assert any("Source" in s for s in texts)


def test_achievement_timeline_has_one_filter_button_and_legend_entry_per_category():
    ach = thaw.load("achievements")
    fig = charts.achievements_timeline(ach)
    cats = [c for c in thaw.data.resource("achievements")["schema"]["fields"][2]["constraints"]["enum"]
            if c in set(ach["category"])]
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["All categories"] + cats
    for i, b in enumerate(buttons[1:]):
        vis = b.args[0]["visible"]
        assert len(vis) == len(fig.data)
        shown = {fig.data[j].legendgroup for j, v in enumerate(vis) if v}
        assert shown == {cats[i], charts.KEY}  # the category, and the shape key that always stays
    markers = [t for t in fig.data if t.mode == "markers" and t.legendgroup != charts.KEY]
    assert sum(len(t.x) for t in markers) == len(ach)
    key = [t.name for t in fig.data if t.legendgroup == charts.KEY]
    assert sorted(key) == sorted(set(ach["verdict"]))


def test_timeline_puts_each_row_on_its_group():
    ach = thaw.load("achievements")
    fig = charts.achievements_timeline(ach)
    for t in fig.data:
        if t.mode == "markers" and t.legendgroup != charts.KEY:
            assert set(t.y) == {t.name}
            assert len(t.x) == (ach["category"] == t.name).sum()


def test_camp_population_keeps_each_source_apart_and_shows_the_range():
    series = thaw.load("series")
    sub = series[series["measure"].isin(charts.CAMP_MEASURES)]
    fig = charts.camp_population(series)
    assert len(fig.data) == sub["series"].nunique()
    assert sum(len(t.x) for t in fig.data) == len(sub)
    releases = sub[sub["measure"].str.startswith("amnesty")]
    if len(releases) > 1:
        (shape,) = [s for s in fig.layout.shapes if s.type == "line"]
        assert (shape.y0, shape.y1) == (releases["value"].min(), releases["value"].max())


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_builders_return_book_charts_whose_holder_reserves_room_on_a_phone(build):
    fig = build()
    assert isinstance(fig, thaw.render.Chart)
    bundle = fig._repr_mimebundle_()
    desktop = int(bundle["text/html"].split("--thaw-h:")[1].split("px")[0])
    narrow = int(bundle["text/html"].split("--thaw-h-narrow:")[1].split("px")[0])
    assert 150 < desktop <= narrow


def test_allegations_cover_omissions():
    fig = charts.allegations()
    assert "omitted" in [t.name.lower() for t in fig.data]
