"""Writes about attempts: start, save an answer, submit, expire, grade, regrade.

Every change of an attempt's state goes through ``attempt_transition``, which fires it on the
``ATTEMPT`` machine (``core.workflow``): checks it, applies it with a conditional update (so of two
concurrent submissions only one wins) and records it. Grading writes the result into the progress ledger.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import workflow
from people.models import User
from progress.activity import activity_report
from progress.models import ProgressKind, ProgressStatus
from progress.services import progress_record
from quizzes import clock, scoring
from quizzes.models import (
    ATTEMPT,
    KINDS_WITH_CHOICES,
    SCORED_STATES,
    Actor,
    Attempt,
    AttemptAnswer,
    AttemptEvent,
    AttemptState,
    FeedbackTiming,
    Question,
    QuestionKind,
    Quiz,
    Selection,
)
from quizzes.selectors import (
    answers_with_questions,
    completed_scenarios,
    quiz_course_page_id,
    quiz_start_refusal,
)


class AttemptRefused(Exception):
    """A start or a save the rules do not allow; ``message`` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(Exception):
    pass


def attempt_transition(
    *,
    attempt: Attempt,
    transition: str,
    actor_kind: str,
    actor: User | None = None,
    note: str = "",
    changes: dict | None = None,
) -> bool:
    """Fire ``transition`` (``submit``, ``expire``, ``grade``, ``regrade``) of the ``ATTEMPT`` machine
    if it allows ``actor_kind`` to, applying ``changes`` to the attempt's fields at the same time.
    Returns False, changing nothing, when the attempt is no longer in the state this caller saw
    (another request moved it first)."""
    changes = changes or {}

    def store(step: workflow.Step) -> bool:
        return bool(
            Attempt.objects.filter(pk=attempt.pk, state=step.from_state).update(
                state=step.to_state, **changes
            )
        )

    def record(step: workflow.Step) -> None:
        if step.ok:
            AttemptEvent.objects.create(
                attempt=attempt,
                from_state=step.from_state,
                to_state=step.to_state,
                actor_kind=actor_kind,
                actor=actor,
                at=clock.now(),
                note=note[:200],
            )

    step = workflow.fire(
        ATTEMPT, transition, workflow.Context(obj=attempt, actor=actor_kind), store=store, record=record
    )
    if step.refused == workflow.STALE:
        return False
    if not step.ok:
        raise TransitionNotAllowed(step.message)
    for name, value in changes.items():
        setattr(attempt, name, value)
    return True


# --- Starting ----------------------------------------------------------------------------------------


def quiz_draw(*, quiz: Quiz, rng: random.Random) -> list[Question]:
    """The questions of a new attempt: the fixed list (shuffled if the quiz says so), or a draw by tags,
    each rule drawing among the questions earlier rules have not taken. Deterministic for one ``rng``
    seed."""
    if quiz.selection == Selection.FIXED:
        questions = [
            item.question for item in quiz.quiz_questions.select_related("question").order_by("sort_order")
        ]
        if quiz.shuffle_questions:
            rng.shuffle(questions)
        return questions
    taken: list[int] = []
    for rule in quiz.draw_rules.order_by("sort_order"):
        pool = list(
            Question.objects.filter(**rule.tag_filter())
            .exclude(pk__in=taken)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        taken.extend(rng.sample(pool, min(rule.count, len(pool))))
    if quiz.shuffle_questions:
        rng.shuffle(taken)
    by_id = Question.objects.in_bulk(taken)
    return [by_id[pk] for pk in taken]


def _shuffled(ids: list[int], rng: random.Random) -> list[int]:
    """A shuffle that never leaves the list as it was (it would give an ordering question away)."""
    result = list(ids)
    rng.shuffle(result)
    if len(result) > 1 and result == ids:
        result = result[1:] + result[:1]
    return result


def _option_orders(question: Question, *, shuffle: bool, rng: random.Random) -> tuple[list[int], list[int]]:
    """The option order (and, for matching, the right-hand order) an attempt shows for a question."""
    ids = [o.pk for o in question.options.all()]
    if question.kind == QuestionKind.ORDERING:
        return _shuffled(ids, rng), []
    if question.kind == QuestionKind.MATCHING:
        left = _shuffled(ids, rng) if shuffle else ids
        return left, _shuffled(ids, rng)
    if question.kind in KINDS_WITH_CHOICES and shuffle and question.kind != QuestionKind.TRUE_FALSE:
        return _shuffled(ids, rng), []
    return ids, []


def attempt_start(*, quiz: Quiz, official: User) -> Attempt:
    """Start a new attempt, or return the one in progress (two clicks or two tabs start one attempt).

    The questions, their order and the option orders are drawn from a stored seed and frozen on the
    attempt's answer rows; the deadline is the time limit or the quiz's closing date, whichever comes
    first. Raises ``AttemptRefused`` when the rules forbid a new attempt."""
    existing = Attempt.objects.filter(quiz=quiz, official=official, state=AttemptState.IN_PROGRESS).first()
    if existing is not None:
        return existing
    now = clock.now()
    refusal = quiz_start_refusal(quiz=quiz, official=official, now=now)
    if refusal:
        raise AttemptRefused(refusal)
    seed = secrets.randbits(48)
    rng = random.Random(seed)
    questions = quiz_draw(quiz=quiz, rng=rng)
    if not questions:
        raise AttemptRefused(_("Bài kiểm tra chưa có câu hỏi."))
    options_by_question = {
        q.pk: q for q in Question.objects.prefetch_related("options").filter(pk__in=[q.pk for q in questions])
    }
    deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    if quiz.closes_at is not None and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                official=official,
                number=Attempt.objects.filter(quiz=quiz, official=official).count() + 1,
                seed=seed,
                started_at=now,
                deadline=deadline,
            )
            answers = []
            for position, question in enumerate(questions, 1):
                option_order, match_order = _option_orders(
                    options_by_question[question.pk], shuffle=quiz.shuffle_options, rng=rng
                )
                answers.append(
                    AttemptAnswer(
                        attempt=attempt,
                        question=question,
                        position=position,
                        option_order=option_order,
                        match_order=match_order,
                    )
                )
            AttemptAnswer.objects.bulk_create(answers)
    except IntegrityError:
        # Another request started it a moment earlier: that attempt is the one.
        existing = Attempt.objects.filter(
            quiz=quiz, official=official, state=AttemptState.IN_PROGRESS
        ).first()
        if existing is None:
            raise
        return existing
    progress_record(
        official=official,
        kind=ProgressKind.QUIZ,
        key=quiz.slug,
        status=ProgressStatus.IN_PROGRESS,
        course_id=quiz_course_page_id(quiz=quiz),
    )
    return attempt


def attempt_position_set(*, attempt: Attempt, position: int) -> None:
    """Remember which question the official is on, so a resume lands there; tell the live board."""
    if attempt.position != position:
        Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).update(position=position)
        attempt.position = position
    activity_report(
        official_id=attempt.official_id,
        kind=ProgressKind.QUIZ,
        key=attempt.quiz.slug,
        label=attempt.quiz.title,
        step=str(position),
    )


# --- Answering ---------------------------------------------------------------------------------------


def _overdue(attempt: Attempt) -> bool:
    return attempt.deadline is not None and clock.now() > attempt.deadline + clock.GRACE


@transaction.atomic
def attempt_answer_save(
    *,
    attempt: Attempt,
    position: int,
    response: dict | None,
    confirm: bool = False,
    answer: AttemptAnswer | None = None,
) -> AttemptAnswer:
    """Save the answer to one question as it is given. Refused once the attempt is closed or past its
    deadline (plus the grace period), and, with feedback at once, once the answer was confirmed.

    ``answer``: the row of that position the caller has already read (the question page): it is not
    read again, the update itself refuses a confirmed answer (the autosave is one lock of the attempt
    and one UPDATE)."""
    locked = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
    if locked.state != AttemptState.IN_PROGRESS:
        raise AttemptRefused(_("Bài đã nộp; câu trả lời không được lưu nữa."))
    if _overdue(locked):
        raise AttemptRefused(_("Đã hết giờ làm bài; câu trả lời này không được lưu."))
    now = clock.now()
    values = {"response": response, "answered_at": now}
    if confirm and locked.quiz.feedback == FeedbackTiming.IMMEDIATE:
        values["confirmed_at"] = now
    updated = AttemptAnswer.objects.filter(
        attempt=locked, position=position, confirmed_at__isnull=True
    ).update(**values)
    if answer is None or answer.attempt_id != locked.pk or answer.position != position:
        answer = AttemptAnswer.objects.select_related("question").get(attempt=locked, position=position)
    elif updated:
        for name, value in values.items():
            setattr(answer, name, value)
    if not updated:
        raise AttemptRefused(_("Câu này đã được kiểm tra đáp án nên không sửa được nữa."))
    return answer


# --- Closing and grading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    earned: float
    maximum: float

    @property
    def percent(self) -> float:
        return round(100 * self.earned / self.maximum, 1) if self.maximum else 0.0


def _score_answers(attempt: Attempt) -> Totals:
    """Score every answer of the attempt with the questions as they are now, and store the scores.
    Practical questions count the scenarios completed before the attempt closed."""
    answers = answers_with_questions(attempt=attempt)
    completed = frozenset()
    if any(a.question.kind == QuestionKind.PRACTICAL for a in answers):
        completed = completed_scenarios(official_id=attempt.official_id, until=attempt.closed_at)
    earned = maximum = 0.0
    for answer in answers:
        result = scoring.mark(
            answer.question,
            list(answer.question.options.all()),
            answer.response,
            completed_scenarios=completed,
        )
        answer.score, answer.is_correct = result.fraction, result.correct
        earned += result.fraction * answer.question.points
        maximum += answer.question.points
    AttemptAnswer.objects.bulk_update(answers, ["score", "is_correct"])
    return Totals(earned=earned, maximum=maximum)


def _result_changes(attempt: Attempt, totals: Totals) -> dict:
    return {
        "graded_at": clock.now(),
        "earned_points": totals.earned,
        "max_points": totals.maximum,
        "percent": totals.percent,
        "passed": totals.percent >= attempt.quiz.pass_mark,
    }


def _ledger_write(attempt: Attempt) -> None:
    quiz = attempt.quiz
    progress_record(
        official=attempt.official,
        kind=ProgressKind.QUIZ,
        key=quiz.slug,
        status=ProgressStatus.COMPLETED if attempt.passed else ProgressStatus.FAILED,
        score=attempt.percent,
        detail={"attempt": attempt.number},
        course_id=quiz_course_page_id(quiz=quiz),
    )


def _grade(attempt: Attempt) -> None:
    """Grade a submitted or expired attempt (locked by the caller) and record the result."""
    totals = _score_answers(attempt)
    attempt_transition(
        attempt=attempt,
        transition="grade",
        actor_kind=Actor.SYSTEM,
        changes=_result_changes(attempt, totals),
    )
    _ledger_write(attempt)
    activity_report(
        official_id=attempt.official_id,
        kind=ProgressKind.QUIZ,
        key=attempt.quiz.slug,
        label=attempt.quiz.title,
        failed=not attempt.passed,
    )


def _locked(attempt: Attempt) -> Attempt:
    return Attempt.objects.select_for_update().select_related("quiz", "official").get(pk=attempt.pk)


def _expire(attempt: Attempt) -> None:
    """Close an overdue attempt (locked by the caller) at its deadline and grade what was saved."""
    if attempt_transition(
        attempt=attempt,
        transition="expire",
        actor_kind=Actor.SYSTEM,
        changes={"closed_at": attempt.deadline + clock.GRACE},
    ):
        _grade(attempt)


@transaction.atomic
def attempt_submit(*, attempt: Attempt) -> Attempt:
    """Submit and grade. Idempotent: an attempt already submitted (a double click, a second tab) is
    returned as it is, graded once; one past its deadline is graded on what was saved in time."""
    locked = _locked(attempt)
    if locked.state != AttemptState.IN_PROGRESS:
        return locked
    if _overdue(locked):
        _expire(locked)
        return locked
    if attempt_transition(
        attempt=locked,
        transition="submit",
        actor_kind=Actor.OFFICIAL,
        actor=locked.official,
        changes={"closed_at": clock.now()},
    ):
        _grade(locked)
    return locked


def attempt_close_if_due(*, attempt: Attempt) -> Attempt:
    """Expire and grade the attempt if its time is up; called whenever an attempt is touched, and by
    the periodic sweep. Returns the attempt as it now stands. An attempt that is not due costs no
    query (no empty transaction on every autosave)."""
    if attempt.state != AttemptState.IN_PROGRESS or not _overdue(attempt):
        return attempt
    return _close_due(attempt)


@transaction.atomic
def _close_due(attempt: Attempt) -> Attempt:
    locked = _locked(attempt)
    if locked.state == AttemptState.IN_PROGRESS and _overdue(locked):
        _expire(locked)
    return locked


def attempts_close_overdue() -> int:
    """Expire and grade every attempt whose deadline (plus the grace period) has passed. Returns how
    many were closed."""
    due = Attempt.objects.filter(state=AttemptState.IN_PROGRESS, deadline__lt=clock.now() - clock.GRACE)
    closed = 0
    for attempt in due.select_related("quiz"):
        if attempt_close_if_due(attempt=attempt).state != AttemptState.IN_PROGRESS:
            closed += 1
    return closed


# --- Regrading ---------------------------------------------------------------------------------------


def question_regrade_count(*, question: Question) -> int:
    """How many scored attempts a regrade of this question would touch."""
    return Attempt.objects.filter(state__in=SCORED_STATES, answers__question=question).distinct().count()


def question_regrade(*, question: Question, actor: User | None) -> int:
    """After a question is corrected, re-score every scored attempt that contains it (with every
    question as it now is), mark those attempts regraded and update the ledger. Each attempt is
    regraded in its own transaction. Returns how many attempts were regraded."""
    attempt_ids = list(
        Attempt.objects.filter(state__in=SCORED_STATES, answers__question=question)
        .values_list("pk", flat=True)
        .distinct()
    )
    note = _("Chấm lại sau khi sửa câu hỏi %(code)s") % {"code": question.code}
    regraded = 0
    for attempt_id in attempt_ids:
        with transaction.atomic():
            attempt = (
                Attempt.objects.select_for_update().select_related("quiz", "official").get(pk=attempt_id)
            )
            if attempt.state not in SCORED_STATES:
                continue
            totals = _score_answers(attempt)
            if attempt_transition(
                attempt=attempt,
                transition="regrade",
                actor_kind=Actor.TRAINER,
                actor=actor,
                note=note,
                changes=_result_changes(attempt, totals),
            ):
                _ledger_write(attempt)
                regraded += 1
    return regraded
