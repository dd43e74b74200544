"""Reminders: overdue officials daily, department heads weekly; by e-mail and in the app; a rerun
(a worker restarted, the schedule fired twice) sends nothing twice."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from progress.models import ProgressStatus
from reports import tasks
from reports.models import Notification, ReminderSent
from tests.factories import OfficialFactory
from tests.reports.conftest import assign


def test_overdue_reminder_is_sent_once(official, commune, course, other_course):
    today = timezone.localdate()
    assign(official, course, due=today - timedelta(days=3))
    assign(official, other_course, due=today - timedelta(days=1))
    on_time = OfficialFactory(commune=commune)
    assign(on_time, course, due=today + timedelta(days=3))
    assign(
        OfficialFactory(commune=commune),
        course,
        due=today - timedelta(days=3),
        status=ProgressStatus.COMPLETED,
    )

    assert tasks.overdue_reminders_send() == 1
    assert tasks.overdue_reminders_send() == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [official.email]
    assert "2 khóa học của bạn đã quá hạn" in message.subject
    assert (today - timedelta(days=3)).strftime("%d/%m/%Y") in message.body
    assert Notification.objects.filter(user=official).count() == 1
    assert not Notification.objects.exclude(user=official).exists()
    assert ReminderSent.objects.get().period_key == today.isoformat()


def test_overdue_reminder_comes_again_the_next_day(official, course):
    today = timezone.localdate()
    assign(official, course, due=today - timedelta(days=1))
    from reports.services import overdue_reminders_send

    overdue_reminders_send(today=today)
    overdue_reminders_send(today=today + timedelta(days=1))

    assert len(mail.outbox) == 2


def test_weekly_digest_reaches_department_heads_once(
    department_head, other_department_head, official, commune, course
):
    assign(official, course, due=timezone.localdate() - timedelta(days=1))

    assert tasks.weekly_digest_send() == 2
    assert tasks.weekly_digest_send() == 0

    digest = next(message for message in mail.outbox if message.to == [department_head.email])
    assert "Tiến độ đào tạo tuần" in digest.subject
    assert commune.name in digest.body
    assert "Quá hạn: 1" in digest.body
    assert Notification.objects.filter(user=department_head).count() == 1


def test_notifications_are_listed_and_marked_read(client, official):
    from reports.services import notification_send

    notification_send(
        user=official, title="Khóa học Chữ ký số đã quá hạn", url=reverse("reports:my_progress")
    )
    client.force_login(official)

    page = client.get(reverse("reports:my_progress")).content.decode()
    assert "Khóa học Chữ ký số đã quá hạn" in page and "1 chưa đọc" in page
    client.post(reverse("reports:notifications_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_schedules_exist_once_by_name(db):
    names = {
        "reports: rebuild summaries (nightly)": "reports.tasks.summaries_rebuild",
        "reports: overdue reminders (daily)": "reports.tasks.overdue_reminders_send",
        "reports: weekly digest to department heads": "reports.tasks.weekly_digest_send",
    }
    assert dict(Schedule.objects.filter(name__in=names).values_list("name", "func")) == names

    migration = importlib.import_module("reports.migrations.0002_schedules")
    migration.create_schedules(apps, None)

    assert Schedule.objects.filter(name__in=names).count() == 3
    weekly = Schedule.objects.get(name="reports: weekly digest to department heads")
    assert (weekly.schedule_type, timezone.localtime(weekly.next_run).weekday()) == (Schedule.WEEKLY, 0)
