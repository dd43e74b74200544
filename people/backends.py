"""Django's ``ModelBackend``, with the signed-in user of each request read by one prepared query.

Every signed-in request reads its user's row. Through the ORM that took about 1,180 Python calls,
most of them compiling the same ``SELECT`` again: about 0.4 ms of CPU, half of what a signed-in
request paid before its view ran (docs/benchmarks.md, issue 18). Here the statement, and the
database's converters for its columns, are worked out once for each database connection, and each
request runs it and builds the user from the row (about 180 calls). What is read, and what
``get_user`` decides with it (a user who may not sign in gets ``None``), are Django's own.

Signing in, permissions and everything else are ``ModelBackend``'s, unchanged.
"""

import weakref

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connections, router

# For each connection (one per thread and database): the statement, the columns' names in order,
# and the converters of the columns that have any.
_prepared: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_PLACEHOLDER = 0


def _prepare(model, connection):
    compiler = model._default_manager.filter(pk=_PLACEHOLDER).query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = [column for column, _sql, _alias in compiler.select]
    if list(params) != [_PLACEHOLDER] or any(not hasattr(column, "target") for column in columns):
        raise ImproperlyConfigured(
            f"people.backends needs a plain SELECT of {model._meta.label} by primary key; got {sql!r}"
        )
    names = [column.target.attname for column in columns]
    converters = compiler.get_converters(columns)
    return sql, names, converters


def user_by_pk(pk):
    """The user with primary key ``pk`` (as the session keeps it), read from the database; None if
    there is none."""
    model = get_user_model()
    try:
        pk = model._meta.pk.to_python(pk)
    except ValidationError:
        return None
    connection = connections[router.db_for_read(model)]
    prepared = _prepared.get(connection)
    if prepared is None:
        prepared = _prepared[connection] = _prepare(model, connection)
    sql, names, converters = prepared
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    if converters:
        row = list(row)
        for position, (functions, expression) in converters.items():
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
    return model.from_db(connection.alias, names, row)


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        user = user_by_pk(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
