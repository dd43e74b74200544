"""The national load generator (at a tiny size) and the demo seed."""

from io import StringIO

from django.core.management import call_command

from people.models import User
from progress.models import ProgressEntry
from reports.models import CommuneCourseCount, ProvinceCourseCount
from reports.seed import seed


def test_generate_national_load_small_and_resumable(db):
    call_command("generate_national_load", communes=2, officials=3, courses=4, stdout=StringIO())

    officials = User.objects.filter(username__startswith="taithu-")
    assert officials.count() == 6
    assert ProgressEntry.objects.filter(kind="course").count() == 24
    assert sum(CommuneCourseCount.objects.values_list("count", flat=True)) == 24
    assert sum(ProvinceCourseCount.objects.values_list("count", flat=True)) == 24

    out = StringIO()
    call_command("generate_national_load", communes=2, officials=3, courses=4, stdout=out)
    assert "0 communes to generate" in out.getvalue()
    assert ProgressEntry.objects.count() == 24


def test_seed_is_idempotent(official, course):
    from tests.reports.conftest import assign

    assign(official, course)
    seed(StringIO())
    first = list(CommuneCourseCount.objects.values_list("commune_id", "course_id", "status", "count"))
    seed(StringIO())
    assert list(CommuneCourseCount.objects.values_list("commune_id", "course_id", "status", "count")) == first
