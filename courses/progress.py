"""What one official has done: their ledger rows, read once and cached until one of them is written.

Lesson pages, "My courses" and course pages all start from the same question (which courses are
assigned, which lessons, quizzes and scenarios are done, where each course resumes); at the peak the
same official asks it every half minute. The answer is one query, cached per official under
``progress.ledger_cache.progress_key`` with the official's version, and read with that version in one
cache round trip (``progress_keys``: a page may read them with its other keys in the same one).
"""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import connection

from progress.ledger_cache import CACHE_SECONDS, progress_key, progress_version, version_key
from progress.models import ProgressEntry, ProgressKind, ProgressStatus


@dataclass(frozen=True)
class ItemState:
    """One ledger row, as the learner's pages need it."""

    status: str
    detail: dict
    due_date: date | None
    province_id: int | None
    commune_id: int | None

    @property
    def completed(self) -> bool:
        return self.status == ProgressStatus.COMPLETED


@dataclass(frozen=True)
class OfficialProgress:
    items: dict[tuple[str, str], ItemState]

    def get(self, kind: str, key) -> ItemState | None:
        return self.items.get((str(kind), str(key)))

    def completed_keys(self, kind: str) -> set[str]:
        return {key for (item_kind, key), item in self.items.items() if item_kind == kind and item.completed}

    def done_items(self) -> set[str]:
        """ "kind:key" of the completed lessons, quizzes and scenarios."""
        kinds = {ProgressKind.LESSON, ProgressKind.QUIZ, ProgressKind.SCENARIO}
        return {
            f"{kind}:{key}" for (kind, key), item in self.items.items() if kind in kinds and item.completed
        }

    def course_ids(self) -> set[int]:
        """The courses in the ledger (assigned, or begun before an assignment ended)."""
        return {int(key) for (kind, key) in self.items if kind == ProgressKind.COURSE and key.isdigit()}


def _read(official_id: int) -> OfficialProgress:
    rows = ProgressEntry.objects.filter(official_id=official_id).values_list(
        "kind", "key", "status", "detail", "due_date", "province_id", "commune_id"
    )
    return OfficialProgress(
        items={
            (kind, key): ItemState(
                status=status,
                detail=detail or {},
                due_date=due_date,
                province_id=province_id,
                commune_id=commune_id,
            )
            for kind, key, status, detail, due_date, province_id, commune_id in rows
        }
    )


def progress_keys(official_id: int) -> list[str]:
    """The cache keys :func:`official_progress` reads, to be read with others in one round trip."""
    return [version_key(official_id), progress_key(official_id)]


def official_progress(*, official_id: int, found: dict | None = None) -> OfficialProgress:
    """The official's progress. ``found``: what ``cache.get_many`` gave for keys that included
    :func:`progress_keys` (then the cache is not asked again)."""
    if connection.in_atomic_block:
        return _read(official_id)
    keys = progress_keys(official_id)
    if found is None:
        found = cache.get_many(keys)
    version = found.get(keys[0]) or progress_version(official_id)
    kept = found.get(keys[1])
    if version and isinstance(kept, tuple) and len(kept) == 2 and kept[0] == version:
        return kept[1]
    progress = _read(official_id)
    if version:  # else the cache keeps no version: nothing kept could be told stale
        cache.set(keys[1], (version, progress), CACHE_SECONDS)
    return progress
