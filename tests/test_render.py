"""The book's plotly renderer: live JSON for Jupyter, static HTML for the book, one shared plotly.js."""
from __future__ import annotations

import json
import re
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio

from thaw import render


def _fig():
    return go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="</script><b>x</b>"), layout={"title": {"text": "T & t"}})


def test_importing_thaw_leaves_plotlys_own_renderer_alone():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "import plotly.io as pio; before = pio.renderers.default; import thaw;"
                          "print(before == pio.renderers.default)"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_a_chart_displays_live_json_and_static_html_whatever_the_renderer():
    pio.renderers.default = "png"  # a reader's own setting does not change what the book gets
    try:
        bundle = render.Chart(_fig())._repr_mimebundle_()
    finally:
        pio.renderers.default = "plotly_mimetype"
    assert set(bundle) >= {"application/vnd.plotly.v1+json", "text/html"}
    live = bundle["application/vnd.plotly.v1+json"]
    assert live["data"][0]["y"] == [3, 4] and live["config"]["displaylogo"] is False
    assert live["layout"]["title"]["text"] == "T & t"  # JupyterLab draws the title inside the plot
    assert live["layout"]["autosize"] is True and live["config"]["responsive"] is False


def test_static_html_embeds_the_figure_and_loads_no_script():
    html = render.to_html(_fig().to_dict())
    assert "<script src" not in html and "cdn" not in html.lower() and "http" not in html
    blob = re.search(r'<script type="application/json" class="thaw-chart-data" data-for="([^"]+)">(.*?)</script>', html, re.S)
    assert blob, html
    chart_id = blob.group(1)
    assert f'id="{chart_id}"' in html
    payload = json.loads(blob.group(2))  # still valid JSON after escaping "</"
    assert payload["data"][0]["name"] == "</script><b>x</b>"  # escaped in HTML, intact after parsing
    assert "</script><b>" not in blob.group(2)
    # the title is page text above the chart (it wraps, nothing covers it), the chart is labelled by it
    assert "title" not in payload["layout"]
    assert f'<p class="thaw-chart-title" id="{chart_id}-title">T &amp; t</p>' in html
    assert f'aria-labelledby="{chart_id}-title"' in html
    assert "thaw-chart-fallback" in html  # text shown until (or unless) the chart is drawn


def test_holder_reserves_the_charts_height_before_it_is_drawn():
    fig = _fig().update_layout(height=500, margin={"t": 90})
    html = render.to_html(fig.to_dict())
    payload = json.loads(re.search(r'class="thaw-chart-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    height = payload["layout"]["height"]
    assert height == 500 - (90 - payload["layout"]["margin"]["t"])
    assert f"--thaw-h:{height}px" in html
    narrow = int(re.search(r"--thaw-h-narrow:(\d+)px", html).group(1))
    assert narrow > height  # room for the legend under the plot on a phone


def test_description_from_meta_reaches_the_text_alternative():
    fig = _fig().update_layout(meta={"description": "Two points rising."})
    assert "Two points rising." in render.to_html(fig.to_dict())


def test_vendored_plotly_matches_the_python_package():
    spec = json.loads((Path(__file__).parent.parent / "scripts" / "vendor.json").read_text())
    wanted = [k for k in spec["packages"] if k.startswith("plotly.js")][0].split("@")[1]
    bundled = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    version = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", bundled.read_text()[:500]).group(1)
    assert wanted == version, f"vendor.json pins plotly.js {wanted}, the Python plotly bundles {version}"
