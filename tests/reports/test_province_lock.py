"""A dashboard recount holds its province's row for as long as it runs; learners' ledger writes in
that province must still commit at once (PostgreSQL checks each row's reference to its province at
commit, with a lock that FOR UPDATE would block)."""

import threading

import pytest
from django.db import OperationalError, connection, connections, transaction

from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from reports.summaries import provinces_lock

pytestmark = pytest.mark.django_db(transaction=True)


def hold_province(province_id, locked: threading.Event, release: threading.Event):
    try:
        with transaction.atomic():
            provinces_lock([province_id])
            locked.set()
            release.wait(timeout=20)
    finally:
        connections.close_all()


@pytest.mark.parametrize("lock_all", [False, True], ids=["one province", "every province (rebuild)"])
def test_a_ledger_write_commits_while_a_recount_holds_its_province(official, lock_all):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite locks the whole file for every writer)")
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(
        target=hold_province, args=(None if lock_all else official.province_id, locked, release)
    )
    holder.start()
    try:
        assert locked.wait(timeout=10)
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                ProgressEntry.objects.create(
                    official=official,
                    province_id=official.province_id,
                    commune_id=official.commune_id,
                    kind=ProgressKind.LESSON,
                    key="42",
                    status=ProgressStatus.IN_PROGRESS,
                )
        except OperationalError as error:  # lock_timeout: the write waited for the recount
            pytest.fail(f"the ledger write waited for the province lock: {error}")
    finally:
        release.set()
        holder.join(timeout=20)
    assert ProgressEntry.objects.filter(official=official, key="42").exists()
