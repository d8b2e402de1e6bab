"""The same chapter live in JupyterLab, as a Binder user gets it: a JupyterLab server from the Binder-like
environment (requirements.txt + Binder's base), the notebook run top to bottom in Chromium, the plotly chart drawn
by JupyterLab's own plotly renderer (keeping its height through legend and menu clicks), the reading toggle switching the
panel, and the MyST markup of the text rendered by jupyterlab-myst. The notebook is the reader copy Binder's
postBuild makes (thaw.reader): citations show as the book shows them. (Every notebook's reader copy is checked without
a browser in tests/test_reader.py.)"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from support import binder_env

pytestmark = [pytest.mark.browser, pytest.mark.notebooks]
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    py = binder_env()
    port = _free_port()
    home = tmp_path_factory.mktemp("labhome")
    # JupyterLab autosaves what it runs: work on a copy, so the repository's notebooks keep no outputs. The copy is
    # made as Binder makes it: the repository's notebooks and pages, then its postBuild (the reader copies)
    work = tmp_path_factory.mktemp("labroot")
    for folder in ("book", "exercises", "data"):
        shutil.copytree(ROOT / folder, work / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "IPYTHONDIR")}
    env.update(THAW_ROOT=str(ROOT), HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"), JUPYTER_RUNTIME_DIR=str(home / "rt"),
               PATH=f"{py.parent}{os.pathsep}{env.get('PATH', '')}")
    postbuild = (ROOT / "postBuild").read_text(encoding="utf-8")
    command = re.search(r"^python -m thaw\.reader .*$", postbuild, re.M).group(0).split()
    subprocess.run([str(py), *command[1:]], cwd=work, env={**env, "THAW_ROOT": str(work)}, check=True,
                   stdout=subprocess.DEVNULL)
    proc = subprocess.Popen(
        [str(py.parent / "jupyter-lab"), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={work}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=", "--ServerApp.open_browser=False",
         "--allow-root"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "api/status", timeout=1)
            break
        except Exception:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start")
    yield base, work
    proc.terminate()
    proc.wait(timeout=20)


KERNEL_IDLE = ("() => { const w = window.jupyterapp.shell.currentWidget;"
               " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
               " return !!k && k.status === 'idle'; }")
PLOT_HEIGHT = "() => Math.round(document.querySelector('.jp-RenderedPlotly').getBoundingClientRect().height)"


def test_chapter_runs_live_in_jupyterlab_with_chart_toggle_and_myst(lab, browser):
    lab, _ = lab
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = ctx.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(lab) else r.abort())
        page.goto(lab + "lab/tree/book/q3/reforms.ipynb")
        page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", timeout=90000)
        page.wait_for_function(KERNEL_IDLE, timeout=90000)  # the kernel has started and is ready
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        radios = page.locator(".jp-OutputArea-output .thaw-toggle input[type=radio]")
        radios.first.wait_for(timeout=120000)
        assert radios.count() == 3
        page.locator(".jp-RenderedPlotly .main-svg").first.wait_for(timeout=120000)  # plotly's own JupyterLab renderer
        page.wait_for_function(KERNEL_IDLE, timeout=120000)  # every cell has run

        # the reading toggle (the live widget, jslink'd)
        visible = ".jp-OutputArea-output .thaw-reading:visible"
        assert page.locator(visible).first.get_attribute("data-position") == "reformer"
        page.locator(".jp-OutputArea-output .thaw-toggle .widget-radio-box label").nth(1).click()
        page.wait_for_function(
            "[...document.querySelectorAll('.jp-OutputArea-output .thaw-reading')].some("
            "e => e.dataset.position === 'failed_reformer' && e.offsetParent !== null)", timeout=20000)

        # the chart keeps its height when the reader clicks its legend and its "Show" menu, as the text asks
        plot = page.locator(".jp-RenderedPlotly").first
        plot.scroll_into_view_if_needed()
        height = page.evaluate(PLOT_HEIGHT)
        assert height > 250, height
        plot.locator("g.legend .traces").first.click()
        page.wait_for_timeout(800)
        assert abs(page.evaluate(PLOT_HEIGHT) - height) <= 2, "the plot changed height after a legend click"
        assert plot.locator(".scatterlayer .trace").count() >= 1
        plot.locator(".updatemenu-header").first.click()
        plot.locator(".updatemenu-dropdown-button").nth(1).click()
        page.wait_for_timeout(800)
        assert abs(page.evaluate(PLOT_HEIGHT) - height) <= 2, "the plot changed height after choosing from its menu"
        shown = page.evaluate("() => document.querySelector('.jp-RenderedPlotly').data"
                              ".filter(t => t.visible !== false && t.legendgroup !== 'key').length")
        assert shown == 2, shown  # one category: its markers and its spans

        # MyST markup renders (jupyterlab-myst): an admonition as a box with its title, a glossary term as its text,
        # a citation as the book shows it ("(Tompson 1995)"), not its key or role syntax
        markdown = page.locator(".jp-MarkdownCell .myst")
        text = " ".join(markdown.all_inner_texts())
        assert "{cite:p}" not in text and "{term}" not in text and "```{admonition}" not in text
        assert "(Tompson 1995)" in text and "tompson1995" not in text
        assert "Translation slip" in text and "revisionism" in text
        box = page.locator(".jp-MarkdownCell aside.myst-admonition").filter(has_text="Translation slip")
        assert box.count() >= 1
        assert page.locator(".jp-OutputArea-output .jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    finally:
        ctx.close()

