#!/usr/bin/env python3
"""Fetch the browser code the book serves itself into _vendor/ (idempotent, integrity-checked).

Usage: python scripts/vendor.py [DEST]   (default: _vendor next to this script's parent)
Needs npm (only to download the pinned tarballs; nothing is installed)."""
from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC = json.loads((HERE / "vendor.json").read_text())
# V8's explicit compile hint (Chromium 136+; other engines read a comment): compile every function of the file eagerly,
# on a background thread while it downloads. It must be the file's first line.
EAGER = b"//# allFunctionsCalledOnLoad\n"


def integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def main(dest: Path) -> int:
    stamp = dest / ".vendor.json"
    if stamp.is_file() and stamp.read_text() == json.dumps(SPEC, sort_keys=True):
        return 0
    if shutil.which("npm") is None:
        sys.exit("scripts/vendor.py: npm is needed to fetch the book's JavaScript (apt-get install npm)")
    shutil.rmtree(dest, ignore_errors=True)  # nothing from an older spec stays behind to be served
    dest.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        for spec, info in SPEC["packages"].items():
            out = subprocess.run(["npm", "pack", "--silent", "--pack-destination", tmp, spec],
                                 check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
            tgz = Path(tmp) / out
            got = integrity(tgz)
            if got != info["integrity"]:
                sys.exit(f"scripts/vendor.py: {spec} integrity mismatch: expected {info['integrity']}, got {got}")
            with tarfile.open(tgz) as tar:
                for member in tar.getmembers():
                    target = info["files"].get(member.name)
                    if target is None and any(fnmatch.fnmatch(member.name, g) for g in info.get("globs", {})):
                        target = Path(member.name).name
                    if target:
                        blob = tar.extractfile(member).read()
                        if target in info.get("eager", ()):
                            blob = EAGER + blob
                        (dest / target).write_bytes(blob)
            print(f"vendored {spec}")
    stamp.write_text(json.dumps(SPEC, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "_vendor"))
