"""Question-bank and quiz builders for the quizzes' tests."""

from quizzes.models import Option, Question, QuestionKind, Quiz, QuizQuestion

_counter = {"n": 0}


def _code() -> str:
    _counter["n"] += 1
    return f"T-{_counter['n']:04d}"


def make_question(kind: str = QuestionKind.SINGLE, *, options=(), **fields) -> Question:
    """A question with its options; ``options`` are ``(text, is_correct)`` or
    ``(text, is_correct, match_text)`` or ``(text, is_correct, match_text, explanation)``."""
    fields.setdefault("code", _code())
    fields.setdefault("prompt", f"Câu hỏi thử {fields['code']}")
    fields.setdefault("course_slug", "chu-ky-so")
    fields.setdefault("system", "signing")
    question = Question.objects.create(kind=kind, **fields)
    for index, option in enumerate(options):
        text, is_correct, match_text, explanation = (*option, "", "")[:4]
        Option.objects.create(
            question=question,
            sort_order=index,
            text=text,
            is_correct=is_correct,
            match_text=match_text,
            explanation=explanation,
        )
    return question


def single_question(**fields) -> Question:
    return make_question(
        QuestionKind.SINGLE,
        options=[
            ("Ba lần", True, "", "Sai mã PIN ba lần thì USB token bị khóa."),
            ("Năm lần", False),
            ("Mười lần", False),
        ],
        **fields,
    )


def make_quiz(questions, **fields) -> Quiz:
    fields.setdefault("title", "Bài kiểm tra thử")
    fields.setdefault("slug", f"bai-thu-{_code().lower()}")
    fields.setdefault("pass_mark", 50)
    quiz = Quiz.objects.create(**fields)
    for index, question in enumerate(questions):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=index)
    return quiz
