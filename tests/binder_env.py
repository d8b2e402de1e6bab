"""A virtual environment made from requirements.txt alone, as Binder's repo2docker does (plus what Binder's base
image brings: JupyterLab, ipykernel, nbclient). Reused while requirements.txt is unchanged. Used by the notebook tests and
by scripts/bench.py (which reports its size)."""
from __future__ import annotations

import hashlib
import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = ROOT / "_build" / "binder-env"
BASE = ["ipykernel==7.4.0", "nbclient==0.11.0", "nbformat==5.11.1", "jupyterlab==4.6.6"]


def _pip(py: Path, *args: str) -> None:
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args], cwd=ROOT, check=True)


def binder_env() -> Path:
    """Create (or reuse) the environment; returns its python."""
    stamp_text = hashlib.sha256((ROOT / "requirements.txt").read_bytes() + " ".join(BASE).encode()).hexdigest()
    py = ENV / "bin" / "python"
    stamp = ENV / ".stamp"
    if not (stamp.is_file() and stamp.read_text() == stamp_text and py.exists()):
        venv.EnvBuilder(clear=True, with_pip=True).create(ENV)
        _pip(py, "-r", "requirements.txt")
        _pip(py, *BASE)
        stamp.write_text(stamp_text)
    return py


def size_bytes(path: Path = ENV) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
