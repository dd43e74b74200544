"""The signed-in user of each request, read by one prepared query (``people.backends``): the same user
the ORM reads, on SQLite and on PostgreSQL, and the same refusals as Django's ``ModelBackend``."""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people.backends import UserBackend, user_by_pk
from people.models import User


def _fields(user) -> dict:
    return {field.attname: getattr(user, field.attname) for field in User._meta.concrete_fields}


def test_the_user_read_is_the_one_the_orm_reads(official):
    official.last_login = timezone.now()
    official.save()
    read = user_by_pk(str(official.pk))  # as the session keeps it
    assert type(read) is User
    assert _fields(read) == _fields(User.objects.get(pk=official.pk))
    assert read._state.adding is False and read._state.db == "default"
    assert read.commune.province_id == official.province_id, "relations load as from the ORM"


def test_no_user_for_an_unknown_or_malformed_key(db):
    assert user_by_pk(987654) is None
    assert user_by_pk("abc") is None
    assert UserBackend().get_user("abc") is None


def test_an_inactive_user_is_refused_as_django_refuses_them(official):
    assert UserBackend().get_user(official.pk).pk == official.pk
    official.is_active = False
    official.save()
    assert UserBackend().get_user(official.pk) is None


def test_a_signed_in_request_reads_its_user_once_and_a_deactivated_user_is_signed_out(client, official):
    assert settings.AUTHENTICATION_BACKENDS[-1] == "people.backends.UserBackend"
    client.force_login(official, backend="people.backends.UserBackend")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/reports/me/").status_code == 200
    user_reads = [q["sql"] for q in queries if 'FROM "people_user"' in q["sql"] and "WHERE" in q["sql"]]
    assert len(user_reads) == 1
    User.objects.filter(pk=official.pk).update(is_active=False)  # no signal, no cache: read afresh
    response = client.get("/reports/me/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
