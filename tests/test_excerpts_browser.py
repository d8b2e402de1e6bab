"""Document excerpts as readers see them (thaw/documents.py, thaw/static/excerpt.css), in headless Chromium on a
phone and a desktop: one line of the page per stored line, the number of every fifth line in the margin beside its
own line, nothing cut off, the numbers hidden from screen readers and left out when the text is copied, and the
same numbering on paper."""
from __future__ import annotations

import pytest

from thaw import documents

pytestmark = pytest.mark.browser
PAGE = "book/q1/origins.html"
STUDY = "mvd_order_0068"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}

MEASURE = """(el) => {
  const lines = [...el.querySelectorAll('.thaw-excerpt-line')];
  const box = (n) => n.getBoundingClientRect();
  return {
    lines: lines.map((l) => ({top: box(l).top, bottom: box(l).bottom, left: box(l).left, right: box(l).right,
                              text: [...l.childNodes].filter((c) => !(c.classList && c.classList.contains(
                                'thaw-excerpt-n'))).map((c) => c.textContent).join('')})),
    starts: lines.map((l) => {  // where the line's text begins: the first character's box
      const t = [...l.childNodes].find((c) => c.nodeType === Node.TEXT_NODE && c.textContent.trim());
      const r = document.createRange(); r.setStart(t, 0); r.setEnd(t, 1);
      return r.getBoundingClientRect().left;
    }),
    numbers: lines.map((l) => {
      const n = l.querySelector('.thaw-excerpt-n');
      const b = box(n);
      return {text: n.textContent, hidden: n.getAttribute('aria-hidden'), top: b.top, left: b.left, right: b.right,
              select: getComputedStyle(n).userSelect};
    }),
    excerpt: {left: box(el).left, right: box(el).right},
    page: document.documentElement.clientWidth,
  };
}"""


def _excerpt(browser, site, viewport, media="screen"):
    ctx = browser.new_context(viewport=viewport)
    page = ctx.new_page()
    page.emulate_media(media=media)
    page.goto(site + PAGE, wait_until="load")
    first = documents.excerpt(documents.load().set_index("id").loc[STUDY])[0]
    return ctx, page, page.locator("div.thaw-excerpt", has_text=first[:40])


@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_each_stored_line_is_a_line_with_its_number_beside_it(browser, site, device):
    stored = documents.excerpt(documents.load().set_index("id").loc[STUDY])
    ctx, page, excerpt = _excerpt(browser, site, VIEWPORTS[device])
    try:
        m = excerpt.evaluate(MEASURE)
        assert [line["text"].strip() for line in m["lines"]] == [s.strip() for s in stored]
        tops = [line["top"] for line in m["lines"]]
        assert tops == sorted(tops) and len(set(tops)) == len(tops), "two stored lines share a line on the page"
        for i, (line, number, start) in enumerate(zip(m["lines"], m["numbers"], m["starts"]), start=1):
            assert number["text"] == (str(i) if i % 5 == 0 else ""), i
            assert number["hidden"] == "true" and number["select"] == "none"
            if number["text"]:  # in the margin, on the first row of its own line, inside the page
                assert number["right"] <= start and number["left"] >= 0, (i, number, start)
                assert line["top"] - 2 <= number["top"] <= line["top"] + 12
        assert m["excerpt"]["right"] <= m["page"] + 1, "the excerpt is wider than the screen"
        accessible = excerpt.evaluate("(el) => el.getAttribute('aria-label')")
        assert accessible == f"Excerpt, {len(stored)} numbered lines"
    finally:
        ctx.close()


def test_copied_text_has_no_line_numbers(browser, site):
    ctx, page, excerpt = _excerpt(browser, site, VIEWPORTS["desktop"])
    try:
        copied = excerpt.evaluate("""(el) => { const r = document.createRange(); r.selectNodeContents(el);
            const s = getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }""")
        stored = documents.excerpt(documents.load().set_index("id").loc[STUDY])
        assert [line.strip() for line in copied.splitlines() if line.strip()] == [s.strip() for s in stored]
    finally:
        ctx.close()


def test_print_keeps_the_numbering(browser, site):
    ctx, page, excerpt = _excerpt(browser, site, VIEWPORTS["desktop"], media="print")
    try:
        m = excerpt.evaluate(MEASURE)
        assert [n["text"] for n in m["numbers"] if n["text"]] == [str(i) for i in range(5, len(m["lines"]) + 1, 5)]
        assert all(n["left"] >= m["excerpt"]["left"] - 1 for n in m["numbers"] if n["text"])
    finally:
        ctx.close()
