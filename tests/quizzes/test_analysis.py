"""Trainers' question analysis, within scope, and regrading from it."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes import services
from quizzes.models import AttemptState, QuestionKind
from quizzes.selectors import analysis_question_shares
from tests.factories import CommuneFactory, OfficialFactory
from tests.quizzes.factories import make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_questions():
    easy = make_question(QuestionKind.TRUE_FALSE, code="DE-1", options=[("Đúng", True), ("Sai", False)])
    hard = make_question(QuestionKind.SINGLE, code="KHO-1", options=[("Ba lần", True), ("Năm lần", False)])
    return easy, hard


@pytest.fixture
def analysed_quiz(two_questions):
    return make_quiz(two_questions, slug="phan-tich")


def _take(quiz, official, *, easy_right: bool, hard_right: bool):
    attempt = services.attempt_start(quiz=quiz, official=official)
    for answer in attempt.answers.select_related("question"):
        right = easy_right if answer.question.code == "DE-1" else hard_right
        option = answer.question.options.get(is_correct=right)
        services.attempt_answer_save(
            attempt=attempt, position=answer.position, response={"choice": option.pk}
        )
    return services.attempt_submit(attempt=attempt)


def _rows(page: str) -> list[str]:
    return re.findall(r"<summary><strong>([\w-]+)</strong>", page)


def test_officials_may_not_see_the_analysis(client, official, analysed_quiz):
    client.force_login(official)
    assert client.get(reverse("quizzes:analysis_index")).status_code == 403
    assert client.get(reverse("quizzes:analysis_detail", args=[analysed_quiz.slug])).status_code == 403


def test_most_missed_first_with_shares_per_commune(
    client, administrator, official, other_official, analysed_quiz
):
    _take(analysed_quiz, official, easy_right=True, hard_right=False)
    _take(analysed_quiz, other_official, easy_right=True, hard_right=True)
    client.force_login(administrator)
    page = client.get(reverse("quizzes:analysis_detail", args=[analysed_quiz.slug])).content.decode()
    assert _rows(page) == ["KHO-1", "DE-1"]
    shares = analysis_question_shares(user=administrator, quiz=analysed_quiz)
    hard = shares[0]
    assert (hard.code, hard.answered, hard.correct, round(hard.share)) == ("KHO-1", 2, 1, 50)
    assert [(c.commune_name, c.share) for c in hard.communes] == [
        ("Phường Kinh Bắc", 0.0),
        ("Phường Hoa Lư", 100.0),
    ]


def test_a_trainer_sees_only_the_participants_of_their_sessions(
    client, trainer, trainer_participants, official, other_official, analysed_quiz
):
    _take(analysed_quiz, official, easy_right=False, hard_right=False)
    _take(analysed_quiz, other_official, easy_right=True, hard_right=True)
    client.force_login(trainer)
    assert analysis_question_shares(user=trainer, quiz=analysed_quiz) == []
    trainer_participants.append(other_official.pk)
    shares = analysis_question_shares(user=trainer, quiz=analysed_quiz)
    assert {(s.code, s.answered, s.correct) for s in shares} == {("DE-1", 1, 1), ("KHO-1", 1, 1)}
    page = client.get(reverse("quizzes:analysis_detail", args=[analysed_quiz.slug])).content.decode()
    assert "Phường Hoa Lư" in page
    assert "Phường Kinh Bắc" not in page
    index = client.get(reverse("quizzes:analysis_index")).content.decode()
    assert re.search(r"Bài kiểm tra thử</a></td><td>1</td><td>1</td>", index)


def test_a_department_head_sees_their_province(
    client, department_head, official, other_official, analysed_quiz
):
    _take(analysed_quiz, official, easy_right=True, hard_right=False)
    _take(analysed_quiz, other_official, easy_right=True, hard_right=True)
    shares = analysis_question_shares(user=department_head, quiz=analysed_quiz)
    assert {c.commune_name for s in shares for c in s.communes} == {"Phường Kinh Bắc"}
    client.force_login(department_head)
    assert client.get(reverse("quizzes:analysis_detail", args=[analysed_quiz.slug])).status_code == 200


def test_attempts_in_progress_are_not_counted(administrator, official, analysed_quiz):
    services.attempt_start(quiz=analysed_quiz, official=official)
    assert analysis_question_shares(user=administrator, quiz=analysed_quiz) == []


def test_the_analysis_is_one_query_whatever_the_number_of_communes(
    client, administrator, province, analysed_quiz
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("quizzes:analysis_detail", args=[analysed_quiz.slug]))
        return len(captured)

    client.force_login(administrator)
    _take(
        analysed_quiz,
        OfficialFactory(commune=CommuneFactory(province=province)),
        easy_right=True,
        hard_right=False,
    )
    few = queries()
    for _ in range(4):
        official = OfficialFactory(commune=CommuneFactory(province=province))
        _take(analysed_quiz, official, easy_right=False, hard_right=True)
    assert queries() == few


def test_regrading_needs_the_right_to_edit_questions(client, trainer, official, analysed_quiz, two_questions):
    _take(analysed_quiz, official, easy_right=True, hard_right=False)
    hard = two_questions[1]
    url = reverse("quizzes:question_regrade", args=[hard.pk])
    client.force_login(trainer)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


def test_a_trainer_corrects_a_question_and_regrades(client, trainer, official, analysed_quiz, two_questions):
    attempt = _take(analysed_quiz, official, easy_right=True, hard_right=False)
    assert attempt.percent == 50
    hard = two_questions[1]
    trainer.user_permissions.add(Permission.objects.get(codename="change_question"))
    client.force_login(trainer)
    url = reverse("quizzes:question_regrade", args=[hard.pk])
    detail = reverse("quizzes:analysis_detail", args=[analysed_quiz.slug])
    confirm = client.get(url, {"next": detail})
    assert "chấm lại 1 lượt" in confirm.content.decode()
    # The key was wrong: "Năm lần" is what the official chose, and the editor now marks it right.
    hard.options.update(is_correct=False)
    hard.options.filter(text="Năm lần").update(is_correct=True)
    response = client.post(url, {"next": detail})
    assert response.url == detail
    attempt.refresh_from_db()
    assert (attempt.state, attempt.percent, attempt.passed) == (AttemptState.REGRADED, 100, True)


def test_regrade_does_not_redirect_off_site(client, administrator, two_questions):
    client.force_login(administrator)
    response = client.post(
        reverse("quizzes:question_regrade", args=[two_questions[0].pk]), {"next": "https://example.com/"}
    )
    assert response.url == reverse("quizzes:analysis_index")
