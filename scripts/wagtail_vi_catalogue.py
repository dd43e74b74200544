"""Refresh the Vietnamese catalogue of the Wagtail admin (site/locale/vi/LC_MESSAGES/django.po and
djangojs.po) after a Wagtail upgrade.

Wagtail ships Vietnamese for a small part of its admin; the project's catalogue, on LOCALE_PATHS,
holds a translation of every string of the installed Wagtail apps. This script lists the strings of
Wagtail's English catalogues (the msgids its code and templates use), keeps every translation the
project's catalogue already has, adds Wagtail's own Vietnamese for a new string where it has one, and
leaves the rest empty for a translator (tests/portal/test_wagtail_admin_vi.py names them). Strings
Wagtail dropped are dropped; Django's own strings (marked "#: django...") are kept as they are.

    .venv/bin/python scripts/wagtail_vi_catalogue.py
"""

from pathlib import Path

import polib
import wagtail

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "site/locale/vi/LC_MESSAGES"
WAGTAIL = Path(wagtail.__file__).parent
# Keep in step with INSTALLED_APPS (tests/portal/test_wagtail_admin_vi.py reads this list).
APPS = [
    "admin",
    "",
    "images",
    "documents",
    "snippets",
    "users",
    "search",
    "sites",
    "embeds",
    "contrib/forms",
    "contrib/redirects",
    "contrib/settings",
]


def _text(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def refresh(domain: str) -> tuple[int, int]:
    path = OUT / f"{domain}.po"
    current = polib.pofile(str(path)) if path.exists() else polib.POFile()
    kept = {(e.msgctxt, e.msgid): _text(e) for e in current if _text(e) and not e.fuzzy}
    django_entries = [e for e in current if any(o[0].startswith("django") for o in e.occurrences)]
    po = polib.POFile(wrapwidth=0)
    po.header = current.header
    po.metadata = current.metadata or {
        "Language": "vi",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    seen, empty = set(), 0
    for app in APPS:
        base = WAGTAIL / app if app else WAGTAIL
        source = base / f"locale/en/LC_MESSAGES/{domain}.po"
        if not source.exists():
            continue
        theirs = base / f"locale/vi/LC_MESSAGES/{domain}.po"
        wagtail_vi = {}
        if theirs.exists():
            wagtail_vi = {(e.msgctxt, e.msgid): _text(e) for e in polib.pofile(str(theirs)) if not e.fuzzy}
        for english in polib.pofile(str(source)):
            key = (english.msgctxt, english.msgid)
            if english.obsolete or key in seen:
                continue
            seen.add(key)
            text = kept.get(key) or wagtail_vi.get(key) or ""
            entry = polib.POEntry(msgid=english.msgid, msgctxt=english.msgctxt)
            if english.msgid_plural:
                entry.msgid_plural = english.msgid_plural
                entry.msgstr_plural = {0: text}
            else:
                entry.msgstr = text
            entry.occurrences = [(f"wagtail/{app}" if app else "wagtail", "")]
            empty += not text
            po.append(entry)
    for entry in django_entries:
        if (entry.msgctxt, entry.msgid) not in seen:
            po.append(entry)
    po.save(str(path))
    return len(po), empty


if __name__ == "__main__":
    for name in ("django", "djangojs"):
        total, empty = refresh(name)
        print(f"{name}.po: {total} strings, {empty} to translate")
