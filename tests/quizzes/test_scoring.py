"""Each question type's scoring: right, wrong, and partial where it applies."""

import unicodedata
from decimal import Decimal

import pytest

from quizzes.models import QuestionKind
from quizzes.scoring import mark, normalize_text, parse_number
from tests.quizzes.factories import make_question

pytestmark = pytest.mark.django_db


def _score(question, response, **kwargs):
    return mark(question, list(question.options.order_by("sort_order")), response, **kwargs)


def _ids(question):
    return [o.pk for o in question.options.order_by("sort_order")]


def test_single_choice():
    question = make_question(QuestionKind.SINGLE, options=[("Ba lần", True), ("Năm lần", False)])
    right, wrong = _ids(question)
    assert _score(question, {"choice": right}).correct
    assert _score(question, {"choice": wrong}).fraction == 0
    assert _score(question, None).fraction == 0


def test_true_false():
    question = make_question(QuestionKind.TRUE_FALSE, options=[("Đúng", False), ("Sai", True)])
    true, false = _ids(question)
    assert _score(question, {"choice": false}).correct
    assert not _score(question, {"choice": true}).correct


def test_multiple_choice_full_partial_and_wrong():
    question = make_question(
        QuestionKind.MULTIPLE, options=[("A", True), ("B", True), ("C", False), ("D", False)]
    )
    a, b, c, d = _ids(question)
    assert _score(question, {"choices": [a, b]}).correct
    half = _score(question, {"choices": [a]})
    assert (half.fraction, half.correct) == (0.5, False)
    # A wrong pick cancels a right one; the score never goes below zero.
    assert _score(question, {"choices": [a, c]}).fraction == 0
    assert _score(question, {"choices": [c, d]}).fraction == 0
    assert _score(question, {"choices": [a, b, c]}).fraction == 0.5


def test_ordering_full_and_partial():
    question = make_question(
        QuestionKind.ORDERING,
        options=[("Soạn thảo", True), ("Trình ký", True), ("Cấp số", True), ("Phát hành", True)],
    )
    a, b, c, d = _ids(question)
    assert _score(question, {"positions": {str(a): 1, str(b): 2, str(c): 3, str(d): 4}}).correct
    swapped = _score(question, {"positions": {str(a): 1, str(b): 2, str(c): 4, str(d): 3}})
    assert (swapped.fraction, swapped.correct) == (0.5, False)
    assert _score(question, {"positions": {str(a): 4, str(b): 3, str(c): 2, str(d): 1}}).fraction == 0


def test_matching_full_and_partial():
    question = make_question(
        QuestionKind.MATCHING,
        options=[("1", True, "Mới đăng ký"), ("2", True, "Được tiếp nhận"), ("9", True, "Đã xử lý xong")],
    )
    one, two, nine = _ids(question)
    assert _score(question, {"pairs": {str(one): one, str(two): two, str(nine): nine}}).correct
    partial = _score(question, {"pairs": {str(one): one, str(two): nine, str(nine): two}})
    assert partial.fraction == pytest.approx(1 / 3)
    assert not partial.correct


def test_short_answer_case_spacing_and_diacritics():
    strict = make_question(QuestionKind.SHORT_ANSWER, options=[("Lưu: VT", True)])
    assert _score(strict, {"text": "  lưu:   vt "}).correct
    assert not _score(strict, {"text": "luu: vt"}).correct
    relaxed = make_question(QuestionKind.SHORT_ANSWER, options=[("Lưu: VT", True)], diacritics_optional=True)
    assert _score(relaxed, {"text": "LUU: VT"}).correct
    assert not _score(relaxed, {"text": "Lưu: VP"}).correct


def test_short_answer_matches_composed_and_decomposed_unicode():
    question = make_question(QuestionKind.SHORT_ANSWER, options=[("Hỏa tốc", True)])
    assert _score(question, {"text": unicodedata.normalize("NFD", "Hỏa tốc")}).correct


def test_numeric_with_tolerance():
    question = make_question(
        QuestionKind.NUMERIC, numeric_answer=Decimal("300"), numeric_tolerance=Decimal("10")
    )
    assert _score(question, {"text": "300", "value": "300"}).correct
    assert _score(question, {"text": "295", "value": "295"}).correct
    assert not _score(question, {"text": "311", "value": "311"}).correct
    exact = make_question(QuestionKind.NUMERIC, numeric_answer=Decimal("2.5"))
    assert _score(exact, {"text": "2,5", "value": str(parse_number("2,5"))}).correct


def test_practical_reads_the_completed_scenarios():
    question = make_question(QuestionKind.PRACTICAL, scenario_slug="ky-so-usb")
    assert _score(question, None, completed_scenarios=frozenset({"ky-so-usb"})).correct
    assert not _score(question, None, completed_scenarios=frozenset({"ky-so-tu-xa"})).correct


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2,5", Decimal("2.5")),
        ("2.5", Decimal("2.5")),
        ("1.000,5", Decimal("1000.5")),
        (" 7 ", Decimal("7")),
        ("abc", None),
        ("", None),
        ("nan", None),
    ],
)
def test_parse_number(typed, expected):
    assert parse_number(typed) == expected


def test_normalize_text():
    assert normalize_text("  Đăng   KÝ ") == "đăng ký"
    assert normalize_text("Đăng ký", fold_diacritics=True) == "dang ky"
