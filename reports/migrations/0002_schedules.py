"""The reports app's django-q2 schedules, created once by name (running the migration again, or a
schedule edited by an administrator, is left alone)."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

# (name, task, schedule type, local time, weekday for weekly ones: 0 = Monday)
SCHEDULES = [
    ("reports: rebuild summaries (nightly)", "reports.tasks.summaries_rebuild", "D", time(1, 30), None),
    ("reports: overdue reminders (daily)", "reports.tasks.overdue_reminders_send", "D", time(7, 0), None),
    ("reports: weekly digest to department heads", "reports.tasks.weekly_digest_send", "W", time(7, 30), 0),
]


def _next_run(at: time, weekday: int | None) -> datetime:
    now = timezone.localtime()
    run = timezone.make_aware(datetime.combine(now.date(), at))
    while run <= now or (weekday is not None and run.weekday() != weekday):
        run += timedelta(days=1)
    return run


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, schedule_type, at, weekday in SCHEDULES:
        Schedule.objects.get_or_create(
            name=name,
            defaults={"func": func, "schedule_type": schedule_type, "repeats": -1, "next_run": _next_run(at, weekday)},
        )


def remove_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[name for name, *_rest in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
