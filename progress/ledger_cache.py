"""The keys of each official's cached progress (read by ``courses.progress``), and their invalidation.

Every write to the ledger goes through the model or its queryset (``ProgressEntryQuerySet``), and each
of them calls :func:`progress_changed` with the officials whose rows it touched. Each official has a
*version* in the cache, and their progress is cached with the version it was read under (both read in
one round trip): a write gives the official a new version once it commits, so every read after the
commit finds the stored progress of another version and reads the ledger again. A read that raced
with the write (began before the commit, stored after it) stored its progress with the old version,
which no read accepts any more. Reads inside a transaction are never cached (they may see rows that
are later rolled back). Kept free of model imports: the model module uses it.
"""

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

# Bump when the cached shape changes: entries of the old shape are then never read.
SHAPE = 2
CACHE_SECONDS = 6 * 3600


def version_key(official_id: int) -> str:
    return f"courses:progress-version:{SHAPE}:{official_id}"


def progress_version(official_id: int) -> str:
    """The official's current progress version (made anew if the cache lost it)."""
    key = version_key(official_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, CACHE_SECONDS)
        version = cache.get(key) or ""
    return version


def progress_key(official_id: int) -> str:
    """Where the official's progress is kept, as ``(version, progress)``."""
    return f"courses:progress:{SHAPE}:{official_id}"


def progress_changed(official_ids: Iterable[int]) -> None:
    """The ledger rows of these officials changed: new versions once the change commits."""
    keys = sorted({version_key(pk) for pk in official_ids if pk is not None})
    if keys:
        transaction.on_commit(lambda: cache.set_many({key: uuid.uuid4().hex for key in keys}, CACHE_SECONDS))
