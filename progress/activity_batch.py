"""Positions recorded off the request path: the live board's position of an official, from lesson
views and passed checks, is written by a task worker in batches, not by the request.

``activity_report`` hands every report that is not a failed check to :func:`activity_defer`. With
the cache on Redis (production), the report goes into one Redis hash, one field per official (a
later report of the same official replaces an earlier one not yet applied), and at most one task
``progress.activity.activity_flush`` waits in the queue at any time: the request makes two Redis
calls and no database query. The task takes the whole hash at once (``RENAME``, :func:`pending_take`),
so the reports that arrived while it waited are applied together, each with the time it was made; an
older report never overwrites a newer position (a failed check, recorded at once, or a report applied
before it). The trainer's board sees the new position as soon as a worker has taken the task (1.3 s
after the view on a loaded machine in ``tests/live_sessions/test_activity_batch.py``, which requires
under 5 s).

Failed checks are still written at once by the request (the count of consecutive failures flags an
official as stuck, and each failure must count). On the embedded defaults (no Redis) nothing is
deferred: reports are written at once, as before.

A report taken by a worker that then dies is lost; the official's next report, at the latest when the
position cache expires (``POSITION_SECONDS``), records the position again.
"""

import json
import logging
import time
import uuid
from datetime import UTC, datetime

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

PENDING = "live:activity-pending"
QUEUED = "live:activity-flush-queued"
# A queued task is expected to run within seconds; if it was lost (the broker restarted), the next
# report after this long queues another.
QUEUED_SECONDS = 10


def _redis():
    """The cache's Redis client (writes), or None when the cache is not on Redis."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None
    return cache, cache._cache.get_client(write=True)


def activity_defer(*, official_id: int, kind: str, key: str, label: str, step: str) -> bool:
    """Queue a position report (already normalised) for the worker; False when reports cannot be
    deferred here (no Redis), and the caller must write it itself."""
    found = _redis()
    if found is None:
        return False
    cache, client = found
    report = json.dumps([kind, key, label, step, time.time()])
    client.hset(cache.make_key(PENDING), str(official_id), report)
    if client.set(cache.make_key(QUEUED), "1", nx=True, ex=QUEUED_SECONDS):
        from django_q.tasks import async_task

        async_task("progress.activity.activity_flush", save=False)
    return True


def pending_take() -> list[tuple[int, str, str, str, str, datetime]]:
    """For the task (``progress.activity.activity_flush``): every pending report, taken at once, as
    (official id, kind, key, label, step, when it was made); none without Redis."""
    found = _redis()
    if found is None:
        return []
    cache, client = found
    # First: a report arriving from now on queues a task of its own (it may miss this batch).
    client.delete(cache.make_key(QUEUED))
    batch = cache.make_key(f"{PENDING}:{uuid.uuid4().hex}")
    if not client.exists(cache.make_key(PENDING)):
        return []
    try:
        client.rename(cache.make_key(PENDING), batch)
    except Exception:  # noqa: BLE001 - emptied by another worker between the two calls
        return []
    raw_reports = client.hgetall(batch)
    client.delete(batch)
    reports = []
    for official_id, raw in raw_reports.items():
        try:
            kind, key, label, step, at = json.loads(raw)
            reports.append((int(official_id), kind, key, label, step, datetime.fromtimestamp(at, tz=UTC)))
        except (ValueError, TypeError):
            logger.exception("live board: unreadable pending report of official %s", official_id)
    return reports
