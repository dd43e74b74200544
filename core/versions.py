"""A version in the cache for each owner of some rows (an official's ledger rows, a user's
notifications), made anew whenever one of their rows is written.

What is cached from an owner's rows carries the version it was read under, and is read with the
current version in one round trip: a write gives the owner a new version once it commits, so every
read after the commit finds the kept value of another version and reads the rows again. A read that
raced with the write (began before the commit, stored after it) stored its value under the old
version, which no read accepts any more.

Every write of the rows goes through the model or its queryset: :class:`VersionedRows` (the model)
and :class:`VersionedRowsQuerySet` (its queryset, for bulk writes) name the owners of the rows they
write to the model's ``versions``.
"""

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import models, transaction


class Versions:
    """The versions of one kind of rows, kept ``seconds`` in the cache under ``prefix:<owner id>``."""

    def __init__(self, prefix: str, seconds: int):
        self.prefix = prefix
        self.seconds = seconds

    def key(self, owner_id: int) -> str:
        return f"{self.prefix}:{owner_id}"

    def current(self, owner_id: int) -> str:
        """The owner's current version (made anew if the cache lost it)."""
        key = self.key(owner_id)
        version = cache.get(key)
        if version is None:
            cache.add(key, uuid.uuid4().hex, self.seconds)
            version = cache.get(key) or ""
        return version

    def changed(self, owner_ids: Iterable[int]) -> None:
        """The rows of these owners changed: new versions once the change commits."""
        keys = sorted({self.key(pk) for pk in owner_ids if pk is not None})
        if keys:
            seconds = self.seconds
            transaction.on_commit(lambda: cache.set_many({key: uuid.uuid4().hex for key in keys}, seconds))


class VersionedRowsQuerySet(models.QuerySet):
    """A queryset whose bulk writes give the owners of the rows they touch new versions. The model
    names ``versions`` (a :class:`Versions`) and ``owner_field`` (the owner's id column)."""

    def _owners(self) -> list[int]:
        return list(self.order_by().values_list(self.model.owner_field, flat=True).distinct())

    def _changed(self, owner_ids) -> None:
        self.model.versions.changed(owner_ids)

    def update(self, **kwargs):
        owners = self._owners()
        count = super().update(**kwargs)
        self._changed(owners)
        return count

    update.alters_data = True

    def delete(self):
        owners = self._owners()
        result = super().delete()
        self._changed(owners)
        return result

    delete.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        created = super().bulk_create(objs, *args, **kwargs)
        self._changed(getattr(obj, self.model.owner_field) for obj in objs)
        return created

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        count = super().bulk_update(objs, *args, **kwargs)
        self._changed(getattr(obj, self.model.owner_field) for obj in objs)
        return count


class VersionedRows(models.Model):
    """A model whose saves and deletes give the row's owner a new version (see the module)."""

    versions: Versions
    owner_field: str

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.versions.changed([getattr(self, self.owner_field)])

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.versions.changed([getattr(self, self.owner_field)])
        return result
