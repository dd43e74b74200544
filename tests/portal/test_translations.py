"""Every user-facing string has its English translation (Vietnamese is the source language)."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(p for p in ROOT.glob("*/locale/en/LC_MESSAGES/django.po")) + sorted(
    ROOT.glob("site/locale/en/LC_MESSAGES/django.po")
)


def test_catalogues_exist():
    assert len(CATALOGUES) >= 7


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"


def test_every_catalogue_is_compiled():
    """``compiletranslations`` (run by both set-up scripts) compiles every app's catalogue."""
    from django.core.management import call_command

    call_command("compiletranslations", verbosity=0)
    every = sorted(ROOT.glob("*/locale/*/LC_MESSAGES/*.po"))
    assert any("progress" in str(p) for p in every)
    missing = [str(p.relative_to(ROOT)) for p in every if not p.with_suffix(".mo").exists()]
    assert not missing
