"""Attempts: the draw, the time limit, attempt limits and waits, double submission, regrading and the
ledger."""

import importlib
import random
import threading
from datetime import timedelta

import pytest
from django.db import connection

from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from progress.services import progress_record
from quizzes import services
from quizzes.models import Attempt, AttemptEvent, AttemptState, QuestionKind, Quiz, QuizDrawRule
from tests.quizzes.factories import make_question, make_quiz, single_question

pytestmark = pytest.mark.django_db


def _right(answer) -> dict:
    """The right response to an answer's question."""
    question = answer.question
    options = list(question.options.order_by("sort_order"))
    if question.kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        return {"choice": next(o.pk for o in options if o.is_correct)}
    if question.kind == QuestionKind.SHORT_ANSWER:
        return {"text": next(o.text for o in options if o.is_correct)}
    raise AssertionError(question.kind)


def _answer_all(attempt, *, right=True):
    for answer in attempt.answers.select_related("question"):
        response = (
            _right(answer) if right else {"text": "sai"} if answer.question.kind == "short_answer" else None
        )
        services.attempt_answer_save(attempt=attempt, position=answer.position, response=response)


def _ledger(official, quiz):
    return ProgressEntry.objects.get(official=official, kind=ProgressKind.QUIZ, key=quiz.slug)


# --- Starting and the draw ---------------------------------------------------------------------------


def test_start_freezes_the_questions_and_records_progress(official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    assert attempt.state == AttemptState.IN_PROGRESS
    assert attempt.number == 1
    assert list(attempt.answers.values_list("question_id", flat=True)) == list(
        quiz.quiz_questions.values_list("question_id", flat=True)
    )
    assert attempt.deadline == attempt.started_at + timedelta(minutes=10)
    assert _ledger(official, quiz).status == ProgressStatus.IN_PROGRESS


def test_starting_twice_returns_the_same_attempt(official, quiz):
    first = services.attempt_start(quiz=quiz, official=official)
    second = services.attempt_start(quiz=quiz, official=official)
    assert first.pk == second.pk
    assert Attempt.objects.count() == 1


def test_option_order_is_shuffled_once_and_kept(official):
    question = make_question(QuestionKind.SINGLE, options=[(f"Phương án {i}", i == 0) for i in range(6)])
    ordering = make_question(QuestionKind.ORDERING, options=[(f"Bước {i}", True) for i in range(4)])
    quiz = make_quiz([question, ordering], shuffle_options=True)
    attempt = services.attempt_start(quiz=quiz, official=official)
    single, steps = attempt.answers.order_by("position")
    assert sorted(single.option_order) == sorted(question.options.values_list("pk", flat=True))
    # An ordering question is never shown in its right order.
    assert steps.option_order != list(ordering.options.order_by("sort_order").values_list("pk", flat=True))
    # The order is stored: a later read (a resume) gets the same.
    assert Attempt.objects.get(pk=attempt.pk).answers.get(position=1).option_order == single.option_order


def test_random_draw_is_deterministic_for_a_seed_and_follows_the_tags(official):
    signing = [single_question(course_slug="chu-ky-so", system="signing", difficulty=1) for _ in range(6)]
    hard = [single_question(course_slug="chu-ky-so", system="signing", difficulty=3) for _ in range(3)]
    single_question(course_slug="mot-cua-dien-tu", system="one_stop")
    quiz = Quiz.objects.create(title="Rút ngẫu nhiên", slug="rut-ngau-nhien", selection="random")
    QuizDrawRule.objects.create(quiz=quiz, course_slug="chu-ky-so", difficulty=1, count=3, sort_order=0)
    QuizDrawRule.objects.create(quiz=quiz, course_slug="chu-ky-so", difficulty=3, count=2, sort_order=1)
    first = services.quiz_draw(quiz=quiz, rng=random.Random(42))
    assert first == services.quiz_draw(quiz=quiz, rng=random.Random(42))
    assert len(first) == 5
    assert {q.pk for q in first[:3]} <= {q.pk for q in signing}
    assert {q.pk for q in first[3:]} <= {q.pk for q in hard}
    attempt = services.attempt_start(quiz=quiz, official=official)
    rng = random.Random(attempt.seed)
    assert [q.pk for q in services.quiz_draw(quiz=quiz, rng=rng)] == list(
        attempt.answers.values_list("question_id", flat=True)
    )


def test_shuffled_questions_come_from_the_stored_seed(official):
    quiz = make_quiz([single_question() for _ in range(8)], shuffle_questions=True)
    attempt = services.attempt_start(quiz=quiz, official=official)
    shown = list(attempt.answers.values_list("question_id", flat=True))
    assert sorted(shown) == sorted(quiz.quiz_questions.values_list("question_id", flat=True))
    again = services.quiz_draw(quiz=quiz, rng=random.Random(attempt.seed))
    assert [q.pk for q in again] == shown


def test_only_officials_start(trainer, quiz):
    with pytest.raises(services.AttemptRefused):
        services.attempt_start(quiz=quiz, official=trainer)


# --- The time limit ----------------------------------------------------------------------------------


def test_answers_after_the_deadline_are_refused_and_grading_uses_what_was_saved(clock, official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    first, second, third = attempt.answers.select_related("question").order_by("position")
    clock.move(minutes=9)
    services.attempt_answer_save(attempt=attempt, position=1, response=_right(first))
    clock.move(minutes=1, seconds=5)  # past the deadline, inside the grace period: a slow network
    services.attempt_answer_save(attempt=attempt, position=2, response=_right(second))
    clock.move(seconds=10)
    with pytest.raises(services.AttemptRefused):
        services.attempt_answer_save(attempt=attempt, position=3, response=_right(third))
    attempt = services.attempt_close_if_due(attempt=attempt)
    assert attempt.state == AttemptState.GRADED
    assert attempt.closed_at == attempt.deadline + timedelta(seconds=10)
    assert list(attempt.answers.order_by("position").values_list("is_correct", flat=True)) == [
        True,
        True,
        False,
    ]
    assert attempt.percent == pytest.approx(66.7)
    assert list(attempt.events.values_list("from_state", "to_state")) == [
        (AttemptState.IN_PROGRESS, AttemptState.EXPIRED),
        (AttemptState.EXPIRED, AttemptState.GRADED),
    ]


def test_submitting_after_the_deadline_grades_as_expired(clock, official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    clock.move(minutes=11)
    attempt = services.attempt_submit(attempt=attempt)
    assert attempt.state == AttemptState.GRADED
    assert attempt.events.filter(to_state=AttemptState.EXPIRED).exists()
    assert not attempt.events.filter(to_state=AttemptState.SUBMITTED).exists()


def test_the_sweep_closes_overdue_attempts_only(clock, official, other_official, quiz):
    late = services.attempt_start(quiz=quiz, official=official)
    clock.move(minutes=8)
    on_time = services.attempt_start(quiz=quiz, official=other_official)
    clock.move(minutes=3)
    from quizzes.tasks import attempts_close_overdue

    assert attempts_close_overdue() == 1
    assert Attempt.objects.get(pk=late.pk).state == AttemptState.GRADED
    assert Attempt.objects.get(pk=on_time.pk).state == AttemptState.IN_PROGRESS


def test_the_sweep_is_scheduled_by_a_migration():
    from django.apps import apps
    from django_q.models import Schedule

    # Run the migration's step again (a flushed test database has lost the row it made): it is
    # idempotent, and it is what `migrate` runs.
    migration = importlib.import_module("quizzes.migrations.0002_close_overdue_schedule")
    migration.create_schedule(apps, None)
    migration.create_schedule(apps, None)
    schedule = Schedule.objects.get(func="quizzes.tasks.attempts_close_overdue")
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 1)


def test_closing_date_caps_the_deadline_and_stops_new_attempts(clock, official, quiz):
    quiz.closes_at = clock.now + timedelta(minutes=4)
    quiz.save()
    attempt = services.attempt_start(quiz=quiz, official=official)
    assert attempt.deadline == quiz.closes_at
    clock.move(minutes=5)
    services.attempt_close_if_due(attempt=attempt)
    with pytest.raises(services.AttemptRefused, match="đã đóng"):
        services.attempt_start(quiz=quiz, official=official)


# --- Attempt limit and wait --------------------------------------------------------------------------


def test_attempt_limit(official, quiz):
    quiz.max_attempts = 2
    quiz.save()
    for _ in range(2):
        services.attempt_submit(attempt=services.attempt_start(quiz=quiz, official=official))
    with pytest.raises(services.AttemptRefused, match="2 lượt"):
        services.attempt_start(quiz=quiz, official=official)


def test_wait_between_attempts(clock, official, quiz):
    quiz.wait_minutes = 30
    quiz.save()
    services.attempt_submit(attempt=services.attempt_start(quiz=quiz, official=official))
    clock.move(minutes=29)
    with pytest.raises(services.AttemptRefused, match="làm lại từ"):
        services.attempt_start(quiz=quiz, official=official)
    clock.move(minutes=2)
    assert services.attempt_start(quiz=quiz, official=official).number == 2


# --- Submitting --------------------------------------------------------------------------------------


def test_double_submission_grades_once(official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    _answer_all(attempt)
    # Two tabs hold the attempt as it was before either submitted.
    tab_one, tab_two = Attempt.objects.get(pk=attempt.pk), Attempt.objects.get(pk=attempt.pk)
    first = services.attempt_submit(attempt=tab_one)
    second = services.attempt_submit(attempt=tab_two)
    assert first.percent == second.percent == 100
    assert AttemptEvent.objects.filter(attempt=attempt, to_state=AttemptState.GRADED).count() == 1
    assert AttemptEvent.objects.filter(attempt=attempt, to_state=AttemptState.SUBMITTED).count() == 1


def test_a_transition_applies_once_even_from_stale_copies(official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    stale = Attempt.objects.get(pk=attempt.pk)
    assert services.attempt_transition(
        attempt=attempt, transition="submit", actor_kind="official", changes={}
    )
    assert not services.attempt_transition(
        attempt=stale, transition="submit", actor_kind="official", changes={}
    )


def test_the_state_machine_refuses_what_it_does_not_list(official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    with pytest.raises(services.TransitionNotAllowed):
        services.attempt_transition(attempt=attempt, transition="grade", actor_kind="official")
    with pytest.raises(services.TransitionNotAllowed):
        services.attempt_transition(attempt=attempt, transition="expire", actor_kind="official")


def test_saving_after_submission_is_refused(official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    services.attempt_submit(attempt=attempt)
    with pytest.raises(services.AttemptRefused):
        services.attempt_answer_save(attempt=attempt, position=1, response=None)


def test_with_feedback_at_once_a_confirmed_answer_is_final(official, quiz):
    quiz.feedback = "immediate"
    quiz.save()
    attempt = services.attempt_start(quiz=quiz, official=official)
    answer = attempt.answers.select_related("question").get(position=1)
    services.attempt_answer_save(attempt=attempt, position=1, response=_right(answer), confirm=True)
    with pytest.raises(services.AttemptRefused):
        services.attempt_answer_save(attempt=attempt, position=1, response=None)


# --- The ledger --------------------------------------------------------------------------------------


def test_a_pass_and_a_fail_are_written_to_the_ledger(official, other_official, quiz):
    passed = services.attempt_start(quiz=quiz, official=official)
    _answer_all(passed)
    services.attempt_submit(attempt=passed)
    entry = _ledger(official, quiz)
    assert (entry.status, entry.score) == (ProgressStatus.COMPLETED, 100)

    failed = services.attempt_start(quiz=quiz, official=other_official)
    _answer_all(failed, right=False)
    services.attempt_submit(attempt=failed)
    entry = _ledger(other_official, quiz)
    assert (entry.status, entry.score) == (ProgressStatus.FAILED, 0)


def test_practical_question_counts_scenarios_completed_before_the_attempt_closed(clock, official):
    practical = make_question(QuestionKind.PRACTICAL, scenario_slug="ky-so-usb")
    quiz = make_quiz([practical], pass_mark=100)
    attempt = services.attempt_start(quiz=quiz, official=official)
    progress_record(official=official, kind="scenario", key="ky-so-usb", status="completed")
    clock.move(minutes=1)
    attempt = services.attempt_submit(attempt=attempt)
    assert attempt.passed

    late = make_quiz([practical], pass_mark=100, slug="thuc-hanh-muon")
    other = services.attempt_start(quiz=late, official=official)
    ProgressEntry.objects.filter(official=official, key="ky-so-usb").update(
        completed_at=clock.now + timedelta(hours=1)
    )
    assert not services.attempt_submit(attempt=other).passed


# --- Regrading ---------------------------------------------------------------------------------------


def test_regrading_after_a_corrected_question(trainer, official, other_official):
    wrong_key = make_question(QuestionKind.SINGLE, options=[("Ba lần", False), ("Năm lần", True)])
    quiz = make_quiz([wrong_key], pass_mark=100)
    three = wrong_key.options.get(text="Ba lần")
    attempts = []
    for person in (official, other_official):
        attempt = services.attempt_start(quiz=quiz, official=person)
        services.attempt_answer_save(attempt=attempt, position=1, response={"choice": three.pk})
        attempts.append(services.attempt_submit(attempt=attempt))
    assert not attempts[0].passed
    assert _ledger(official, quiz).status == ProgressStatus.FAILED

    wrong_key.options.update(is_correct=False)
    wrong_key.options.filter(pk=three.pk).update(is_correct=True)
    assert services.question_regrade_count(question=wrong_key) == 2
    assert services.question_regrade(question=wrong_key, actor=trainer) == 2

    for attempt in attempts:
        attempt.refresh_from_db()
        assert (attempt.state, attempt.percent, attempt.passed) == (AttemptState.REGRADED, 100, True)
        event = attempt.events.get(to_state=AttemptState.REGRADED)
        assert (event.actor, event.actor_kind) == (trainer, "trainer")
    assert _ledger(official, quiz).status == ProgressStatus.COMPLETED
    # Regrading again is allowed and changes nothing more.
    assert services.question_regrade(question=wrong_key, actor=trainer) == 2
    assert _ledger(official, quiz).score == 100


def test_regrading_leaves_attempts_in_progress_alone(trainer, official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    question = attempt.answers.get(position=1).question
    assert services.question_regrade(question=question, actor=trainer) == 0
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS


@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_at_the_same_moment_grade_once(official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    _answer_all(attempt)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit_from_a_tab():
        try:
            tab = Attempt.objects.get(pk=attempt.pk)
            barrier.wait(timeout=10)
            results.append(services.attempt_submit(attempt=tab).percent)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    tabs = [threading.Thread(target=submit_from_a_tab) for _ in range(2)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(timeout=30)
    assert not errors
    assert results == [100, 100]
    assert AttemptEvent.objects.filter(attempt=attempt, to_state=AttemptState.GRADED).count() == 1
