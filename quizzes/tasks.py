"""Background work for django-q2: the sweep that closes overdue attempts (scheduled every minute by
migration 0002) and regrading after a question is corrected."""

from people.models import User
from quizzes import services
from quizzes.models import Question


def attempts_close_overdue() -> int:
    return services.attempts_close_overdue()


def question_regrade(question_id: int, actor_id: int | None) -> int:
    question = Question.objects.get(pk=question_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return services.question_regrade(question=question, actor=actor)
