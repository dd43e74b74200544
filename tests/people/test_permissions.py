"""``people.permissions``: what each role sees, and what it does not."""

import pytest

from people import permissions
from people.models import ImportJob
from people.permissions import (
    can_manage_officials,
    can_read_credentials,
    can_view_official,
    communes_visible_to,
    import_jobs_visible_to,
    officials_visible_to,
    provinces_visible_to,
)
from tests.factories import DepartmentHeadFactory, OfficialFactory


@pytest.fixture
def people(commune, other_commune, official, other_official):
    return {"here": official, "there": other_official}


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_administrator_sees_everything(administrator, people, province, other_province):
    assert pks(officials_visible_to(administrator)) == {people["here"].pk, people["there"].pk}
    assert pks(provinces_visible_to(administrator)) == {province.pk, other_province.pk}
    assert communes_visible_to(administrator).count() == 2
    assert can_manage_officials(administrator)


def test_department_head_sees_their_province_only(department_head, people, province, commune):
    assert pks(officials_visible_to(department_head)) == {people["here"].pk}
    assert pks(provinces_visible_to(department_head)) == {province.pk}
    assert pks(communes_visible_to(department_head)) == {commune.pk}
    assert can_view_official(department_head, people["here"])
    assert not can_view_official(department_head, people["there"])
    assert can_manage_officials(department_head)


def test_department_head_without_province_sees_nobody(people):
    head = DepartmentHeadFactory(province=None)
    assert not officials_visible_to(head).exists()
    assert not can_manage_officials(head)
    assert not import_jobs_visible_to(head).exists()


def test_trainer_sees_the_participants_of_their_sessions(trainer, people, commune, monkeypatch):
    monkeypatch.setitem(permissions._SOURCES, "trainer_officials", lambda *, trainer: [people["there"].pk])
    assert pks(officials_visible_to(trainer)) == {people["there"].pk}
    # The province's communes, to choose an audience; but no account administration.
    assert pks(communes_visible_to(trainer)) == {commune.pk}
    assert not can_manage_officials(trainer)


def test_official_sees_only_themself(people, commune):
    official = people["here"]
    colleague = OfficialFactory(commune=commune)
    assert pks(officials_visible_to(official)) == {official.pk}
    assert not can_view_official(official, colleague)
    assert pks(communes_visible_to(official)) == {commune.pk}
    assert not can_manage_officials(official)


def test_anonymous_sees_nothing(people):
    from django.contrib.auth.models import AnonymousUser

    nobody = AnonymousUser()
    assert not officials_visible_to(nobody).exists()
    assert not communes_visible_to(nobody).exists()
    assert not provinces_visible_to(nobody).exists()
    assert not can_manage_officials(nobody)
    assert not import_jobs_visible_to(nobody).exists()


def test_import_jobs_and_their_credentials(department_head, other_department_head, administrator, province):
    job = ImportJob.objects.create(uploaded_by=department_head, province=province, original_name="a.csv")
    colleague = DepartmentHeadFactory(province=province)
    assert pks(import_jobs_visible_to(colleague)) == {job.pk}
    assert not import_jobs_visible_to(other_department_head).exists()
    assert pks(import_jobs_visible_to(administrator)) == {job.pk}
    assert can_read_credentials(department_head, job)
    assert not can_read_credentials(colleague, job)
    assert not can_read_credentials(administrator, job)
