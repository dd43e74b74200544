"""The department head's reminders screen: who the daily overdue reminder goes to in their province,
when it goes out, what it says, "Gửi ngay" (confirmed, once a day per official) and the history;
nobody else sees or sends another province's reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from progress.models import ProgressStatus
from reports import services, tasks
from reports.models import ReminderRun, ReminderSent
from reports.selectors import reminder_history, reminder_lines, reminder_next_run
from tests.factories import OfficialFactory
from tests.reports.conftest import assign


@pytest.fixture
def overdue(official, other_commune, course, other_course):
    """Lan (Bắc Ninh) is overdue on two courses; Hoa (Ninh Bình) on one; a Bắc Ninh official whose
    course is done or not yet due is not reminded."""
    today = timezone.localdate()
    assign(official, course, due=today - timedelta(days=3), status=ProgressStatus.IN_PROGRESS)
    assign(official, other_course, due=today - timedelta(days=1))
    elsewhere = OfficialFactory(full_name="Phạm Thu Hoa", commune=other_commune)
    assign(elsewhere, course, due=today - timedelta(days=2))
    on_time = OfficialFactory(full_name="Đỗ Văn Nam", commune=official.commune)
    assign(on_time, course, due=today + timedelta(days=2))
    assign(on_time, other_course, due=today - timedelta(days=2), status=ProgressStatus.COMPLETED)
    return elsewhere


def test_lines_are_the_provinces_overdue_officials_with_what_is_left(department_head, official, overdue):
    lines = reminder_lines(province=department_head.province)

    assert [line.name for line in lines] == [official.get_full_name()]
    line = lines[0]
    assert line.commune == official.commune.name and line.overdue == 2 and line.reminded_at is None
    assert [(course.title, course.status) for course in line.courses] == [
        ("Chữ ký số", ProgressStatus.IN_PROGRESS),
        ("Quản lý văn bản", ProgressStatus.NOT_STARTED),
    ]
    assert [line.name for line in reminder_lines(province=overdue.province)] == ["Phạm Thu Hoa"]


def test_send_now_reminds_only_the_heads_province_once_a_day(department_head, official, overdue):
    assert services.province_reminders_send(head=department_head) == 1
    assert services.province_reminders_send(head=department_head) == 0

    assert [message.to for message in mail.outbox] == [[official.email]]
    assert list(ReminderSent.objects.values_list("user_id", flat=True)) == [official.pk]
    run = ReminderRun.objects.get()
    assert (run.province_id, run.by_hand, run.sent_by_id, run.count) == (
        official.province_id,
        True,
        department_head.pk,
        1,
    )
    assert reminder_lines(province=department_head.province)[0].reminded_at is not None


def test_the_daily_run_skips_who_was_sent_now_and_records_each_province(department_head, official, overdue):
    services.province_reminders_send(head=department_head)

    assert tasks.overdue_reminders_send() == 1  # only Hoa, of the other province

    automatic = ReminderRun.objects.get(sent_by__isnull=True)
    assert (automatic.province_id, automatic.by_hand, automatic.count) == (overdue.province_id, False, 1)
    by_head = reminder_history(province=department_head.province)
    assert [run.sent_by_id for run in by_head] == [department_head.pk]
    assert [run.sent_by_id for run in reminder_history(province=overdue.province)] == [None]


@pytest.mark.parametrize("who", ["official", "trainer", "administrator"])
def test_only_department_heads_send(request, who, overdue):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.province_reminders_send(head=user)
    assert not mail.outbox and not ReminderRun.objects.exists()


def test_next_run_is_the_daily_schedule(db):
    next_run = reminder_next_run()
    assert next_run is not None and timezone.localtime(next_run).strftime("%H:%M") == "07:00"


def test_screen_shows_who_when_what_and_history(client, department_head, official, overdue):
    client.force_login(department_head)

    page = client.get(reverse("reports:reminders")).content.decode()

    assert official.get_full_name() in page and official.commune.name in page
    assert "Phạm Thu Hoa" not in page
    assert "Lần gửi tự động tiếp theo: 07:00" in page
    assert "2 khóa học của bạn đã quá hạn" in page  # the preview: Lan's own reminder
    assert "Gửi ngay" in page and "Chưa gửi lần nào." in page


def test_send_now_asks_first_then_sends_and_redirects(client, department_head, official, overdue):
    client.force_login(department_head)
    url = reverse("reports:reminders_send")

    asked = client.post(url)
    assert asked.status_code == 200 and "Xác nhận gửi" in asked.content.decode()
    assert not mail.outbox

    sent = client.post(url, {"confirm": "yes"})
    assert sent.status_code == 302 and sent["Location"] == reverse("reports:reminders")
    again = client.post(url, {"confirm": "yes"}, follow=True).content.decode()
    assert len(mail.outbox) == 1
    assert "mọi cán bộ quá hạn đã được nhắc hôm nay" in again
    assert "Lê Minh Tuấn" in again  # the history names who sent


def test_head_of_another_province_neither_sees_nor_sends(client, other_department_head, official, overdue):
    client.force_login(other_department_head)

    page = client.get(reverse("reports:reminders")).content.decode()
    assert official.get_full_name() not in page and "Phạm Thu Hoa" in page

    client.post(reverse("reports:reminders_send"), {"confirm": "yes"})
    assert [message.to for message in mail.outbox] == [[overdue.email]]


@pytest.mark.parametrize("who", ["official", "trainer", "administrator"])
def test_anyone_but_a_department_head_is_refused(client, request, who, overdue):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("reports:reminders")).status_code == 403
    assert client.post(reverse("reports:reminders_send"), {"confirm": "yes"}).status_code == 403
    assert not mail.outbox


def test_dashboard_shows_export_above_the_tables_and_links_reminders(client, department_head, overdue):
    client.force_login(department_head)

    page = client.get(reverse("reports:province", args=[department_head.province_id])).content.decode()

    assert page.index("Xuất Excel (XLSX)") < page.index('id="by-course"')
    assert reverse("reports:reminders") in page and "tự nhắc mỗi ngày" in page
