"""The theme templates thaw overrides (thaw/templates/) are copies of pydata-sphinx-theme's, each with one fix. If the
theme changes, a copy silently drops whatever the new version changed: this test fails first and says what to do."""
from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import pydata_sphinx_theme

TEMPLATES = Path(__file__).resolve().parent.parent / "thaw" / "templates"
UPSTREAM = json.loads((TEMPLATES / "upstream.json").read_text())
THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
HOW = ("re-copy {rel} from the installed theme into thaw/templates/{rel}, re-apply the fix its comment describes, "
       "then record the new version and the original file's sha256 in thaw/templates/upstream.json")


def test_theme_version_is_the_one_the_template_copies_were_made_from():
    installed = version(UPSTREAM["theme"])
    assert installed == UPSTREAM["version"], (
        f"{UPSTREAM['theme']} is {installed}, but thaw/templates/ holds copies of {UPSTREAM['version']}'s templates: "
        + "; ".join(HOW.format(rel=rel) for rel in UPSTREAM["files"]))


def test_each_overridden_template_is_unchanged_upstream():
    for rel, digest in UPSTREAM["files"].items():
        original = THEME / rel
        assert original.is_file(), f"the theme no longer has {rel}: remove thaw/templates/{rel} or find its new place"
        assert hashlib.sha256(original.read_bytes()).hexdigest() == digest, (
            f"the theme's {rel} changed: " + HOW.format(rel=rel))
        assert (TEMPLATES / rel).is_file()


EXTEND_HOW = ("thaw/templates/{rel} extends the theme's {orig} and replaces blocks of it: compare those blocks with the "
              "installed theme's, carry over what changed, then record the new sha256 of {orig} in upstream.json")


def test_each_extended_template_is_unchanged_upstream():
    for rel, info in UPSTREAM.get("extended", {}).items():
        original = THEME / info["original"]
        assert original.is_file(), f"the theme no longer has {info['original']}: see thaw/templates/{rel}"
        assert hashlib.sha256(original.read_bytes()).hexdigest() == info["sha256"], (
            f"the theme's {info['original']} changed: " + EXTEND_HOW.format(rel=rel, orig=info["original"]))
        assert '{%- extends "!' in (TEMPLATES / rel).read_text()


def test_every_override_is_recorded():
    copies = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")}
    assert copies == set(UPSTREAM["files"]) | set(UPSTREAM.get("extended", {})), (
        "list every template copy (files) and extension (extended) in thaw/templates/upstream.json")
