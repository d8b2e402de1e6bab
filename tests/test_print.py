"""Charts and pages on paper and without scripts (issue 23), in the built book in headless Chromium.

With scripts off, every chart is its static image, with its data table. Printed at A4 (Playwright's page.pdf, the
print stylesheet thaw/static/print.css): every chapter and document pack fits the page's width, prints every reading
of every toggle, every chart as its image with its table, no button or control; each pack takes at most 12 pages.
Chart tables show what readers read, not the data's codes."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

import thaw
from support import built, draw_all_charts, interactive_pages, page_path, toc_files, watch
from thaw import packs

pytestmark = pytest.mark.browser
CHAPTERS = ["book/q1/origins.html", "book/q2/facts.html", "book/q3/reforms.html", "book/debate/history.html"]
PACKS = [page_path(packs.docname(c, k)) for c in thaw.documents.CHAPTER_PAGES for k in packs.KINDS]
A4_TEXT_WIDTH = round((210 - 2 * 14) / 25.4 * 96)  # px: the page box of print.css (A4 less its margins)
# a code, not a word: snake_case ("gulag_camp_population") or a question code ("q1")
SLUG = re.compile(r"^(?:[a-z0-9]+(?:_[a-z0-9]+)+|q\d)$")


@pytest.fixture(scope="session")
def chart_pages(built_book) -> list[str]:
    pages = [p for p, info in interactive_pages(built_book["html"]).items() if info["charts"]]
    assert set(CHAPTERS[:3]) <= set(pages) and "book/reference/timeline.html" in pages, pages
    return pages


def _page(browser, site, path, scripts=True, viewport=None):
    ctx = browser.new_context(viewport=viewport or {"width": 1366, "height": 900}, java_script_enabled=scripts)
    page = ctx.new_page()
    report = watch(page, site)
    page.goto(site + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    return ctx, page, report


def _figure_tables(soup) -> list:
    """For each chart, the first data table after it (before the next chart), or None."""
    out = []
    figures = soup.select("figure.thaw-figure")
    for fig in figures:
        nxt = fig.find_next(lambda t: t.name == "details" and "thaw-table" in (t.get("class") or [])
                            or t.name == "figure" and "thaw-figure" in (t.get("class") or []))
        out.append(nxt if nxt is not None and nxt.name == "details" else None)
    return out


def test_every_chart_has_a_table_with_caption_headers_and_no_codes(built_book, chart_pages):
    """Every chart (the q1 timeline too) is followed by its data table: a real <table> with a <caption> and
    <th scope>, whose headers and cells are words, not the data's codes."""
    for path in chart_pages:
        soup = BeautifulSoup((built_book["html"] / path).read_text(encoding="utf-8"), "html.parser")
        tables = _figure_tables(soup)
        assert tables and all(tables), f"{path}: a chart without a data table after it"
        for details in tables:
            table = details.find("table")
            assert table.find("caption").get_text(strip=True)
            heads = table.select("thead th")
            assert heads and all(th.get("scope") == "col" for th in heads)
            words = [th.get_text(strip=True) for th in heads] + [td.get_text(strip=True) for td in table.select("td")]
            codes = sorted({w for w in words if SLUG.match(w)})
            assert codes == [], f"{path}: codes shown in a chart table: {codes[:5]}"
        for fig in soup.select("figure.thaw-figure"):
            summary = fig.select_one("figcaption.thaw-chart-summary").get_text(strip=True)
            assert summary.endswith(".") and summary.count(". ") == 0, f"{path}: summary is not one sentence: {summary}"
    q1 = BeautifulSoup((built_book["html"] / CHAPTERS[0]).read_text(encoding="utf-8"), "html.parser")
    title = q1.select_one("figure.thaw-figure .thaw-chart-title").get_text()
    assert "road to the closed session" in title.lower() and _figure_tables(q1)[0] is not None


def test_without_scripts_every_chart_is_its_image_with_its_table(browser, site, chart_pages):
    for path in chart_pages:
        ctx, page, report = _page(browser, site, path, scripts=False)
        figures = page.locator("figure.thaw-figure")
        n = figures.count()
        assert n >= 1
        for variant in ("light", "dark"):
            if variant == "dark":  # the theme's dark mode, as the theme's script (or a reader's choice) sets it
                page.evaluate("document.documentElement.dataset.theme = 'dark'")
            for i in range(n):
                fig = figures.nth(i)
                shown = fig.locator("img.thaw-chart-img:visible")
                assert shown.count() == 1, f"{path}: chart {i} shows {shown.count()} images"
                assert variant in shown.get_attribute("class")
                box = shown.bounding_box()
                assert box and box["height"] > 150, (path, i, box)
                assert shown.evaluate("img => img.complete && img.naturalWidth > 0"), f"{path}: image {i} not loaded"
                # the holder reserved the image's room before it loaded: the image is the holder's height
                holder = fig.locator("div.thaw-chart").bounding_box()
                assert abs(holder["height"] - box["height"]) < 2
        tables = page.locator("details.thaw-table")
        assert tables.count() >= n
        tables.first.locator("summary").click()
        assert tables.first.locator("tbody tr").first.is_visible()
        # (scripts off, the page's own scripts are refused: Playwright reports them as failed "csp")
        assert report.outside == [] and [f for f in report.failed if not f.endswith(" csp")] == []
        ctx.close()


def _print_problems(page) -> dict:
    """In print media at the A4 page width: what sticks out of the page, the controls shown, the readings and
    chart images shown or missing."""
    return page.evaluate("""(width) => {
      const visible = e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
      const all = [...document.body.querySelectorAll('*')].filter(visible);
      // (plotly's text-measuring <svg> sits far off the page on purpose: wholly outside, it prints nothing)
      const wide = all.filter(e => { const r = e.getBoundingClientRect(); return r.right > 0 && (r.right > width + 1 || r.left < -1); })
        .filter(e => !e.closest('.thaw-print-footer'))
        .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right));
      const controls = all.filter(e => e.matches('button, input, select, textarea, [role=button], .thaw-chart-menu'))
        .map(e => e.outerHTML.slice(0, 80));
      const readings = [...document.querySelectorAll('.thaw-rt .thaw-reading')];
      const figures = [...document.querySelectorAll('figure.thaw-figure')];
      const closed = [...document.querySelectorAll('details')].filter(d => {
        const inner = [...d.children].filter(c => c.tagName !== 'SUMMARY');
        return inner.length && !inner.some(visible); });
      return {wide: wide.slice(0, 8), controls: controls.slice(0, 8),
              readings: readings.length, readingsShown: readings.filter(r => visible(r) && visible(r.querySelector('.thaw-reading-label'))).length,
              figures: figures.length,
              images: figures.filter(f => [...f.querySelectorAll('img.thaw-chart-img-light')].some(visible)).length,
              drawnShown: [...document.querySelectorAll('div.thaw-chart[data-drawn]')].filter(visible).length,
              closed: closed.length, footer: visible(document.querySelector('.thaw-print-footer'))
                && document.querySelector('.thaw-print-footer').textContent};
    }""", A4_TEXT_WIDTH)


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("path", CHAPTERS + PACKS)
def test_printed_at_a4_fits_shows_every_reading_and_no_control(browser, site, path):
    ctx, page, report = _page(browser, site, path, viewport={"width": A4_TEXT_WIDTH, "height": 1100})
    draw_all_charts(page)  # as a reader who scrolled through: the interactive charts are drawn
    page.emulate_media(media="print")
    page.wait_for_timeout(200)
    got = _print_problems(page)
    assert got["wide"] == [], f"{path}: wider than the A4 page box: {got['wide']}"
    assert got["controls"] == [], f"{path}: controls printed: {got['controls']}"
    assert got["readingsShown"] == got["readings"], f"{path}: {got['readingsShown']} of {got['readings']} readings printed"
    assert got["images"] == got["figures"] and got["drawnShown"] == 0, f"{path}: charts printed: {got}"
    assert got["closed"] == 0, f"{path}: {got['closed']} details printed closed"
    title = page.title().split("—")[0].split("|")[0].strip()
    assert got["footer"] and path.removeprefix("teacher/") in got["footer"] and title[:20] in got["footer"], got["footer"]
    if path in CHAPTERS[:3]:
        assert got["readings"] >= 2
    pdf = page.pdf(format="A4", print_background=False)
    pages = _pdf_pages(pdf)
    assert pages >= 1
    if path in PACKS:
        assert pages <= packs.MAX_PAGES, f"{path}: {pages} A4 pages"
        text = re.sub(r"[‘’]", "'", re.sub(r"[“”]", '"', page.locator("article").inner_text()))
        text = re.sub(r"\s+", " ", text)
        chapter, kind = packs.parse(path[:-5].removeprefix("teacher/"))
        docs, every = thaw.documents.load(chapter), thaw.documents.load()
        titles = dict(zip(every["id"], every["title"]))
        for row in docs.itertuples():
            plain = [re.sub(r"[*`]", "", thaw.documents._titles(str(t), titles))[:40]
                     for t in (row.title, row.question_sourcing, row.answer_sourcing)]
            assert plain[0] in text and plain[1] in text, (path, plain)
            assert (plain[2] in text) == (kind == "teacher"), f"{path}: answers in the wrong pack"
    assert report.console_errors == [] and report.page_errors == [] and report.outside == []
    ctx.close()


def test_teacher_page_links_every_pack(built_book):
    soup = BeautifulSoup(built(built_book["html"], "book/teaching/teacher_notes").read_text(encoding="utf-8"),
                         "html.parser")
    links = {a["href"].split("#")[0] for a in soup.select("article a[href]")}
    for p in PACKS:
        assert "packs/" + p.rsplit("/", 1)[1] in links, f"teacher notes do not link {p}"
    assert all(p[:-5].removeprefix("teacher/") in toc_files() for p in PACKS)
