"""The keys of each official's cached progress (read by ``courses.progress``), and their invalidation.

Every write to the ledger goes through the model or its queryset (``core.versions``), and each of them
gives the officials whose rows it touched a new version once it commits (:data:`LEDGER_VERSIONS`).
Their progress is cached with the version it was read under (both read in one round trip), so every
read after the commit reads the ledger again. Reads inside a transaction are never cached (they may
see rows that are later rolled back). Kept free of model imports: the model module uses it.
"""

from collections.abc import Iterable

from core.versions import Versions

# Bump when the cached shape changes: entries of the old shape are then never read.
SHAPE = 2
CACHE_SECONDS = 6 * 3600
LEDGER_VERSIONS = Versions(f"courses:progress-version:{SHAPE}", CACHE_SECONDS)


def version_key(official_id: int) -> str:
    return LEDGER_VERSIONS.key(official_id)


def progress_version(official_id: int) -> str:
    """The official's current progress version (made anew if the cache lost it)."""
    return LEDGER_VERSIONS.current(official_id)


def progress_key(official_id: int) -> str:
    """Where the official's progress is kept, as ``(version, progress)``."""
    return f"courses:progress:{SHAPE}:{official_id}"


def progress_changed(official_ids: Iterable[int]) -> None:
    """The ledger rows of these officials changed: new versions once the change commits."""
    LEDGER_VERSIONS.changed(official_ids)
