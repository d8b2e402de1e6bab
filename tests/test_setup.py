"""Set-up says what is missing: before anything, the Makefile checks for Python 3.11+ whose venv module makes an
environment with pip, and stops with one line naming what to install. Run here against simulated Pythons (small
wrapper scripts passed as PY=...), since this machine has a complete one."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = shutil.which("python3") or sys.executable

# Debian's python3 without the python3-venv package: `import venv` works and `-m venv` makes the folder, then fails
# for want of ensurepip, leaving an environment without pip.
NO_ENSUREPIP = f"""#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  shift 2
  "{REAL}" -m venv --without-pip "$@"
  echo "The virtual environment was not created successfully because ensurepip is not available." >&2
  exit 1
fi
exec "{REAL}" "$@"
"""
# A Python that is too old: it answers the version check as Python 3.10 does.
TOO_OLD = """#!/bin/sh
if [ "$1" = "-V" ]; then echo "Python 3.10.12"; exit 0; fi
if [ "$1" = "-c" ]; then exit 1; fi
exit 0
"""


def check(tmp_path: Path, script: str | None) -> subprocess.CompletedProcess:
    """`make check-python` with the given Python, making its environment in tmp_path (not the repository's .venv)."""
    py = REAL
    if script is not None:
        py = tmp_path / "python3"
        py.write_text(script)
        py.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(["make", "-s", "--no-print-directory", "check-python", f"PY={py}", f"VENV={tmp_path / 'venv'}"],
                          cwd=ROOT, capture_output=True, text=True, env=env)


def test_python_without_ensurepip_stops_with_one_line_naming_python3_venv(tmp_path):
    out = check(tmp_path, NO_ENSUREPIP)
    assert out.returncode != 0
    assert out.stdout.strip().splitlines() == [f"make: {tmp_path / 'python3'} -m venv cannot make an environment with "
                                               "pip: sudo apt install python3-venv"]
    assert not (tmp_path / "venv").exists()  # the half-made environment is not left behind for the next run


def test_python_older_than_3_11_stops_with_one_line(tmp_path):
    out = check(tmp_path, TOO_OLD)
    assert out.returncode != 0
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1 and "Python 3.11 or newer" in lines[0] and "Python 3.10.12" in lines[0], lines
    assert not (tmp_path / "venv").exists()


def test_a_complete_python_passes_and_makes_an_environment_with_pip(tmp_path):
    out = check(tmp_path, None)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == ""
    pip = subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-m", "pip", "--version"], capture_output=True)
    assert pip.returncode == 0
