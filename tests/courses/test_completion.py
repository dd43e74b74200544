"""A course completes when its rule holds: required lessons done, required quizzes passed, required
scenarios done, a live session attended when asked; the ledger re-evaluates it on every completion."""

import pytest

from courses.models import CourseRequirement
from courses.services import course_assignments_sync, course_completion_evaluate
from progress.models import ProgressEntry, ProgressStatus
from progress.services import progress_record
from tests.courses import builders


@pytest.fixture
def setup(db, province, official, image):
    def make(**rule):
        course = builders.course(lessons=2, image=image, assignments=[{"province": province}], **rule)
        course_assignments_sync(course_id=course.pk)
        return course

    return make


def _status(official, course):
    return ProgressEntry.objects.get(official=official, kind="course", key=str(course.pk)).status


def _finish_lessons(official, course):
    from courses.selectors import live_lessons

    for lesson in live_lessons(course):
        progress_record(
            official=official, kind="lesson", key=str(lesson.pk), status="completed", course_id=course.pk
        )


def test_required_lessons_complete_the_course(
    setup, official, dashboard_calls, django_capture_on_commit_callbacks
):
    course = setup()
    optional = builders.lesson(course, "Bài đọc thêm", required=False)
    from courses.selectors import live_lessons

    first, second = [lesson for lesson in live_lessons(course) if lesson.required]
    progress_record(official=official, kind="lesson", key=str(first.pk), status="completed")
    assert _status(official, course) == ProgressStatus.NOT_STARTED
    with django_capture_on_commit_callbacks(execute=True):
        progress_record(official=official, kind="lesson", key=str(second.pk), status="completed")
    assert _status(official, course) == ProgressStatus.COMPLETED
    assert [official.pk] in dashboard_calls
    assert not ProgressEntry.objects.filter(key=str(optional.pk)).exists()


def test_a_required_quiz_must_be_passed(setup, official):
    course = setup(quizzes=["kiem-tra-dang-nhap"])
    _finish_lessons(official, course)
    assert _status(official, course) == ProgressStatus.NOT_STARTED
    progress_record(official=official, kind="quiz", key="kiem-tra-dang-nhap", status="failed", score=40)
    assert _status(official, course) == ProgressStatus.NOT_STARTED
    progress_record(official=official, kind="quiz", key="kiem-tra-khac", status="completed", score=90)
    assert _status(official, course) == ProgressStatus.NOT_STARTED
    progress_record(official=official, kind="quiz", key="kiem-tra-dang-nhap", status="completed", score=80)
    assert _status(official, course) == ProgressStatus.COMPLETED


def test_a_required_scenario_must_be_done(setup, official):
    course = setup(scenarios=["dang-nhap-co-ban"])
    progress_record(official=official, kind="scenario", key="dang-nhap-co-ban", status="completed")
    assert _status(official, course) == ProgressStatus.NOT_STARTED  # lessons still to do
    _finish_lessons(official, course)
    assert _status(official, course) == ProgressStatus.COMPLETED


def test_live_session_attendance_when_the_course_asks(setup, official):
    course = setup(live_session=True)
    _finish_lessons(official, course)
    assert _status(official, course) == ProgressStatus.NOT_STARTED
    progress_record(official=official, kind="live_session", key="17", status="completed")
    assert _status(official, course) == ProgressStatus.COMPLETED


def test_another_officials_progress_does_not_count(setup, official, other_official, commune):
    from tests.factories import OfficialFactory

    neighbour = OfficialFactory(commune=commune)
    course = setup()
    course_assignments_sync(course_id=course.pk)
    _finish_lessons(neighbour, course)
    assert _status(neighbour, course) == ProgressStatus.COMPLETED
    assert _status(official, course) == ProgressStatus.NOT_STARTED


def test_a_course_with_nothing_to_do_never_completes(db, province, official):
    course = builders.course(lessons=0, assignments=[{"province": province}])
    course_assignments_sync(course_id=course.pk)
    assert course_completion_evaluate(course_id=course.pk) == []
    assert _status(official, course) == ProgressStatus.NOT_STARTED


def test_a_completed_course_stays_completed(setup, official):
    course = setup()
    _finish_lessons(official, course)
    CourseRequirement.objects.create(course=course, kind="quiz", key="kiem-tra-moi")
    progress_record(official=official, kind="course", key=str(course.pk), status="in_progress")
    assert _status(official, course) == ProgressStatus.COMPLETED


def test_sync_completes_officials_once_a_relaxed_rule_holds(setup, official):
    course = setup(quizzes=["kiem-tra-dang-nhap"])
    _finish_lessons(official, course)
    assert _status(official, course) == ProgressStatus.NOT_STARTED
    CourseRequirement.objects.filter(course=course).delete()
    course_assignments_sync(course_id=course.pk)
    assert _status(official, course) == ProgressStatus.COMPLETED
