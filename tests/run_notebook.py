"""Run one notebook in THIS interpreter's environment (the fresh "as Binder would" one) and print a JSON summary.
Usage: python run_notebook.py NOTEBOOK"""
import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

path = Path(sys.argv[1]).resolve()
nb = nbformat.read(path, as_version=4)
summary = {"path": str(path), "error": None, "errors": [], "feedback": [], "widgets": 0, "plotly": 0}
try:
    NotebookClient(nb, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(path.parent)}}).execute()
except CellExecutionError as exc:
    summary["error"] = str(exc)[-2000:]
for cell in nb.cells:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            summary["errors"].append(f"{out.get('ename')}: {out.get('evalue')}")
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            summary["errors"].append("stderr: " + out.get("text", "")[:300])
        data = out.get("data", {})
        html = data.get("text/html", "")
        if "thaw-feedback" in html:
            status = html.split("thaw-feedback-", 1)[1].split('"', 1)[0]
            summary["feedback"].append(status)
            task = html.split('data-task="', 1)[1].split('"', 1)[0] if 'data-task="' in html else None
            summary.setdefault("boxes", []).append([task, status])
        if "application/vnd.jupyter.widget-view+json" in data:
            summary["widgets"] += 1
        if "application/vnd.plotly.v1+json" in data:
            summary["plotly"] += 1
print(json.dumps(summary))
