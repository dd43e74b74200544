"""The people demo data: loaded through the real import, and a second run changes nothing."""

from io import StringIO

import pytest

from people.models import ImportJob, ImportState, IssuedCredential, Role, User
from people.seed import seed


@pytest.mark.slow
def test_seed_is_idempotent(db):
    seed(StringIO())
    officials = User.objects.filter(role=Role.OFFICIAL)
    first = (officials.count(), User.objects.count(), ImportJob.objects.count())
    assert first[0] == 1 + 12  # canbo, and four officials in each of three communes
    job = ImportJob.objects.get()
    assert (job.state, job.created_count) == (ImportState.DONE, 12)
    assert not IssuedCredential.objects.exists()  # no uploader: no slips kept
    assert officials.filter(commune__name="Phường Kinh Bắc").count() == 5
    seed(StringIO())
    assert (officials.count(), User.objects.count(), ImportJob.objects.count()) == first
