"""Writes to the progress ledger. Quizzes, the sandbox and live sessions call ``progress_record`` and
nothing else; course completion is re-evaluated from the ledger each time an item changes."""

from django.db import transaction
from django.utils import timezone

from courses.models import ProgressEntry, ProgressKind, ProgressStatus
from people.models import User

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
    official: User,
    kind: str,
    key: str,
    status: str,
    score: float | None = None,
    detail: dict | None = None,
    course_id: int | None = None,
) -> ProgressEntry:
    """Record where ``official`` stands on one item, and return the ledger row.

    Idempotent: the same call twice leaves one row in the same state.
    """
    if kind not in ProgressKind.values or status not in ProgressStatus.values:
        raise ValueError(f"unknown progress kind/status: {kind}/{status}")
    now = timezone.now()
    entry, _created = ProgressEntry.objects.select_for_update().get_or_create(
        official=official,
        kind=kind,
        key=str(key),
        defaults={"province_id": official.province_id, "commune_id": official.commune_id},
    )
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
    entry.save()
    if kind == ProgressKind.COURSE:
        from reports.summaries import course_entries_changed

        transaction.on_commit(lambda: course_entries_changed(official_ids=[official.pk]))
    return entry
