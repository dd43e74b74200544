"""Vietnamese alphabetical order: the one ordering of every list of names (communes, provinces,
officials, trainers, courses).

The Vietnamese alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y: "Ă", "Â",
"Đ", "Ê", "Ô", "Ơ" and "Ư" are letters of their own (so "Đông" comes after every "D…" word, and
"Nếnh" before "Ninh Xá"), while the tones only decide between words that are otherwise the same
(no tone, huyền, hỏi, ngã, sắc, nặng), and then lower case before upper case. This is CLDR's
Vietnamese collation, the Unicode Collation Algorithm with its Vietnamese tailoring.

- On PostgreSQL the database sorts, with ICU's Vietnamese collation ``vi_icu``, created by this app's
  migration ``0001_vi_collation``.
- On SQLite, a collation of the same name is registered on every connection (``CoreConfig.ready``),
  which compares :func:`vi_sort_key`, a multi-level UCA key with the same tailoring written here
  (checked against ICU by ``tests/core/test_collation.py`` on PostgreSQL).

So every query orders names the same way on both: ``queryset.order_by(*by_name("province__name",
"name"))``, and names already in Python are sorted with ``vi_sorted(items, key=...)``.
"""

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from django.db.models import F, OrderBy
from django.db.models.functions import Collate

VI_COLLATION = "vi_icu"

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Spaces, then punctuation and symbols (those of Latin-1, general punctuation and currencies, in
# ICU's order, read from PostgreSQL), then digits, then letters.
_PUNCTUATION = (
    "‾_‗-‐‑‒–—―⁓,;⁏:!‼⁉¡?⁈⁇¿‽.․‥…·⁕⁖⁘⁙⁚⁛⁜⁝⁞'‘’‚‛‹›\"“”„‟«»()[]{}⁅⁆"
    "‖§¶⁋@*⁎⁑/\\&⁊#%‰‱†‡•‣‧⁃⁌⁍′″‴⁗‵‶‷‸※‿⁔⁀⁐⁁⁂`´^¯¨¸°©®+±÷×<=>¬|¦~⁒"
    "⁄¤¢$£¥₠₡₢₣₤₥₦₧₩₪₫€₭₮₯₰₱₲₳₴₵₶₷₸₹₺₻₼₽₾₿⃀₨"
)
# Primary weights by group; a character of no group above sorts by its code point within its group.
_SPACE, _SYMBOL, _OTHER_SYMBOL, _DIGIT, _LETTER, _OTHER = 1, 10, 1_000, 2_000_000, 3_000_000, 4_000_000
_PRIMARY = {letter: _LETTER + rank for rank, letter in enumerate(_ALPHABET)}
_PRIMARY |= {mark: _SYMBOL + rank for rank, mark in enumerate(_PUNCTUATION)}
# Marks that make a letter of the alphabet (ă â ê ô ơ ư) and the five tones, in dictionary order.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER_MARK = 100

T = TypeVar("T")


@lru_cache(maxsize=65536)
def vi_sort_key(text: str) -> tuple:
    """A key that sorts strings in Vietnamese alphabetical order: the letters first (primary), then
    the tones and other accents (secondary), then upper/lower case (tertiary); equal ones by code
    point, as PostgreSQL does for a deterministic collation."""
    primary, secondary, tertiary = [], [], []
    for base, marks in _elements(unicodedata.normalize("NFD", text or "")):
        lower = base.lower()
        letter = unicodedata.normalize("NFC", lower + "".join(m for m in marks if m in _LETTER_MARKS))
        if letter in _PRIMARY and len(letter) == 1:
            accents = [m for m in marks if m not in _LETTER_MARKS]
        else:
            letter, accents = lower, marks
        primary.append(_primary(letter))
        secondary.append(0)
        secondary.extend(_TONES.get(mark, _OTHER_MARK + ord(mark)) for mark in accents)
        tertiary.append(1 if base != lower else 0)
    return tuple(primary), tuple(secondary), tuple(tertiary), text or ""


def _elements(text: str) -> Iterable[tuple[str, list[str]]]:
    """Each base character with the combining marks that follow it."""
    base, marks = None, []
    for char in text:
        if unicodedata.combining(char):
            if base is not None:
                marks.append(char)
            continue
        if base is not None:
            yield base, marks
        base, marks = char, []
    if base is not None:
        yield base, marks


def _primary(char: str) -> int:
    if char in _PRIMARY:
        return _PRIMARY[char]
    if char.isspace():
        return _SPACE
    if char.isdigit():
        return _DIGIT + unicodedata.digit(char, 0)
    if not char.isalnum():
        return _OTHER_SYMBOL + ord(char)
    return _OTHER + ord(char)


def vi_compare(left: str, right: str) -> int:
    """-1, 0 or 1: the SQLite collation's comparison."""
    a, b = vi_sort_key(left), vi_sort_key(right)
    return (a > b) - (a < b)


def vi_sorted(items: Iterable[T], key: Callable[[T], str] = str, *, reverse: bool = False) -> list[T]:
    """Items sorted by a name in Vietnamese order."""
    return sorted(items, key=lambda item: vi_sort_key(key(item) or ""), reverse=reverse)


def by_name(*fields: str) -> list[OrderBy]:
    """``order_by`` terms sorting these text fields in Vietnamese order (``-name`` for descending)."""
    terms = []
    for name in fields:
        expression = Collate(F(name.lstrip("-")), VI_COLLATION)
        terms.append(expression.desc() if name.startswith("-") else expression.asc())
    return terms


def sqlite_collation_install(connection) -> None:
    """Register the Vietnamese collation on a new SQLite connection (PostgreSQL has ICU's)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VI_COLLATION, vi_compare)
