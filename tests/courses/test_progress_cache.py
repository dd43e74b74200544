"""Each official's progress is read once and cached (courses.progress) until one of their ledger rows
is written: every write path drops it once it commits, so an official never sees their own work
undone. These tests commit for real (``transactional_db``): reads inside a transaction bypass the
cache, as they must."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.progress import official_progress
from courses.services import course_assignments_sync, lesson_complete
from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from tests.courses import builders

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def course(transactional_db, province, official):
    course = builders.course(assignments=[{"province": province, "due_date": builders.due(10)}])
    course_assignments_sync(course_id=course.pk)
    return course


@pytest.fixture
def lessons(course):
    from courses.selectors import live_lessons

    return live_lessons(course)


def ledger_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "courses_progressentry" in q["sql"]]


def test_progress_is_read_once_then_served_from_the_cache(course, official):
    first = official_progress(official_id=official.pk)
    with CaptureQueriesContext(connection) as queries:
        again = official_progress(official_id=official.pk)
    assert ledger_queries(queries) == []
    assert again == first
    assert course.pk in again.course_ids()


def test_a_finished_lesson_shows_at_once_in_my_courses(client, course, lessons, official):
    client.force_login(official)
    assert "Đã học 0/3 bài" in client.get(reverse("courses:my_courses")).text  # now cached
    assert client.post(reverse("courses:lesson_complete", args=[lessons[0].pk])).status_code == 302
    assert "Đã học 1/3 bài" in client.get(reverse("courses:my_courses")).text
    assert "Bạn đã xong bài này" in client.get(lessons[0].url).text


def test_a_bulk_update_of_the_ledger_is_seen(course, lessons, official):
    assert not official_progress(official_id=official.pk).completed_keys(ProgressKind.LESSON)
    ProgressEntry.objects.filter(official=official, kind=ProgressKind.LESSON, key=str(lessons[1].pk)).delete()
    ProgressEntry.objects.bulk_create(
        [
            ProgressEntry(
                official=official,
                kind=ProgressKind.LESSON,
                key=str(lessons[1].pk),
                status=ProgressStatus.IN_PROGRESS,
                commune=official.commune,
                province=official.commune.province,
            )
        ]
    )
    assert official_progress(official_id=official.pk).get(ProgressKind.LESSON, lessons[1].pk).status == (
        ProgressStatus.IN_PROGRESS
    )
    ProgressEntry.objects.filter(official=official, kind=ProgressKind.LESSON).update(
        status=ProgressStatus.COMPLETED
    )
    assert official_progress(official_id=official.pk).completed_keys(ProgressKind.LESSON) == {
        str(lessons[1].pk)
    }
    ProgressEntry.objects.filter(official=official, kind=ProgressKind.LESSON).delete()
    assert official_progress(official_id=official.pk).get(ProgressKind.LESSON, lessons[1].pk) is None


def test_a_new_assignment_is_seen(course, official, province):
    assert official_progress(official_id=official.pk).course_ids() == {course.pk}
    other = builders.course(
        "Ký số", slug="ky-so", lessons=1, assignments=[{"province": province, "due_date": builders.due(5)}]
    )
    course_assignments_sync(course_id=other.pk)
    assert official_progress(official_id=official.pk).course_ids() == {course.pk, other.pk}


def test_a_write_rolled_back_leaves_nothing_behind(course, lessons, official):
    before = official_progress(official_id=official.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        lesson_complete(official=official, lesson=lessons[0])
        inside = official_progress(official_id=official.pk)
        assert str(lessons[0].pk) in inside.completed_keys(ProgressKind.LESSON)
        raise RuntimeError("rolled back")
    after = official_progress(official_id=official.pk)
    assert after == before
    assert str(lessons[0].pk) not in after.completed_keys(ProgressKind.LESSON)


def test_one_officials_write_leaves_anothers_cache_alone(course, lessons, official, commune):
    from tests.factories import OfficialFactory

    colleague = OfficialFactory(username="canbo9", commune=commune)
    course_assignments_sync(course_id=course.pk)
    official_progress(official_id=colleague.pk)
    lesson_complete(official=official, lesson=lessons[0])
    with CaptureQueriesContext(connection) as queries:
        progress = official_progress(official_id=colleague.pk)
    assert ledger_queries(queries) == []
    assert not progress.completed_keys(ProgressKind.LESSON)
    assert str(lessons[0].pk) in official_progress(official_id=official.pk).completed_keys(
        ProgressKind.LESSON
    )


def test_a_renamed_course_and_an_unpublished_lesson_show_in_my_courses(client, course, lessons, official):
    client.force_login(official)
    assert "Đã học 0/3 bài" in client.get(reverse("courses:my_courses")).text
    course.title = "Đăng nhập bằng VNeID"
    course.save_revision().publish()
    lessons[2].unpublish()
    html = client.get(reverse("courses:my_courses")).text
    assert "Đăng nhập bằng VNeID" in html
    assert "Đã học 0/2 bài" in html
