"""Writes to the progress ledger: ``progress_record``, the one way lessons, quizzes, the sandbox and
live sessions record where an official stands on an item. The apps above are told of what changed
through ``progress.registry``."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from progress import registry
from progress.models import ProgressEntry, ProgressKind, ProgressStatus

# A finished item is never moved back to "in progress" by a later, weaker event (re-opening a lesson,
# a late autosave); a failed item may still be completed by a later success.
_RANK = {
    ProgressStatus.NOT_STARTED: 0,
    ProgressStatus.IN_PROGRESS: 1,
    ProgressStatus.FAILED: 2,
    ProgressStatus.COMPLETED: 3,
}


@transaction.atomic
def progress_record(
    *,
    official: AbstractBaseUser,
    kind: str,
    key: str,
    status: str,
    score: float | None = None,
    detail: dict | None = None,
    course_id: int | None = None,
) -> ProgressEntry:
    """Record where ``official`` stands on one item, and return the ledger row.

    Idempotent: the same call twice leaves one row in the same state, and writes nothing the second
    time (a lesson opened again is a read, not a write: the peak load test's most frequent request).
    The dashboards are told only when what they count changed (``registry.course_rows_changed``).
    When an item other than a course becomes completed, the listeners of
    ``registry.item_completed`` are told (course completion re-evaluates the official's open courses
    whose rule involves it).
    """
    if kind not in ProgressKind.values or status not in ProgressStatus.values:
        raise ValueError(f"unknown progress kind/status: {kind}/{status}")
    now = timezone.now()
    entry, created = ProgressEntry.objects.select_for_update().get_or_create(
        official=official,
        kind=kind,
        key=str(key),
        defaults={"province_id": official.province_id, "commune_id": official.commune_id},
    )
    was_completed = entry.status == ProgressStatus.COMPLETED
    counted_before = _counted(entry)
    stored_before = (*counted_before, entry.score, entry.detail, entry.course_id_ref)
    if _RANK[ProgressStatus(status)] >= _RANK[ProgressStatus(entry.status)]:
        entry.status = status
    if score is not None and (entry.score is None or score >= entry.score):
        entry.score = score
    if detail:
        entry.detail = {**entry.detail, **detail}
    if course_id is not None:
        entry.course_id_ref = course_id
    if status != ProgressStatus.NOT_STARTED and entry.started_at is None:
        entry.started_at = now
    if entry.status == ProgressStatus.COMPLETED and entry.completed_at is None:
        entry.completed_at = now
    entry.province_id, entry.commune_id = official.province_id, official.commune_id
    if not created and (*_counted(entry), entry.score, entry.detail, entry.course_id_ref) == stored_before:
        return entry
    entry.save()
    if kind == ProgressKind.COURSE:
        if created or _counted(entry) != counted_before:
            registry.course_rows_changed(official_ids=[official.pk])
    elif entry.status == ProgressStatus.COMPLETED and not was_completed:
        registry.item_completed(official=official, kind=kind, key=entry.key)
    return entry


def _counted(entry: ProgressEntry) -> tuple:
    """What the dashboards' summaries count of a ledger row (reports.summaries)."""
    return (
        entry.status,
        entry.started_at,
        entry.completed_at,
        entry.due_date,
        entry.province_id,
        entry.commune_id,
    )
