"""Scoring one answer: pure functions of the question, its options and the saved response.

A response is a small JSON object shaped by the question's kind:

- single choice, true/false: ``{"choice": option_id}``
- multiple choice: ``{"choices": [option_id, ...]}``
- ordering: ``{"positions": {"option_id": position, ...}}`` (positions from 1)
- matching: ``{"pairs": {"left_option_id": right_option_id, ...}}``
- short answer: ``{"text": "..."}``
- numeric: ``{"text": "as typed", "value": "2.5"}``
- practical: nothing to answer; the ledger says whether the scenario was completed.

Partial credit where it makes sense: multiple choice (right picks minus wrong picks, over the right
options, never below zero), ordering (steps in their right place) and matching (pairs right).
"""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from unidecode import unidecode

from quizzes.models import Option, Question, QuestionKind


@dataclass(frozen=True)
class Mark:
    """The score of one answer as a fraction of the question's points, and whether it is fully right."""

    fraction: float
    correct: bool


WRONG = Mark(0.0, False)
RIGHT = Mark(1.0, True)


def normalize_text(value: str, *, fold_diacritics: bool = False) -> str:
    """Case, spacing and Unicode form do not matter; diacritics only when the question says so."""
    text = " ".join(unicodedata.normalize("NFC", value or "").split()).casefold()
    if fold_diacritics:
        text = unidecode(text)
    return text


def parse_number(value: str) -> Decimal | None:
    """A number as typed by a Vietnamese official: ``2,5`` or ``2.5``; ``1.000,5`` is a thousand and a
    half. Returns None when it is not a number."""
    text = (value or "").strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _ids(values: Iterable) -> set[int]:
    result = set()
    for value in values:
        try:
            result.add(int(value))
        except (TypeError, ValueError):
            continue
    return result


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def mark(
    question: Question,
    options: Sequence[Option],
    response: dict | None,
    *,
    completed_scenarios: frozenset[str] = frozenset(),
) -> Mark:
    """Score ``response`` to ``question``; ``options`` are its options in their editor's order and
    ``completed_scenarios`` the sandbox scenarios the official had completed in time."""
    kind = question.kind
    if kind == QuestionKind.PRACTICAL:
        return RIGHT if question.scenario_slug in completed_scenarios else WRONG
    if not response:
        return WRONG
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        correct = {o.pk for o in options if o.is_correct}
        return RIGHT if _as_int(response.get("choice")) in correct else WRONG
    if kind == QuestionKind.MULTIPLE:
        return _mark_multiple(options, _ids(response.get("choices") or []))
    if kind == QuestionKind.ORDERING:
        positions = response.get("positions") or {}
        right = sum(1 for index, o in enumerate(options, 1) if _as_int(positions.get(str(o.pk))) == index)
        return _partial(right, len(options))
    if kind == QuestionKind.MATCHING:
        return _mark_matching(options, response.get("pairs") or {})
    if kind == QuestionKind.SHORT_ANSWER:
        fold = question.diacritics_optional
        given = normalize_text(response.get("text", ""), fold_diacritics=fold)
        accepted = {normalize_text(o.text, fold_diacritics=fold) for o in options if o.is_correct}
        return RIGHT if given and given in accepted else WRONG
    if kind == QuestionKind.NUMERIC:
        value = parse_number(str(response.get("value", "")))
        if value is None or question.numeric_answer is None:
            return WRONG
        return RIGHT if abs(value - question.numeric_answer) <= question.numeric_tolerance else WRONG
    raise ValueError(f"unknown question kind: {kind}")


def _partial(right: int, total: int) -> Mark:
    if total == 0:
        return WRONG
    return Mark(right / total, right == total)


def _mark_multiple(options: Sequence[Option], chosen: set[int]) -> Mark:
    correct = {o.pk for o in options if o.is_correct}
    if not correct:
        return WRONG
    right, wrong = len(chosen & correct), len(chosen - correct)
    fraction = max(0, right - wrong) / len(correct)
    return Mark(fraction, chosen == correct)


def _mark_matching(options: Sequence[Option], pairs: dict) -> Mark:
    by_id = {o.pk: o for o in options}
    right = 0
    for left in options:
        chosen = by_id.get(_as_int(pairs.get(str(left.pk))))
        # Compared by text, so two left items that share a right item both accept it.
        if chosen is not None and normalize_text(chosen.match_text) == normalize_text(left.match_text):
            right += 1
    return _partial(right, len(options))


def matching_option(question: Question, options: Sequence[Option], response: dict | None) -> Option | None:
    """For a short answer: the option (accepted or a typical mistake) the typed text matches, if any,
    whose explanation is the feedback."""
    if question.kind != QuestionKind.SHORT_ANSWER or not response:
        return None
    fold = question.diacritics_optional
    given = normalize_text(response.get("text", ""), fold_diacritics=fold)
    for option in options:
        if normalize_text(option.text, fold_diacritics=fold) == given:
            return option
    return None
