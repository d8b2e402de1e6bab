"""One owner for a chart's layout (thaw/layout.py): a constant changed there reaches the figure, the static image
and the interactive chart's configuration; thaw.js and thaw.render hold no layout constant of their own."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from thaw import charts, images, layout, render

ROOT = Path(__file__).resolve().parent.parent
PLOTLY = ROOT / "_vendor" / "plotly-basic.min.js"


def _payload(html: str) -> dict:
    return json.loads(re.search(r'class="thaw-chart-data"[^>]*>(.*?)</script>', html, re.S).group(1))


def test_a_layout_constant_reaches_the_figure_the_image_and_the_interactive_config(monkeypatch):
    monkeypatch.setattr(layout, "FONT_SIZE", 17)
    monkeypatch.setattr(layout, "IMAGE_WIDTH", 640)
    monkeypatch.setattr(layout, "LEGEND", {**layout.LEGEND, "row_px": 33})
    monkeypatch.setattr(layout, "DARK", {**layout.DARK, "text": "#abcdef"})
    html = render.to_html(charts.camp_population().to_dict())
    payload = _payload(html)
    assert payload["layout"]["font"]["size"] == 17  # the interactive chart's figure
    assert payload["thaw"]["legend"]["row_px"] == 33 and payload["thaw"]["dark"]["text"] == "#abcdef"  # thaw.js
    light = layout.static_figure(payload)
    dark = layout.static_figure(payload, dark=True)
    assert light["layout"]["width"] == dark["layout"]["width"] == 640 and light["layout"]["font"]["size"] == 17
    assert dark["layout"]["font"]["color"] == "#abcdef" and "updatemenus" not in light["layout"]


@pytest.mark.browser
def test_the_static_image_is_drawn_from_the_layout(monkeypatch, tmp_path):
    """kaleido in the system's Chromium draws the image offline; the image cache makes a second build draw none."""
    if not PLOTLY.is_file():
        pytest.skip("run `make vendor` first")
    monkeypatch.setattr(layout, "IMAGE_WIDTH", 640)
    monkeypatch.setattr(layout, "FONT_SIZE", 17)
    html = render.to_html(charts.decision_path().to_dict())
    try:
        body = images.insert(html, lambda f: f, PLOTLY, tmp_path / "cache", tmp_path / "out")
        before = dict(images.stats)
        again = images.insert(html, lambda f: f, PLOTLY, tmp_path / "cache", tmp_path / "out")
    finally:
        images.stop()
    assert body == again and images.stats["rendered"] == before["rendered"]  # the second time, from the cache
    srcs = re.findall(r'<img class="thaw-chart-img thaw-chart-img-(light|dark)" src="([^"]+)" width="640"', body)
    assert [v for v, _ in srcs] == ["light", "dark"]
    for _, src in srcs:
        svg = (tmp_path / "out" / src).read_text()
        assert re.search(r'<svg[^>]* width="640"', svg)
        assert "font-size: 17px" in svg or 'font-size:17px' in svg.replace(" ", "")
        assert "http" not in svg.replace("http://www.w3.org", "")  # nothing to fetch
    assert "thaw-chart-fallback" not in body.split("<script")[0]


def test_thaw_js_and_render_own_no_layout_constant():
    js = (ROOT / "thaw" / "static" / "thaw.js").read_text()
    charts_part = js.split("Verdict builder ----")[0]
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", charts_part), "a colour in thaw.js: put it in thaw/layout.py"
    assert not re.search(r"\b(size|margin\.[lrtb]|margin_[lrtb])\s*[:=]\s*[1-9]", charts_part), "a size in thaw.js"
    assert not re.search(r"max-width:\s*\d", charts_part), "a breakpoint in thaw.js"
    src = (ROOT / "thaw" / "render.py").read_text()
    assert not re.search(r"=\s*\d{2,}\b|\bor \d{2,}\b|//\s*\d+", src), "a size in thaw/render.py"
