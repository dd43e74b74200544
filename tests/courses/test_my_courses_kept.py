""" "Khóa học của tôi" kept for each official (``courses.page_store.my_courses_response``): served again
without rendering until their progress, the courses or the day change; never another official's
page, nor a stale name. These tests commit for real (``transactional_db``): inside a transaction
nothing is kept, as the progress read there may be rolled back."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core import local_store
from courses.services import lesson_complete
from tests.courses import builders
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db(transaction=True)
MY_COURSES = "/learning/"


@pytest.fixture
def course(transactional_db, province, official):
    return builders.assigned_course(province)


def test_the_page_is_kept_until_the_officials_progress_changes(client, course, official):
    assert reverse("courses:my_courses") == MY_COURSES
    client.force_login(official)
    first = client.get(MY_COURSES)
    assert first.templates and "Đã học 0/3 bài" in first.text
    again = client.get(MY_COURSES)
    assert again.templates == [], "served again without rendering"
    assert not [key for key in local_store.keys() if key.startswith("courses:my-courses")], (
        "shared cache only"
    )
    assert again.text.count("csrfmiddlewaretoken") == first.text.count("csrfmiddlewaretoken")
    lesson = course.get_children().live().first().specific
    lesson_complete(official=official, lesson=lesson)
    after = client.get(MY_COURSES)
    assert after.templates and "Đã học 1/3 bài" in after.text


def test_each_official_gets_their_own_page_and_name(client, course, official, commune):
    colleague = OfficialFactory(commune=commune, full_name="Lê Văn Hai")
    client.force_login(official)
    client.get(MY_COURSES)
    client.force_login(colleague)
    theirs = client.get(MY_COURSES)
    assert theirs.templates, "another official: another page"
    assert "Lê Văn Hai" in theirs.text and official.full_name not in theirs.text
    official.full_name = "Nguyễn Thị Lan Anh"
    official.save()
    client.force_login(official)
    renamed = client.get(MY_COURSES)
    assert renamed.templates == [] and '<span class="who">Nguyễn Thị Lan Anh</span>' in renamed.text


def test_a_course_falls_overdue_the_next_day(client, course, official, monkeypatch):
    client.force_login(official)
    assert "Quá hạn" not in client.get(MY_COURSES).text  # due today
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    page = client.get(MY_COURSES)
    assert page.templates and "Quá hạn" in page.text
