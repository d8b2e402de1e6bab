"""The code passes the linter with the settings in pyproject.toml (what `make lint` runs), so `make test` and
`make test-fast` catch an unused import or a shadowed name before review does."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_passes():
    ruff = Path(sys.executable).parent / "ruff"
    assert ruff.is_file(), "ruff is missing: it is in requirements-dev.txt (make env)"
    proc = subprocess.run([str(ruff), "check", "--no-cache", "thaw", "tests", "scripts"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
