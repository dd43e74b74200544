"""django-q2 entry points: take ids, call one service. Scheduled ones are created by migration
``0002_schedules``."""

from reports import services, summaries


def export_job_build(job_id: str) -> None:
    services.export_job_build(job_id=job_id)


def summaries_rebuild() -> dict[str, int]:
    return summaries.summaries_rebuild()


def overdue_reminders_send() -> int:
    return services.overdue_reminders_send()


def weekly_digest_send() -> int:
    return services.weekly_digest_send()
