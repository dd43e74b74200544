"""Background tasks (django-q2): thin wrappers that take ids and call one service."""

from dataclasses import asdict

from courses import services


def course_assignments_sync(course_id: int) -> dict:
    """Materialise one course's assignments into the ledger (queued when a course is published)."""
    return asdict(services.course_assignments_sync(course_id=course_id))


def course_assignments_apply(official_ids: list[int]) -> dict:
    """Give newly imported officials their assigned courses."""
    return asdict(services.course_assignments_apply(official_ids=official_ids))
