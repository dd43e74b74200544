"""The demo quizzes: one per shipped course, at least ten questions each, every question type, each
question well formed and explained; seeding twice changes nothing."""

import shutil
from io import StringIO

import pytest
from django.contrib.auth.models import Group

from people.groups import EDITORS_GROUP
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
    editors = Group.objects.get_or_create(name=EDITORS_GROUP)[0]
    seed.seed(StringIO())
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"change_question", "add_question", "change_quiz"} <= codenames


# The shipped quizzes as they were when they moved from Python literals to data files.
QUESTIONS_PER_COURSE = {
    "dang-nhap-tai-khoan": 11,
    "quan-ly-van-ban": 13,
    "chu-ky-so": 11,
    "mot-cua-dien-tu": 12,
    "hop-truc-tuyen-thu-cong-vu": 11,
}
FIXED_QUESTIONS = {
    "kiem-tra-dang-nhap": 11,
    "kiem-tra-ky-so": 11,
    "kiem-tra-mot-cua": 12,
    "kiem-tra-hop-truc-tuyen-thu-cong-vu": 11,
}


def test_seed_creates_exactly_the_quizzes_and_questions_of_the_content_files():
    seed.seed(StringIO())
    shipped = seed.shipped_quizzes()
    assert [quiz.slug for quiz in Quiz.objects.order_by("pk")] == [spec.slug for spec in shipped]
    for course_slug, count in QUESTIONS_PER_COURSE.items():
        assert Question.objects.filter(course_slug=course_slug).count() == count, course_slug
    for slug, count in FIXED_QUESTIONS.items():
        assert QuizQuestion.objects.filter(quiz__slug=slug).count() == count, slug
    for spec in shipped:
        quiz = Quiz.objects.get(slug=spec.slug)
        assert (quiz.title, quiz.course_slug, quiz.intro) == (spec.title, spec.course_slug, spec.intro)
        if spec.draw:
            continue
        codes = list(quiz.quiz_questions.order_by("sort_order").values_list("question__code", flat=True))
        assert codes == [question.code for question in spec.questions]
        for question_spec in spec.questions:
            question = Question.objects.get(code=question_spec.code)
            assert (question.kind, question.prompt, question.system) == (
                question_spec.kind,
                question_spec.prompt,
                spec.system,
            )
            assert [(o.text, o.is_correct, o.match_text, o.explanation) for o in question.options.all()] == [
                (o.text, o.correct, o.match, o.explanation) for o in question_spec.options
            ]

    # A few fields exactly as the Python literals produced them.
    login = Quiz.objects.get(slug="kiem-tra-dang-nhap")
    assert (login.time_limit_minutes, login.feedback, login.pass_mark, login.selection) == (
        15,
        "immediate",
        70,
        "fixed",
    )
    signing = Quiz.objects.get(slug="kiem-tra-ky-so")
    assert (signing.pass_mark, signing.max_attempts, signing.wait_minutes) == (80, 3, 10)
    documents = Quiz.objects.get(slug="kiem-tra-van-ban")
    assert (documents.selection, documents.shuffle_questions) == ("random", True)
    assert list(
        documents.draw_rules.order_by("sort_order").values_list("course_slug", "difficulty", "count")
    ) == [
        ("quan-ly-van-ban", 1, 4),
        ("quan-ly-van-ban", None, 6),
    ]
    numeric = Question.objects.get(code="DN-05")
    assert (numeric.kind, numeric.numeric_answer, numeric.numeric_tolerance, numeric.points) == (
        "numeric",
        6,
        0,
        1,
    )
    assert numeric.explanation == "Passcode VNeID gồm 6 chữ số; không chia sẻ cho ai."
    true_false = Question.objects.get(code="DN-02")
    assert [(o.text, o.is_correct) for o in true_false.options.all()] == [("Đúng", False), ("Sai", True)]
    assert Question.objects.get(code="DN-10").scenario_slug == "dang-nhap-co-ban"
    assert Question.objects.filter(diacritics_optional=True).count() == 2


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        ("    kind: single\n", "    kind: choice\n", "questions[0].kind", "must be one of single, multiple"),
        (
            "  - code: DN-02\n",
            "  - code: DN-01\n",
            "questions[1].code",
            "DN-01 is also used in 01-kiem-tra-dang-nhap",
        ),
        ("course_slug: dang-nhap-tai-khoan", "course_slug: dang-nhap", "course_slug", "must be one of"),
        ("  pass_mark: 70", "  pass_mark: '70'", "settings.pass_mark", "expected a whole number, found text"),
        (
            "    numeric_answer: 6",
            "    numeric_answer: sáu",
            "questions[4].numeric_answer",
            "expected a number",
        ),
        (
            "        correct: true\n",
            "        correct: đúng\n",
            "questions[0].options[0].correct",
            "expected true or false",
        ),
        ("  feedback: immediate", "  selection: random", "(the whole file)", "needs draw rules"),
        ("  pass_mark: 70", "  pass_mark: 0", "settings", "pass_mark must be between 1 and 100"),
    ],
)
def test_a_malformed_quiz_file_fails_naming_the_file_and_the_field(tmp_path, old, new, path, message):
    from core.content import ContentError

    folder = tmp_path / "content"
    shutil.copytree(seed.CONTENT, folder)
    file = folder / "01-kiem-tra-dang-nhap.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        seed.shipped_quizzes(folder=folder)
    assert (caught.value.file, caught.value.path) == (file, path)
    assert message in caught.value.message
