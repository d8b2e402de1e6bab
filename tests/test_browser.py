"""What readers see: every built page in headless Chromium, served on loopback with every other request blocked.

Every page: no console errors, no failed or outside requests, every chart drawn, no layout shift beyond 0.1, no
axe-core violations (one page load for all of it). Every page with a chart or widget (found in the build, not listed
by hand), as readers hold it: a desktop window narrowed after drawing, a phone in portrait and landscape, light and
dark (with axe's contrast check and a live theme switch); by keyboard only; with scripts off."""
from __future__ import annotations

import re

import pytest

from support import LAYOUT_SHIFT, draw_all_charts, interactive_pages, page_path, toc_files, watch

pytestmark = pytest.mark.browser
# every page of the table of contents, plus the pages Sphinx adds (index redirect, general index, search)
# (teacher-only pages are in the teacher edition, teacher/, as `make book` builds it: thaw.editions)
PAGES = [page_path(f) for f in toc_files()] + [
    "index.html", "genindex.html", "search.html"]
DESKTOP = {"width": 1366, "height": 900}
PORTRAIT = {"width": 390, "height": 844}
LANDSCAPE = {"width": 844, "height": 390}


@pytest.fixture(scope="session")
def interactive(built_book) -> dict[str, dict]:
    pages = interactive_pages(built_book["html"])
    # the three chapters and the verdict page at least: a broken scan must not pass by finding nothing
    for must in ("book/q1/origins.html", "book/q2/facts.html", "book/q3/reforms.html", "book/conclusion/verdict.html"):
        assert must in pages, f"{must} has no chart or widget in the build"
    return pages


@pytest.fixture()
def open_page(browser, site):
    contexts = []

    def _open(path: str, viewport=None, dark: bool = False, touch: bool = False, **kw):
        ctx = browser.new_context(viewport=viewport or DESKTOP, color_scheme="dark" if dark else "light",
                                  has_touch=touch, is_mobile=touch, **kw)
        if dark:  # the theme's own switch stores the reader's choice; start as a reader who chose dark
            ctx.add_init_script("localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');")
        ctx.add_init_script(LAYOUT_SHIFT)
        contexts.append(ctx)
        page = ctx.new_page()
        report = watch(page, site)
        page.goto(site + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, report

    yield _open
    for c in contexts:
        c.close()


def _charts_have_marks(page, total: int) -> None:
    for i in range(total):
        holder = page.locator("div.thaw-chart").nth(i)
        assert holder.locator(".main-svg").count() >= 1
        assert holder.locator("g.trace, g.barlayer .point, .scatterlayer .point").count() >= 1
        label = holder.get_attribute("aria-labelledby")
        assert label and page.locator(f"#{label}").inner_text().strip()


@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_offline_draws_every_chart_and_passes_axe(open_page, path):
    from axe_playwright_python.sync_playwright import Axe

    page, report = open_page(path)
    charts = draw_all_charts(page)
    page.wait_for_timeout(300)
    assert report.outside == [], "outside requests"
    assert report.failed == [], "failed requests"
    assert report.page_errors == [], "page errors"
    assert report.console_errors == [], "console errors"
    assert charts["errors"] == [] and charts["drawn"] == charts["total"]
    _charts_have_marks(page, charts["total"])
    # every chart drawn, the page has not jumped: room for charts and widgets is reserved before anything loads
    shift = page.evaluate("window.thawShift")
    assert shift <= 0.1, f"cumulative layout shift {shift:.3f}"
    for i in range(page.locator(".thaw-reading-toggle").count()):
        assert page.locator(".thaw-reading-toggle").nth(i).is_visible()
    # the theme's icons are inline SVG (thaw/static/icons.css): no icon font, no FontAwesome script
    assert page.evaluate("[...document.fonts].filter(f => /Font Awesome/.test(f.family)).length") == 0
    # no widget manager, no embedded widget state: the book shows the widgets' HTML twins
    assert page.locator("script[src*='embed'], script[type='application/vnd.jupyter.widget-state+json']").count() == 0
    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()


# --- Charts as readers resize them --------------------------------------------------------------------------

HEIGHTS = "[...document.querySelectorAll('div.thaw-chart')].map(e => Math.round(e.getBoundingClientRect().height))"
FITS = """[...document.querySelectorAll('div.thaw-chart')].map((h, i) => [i, h.clientWidth, h.querySelector('.main-svg').getBoundingClientRect().width])
  .filter(([i, w, s]) => Math.abs(w - s) > 2)"""
# Charts whose margins plotly's automargin had to widen beyond what thaw.js measured for the labels: each such chart
# was drawn twice before the reader saw it (measuring the labels first makes one draw enough).
WIDENED = """[...document.querySelectorAll('div.thaw-chart')].flatMap((h, i) => {
  const set = h.layout.margin, got = h._fullLayout._size;
  return ['l', 'r', 'b', 't'].filter(k => Math.round(got[k]) > (set[k] || 0) + 0.5).map(k => `chart ${i}: margin ${k} ${set[k]} -> ${Math.round(got[k])}`);
})"""


def test_charts_keep_their_height_when_the_window_narrows(open_page, interactive):
    chart_pages = sorted(p for p, info in interactive.items() if info["charts"])
    assert chart_pages
    for path in chart_pages:
        page, report = open_page(path)
        draw_all_charts(page)
        before = page.evaluate(HEIGHTS)
        assert all(h > 150 for h in before), (path, before)
        assert page.evaluate(WIDENED) == [], f"{path}: labels measured short, so charts were drawn twice"
        page.set_viewport_size({"width": 1100, "height": 900})
        page.wait_for_timeout(600)
        after = page.evaluate(HEIGHTS)
        assert after == before, f"{path}: chart heights {before} became {after} after narrowing the window"
        # each plot redrew to its holder's new width
        assert page.evaluate(FITS) == [], path
        _charts_have_marks(page, len(before))
        assert report.console_errors == [] and report.page_errors == []


# Every tick label, legend entry and annotation of every chart, as boxes, with the chart's own box.
OUTSIDE = """() => [...document.querySelectorAll('div.thaw-chart')].flatMap((h, i) => {
  const box = h.getBoundingClientRect();
  return [...h.querySelectorAll('.xtick text, .ytick text, g.legend .traces, .annotation-text, .g-xtitle, .g-ytitle')]
    .filter(e => e.getBoundingClientRect().width > 0)
    .filter(e => { const r = e.getBoundingClientRect();
      return r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.bottom > box.bottom + 2; })
    .map(e => `chart ${i}: ${e.textContent.slice(0, 40)}`);
})"""
OVERLAP = """() => [...document.querySelectorAll('div.thaw-chart')].flatMap((h, i) => {
  const out = [];
  for (const cls of ['.xtick text', '.ytick text', 'g.legend .traces']) {
    const boxes = [...h.querySelectorAll(cls)].map(e => [e.textContent, e.getBoundingClientRect()]).filter(b => b[1].width > 0);
    for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
      const p = boxes[a][1], q = boxes[b][1];
      if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1)
        out.push(`chart ${i}: "${boxes[a][0].slice(0, 30)}" overlaps "${boxes[b][0].slice(0, 30)}"`);
    }
  }
  return out;
})"""
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _follows_dark_theme(page, path: str) -> None:
    """Charts, widgets, quizzes and tables take the dark theme's colours (text passes axe's contrast check), and
    charts switch back at once when the reader flips the theme."""
    from axe_playwright_python.sync_playwright import Axe

    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    results = Axe().run(page, options={"runOnly": ["color-contrast"]})
    assert results.response["violations"] == [], f"{path}: " + results.generate_report()
    n = page.locator("div.thaw-chart").count()
    for i in range(n):
        colours = page.evaluate(f"(() => {{ const g = document.querySelectorAll('div.thaw-chart')[{i}]._fullLayout;"
                                "return [g.paper_bgcolor, g.font.color]; })()")
        assert colours[0].replace(" ", "") == "rgba(0,0,0,0)" and colours[1] != "#444", (path, colours)
    if n:
        page.evaluate("document.documentElement.dataset.theme = 'light'")
        page.wait_for_function("!/^rgba\\(0, ?0, ?0, ?0\\)$/.test(document.querySelector('div.thaw-chart')._fullLayout.paper_bgcolor)")
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        page.wait_for_function("/^rgba\\(0, ?0, ?0, ?0\\)$/.test(document.querySelector('div.thaw-chart')._fullLayout.paper_bgcolor)")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_phone_nothing_cut_off_or_overlapping_in_portrait_and_landscape(open_page, interactive, dark):
    for path in sorted(interactive):
        page, report = open_page(path, viewport=PORTRAIT, dark=dark, touch=True)
        draw_all_charts(page)
        page.wait_for_timeout(400)
        heights = page.evaluate(HEIGHTS)
        assert page.evaluate(SIDEWAYS) <= 0, f"{path} scrolls sideways on a phone"
        assert page.evaluate(OUTSIDE) == [], f"{path}: cut off at 390 px"
        assert page.evaluate(OVERLAP) == [], f"{path}: overlapping labels at 390 px"
        assert page.locator("div.thaw-chart .modebar-container .modebar").count() == 0  # no toolbar over the plot
        assert page.evaluate(WIDENED) == [], f"{path}: labels measured short at 390 px, so charts were drawn twice"
        if dark:
            _follows_dark_theme(page, path)
        page.set_viewport_size(LANDSCAPE)  # the phone turned
        page.wait_for_timeout(600)
        assert all(h > 150 for h in page.evaluate(HEIGHTS)), (path, heights, page.evaluate(HEIGHTS))
        assert page.evaluate(SIDEWAYS) <= 0, f"{path} scrolls sideways in landscape"
        assert page.evaluate(OUTSIDE) == [], f"{path}: cut off in landscape"
        assert report.console_errors == [] and report.page_errors == []


# --- Controls -----------------------------------------------------------------------------------------------

def _panel(box) -> str:
    return box.locator(".thaw-reading:visible").first.get_attribute("data-position")


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
def test_toggles_switch_by_click_and_keyboard_even_without_scripts(open_page, interactive, scripts):
    import thaw

    positions = thaw.load("positions")
    toggled = [p for p, info in interactive.items() if info["toggles"]]
    assert len(toggled) >= 3
    for path in toggled:
        page, report = open_page(path, java_script_enabled=scripts)
        box = page.locator(".thaw-rt").first
        q = re.search(r"thaw-reading-toggle-(q\d)", box.get_attribute("class")).group(1)
        order = list(positions[positions["question"] == q].sort_values("order")["position"])
        radios = box.locator("input[type=radio]")
        assert radios.count() == len(order) and box.locator(".thaw-reading:visible").count() == 1
        assert _panel(box) == order[0]
        label = positions[(positions["question"] == q) & (positions["position"] == order[1])]["label"].iloc[0]
        box.locator("label", has_text=label).click()
        assert _panel(box) == order[1] and box.locator(".thaw-reading:visible").count() == 1
        radios.nth(1).focus()
        page.keyboard.press("ArrowLeft")
        assert _panel(box) == order[0]
        assert report.console_errors == [] and report.page_errors == []


def test_chart_filter_menu_works_from_the_keyboard(open_page):
    page, report = open_page("book/q3/reforms.html")
    draw_all_charts(page)
    gd = page.locator("div.thaw-chart").first
    groups = "(el) => [...new Set(el.data.filter(t => t.visible !== false && t.legendgroup !== 'key').map(t => t.legendgroup))]"
    before = page.evaluate(groups, gd.element_handle())
    menu = page.locator(".thaw-chart-menu select").first
    menu.focus()
    page.keyboard.press("ArrowDown")  # the first category
    page.wait_for_timeout(300)
    after = page.evaluate(groups, gd.element_handle())
    assert len(before) > 1 and len(after) == 1, (before, after)
    assert report.console_errors == []


def test_keyboard_alone_reaches_every_control(open_page, interactive):
    """Tab from the top of the page: every radio group, menu and button of the course's components gets focus."""
    for path in sorted(interactive):
        page, _ = open_page(path)
        draw_all_charts(page)
        controls = page.evaluate("""() => { const groups = new Set();
            // the controls a reader can see (a control not drawn at this width, e.g. the phone-only Details
            // button of the verdict balance, is rightly out of the Tab order)
            [...document.querySelectorAll('.thaw-rt input, .thaw-verdict input, .thaw-chart-menu select, .thaw-verdict button, .thaw-quiz input')]
              .filter(e => e.getClientRects().length || e.type === 'radio').forEach(e => groups.add(e.type === 'radio' ? 'radio:' + e.name : e.tagName + ':' + [...e.parentNode.parentNode.children].indexOf(e.parentNode)));
            return [...groups]; }""")
        page.evaluate("""() => { window.thawFocused = new Set(); document.addEventListener('focusin', () => {
            const e = document.activeElement;
            if (!e || !e.closest('.thaw-rt, .thaw-verdict, .thaw-chart-menu, .thaw-quiz')) return;
            window.thawFocused.add(e.type === 'radio' ? 'radio:' + e.name
              : e.tagName + ':' + [...e.parentNode.parentNode.children].indexOf(e.parentNode)); }); }""")
        page.locator("body").focus()
        reached: set = set()
        for _ in range((len(controls) * 3 + 600) // 50):
            for _ in range(50):
                page.keyboard.press("Tab")
            reached = set(page.evaluate("[...window.thawFocused]"))
            if reached >= set(controls):
                break
        assert set(controls) <= reached, f"{path}: never reached by Tab: {sorted(set(controls) - reached)[:5]}"


def test_verdict_builder_weighs_by_keyboard_and_keeps_the_balance_in_view(open_page):
    page, report = open_page("book/conclusion/verdict.html", viewport=PORTRAIT, touch=True)
    form = page.locator("form.thaw-verdict")
    totals = "[...document.querySelectorAll('.thaw-vb-total')].map(e => Number(e.textContent))"
    start = page.evaluate(totals)
    args = form.locator(".thaw-vb-arg")
    n = args.count()
    assert n >= 8 and sum(start) == n  # every argument starts at minor (1)
    # keyboard: focus the first argument's "minor" and move to "important", then "decisive"
    args.first.locator("input[value='1']").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(totals)[0] == start[0] + 2
    # a yardstick, by touch (the first choice is "no yardstick yet")
    form.locator(".thaw-vb-yardstick label").nth(1).tap()
    outline = form.locator(".thaw-vb-outline").input_value()
    assert "decisive" in outline and "Yardstick: Against" in outline and "count double" in outline
    assert "correct" not in outline.lower()
    # the balance stays on screen while the reader weighs an argument in the middle of the list
    middle = args.nth(n // 2)
    middle.scroll_into_view_if_needed()
    middle.locator("input[value='0']").tap()
    box = form.locator(".thaw-vb-balance").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PORTRAIT["height"], box
    assert page.evaluate(SIDEWAYS) <= 0
    assert report.console_errors == [] and report.page_errors == []


def test_verdict_builder_outline_in_the_page_is_the_notebooks_outline(open_page):
    """thaw.js writes the outline in the book; thaw.widgets.outline() in the notebook. The two must not drift."""
    import thaw

    page, _ = open_page("book/conclusion/verdict.html")
    form = page.locator("form.thaw-verdict")
    outline = form.locator(".thaw-vb-outline")
    vb = thaw.verdict_builder()
    assert outline.input_value() == vb.outline()  # as the page loads, before any choice
    args = form.locator(".thaw-vb-arg")
    ids = [args.nth(i).get_attribute("data-id") for i in range(args.count())]
    choices = {ids[0]: 3, ids[1]: 2, ids[-1]: 0, ids[len(ids) // 2]: 2}
    for aid, weight in choices.items():
        form.locator(f'.thaw-vb-arg[data-id="{aid}"] input[value="{weight}"]').check()
    form.locator('.thaw-vb-yardstick input[value="long"]').check()
    vb.weights.update(choices)
    vb.yardstick = "long"
    assert outline.input_value() == vb.outline()


@pytest.mark.parametrize("path", ["book/q1/origins.html", "book/q2/facts.html", "book/q3/reforms.html",
                                  "book/reference/critical_reading.html"])
def test_quiz_answers_a_click(open_page, path):
    page, _ = open_page(path)
    quiz = page.locator(".thaw-quiz").first
    quiz.scroll_into_view_if_needed()
    q = quiz.locator("fieldset").first
    assert q.locator(".thaw-quiz-fb:visible").count() == 0
    q.locator("label:has(input[data-correct=no])").first.click()
    assert q.locator(".thaw-quiz-fb-no:visible").count() == 1
    q.locator("label:has(input[data-correct=yes])").click()
    visible = q.locator(".thaw-quiz-fb:visible")
    assert visible.count() == 1 and "Right." in visible.inner_text()


_WORD_CHECK = r"""t => {
  const ctx = document.createElement("canvas").getContext("2d");
  return [...t.querySelectorAll("tbody td")].filter(td => td.textContent).map(td => {
    const cs = getComputedStyle(td);
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const widest = Math.max(...td.textContent.split(/\s+/).map(w => ctx.measureText(w).width));
    return {label: td.dataset.label, width: td.clientWidth, widest, before: getComputedStyle(td, "::before").content};
  });
}"""


@pytest.mark.parametrize("width", [360, 768, 1366])
def test_tables_show_each_row_as_a_labelled_card_without_breaking_words(open_page, width):
    page, _ = open_page("book/q3/reforms.html", viewport={"width": width, "height": 900})  # 7 columns, one a paragraph
    table = page.locator("details.thaw-table").first
    table.locator("summary").click()
    box = table.locator(".thaw-table-scroll").bounding_box()
    rows = table.locator("tbody tr")
    visible = sum(1 for i in range(rows.count()) if (r := rows.nth(i).bounding_box()) and r["y"] < box["y"] + box["height"])
    assert visible >= 3, f"only {visible} rows visible in the table box"
    cells = table.evaluate(_WORD_CHECK)
    assert cells, "no cells measured"
    broken = [c for c in cells if c["width"] + 1 < c["widest"]]
    assert not broken, f"cells narrower than their longest word (words broken mid-letter): {broken[:3]}"
    unlabelled = [c for c in cells if c["label"] not in c["before"]]
    assert not unlabelled, f"cells shown without their column's label: {unlabelled[:3]}"
