"""Static images of the book's charts, made at build time (thaw.sphinxext calls ``insert``).

Each chart's HTML (thaw.render) carries its figure as JSON. At build time every figure is drawn twice by kaleido,
light and dark (``thaw.layout.static_figure``), with the book's own plotly.js in the system's Chromium, MathJax off:
nothing is fetched. The two images go into the chart's holder, so that the page shows the chart from its first byte
(and with scripts off, and on paper); thaw.js replaces them with the interactive chart once plotly.js has loaded.

Images are cached in ``_build/.thaw-images`` by a hash of the figure as drawn and of the plotly.js that draws it: a
rebuild renders only figures that changed. kaleido and Chromium are needed by the build only (requirements-dev.txt),
never by the notebooks (Binder has no Chromium).
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path

from . import layout as _layout

__all__ = ["insert", "render", "stop", "IMAGES"]

IMAGES = "_images/thaw-charts"  # where the images are served from, under the book's html folder
_CHART = re.compile(
    r'<p class="thaw-chart-fallback">(?P<text>.*?)</p></div>'
    r'(?P<blob><script type="application/json" class="thaw-chart-data" data-for="(?P<id>[^"]+)">(?P<json>.*?)</script>)',
    re.S)
_server = {"running": False}
stats = {"rendered": 0, "cached": 0, "seconds": 0.0}


def chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("thaw: the book's chart images need Chromium: run `make chromium` (or set CHROMIUM=/path)")
    return path


def _start(plotlyjs: Path) -> None:
    import kaleido

    kaleido.start_sync_server(n=1, mathjax=False, plotlyjs=plotlyjs.resolve().as_uri(), path=chromium(),
                              silence_warnings=True)
    _server["running"] = True


def stop() -> None:
    """Close the Chromium that drew the images (at the end of the build)."""
    if _server["running"]:
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)
        _server["running"] = False


def render(fig: dict, plotlyjs: Path) -> bytes:
    """One image of a figure (SVG), drawn with the given plotly.js."""
    import time

    import kaleido

    if not _server["running"]:
        _start(plotlyjs)
    start = time.perf_counter()
    layout = fig.get("layout", {})
    out = kaleido.calc_fig_sync(fig, opts={"format": _layout.IMAGE_FORMAT, "width": layout["width"],
                                           "height": layout.get("height", _layout.DEFAULT_HEIGHT)})
    stats["seconds"] += time.perf_counter() - start
    stats["rendered"] += 1
    return out


def _digest(fig: dict, plotlyjs: Path) -> str:
    h = hashlib.sha256(json.dumps(fig, sort_keys=True).encode())
    h.update(hashlib.sha256(plotlyjs.read_bytes()).digest())
    return h.hexdigest()[:16]


def image(fig: dict, plotlyjs: Path, cache: Path, outdir: Path) -> tuple[str, int, int]:
    """The image file of a figure (rendered, or taken from the cache) copied into the html folder: its name,
    width and height."""
    digest = _digest(fig, plotlyjs)
    name = f"{digest}.{_layout.IMAGE_FORMAT}"
    cached = cache / name
    if cached.is_file():
        stats["cached"] += 1
    else:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(render(fig, plotlyjs))
        tmp.replace(cached)
    target = outdir / IMAGES / name
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    layout = fig["layout"]
    return name, int(layout["width"]), int(layout.get("height", _layout.DEFAULT_HEIGHT))


def insert(body: str, pathto, plotlyjs: Path, cache: Path, outdir: Path) -> str:
    """A page's HTML with each chart's static images (light and dark) in its holder, in place of the fallback
    sentence. ``pathto``: the page's relative path to a file of the html folder."""
    def one(m: re.Match) -> str:
        fig = json.loads(m.group("json"))
        fig.pop("config", None)
        fig.pop("thaw", None)
        imgs = []
        for variant in ("light", "dark"):
            name, width, height = image(_layout.static_figure(fig, dark=variant == "dark"), plotlyjs, cache, outdir)
            src = pathto(f"{IMAGES}/{name}")
            # alt: the figure's caption describes the chart; the image is what a reader without scripts sees of it
            imgs.append(f'<img class="thaw-chart-img thaw-chart-img-{variant}" src="{html.escape(src)}" '
                        f'width="{width}" height="{height}" alt="{m.group("text")}" decoding="async">')
        return "".join(imgs) + "</div>" + m.group("blob")

    return _CHART.sub(one, body)
