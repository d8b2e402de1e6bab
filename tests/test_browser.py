"""What readers see: every built page in headless Chromium, served on loopback with every other request blocked.
No console errors, no failed or outside requests, every chart drawn, toggles, filters, sliders and quizzes
answering clicks and keys, and no axe-core accessibility violations."""
from __future__ import annotations

import pytest

from browser import draw_all_charts, serve, watch
from test_build import toc_files

pytestmark = pytest.mark.browser
# every page of the table of contents, plus the pages Sphinx adds (index redirect, general index, search)
PAGES = [f + ".html" for f in toc_files()] + ["index.html", "genindex.html", "search.html"]


@pytest.fixture(scope="session")
def site(built_book):
    assert built_book["returncode"] == 0, built_book["log"][-3000:]
    with serve(built_book["html"]) as base:
        yield base


@pytest.fixture()
def open_page(browser, site):
    contexts = []

    def _open(path: str, **kw):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, **kw)
        contexts.append(ctx)
        page = ctx.new_page()
        report = watch(page, site)
        page.goto(site + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, report

    yield _open
    for c in contexts:
        c.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_offline_and_draws_every_chart(open_page, path):
    page, report = open_page(path)
    charts = draw_all_charts(page)
    page.wait_for_timeout(300)
    assert report.outside == [], "outside requests"
    assert report.failed == [], "failed requests"
    assert report.page_errors == [], "page errors"
    assert report.console_errors == [], "console errors"
    assert charts["errors"] == [] and charts["drawn"] == charts["total"]
    # each drawn chart really has plotted marks, and a text alternative
    for i in range(charts["total"]):
        holder = page.locator("div.thaw-chart").nth(i)
        assert holder.locator(".main-svg").count() >= 1
        assert holder.locator("g.trace, g.barlayer .point, .scatterlayer .point").count() >= 1
        assert holder.get_attribute("aria-label")
    widgets = page.locator(".thaw-reading-toggle")
    for i in range(widgets.count()):
        assert widgets.nth(i).is_visible()
    # the theme's icons are drawn by its webfont (its FontAwesome script is not loaded)
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")
    assert page.locator(".fa-solid, .fas, .fa-brands, .fab").count() > 0


TOGGLE_PAGES = {"book/q1/origins.html": "q1", "book/q2/facts.html": "q2", "book/q3/reforms.html": "q3"}


def _visible_reading(page, box):
    return box.locator(".thaw-reading:visible").first.get_attribute("data-position")


@pytest.mark.parametrize("path", list(TOGGLE_PAGES))
def test_toggle_switches_reading_by_click_and_by_keyboard(open_page, path):
    import thaw

    q = TOGGLE_PAGES[path]
    positions = list(thaw.load("positions").query("question == @q").sort_values("order")["position"])
    page, report = open_page(path)
    box = page.locator(f".thaw-reading-toggle-{q}")
    box.wait_for(state="visible")
    radios = box.locator("input[type=radio]")
    assert radios.count() == len(positions)
    assert _visible_reading(page, box) == positions[0]
    assert box.locator(".thaw-reading:visible").count() == 1
    # click the second reading
    box.locator("label", has_text=thaw.load("positions").query("question == @q and position == @positions[1]")["label"].iloc[0]).click()
    page.wait_for_function(f"document.querySelector('.thaw-reading-toggle-{q} .thaw-reading[data-position=\"{positions[1]}\"]').offsetParent !== null")
    assert _visible_reading(page, box) == positions[1]
    # keyboard: arrow keys move the radio selection, and the panel follows
    radios.nth(1).focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"document.querySelector('.thaw-reading-toggle-{q} .thaw-reading[data-position=\"{positions[0]}\"]').offsetParent !== null")
    assert _visible_reading(page, box) == positions[0]
    assert report.console_errors == [] and report.page_errors == []


def test_timeline_filter_buttons_hide_other_categories(open_page):
    page, report = open_page("book/q3/reforms.html")
    draw_all_charts(page)
    gd = page.locator("div.thaw-chart").first
    gd.scroll_into_view_if_needed()
    before = page.evaluate("(el) => el.data.filter(t => t.visible !== false).length", gd.element_handle())
    gd.locator(".updatemenu-header").first.click()  # open the "Show" menu
    gd.locator(".updatemenu-dropdown-button").nth(1).click()  # the first category
    page.wait_for_timeout(400)
    after = page.evaluate("(el) => el.data.filter(t => t.visible !== false && t.visible !== 'legendonly' && t.legendgroup !== 'key').map(t => t.legendgroup)", gd.element_handle())
    assert len(set(after)) == 1 and len(after) < before
    assert report.console_errors == []


def test_verdict_builder_slider_changes_the_balance(open_page):
    page, report = open_page("book/conclusion/verdict.html")
    draw_all_charts(page)
    gd = page.locator("div.thaw-chart").first
    gd.scroll_into_view_if_needed()
    weights = "(el) => [el.data[0].x[0], el.data[el.data.length / 2].x[0], el.data[1].x[0]]"
    assert page.evaluate(weights, gd.element_handle()) == [1, 1, 1]
    rail = gd.locator("rect.slider-rail-touch-rect").first  # the first argument's slider
    rail.scroll_into_view_if_needed()
    box = rail.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] / 2)  # "decisive"
    page.wait_for_timeout(400)
    # that argument's segment grows to 3 in both balance bars; the others stay put
    assert page.evaluate(weights, gd.element_handle()) == [3, 3, 1]
    assert report.console_errors == [] and report.page_errors == []


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


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(open_page, path):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = open_page(path)
    draw_all_charts(page)
    results = Axe().run(page)
    violations = results.response["violations"]
    assert violations == [], results.generate_report()
