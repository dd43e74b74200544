"""Folding text for search that ignores Vietnamese diacritics ("dang nhap" finds "đăng nhập").

Wagtail's database search backend compares accented letters as they are, so course pages keep a
denormalised ``search_text``: title and body folded to lower-case ASCII, with a space before every
word so a query word can be matched at the start of a word on SQLite and PostgreSQL alike.
"""

import re

from unidecode import unidecode

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: "Đăng nhập!" -> "dang nhap"."""
    return _NOT_WORD.sub(" ", unidecode(text or "").lower()).strip()


def fold_for_index(*parts: str) -> str:
    """The stored form: folded words with a leading and a trailing space (" dang nhap ")."""
    folded = fold(" ".join(part for part in parts if part))
    return f" {folded} " if folded else ""


def query_words(query: str) -> list[str]:
    """The distinct folded words of a query, each to be found at the start of a word."""
    return list(dict.fromkeys(fold(query).split()))
