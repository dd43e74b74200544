"""Naming each other's items without importing each other.

Sibling apps (courses, sandbox, quizzes) are independent, yet a course page lists the practices and
quizzes it requires by their titles, and a finished practice says which courses it counts toward.
Each app registers, when it is ready, how to name its own items (``register_items``) and what its
items count toward (``register_uses``); the others ask through ``items`` and ``uses``. An item no app
names is shown by nothing rather than by its code.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemLink:
    """An item of the ledger as a person sees it: its title and where to open it."""

    kind: str
    key: str
    title: str
    url: str


_namers: dict[str, Callable[[list[str]], dict[str, ItemLink]]] = {}
_uses: list[Callable[..., list[ItemLink]]] = []


def register_items(kind: str, namer: Callable[[list[str]], dict[str, ItemLink]]) -> None:
    """``namer(keys)`` returns the existing items of ``kind`` among ``keys``, by key."""
    _namers[kind] = namer


def items(kind: str, keys: Iterable[str]) -> dict[str, ItemLink]:
    """The items of ``kind`` that exist among ``keys``, by key (missing ones are left out)."""
    namer = _namers.get(str(kind))
    keys = [str(key) for key in keys]
    return namer(keys) if namer is not None and keys else {}


def register_uses(finder: Callable[..., list[ItemLink]]) -> None:
    """``finder(official_id=, kind=, key=)`` returns what the item counts toward for that official."""
    if finder not in _uses:
        _uses.append(finder)


def uses(*, official_id: int, kind: str, key: str) -> list[ItemLink]:
    """What completing the item counts toward for this official (their courses that require it)."""
    found: list[ItemLink] = []
    for finder in _uses:
        found.extend(finder(official_id=official_id, kind=str(kind), key=str(key)))
    return found


_required: list[Callable[..., dict[str, list[ItemLink]]]] = []


def register_required(finder: Callable[..., dict[str, list[ItemLink]]]) -> None:
    """``finder(official_id=, kind=)`` returns, by key, what requires each item of ``kind`` of them."""
    if finder not in _required:
        _required.append(finder)


def required(*, official_id: int, kind: str) -> dict[str, list[ItemLink]]:
    """The items of ``kind`` the official's courses require, by key, each with those courses."""
    found: dict[str, list[ItemLink]] = {}
    for finder in _required:
        for key, links in finder(official_id=official_id, kind=str(kind)).items():
            found.setdefault(key, []).extend(links)
    return found


_choices: dict[str, Callable[[], list[tuple[str, str]]]] = {}


def register_choices(kind: str, provider: Callable[[], list[tuple[str, str]]]) -> None:
    """``provider()`` returns the items of ``kind`` a person may pick from, as ``(key, title)`` pairs,
    e.g. the shipped courses (registered by courses from its content files)."""
    _choices[kind] = provider


def choices(kind: str) -> list[tuple[str, str]]:
    """The ``(key, title)`` pairs of ``kind`` to pick from; none when no app names them."""
    provider = _choices.get(str(kind))
    return list(provider()) if provider is not None else []


@dataclass(frozen=True)
class PickItem:
    """An item a person picks from a list (a trainer sending a lesson or a practice to a session):
    its title, where it opens, the heading it is listed under (its course, its area), and its steps
    in order as ``(key, title)`` pairs, for pointing at one of them."""

    key: str
    title: str
    url: str
    group: str = ""
    steps: tuple[tuple[str, str], ...] = ()


_outlines: dict[str, Callable[[], list[PickItem]]] = {}


def register_outline(kind: str, provider: Callable[[], list[PickItem]]) -> None:
    """``provider()`` returns the items of ``kind`` everyone may open now (published lessons, the
    shipped practices), in the order they are listed, with their steps."""
    _outlines[kind] = provider


def outline(kind: str) -> list[PickItem]:
    """The items of ``kind`` to pick from, in order; none when no app lists them."""
    provider = _outlines.get(str(kind))
    return list(provider()) if provider is not None else []
