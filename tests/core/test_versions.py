"""``core.versions``: every write of a user's rows (one row or in bulk) gives them a new version, once
it commits and not before; a rolled-back write gives none. Tried on notifications (``reports``)."""

import pytest
from django.db import transaction

from reports.models import NOTIFICATION_VERSIONS, Notification

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_write_gives_a_new_version_once_it_commits(official, other_official):
    before = NOTIFICATION_VERSIONS.current(official.pk)
    theirs = NOTIFICATION_VERSIONS.current(other_official.pk)
    with transaction.atomic():
        Notification.objects.create(user=official, title="Nhắc việc")
        assert NOTIFICATION_VERSIONS.current(official.pk) == before, "not before the commit"
    after = NOTIFICATION_VERSIONS.current(official.pk)
    assert after != before
    assert NOTIFICATION_VERSIONS.current(other_official.pk) == theirs, "only the owner's version"


def test_a_rolled_back_write_gives_no_new_version(official):
    before = NOTIFICATION_VERSIONS.current(official.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        Notification.objects.filter(user=official).update(title="x")
        raise RuntimeError
    assert NOTIFICATION_VERSIONS.current(official.pk) == before


WRITES = ["save", "delete", "update", "queryset delete", "bulk_create", "bulk_update"]


@pytest.mark.parametrize("write", WRITES)
def test_each_way_of_writing_gives_a_new_version(official, write):
    notification = Notification.objects.create(user=official, title="Nhắc việc")
    before = NOTIFICATION_VERSIONS.current(official.pk)
    rows = Notification.objects.filter(user=official)
    if write == "save":
        notification.title = "Nhắc việc mới"
        notification.save()
    elif write == "delete":
        notification.delete()
    elif write == "update":
        rows.update(title="Nhắc việc mới")
    elif write == "queryset delete":
        rows.delete()
    elif write == "bulk_create":
        Notification.objects.bulk_create([Notification(user=official, title="Tổng hợp")])
    else:
        notification.title = "Nhắc việc mới"
        Notification.objects.bulk_update([notification], ["title"])
    assert NOTIFICATION_VERSIONS.current(official.pk) != before
