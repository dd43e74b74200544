"""Where each official is right now: the activity feed the trainer's live board reads.

Lessons, sandbox scenarios and quizzes call :func:`activity_report` as the official moves and as
checks fail. It is cheap (two or three small queries), it never raises into the caller, and it tells
the listeners of ``progress.registry.on_activity`` of the new position (the live board pushes it to
every open session the official is in once the caller's transaction commits).
"""

import logging

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from progress import registry
from progress.models import ItemKind, OfficialActivity

logger = logging.getLogger(__name__)

# How long a reported position is trusted without writing it again (see ``_unchanged``).
POSITION_SECONDS = 120


def activity_report(
    *,
    official_id: int,
    kind: str,
    key: str,
    label: str,
    step: str = "",
    failed: bool = False,
    found: dict | None = None,
) -> None:
    """Record that an official is at ``kind``/``key`` (a lesson, a scenario, a quiz), at ``step``;
    ``failed`` marks a failed check (repeated failures flag the official as stuck). ``found``: what
    ``cache.get_many`` gave for keys that included ``position_key(official_id)``, when the caller
    read it with its own keys in one round trip."""
    try:
        if not failed and _unchanged(official_id, kind, key, step, found):
            return
        if not failed and _deferred(official_id, kind, key, label, step):
            return
        _record(official_id=official_id, kind=kind, key=key, label=label, step=step, failed=failed)
    except Exception:  # noqa: BLE001 - the live board must never break a lesson, a scenario or a quiz
        logger.exception("live board: could not record the activity of official %s", official_id)


def _normalised(kind: str, key: str, step: str) -> tuple[str, str, str]:
    return (kind if kind in ItemKind.values else ItemKind.OTHER, str(key)[:64], str(step or "")[:200])


def position_key(official_id: int) -> str:
    """The cache key of where the official was last reported."""
    return f"live:activity-at:{official_id}"


def _unchanged(official_id: int, kind: str, key: str, step: str, found: dict | None = None) -> bool:
    """Whether the official is known to be at this very place already, with no failed check counted:
    then a report changes nothing (the board counts time from arriving there), and writes nothing.
    At the peak, most lesson views are such reports. Known for a short while only (the cache entry is
    written after each report commits and expires by itself), so a race between two reports of one
    official can leave the board behind for at most that long."""
    position = position_key(official_id)
    known = found.get(position) if found is not None else cache.get(position)
    return known == _normalised(kind, key, step)


def _deferred(official_id: int, kind: str, key: str, label: str, step: str) -> bool:
    """Handed to the task worker (``progress.activity_batch``, with Redis): the request writes
    nothing, and the position counts as known at once, so that the next views report nothing."""
    from progress.activity_batch import activity_defer

    kind, key, step = _normalised(kind, key, step)
    if not activity_defer(official_id=official_id, kind=kind, key=key, label=str(label)[:200], step=step):
        return False
    position = position_key(official_id)
    transaction.on_commit(lambda: cache.set(position, (kind, key, step), POSITION_SECONDS))
    return True


def activity_flush() -> int:
    """The task: apply the positions reported off the request path (``progress.activity_batch``),
    each with the time it was made; the number applied."""
    from progress.activity_batch import pending_take

    applied = 0
    for official_id, kind, key, label, step, at in pending_take():
        try:
            _record(official_id=official_id, kind=kind, key=key, label=label, step=step, failed=False, now=at)
            applied += 1
        except Exception:  # noqa: BLE001 - one bad report must not lose the others
            logger.exception("live board: could not apply the position of official %s", official_id)
    return applied


def _record(*, official_id: int, kind: str, key: str, label: str, step: str, failed: bool, now=None) -> None:
    """Write the report; ``now``: when it was made (a deferred report: earlier than it is applied).
    A report older than the position already written is dropped."""
    now = now or timezone.now()
    kind, key, step = _normalised(kind, key, step)
    label = str(label)[:200]
    # A savepoint: a failure here rolls back only this, never the caller's own transaction.
    with transaction.atomic():
        activity = OfficialActivity.objects.select_for_update().filter(official_id=official_id).first()
        if activity is None:
            # Foreign keys are checked at commit: check first, so a bad id cannot fail the caller's commit.
            if not get_user_model().objects.filter(pk=official_id).exists():
                return
            activity = OfficialActivity(official_id=official_id)
            moved = True
        elif now < activity.updated_at:
            return  # a newer position is already written
        else:
            moved = (activity.kind, activity.key, activity.step) != (kind, key, step)
        if moved:
            activity.since = now
            activity.failed_checks = 1 if failed else 0
        else:
            # Consecutive failures: a check that passes at the same step starts the count again.
            activity.failed_checks = activity.failed_checks + 1 if failed else 0
        activity.kind, activity.key, activity.label, activity.step = kind, key, label, step
        activity.updated_at = now
        activity.save()
        registry.activity_moved(activity=activity, now=now)
    position = position_key(official_id)
    if activity.failed_checks:
        transaction.on_commit(lambda: cache.delete(position))
    else:
        transaction.on_commit(lambda: cache.set(position, (kind, key, step), POSITION_SECONDS))
