"""The connection pool of the server processes (portal.db.postgresql) after its connections died, as
they all do when PostgreSQL restarts: the first dead connection found has the others replaced at once.
On PostgreSQL only (the CI's second pass); tests/faults/test_postgres_restarted.py crashes a real
server under running web servers."""

import logging

import pytest
from django.db import connection

from portal.db.postgresql.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL connection pool")


def _pool_wrapper(**pool):
    settings = {
        **connection.settings_dict,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {**connection.settings_dict["OPTIONS"], "pool": pool},
    }
    return DatabaseWrapper(settings, alias="pool_sweep_test")


def _terminate(pids):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", [pids])


@pytest.mark.django_db
def test_the_first_dead_connection_has_every_other_dead_one_replaced_before_the_next_is_given(caplog):
    caplog.set_level(logging.INFO, logger="psycopg.pool")
    wrapper = _pool_wrapper(min_size=3, max_size=5, timeout=5)
    pool = wrapper.pool
    try:
        pool.open(wait=True)
        held = [pool.getconn() for _ in range(3)]
        dead = [conn.info.backend_pid for conn in held]
        for conn in held:
            pool.putconn(conn)
        _terminate(dead)

        conn = pool.getconn()
        try:
            assert conn.info.backend_pid not in dead
            assert conn.execute("SELECT 1").fetchone() == (1,)
        finally:
            pool.putconn(conn)
        # The request met one dead connection; its failed check swept the two others out of the
        # pool. Without the sweep it would have met each of them in turn, psycopg waiting 1 s and
        # then 2 s before taking the next.
        messages = [record.getMessage() for record in caplog.records if record.name == "psycopg.pool"]
        assert sum(message.startswith("connection failed check") for message in messages) == 1
        assert sum(message.startswith("discarding broken connection") for message in messages) == 2
    finally:
        wrapper.close_pool()
