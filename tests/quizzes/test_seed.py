"""The demo quizzes: one per shipped course, at least ten questions each, every question type, each
question well formed and explained; seeding twice changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group

from quizzes import seed, services
from quizzes.models import Option, Question, QuestionKind, Quiz, QuizDrawRule, QuizQuestion
from quizzes.selectors import quiz_question_count

pytestmark = pytest.mark.django_db

QUIZ_SLUGS = {
    "kiem-tra-dang-nhap",
    "kiem-tra-van-ban",
    "kiem-tra-ky-so",
    "kiem-tra-mot-cua",
    "kiem-tra-hop-truc-tuyen-thu-cong-vu",
}
SCENARIO_SLUGS = {"dang-nhap-co-ban", "vb-den-tiep-nhan", "ky-so-usb", "hs-khai-sinh-tiep-nhan"}


def _counts():
    return tuple(model.objects.count() for model in (Question, Option, Quiz, QuizQuestion, QuizDrawRule))


def test_seed_is_idempotent():
    seed.seed(StringIO())
    first = _counts()
    seed.seed(StringIO())
    assert _counts() == first


def test_one_quiz_per_course_with_at_least_ten_questions(official):
    seed.seed(StringIO())
    assert set(Quiz.objects.values_list("slug", flat=True)) == QUIZ_SLUGS
    for quiz in Quiz.objects.all():
        assert quiz_question_count(quiz=quiz) >= 10, quiz.slug
        attempt = services.attempt_start(quiz=quiz, official=official)
        assert attempt.answers.count() >= 10, quiz.slug


def test_every_question_type_is_used_and_every_question_is_well_formed():
    seed.seed(StringIO())
    assert set(Question.objects.values_list("kind", flat=True)) == set(QuestionKind.values)
    for question in Question.objects.prefetch_related("options"):
        options = list(question.options.all())
        correct = [o for o in options if o.is_correct]
        kind = question.kind
        if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
            assert len(correct) == 1, question.code
        if kind == QuestionKind.TRUE_FALSE:
            assert [o.text for o in options] == ["Đúng", "Sai"]
        if kind == QuestionKind.MULTIPLE:
            assert 1 <= len(correct) < len(options), question.code
        if kind == QuestionKind.MATCHING:
            assert all(o.match_text for o in options), question.code
        if kind == QuestionKind.SHORT_ANSWER:
            assert correct, question.code
        if kind == QuestionKind.NUMERIC:
            assert question.numeric_answer is not None, question.code
        if kind == QuestionKind.PRACTICAL:
            assert question.scenario_slug in SCENARIO_SLUGS, question.code
        explained = question.explanation or any(o.explanation for o in options)
        assert explained or kind in (QuestionKind.MATCHING, QuestionKind.ORDERING, QuestionKind.PRACTICAL), (
            question.code
        )


def test_trainers_may_edit_and_regrade_questions():
    editors = Group.objects.get_or_create(name="Editors")[0]
    seed.seed(StringIO())
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"change_question", "add_question", "change_quiz"} <= codenames
