"""Answers in the static book, as a student uses them in headless Chromium (served on loopback, every other request
blocked): the verdict builder weighs by yardstick and keeps the student's own arguments; on a chapter page a quiz
answer and a written answer survive a reload, are in the downloaded file, and are gone after "Clear my answers"."""
from __future__ import annotations

import html

import pytest

from support import watch

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1366, "height": 900}
TOTALS = "[...document.querySelectorAll('.thaw-vb-total')].map(e => Number(e.textContent))"


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    yield ctx
    ctx.close()


def _open(context, site, path):
    page = context.new_page()
    report = watch(page, site)
    page.goto(site + path, wait_until="load")
    page.wait_for_function("window.thawAnswers !== undefined && document.querySelector('.thaw-answers')")
    return page, report


def _download(page) -> str:
    with page.expect_download() as info:
        page.locator(".thaw-answers-download").click()
    return open(info.value.path(), encoding="utf-8").read()


def _axe_clean(page, report) -> None:
    """No axe violations. Axe fetches the stylesheets itself and resolves the theme's @import against the page, not
    the stylesheet (a 404 of its own): what it requests is not the page's doing, so it is not kept in the report."""
    from axe_playwright_python.sync_playwright import Axe

    assert report.console_errors == [] and report.failed == [], (report.console_errors, report.failed)
    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()
    page.wait_for_timeout(200)
    report.console_errors.clear()
    report.failed.clear()


def test_verdict_totals_follow_each_yardstick_as_the_notebook_does(context, site):
    import thaw

    page, report = _open(context, site, "book/conclusion/verdict.html")
    form = page.locator("form.thaw-verdict")
    vb = thaw.verdict_builder()
    start = page.evaluate(TOTALS)
    assert start == list(vb.totals().values())
    radios = form.locator(".thaw-vb-yardstick input[type=radio]")
    yard = thaw.yardsticks.load()
    assert radios.count() == len(yard) + 1
    seen = []
    for row in yard.itertuples():
        form.locator(f'.thaw-vb-yardstick input[value="{row.id}"]').check()
        vb._yard.value = row.id
        totals = page.evaluate(TOTALS)
        assert totals == list(vb.totals().values()), row.id
        assert sum(totals) == sum(start) + len(thaw.yardsticks.doubled(row))  # the named arguments count twice
        assert form.locator(".thaw-vb-x2:visible").count() == len(thaw.yardsticks.doubled(row))
        assert form.locator(".thaw-vb-outline").input_value() == vb.outline()
        seen.append(tuple(totals))
    assert any(t != tuple(start) for t in seen)
    # a doubled argument weighed decisive adds twice as much as an undoubled one
    row = next(yard.tail(1).itertuples())  # the yardstick still chosen
    aid = sorted(thaw.yardsticks.doubled(row))[0]
    before = sum(page.evaluate(TOTALS))
    form.locator(f'.thaw-vb-arg[data-id="{aid}"] input[value="3"]').check()
    assert sum(page.evaluate(TOTALS)) == before + 4, row.id
    assert report.console_errors == [] and report.page_errors == [], (report.failed, report.console_errors)


def test_own_argument_is_kept_across_a_reload_and_exported(context, site):
    import thaw

    page, report = _open(context, site, "book/conclusion/verdict.html")
    form = page.locator("form.thaw-verdict")
    start = page.evaluate(TOTALS)
    claim = "The 1961 Programme promised communism by 1980, which no one could deliver"
    form.locator(".thaw-vb-own-claim").fill(claim)
    form.locator(".thaw-vb-own-side").select_option("failed_reformer")
    form.locator(".thaw-vb-own-weight").select_option("3")
    form.locator(".thaw-vb-own-add").click()
    form.locator('.thaw-vb-yardstick input[value="promises"]').check()
    after = page.evaluate(TOTALS)
    assert after[1] > start[1] + 3
    assert form.locator(".thaw-vb-own-list li").count() == 1
    _axe_clean(page, report)

    page.reload(wait_until="load")
    page.wait_for_function("document.querySelector('.thaw-answers')")
    form = page.locator("form.thaw-verdict")
    assert page.evaluate(TOTALS) == after
    assert form.locator('.thaw-vb-yardstick input[value="promises"]').is_checked()
    assert claim in form.locator(".thaw-vb-own-list").inner_text()
    outline = form.locator(".thaw-vb-outline").input_value()
    # the notebook's builder, given the same choices, writes the same outline
    vb = thaw.verdict_builder()
    vb.restore({"yardstick": "promises", "weights": {}, "own": [{"claim": claim, "side": "failed_reformer", "weight": 3}]})
    assert outline == vb.outline()

    page.locator(".thaw-answers-name").fill("Ada Student")
    text = _download(page)
    assert "Ada Student" in text and claim in text and "MY VERDICT: OUTLINE" in text
    assert thaw.yardsticks.text(next(thaw.yardsticks.load().query("id == 'promises'").itertuples())) in text
    form.locator(".thaw-vb-own-remove").click()
    assert form.locator(".thaw-vb-own-list li").count() == 0
    assert report.console_errors == [] and report.page_errors == [], (report.failed, report.console_errors)


def test_chapter_answers_survive_a_reload_are_downloaded_and_cleared(context, site):
    page, report = _open(context, site, "book/q1/origins.html")
    quiz = page.locator(".thaw-quiz fieldset").first
    choice = quiz.locator("label:has(input[data-correct=no])").first
    choice_text = choice.inner_text().strip()
    choice.click()
    box = page.locator("textarea[data-thaw-answer='q1-own-words']")
    prompt = page.locator("label[for='thaw-answer-q1-own-words']").inner_text().strip()
    written = "The Presidium decided on 9 February 1956; Khrushchev pressed hardest."
    box.fill(written)
    page.locator(".thaw-answers-name").fill("Ada Student")

    page.reload(wait_until="load")
    page.wait_for_function("document.querySelector('.thaw-answers')")
    quiz = page.locator(".thaw-quiz fieldset").first
    assert quiz.locator("input:checked").count() == 1
    assert quiz.locator(".thaw-quiz-fb:visible").count() == 1  # its feedback shows again
    assert box.input_value() == written
    assert page.locator(".thaw-answers-name").input_value() == "Ada Student"
    _axe_clean(page, report)

    text = _download(page)
    question = quiz.locator("legend").inner_text().strip()
    shown = [html.escape(s, quote=False).replace('"', "&quot;") for s in [question, prompt]]
    for expected in ["Ada Student", "Date: 20", written, choice_text, *shown]:
        assert expected in text, expected
    assert text.index(shown[0]) < text.index(shown[1])  # in page order

    page.once("dialog", lambda d: d.accept())
    page.locator(".thaw-answers-clear").click()
    assert box.input_value() == "" and quiz.locator("input:checked").count() == 0
    page.reload(wait_until="load")
    page.wait_for_function("document.querySelector('.thaw-answers')")
    assert page.locator("textarea[data-thaw-answer='q1-own-words']").input_value() == ""
    assert page.locator(".thaw-quiz fieldset").first.locator("input:checked").count() == 0
    assert report.console_errors == [] and report.page_errors == [] and report.outside == []


def test_clear_asks_first_and_keeps_answers_when_dismissed(context, site):
    page, _ = _open(context, site, "book/q2/facts.html")
    box = page.locator("textarea[data-thaw-answer='q2-own-words']")
    box.fill("Mostly founded.")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator(".thaw-answers-clear").click()
    assert asked and "cannot be undone" in asked[0]
    assert box.input_value() == "Mostly founded."


def test_checklist_ticks_are_kept_and_exported(context, site):
    page, report = _open(context, site, "exercises/ex3_judging_the_reforms.html")  # a checklist, no answer box yet
    assert page.locator("input.task-list-item-checkbox").count() >= 5
    page, report = _open(context, site, "book/teaching/rubric.html")
    boxes = page.locator("input.task-list-item-checkbox")
    assert boxes.count() >= 5
    boxes.nth(1).check()
    page.locator("textarea[data-thaw-answer='rubric-self-assessment']").fill("Level 3 on evidence.")
    page.reload(wait_until="load")
    page.wait_for_function("document.querySelector('.thaw-answers')")
    assert page.locator("input.task-list-item-checkbox").nth(1).is_checked()
    assert not page.locator("input.task-list-item-checkbox").nth(0).is_checked()
    text = _download(page)
    assert "Ticked" in text and "Not ticked" in text and "Level 3 on evidence." in text
    assert report.console_errors == [] and report.page_errors == [], (report.failed, report.console_errors)


def test_answers_script_only_where_needed(built_book):
    out = built_book["html"]
    assert "answers.js" in (out / "book" / "q1" / "origins.html").read_text(encoding="utf-8")
    assert "verdict.js" in (out / "book" / "conclusion" / "verdict.html").read_text(encoding="utf-8")
    for page in ["book/reference/glossary.html", "book/reference/bibliography.html"]:
        text = (out / page).read_text(encoding="utf-8")
        assert "answers.js" not in text and "verdict.js" not in text, page
    assert "verdict.js" not in (out / "book" / "q1" / "origins.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["book/q1/origins.html", "book/conclusion/verdict.html", "book/teaching/rubric.html"])
def test_answer_fields_and_panel_are_legible_in_dark_mode(browser, site, path):
    """Answer boxes, the verdict builder's yardsticks and own arguments, and the "Your answers" panel, filled in, in
    the dark theme: axe's contrast check passes."""
    from axe_playwright_python.sync_playwright import Axe

    ctx = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    ctx.add_init_script("localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');")
    try:
        page, report = _open(ctx, site, path)
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        for box in page.locator("textarea[data-thaw-answer]").all():
            box.fill("An answer.")
        if page.locator("form.thaw-verdict").count():
            page.locator(".thaw-vb-own-claim").fill("An argument of my own")
            page.locator(".thaw-vb-own-add").click()
            page.locator('.thaw-vb-yardstick input[value="before"]').check()
        results = Axe().run(page, options={"runOnly": ["color-contrast"]})
        assert results.response["violations"] == [], results.generate_report()
    finally:
        ctx.close()
