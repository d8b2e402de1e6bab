#!/usr/bin/env python3
"""Write thaw/static/icons.css: the few Font Awesome icons the book's pages show, as inline SVG masks, so no page
fetches Font Awesome's web fonts (two of them, ~275 KB, were fetched before the first paint). The SVG paths are read
from the Font Awesome build the installed pydata-sphinx-theme ships (scripts/fontawesome.js), so they are the very
glyphs the theme drew. thaw.sphinxext drops the font's @font-face and glyph rules from the theme's CSS; a test fails
when a built page shows an icon this file lacks (add its name to ICONS and run this script again).

It also writes thaw/extra/favicon.ico, the favicon (thaw/static/favicon.svg) drawn as a 32 x 32 PNG in an .ico,
served at the book's root: browsers ask for /favicon.ico whatever a page links, and a 404 there is console noise.

Usage: .venv/bin/python scripts/icons.py"""
from __future__ import annotations

import math
import re
import struct
import zlib
from pathlib import Path
from urllib.parse import quote

import pydata_sphinx_theme

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "thaw" / "static" / "icons.css"
ICO = ROOT / "thaw" / "extra" / "favicon.ico"  # browsers ask for /favicon.ico whatever the page links
FA = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "fontawesome.js"
# name -> Font Awesome pack ("fas" solid, "fab" brands), as the themes' templates ask for them
ICONS = {"angle-left": "fas", "angle-right": "fas", "arrow-up": "fas", "bars": "fas", "list": "fas",
         "magnifying-glass": "fas", "outdent": "fas", "download": "fas", "file": "fas", "file-pdf": "fas",
         "rocket": "fas", "circle-half-stroke": "fas", "moon": "fas", "sun": "fas", "xmark": "fas", "github": "fab"}


def packs(js: str) -> dict[str, str]:
    """The source text of each icon pack: fontawesome.js defines each pack's icons, then registers them (d("fas", p))."""
    out, start = {}, 0
    for m in re.finditer(r'\(function\(\)\{d\("(fa[sbr])",p\)', js):
        out[m.group(1)] = js[start:m.start()]
        start = m.end()
    return out


def icon(pack: str, name: str) -> tuple[int, int, str]:
    m = re.search(r'[{,]"?' + re.escape(name) + r'"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]', pack)
    if not m:
        raise SystemExit(f"scripts/icons.py: no icon {name!r} in {FA}")
    return int(m.group(1)), int(m.group(2)), m.group(3)


def _inside(x: float, y: float) -> tuple[int, int, int, int]:
    """thaw/static/favicon.svg's two shapes, at (x, y) of its 32 x 32 box: a white drop on a blue rounded square."""
    if math.hypot(x - 16, y - 19) <= 7 or (5 <= y <= 19 and abs(x - 16) <= (y - 5) / 14 * 7):
        return 255, 255, 255, 255
    cx, cy = min(max(x, 6), 26), min(max(y, 6), 26)
    return (0, 0x72, 0xB2, 255) if math.hypot(x - cx, y - cy) <= 6 else (0, 0, 0, 0)


def favicon(size: int = 32, samples: int = 4) -> bytes:
    """The favicon as a .ico holding one PNG (antialiased by sampling each pixel samples x samples times)."""
    rows = []
    for py in range(size):
        row = bytearray(b"\0")
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    rgba = _inside((px + (sx + 0.5) / samples) * 32 / size, (py + (sy + 0.5) / samples) * 32 / size)
                    for i in range(3):
                        acc[i] += rgba[i] * rgba[3]
                    acc[3] += rgba[3]
            n = samples * samples
            alpha = acc[3] / n
            row += bytes([round(acc[i] / acc[3]) if acc[3] else 0 for i in range(3)] + [round(alpha)])
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png), 22) + png


def main() -> None:
    js = FA.read_text(encoding="utf-8")
    licence = (FA.parent / "fontawesome.js.LICENSE.txt").read_text(encoding="utf-8").strip()
    by_pack = packs(js)
    lines = [licence.replace("/*!", "/*", 1),
             "/* Written by scripts/icons.py (do not edit): each icon is drawn in the text colour through an SVG mask, "
             "at the width Font Awesome gives it. */",
             ".fa, .fas, .fab, .far, .fa-solid, .fa-brands, .fa-regular { display: inline-block; line-height: 1; "
             "font-style: normal; }",
             ".fa::before, .fas::before, .fab::before, .far::before, .fa-solid::before, .fa-brands::before, "
             ".fa-regular::before { content: \"\"; display: inline-block; vertical-align: -0.125em; height: 1em; "
             "width: var(--thaw-icon-w, 1em); background-color: currentColor; -webkit-mask: var(--thaw-icon) "
             "center / contain no-repeat; mask: var(--thaw-icon) center / contain no-repeat; }",
             "@media (forced-colors: active) { .fa::before, .fas::before, .fab::before, .fa-solid::before, "
             ".fa-brands::before { background-color: CanvasText; } }"]
    for name, pack in ICONS.items():
        w, h, d = icon(by_pack[pack], name)
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}"><path d="{d}"/></svg>'
        lines.append(f'.fa-{name} {{ --thaw-icon-w: {w / h:.4g}em; --thaw-icon: url("data:image/svg+xml,'
                     f'{quote(svg, safe=" /=:,.-")}"); }}')
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(ICONS)} icons, {OUT.stat().st_size:,} bytes)")
    ICO.parent.mkdir(exist_ok=True)
    ICO.write_bytes(favicon())
    print(f"wrote {ICO.relative_to(ROOT)} ({ICO.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
