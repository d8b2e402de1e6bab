"""The book's plotly renderer: live JSON for Jupyter, static HTML for the book, one shared plotly.js."""
from __future__ import annotations

import json
import re
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio

import thaw  # noqa: F401  (imported for its side effect: it installs the book renderer)
from thaw import render


def _fig():
    return go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="</script><b>x</b>"), layout={"title": {"text": "T & t"}})


def test_importing_thaw_makes_it_the_default_renderer():
    assert pio.renderers.default == "thaw"
    assert isinstance(pio.renderers["thaw"], render.BookRenderer)


def test_bundle_has_live_json_and_static_html():
    bundle = _fig()._repr_mimebundle_()
    assert set(bundle) >= {"application/vnd.plotly.v1+json", "text/html"}
    live = bundle["application/vnd.plotly.v1+json"]
    assert live["data"][0]["y"] == [3, 4] and live["config"]["displaylogo"] is False


def test_static_html_embeds_the_figure_and_loads_no_script():
    html = render.to_html(_fig().to_dict())
    assert "<script src" not in html and "cdn" not in html.lower() and "http" not in html
    blob = re.search(r'<script type="application/json" class="thaw-chart-data" data-for="([^"]+)">(.*?)</script>', html, re.S)
    assert blob, html
    assert f'id="{blob.group(1)}"' in html
    payload = json.loads(blob.group(2))
    assert payload["data"][0]["name"] == "</script><b>x</b>"  # escaped in HTML, intact after parsing
    assert payload["layout"]["title"]["text"] == "T & t"
    assert 'aria-label="T &amp; t"' in html
    assert "thaw-chart-fallback" in html  # text shown until (or unless) the chart is drawn


def test_description_from_meta_reaches_the_text_alternative():
    fig = _fig().update_layout(meta={"description": "Two points rising."})
    assert "Two points rising." in render.to_html(fig.to_dict())


def test_vendored_plotly_matches_the_python_package():
    spec = json.loads((Path(__file__).parent.parent / "scripts" / "vendor.json").read_text())
    wanted = [k for k in spec["packages"] if k.startswith("plotly.js")][0].split("@")[1]
    bundled = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    version = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", bundled.read_text()[:500]).group(1)
    assert wanted == version, f"vendor.json pins plotly.js {wanted}, the Python plotly bundles {version}"
