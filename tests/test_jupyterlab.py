"""The same chapter live in JupyterLab, as a Binder user gets it: a JupyterLab server from the Binder-like
environment (requirements.txt + Binder's base), the notebook run top to bottom in Chromium, the plotly chart drawn
by JupyterLab's own plotly renderer and the reading toggle switching the panel."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from binder_env import binder_env

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
    # JupyterLab autosaves what it runs: work on a copy, so the repository's notebooks keep no outputs
    work = tmp_path_factory.mktemp("labroot")
    (work / "reforms.ipynb").write_bytes((ROOT / "book" / "q3" / "reforms.ipynb").read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "IPYTHONDIR")}
    env.update(THAW_ROOT=str(ROOT), HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"), JUPYTER_RUNTIME_DIR=str(home / "rt"),
               PATH=f"{py.parent}{os.pathsep}{env.get('PATH', '')}")
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
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def test_chapter_runs_live_in_jupyterlab_with_chart_and_toggle(lab, browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = ctx.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(lab) else r.abort())
        page.goto(lab + "lab/tree/reforms.ipynb")
        page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", timeout=90000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle'], .jp-Toolbar-kernelStatus",
                               timeout=90000)
        page.wait_for_timeout(2000)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        radios = page.locator(".jp-OutputArea-output .thaw-toggle input[type=radio]")
        radios.first.wait_for(timeout=120000)
        assert radios.count() == 3
        page.locator(".jp-RenderedPlotly .main-svg").first.wait_for(timeout=120000)  # plotly's own JupyterLab renderer
        visible = ".jp-OutputArea-output .thaw-reading:visible"
        assert page.locator(visible).first.get_attribute("data-position") == "reformer"
        page.locator(".jp-OutputArea-output .thaw-toggle .widget-radio-box label").nth(1).click()
        page.wait_for_function(
            "[...document.querySelectorAll('.jp-OutputArea-output .thaw-reading')].some("
            "e => e.dataset.position === 'failed_reformer' && e.offsetParent !== null)", timeout=20000)
        assert page.locator(".jp-OutputArea-output .jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    finally:
        ctx.close()
