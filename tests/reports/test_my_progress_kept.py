""" "Tiến độ của tôi" kept for each user (``reports.pages``): served again without rendering until
something it shows changes (their ledger rows, their notifications, the courses, the day, their role
in the commune), never another user's page. These tests commit for real (``transactional_db``):
inside a transaction nothing is kept, as what is read there may be rolled back."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core import local_store
from courses.selectors import live_lessons
from courses.services import lesson_complete
from people.models import JobRole
from reports.models import Notification
from reports.services import notification_send, notifications_mark_read
from tests.courses import builders
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db(transaction=True)
MY_PROGRESS = "/reports/me/"


@pytest.fixture
def course(transactional_db, province, official):
    return builders.assigned_course(province)


def kept(response) -> bool:
    assert response.status_code == 200
    return response.templates == []


def test_the_page_is_kept_until_the_officials_ledger_changes(client, course, official):
    assert reverse("reports:my_progress") == MY_PROGRESS
    client.force_login(official)
    first = client.get(MY_PROGRESS)
    assert not kept(first) and "Chưa bắt đầu" in first.text
    again = client.get(MY_PROGRESS)
    assert kept(again)
    assert again.text.count("csrfmiddlewaretoken") == first.text.count("csrfmiddlewaretoken")
    assert '<span class="who">Nguyễn Thị Lan</span>' in again.text
    # One user's own page is kept in the shared cache only, never in the process's small store,
    # where it would push out the pages shared by many (lesson pages).
    assert not [key for key in local_store.keys() if key.startswith("reports:my-progress")]
    lessons = live_lessons(course)
    lesson_complete(official=official, lesson=lessons[0])
    started = client.get(MY_PROGRESS)
    assert not kept(started) and "Đang học" in started.text
    for lesson in lessons[1:]:
        lesson_complete(official=official, lesson=lesson)
    done = client.get(MY_PROGRESS)
    assert not kept(done) and "Tải chứng nhận (PDF)" in done.text


def test_a_new_notification_and_marking_them_read_show_at_once(client, course, official):
    client.force_login(official)
    client.get(MY_PROGRESS)
    assert kept(client.get(MY_PROGRESS)) and "Chưa có thông báo." in client.get(MY_PROGRESS).text
    notification_send(user=official, title="Khóa học sắp đến hạn")
    page = client.get(MY_PROGRESS)
    assert not kept(page) and "Khóa học sắp đến hạn" in page.text and "1 chưa đọc" in page.text
    assert kept(client.get(MY_PROGRESS))
    assert client.post(reverse("reports:notifications_read")).status_code == 302
    read = client.get(MY_PROGRESS)
    assert not kept(read) and "Khóa học sắp đến hạn" in read.text and "chưa đọc" not in read.text


def test_bulk_writes_of_notifications_show_at_once(client, course, official):
    client.force_login(official)
    client.get(MY_PROGRESS)
    assert kept(client.get(MY_PROGRESS))
    Notification.objects.bulk_create([Notification(user=official, title="Tổng hợp hằng tuần")])
    assert "Tổng hợp hằng tuần" in client.get(MY_PROGRESS).text
    assert notifications_mark_read(user=official) == 1
    assert "chưa đọc" not in client.get(MY_PROGRESS).text
    Notification.objects.filter(user=official).delete()
    assert "Chưa có thông báo." in client.get(MY_PROGRESS).text


def test_each_user_gets_their_own_page(client, course, official, commune, department_head):
    notification_send(user=official, title="Nhắc việc riêng của chị Lan")
    client.force_login(official)
    client.get(MY_PROGRESS)
    assert kept(client.get(MY_PROGRESS))
    colleague = OfficialFactory(commune=commune, full_name="Lê Văn Hai")
    client.force_login(colleague)
    theirs = client.get(MY_PROGRESS)
    assert not kept(theirs)
    assert "Lê Văn Hai" in theirs.text and "Nhắc việc riêng của chị Lan" not in theirs.text
    client.force_login(department_head)
    client.get(MY_PROGRESS)
    head = client.get(MY_PROGRESS)
    assert kept(head) and "Xem tiến độ đào tạo" in head.text and "Khóa học được giao" not in head.text


def test_a_new_chairman_sees_the_link_to_their_commune_at_once(client, course, official):
    client.force_login(official)
    client.get(MY_PROGRESS)
    assert "Xem tiến độ của cán bộ trong xã" not in client.get(MY_PROGRESS).text
    official.job_role = JobRole.CHAIRMAN
    official.save()
    assert "Xem tiến độ của cán bộ trong xã" in client.get(MY_PROGRESS).text


def test_a_renamed_course_and_the_next_day_show_at_once(client, course, official, monkeypatch):
    client.force_login(official)
    client.get(MY_PROGRESS)
    page = client.get(MY_PROGRESS)
    assert kept(page) and "Quá hạn" not in page.text  # due today
    course.title = "Đăng nhập bằng VNeID"
    course.save_revision().publish()
    assert "Đăng nhập bằng VNeID" in client.get(MY_PROGRESS).text
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    overdue = client.get(MY_PROGRESS)
    assert not kept(overdue) and "Quá hạn" in overdue.text


def test_the_english_page_is_kept_apart(client, course, official):
    client.force_login(official)
    client.get(MY_PROGRESS)
    assert "Tiến độ của tôi" in client.get(MY_PROGRESS).text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(MY_PROGRESS)
    assert not kept(english), "the English page, not the kept Vietnamese one"
    assert 'lang="en"' in english.text and "My progress" in english.text


def test_an_official_made_staff_gets_the_header_of_staff_at_once(client, course, official):
    client.force_login(official)
    client.get(MY_PROGRESS)
    page = client.get(MY_PROGRESS)
    assert kept(page) and 'href="/admin/"' not in page.text
    official.is_staff = True
    official.save()
    assert 'href="/admin/"' in client.get(MY_PROGRESS).text
