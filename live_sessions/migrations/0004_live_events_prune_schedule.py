"""Schedule the nightly prune of stored numbered frames (``live_sessions.tasks.live_events_prune``,
docs/live-protocol.md), created once by name: running the migration again, or a schedule an
administrator edited, is left alone."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

NAME = "live_sessions: prune stored frames (nightly)"
AT = time(2, 15)


def _next_run():
    now = timezone.localtime()
    run = timezone.make_aware(datetime.combine(now.date(), AT))
    return run if run > now else run + timedelta(days=1)


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "func": "live_sessions.tasks.live_events_prune",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": _next_run(),
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("live_sessions", "0003_live_event_sequence"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
