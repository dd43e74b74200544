"""The lesson page at the peak (docs/benchmarks.md, "Peak load"): opening a lesson again writes nothing,
and its rendered body is cached per published revision, shared by every official whose practise and
check blocks stand the same, and replaced as soon as an editor publishes a change."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from courses.services import course_assignments_sync
from progress.services import progress_record
from tests.courses import builders
from tests.factories import OfficialFactory


def test_a_lesson_opened_again_writes_nothing_and_tells_the_dashboards_nothing(
    signed_in, lessons, dashboard_calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert signed_in.get(lessons[0].url).status_code == 200
    assert len(dashboard_calls) == 1, "the course became in progress: the dashboards count it"
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as queries:
        assert signed_in.get(lessons[0].url).status_code == 200
    writes = [
        q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT")) and "progressentry" in q["sql"]
    ]
    assert writes == []
    assert len(dashboard_calls) == 1


def test_the_body_is_served_from_the_cache_until_a_new_revision_is_published(signed_in, lessons):
    lesson = lessons[0]
    assert "Nhập tên đăng nhập (bài 1)" in signed_in.get(lesson.url).text

    # A change that bypasses publishing is not seen: the page comes from the cache.
    hidden = type(lesson).objects.get(pk=lesson.pk)
    hidden.body = [("text", RichText("<p>Sửa ngầm</p>"))]
    hidden.save(update_fields=["body"])
    cached = signed_in.get(lesson.url).text
    assert "Nhập tên đăng nhập (bài 1)" in cached and "Sửa ngầm" not in cached

    # The editor publishes a new revision: the next request renders it.
    lesson.refresh_from_db()
    lesson.body = [("text", RichText("<p>Nội dung mới đã xuất bản</p>"))]
    lesson.save_revision().publish()
    fresh = signed_in.get(lesson.url).text
    assert "Nội dung mới đã xuất bản" in fresh
    assert "Nhập tên đăng nhập (bài 1)" not in fresh


def test_done_badges_stay_each_officials_own_with_a_shared_cache(client, course, official, commune):
    practice = builders.lesson(
        course,
        "Bài thực hành tiếp nhận",
        slug="thuc-hanh",
        body=[
            (
                "practise",
                {"scenario": "vb-den-tiep-nhan", "description": ""},
            )
        ],
    )
    colleague = OfficialFactory(username="canbo3", commune=commune)
    course_assignments_sync(course_id=course.pk)
    progress_record(official=official, kind="scenario", key="vb-den-tiep-nhan", status="completed")

    def badge_for(user) -> bool:
        client.force_login(user)
        return "Đã làm xong" in client.get(practice.url).text

    assert badge_for(colleague) is False  # renders and caches the body without the badge
    assert badge_for(official) is True
    assert badge_for(colleague) is False
