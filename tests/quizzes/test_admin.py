"""The question bank and quizzes in the Wagtail admin: search, filters, the checks on save, the regrade
action, and no deleting what attempts use."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from quizzes import services
from quizzes.models import Question, Quiz
from tests.quizzes.factories import make_question, make_quiz, single_question

pytestmark = pytest.mark.django_db

QUESTIONS = "wagtailsnippets_quizzes_question"
QUIZZES = "wagtailsnippets_quizzes_quiz"


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def _question_form(kind: str, options: list[dict], **fields) -> dict:
    data = {
        "code": "KS-99",
        "kind": kind,
        "prompt": "Sai mã PIN mấy lần thì USB token bị khóa?",
        "course_slug": "chu-ky-so",
        "system": "signing",
        "difficulty": "1",
        "points": "1",
        "explanation": "",
        "numeric_tolerance": "0",
        "options": inline_formset(
            [{"text": "", "match_text": "", "explanation": "", **option} for option in options]
        ),
        **fields,
    }
    return nested_form_data(data)


def test_questions_are_searchable_and_filterable(admin_client):
    single_question(code="KS-01", prompt="Sai mã PIN mấy lần thì token bị khóa?")
    make_question(
        "true_false",
        code="MC-01",
        prompt="Dossier code",
        course_slug="mot-cua-dien-tu",
        system="one_stop",
        options=[("Đúng", True), ("Sai", False)],
    )
    listing = reverse(f"{QUESTIONS}:list")
    everything = admin_client.get(listing).content.decode()
    assert "KS-01" in everything and "MC-01" in everything
    filtered = admin_client.get(listing, {"system": "one_stop"}).content.decode()
    assert "MC-01" in filtered and "KS-01" not in filtered
    by_kind = admin_client.get(listing, {"kind": "single"}).content.decode()
    assert "KS-01" in by_kind and "MC-01" not in by_kind
    searched = admin_client.get(listing, {"q": "KS-01"}).content.decode()
    assert "KS-01" in searched and "MC-01" not in searched


def test_a_question_is_saved_with_its_options(admin_client):
    data = _question_form(
        "single",
        [
            {"text": "Ba lần", "is_correct": "on", "explanation": "Ba lần sai PIN khóa token."},
            {"text": "Năm lần"},
        ],
    )
    response = admin_client.post(reverse(f"{QUESTIONS}:add"), data)
    assert response.status_code == 302
    question = Question.objects.get(code="KS-99")
    assert list(question.options.values_list("text", "is_correct")) == [("Ba lần", True), ("Năm lần", False)]


def test_a_question_whose_options_do_not_fit_its_kind_is_refused(admin_client):
    data = _question_form("single", [{"text": "Ba lần"}, {"text": "Năm lần"}])
    response = admin_client.post(reverse(f"{QUESTIONS}:add"), data)
    assert response.status_code == 200
    assert "cần đúng một phương án được đánh dấu đúng" in response.content.decode()
    numeric = _question_form("numeric", [])
    response = admin_client.post(reverse(f"{QUESTIONS}:add"), numeric)
    assert "Câu hỏi số cần có đáp số." in response.content.decode()
    assert not Question.objects.exists()


def test_a_quiz_needs_questions_and_a_free_slug(admin_client):
    data = nested_form_data(
        {
            "title": "Kiểm tra",
            "slug": "analysis",
            "course_slug": "",
            "intro": "",
            "selection": "fixed",
            "shuffle_options": "on",
            "pass_mark": "80",
            "wait_minutes": "0",
            "feedback": "after_submit",
            "quiz_questions": inline_formset([]),
            "draw_rules": inline_formset([]),
        }
    )
    page = admin_client.post(reverse(f"{QUIZZES}:add"), data).content.decode()
    assert "trùng với một địa chỉ của trang" in page
    assert "Thêm ít nhất một câu hỏi" in page
    assert not Quiz.objects.exists()


def test_the_listing_offers_regrading(admin_client):
    question = single_question()
    page = admin_client.get(reverse(f"{QUESTIONS}:list")).content.decode()
    assert reverse("quizzes:question_regrade", args=[question.pk]) in page


def test_a_question_or_quiz_that_attempts_used_is_not_deleted(admin_client, official):
    question = single_question()
    quiz = make_quiz([question])
    services.attempt_start(quiz=quiz, official=official)
    for name, obj in [(QUESTIONS, question), (QUIZZES, quiz)]:
        response = admin_client.post(reverse(f"{name}:delete", args=[obj.pk]), follow=True)
        assert "Không xóa được" in response.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()
    assert Quiz.objects.filter(pk=quiz.pk).exists()


def test_an_unused_question_can_be_deleted(admin_client):
    question = single_question()
    admin_client.post(reverse(f"{QUESTIONS}:delete", args=[question.pk]))
    assert not Question.objects.filter(pk=question.pk).exists()
