"""The connection pool of the server processes (portal.db.postgresql) after its connections died, as
they all do when PostgreSQL restarts: the first dead connection found has the others replaced at once.
On PostgreSQL only (the CI's second pass); tests/faults/test_postgres_restarted.py crashes a real
server under running web servers."""

import logging
import time

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
    """End these server processes, and wait until they are gone (as after a restart)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", [pids])
        for _try in range(100):
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids])
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


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


@pytest.mark.django_db
def test_a_live_connection_is_given_without_a_round_trip_and_a_closed_one_is_checked(monkeypatch):
    """The check looks at the socket first: nothing received since the connection was last used, no
    empty query; a connection the server closed gets psycopg's check, which fails, and is replaced."""
    from psycopg_pool import ConnectionPool

    checked = []
    real_check = ConnectionPool.check_connection

    def counted(conn):
        checked.append(conn.info.backend_pid)
        return real_check(conn)

    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(counted))
    wrapper = _pool_wrapper(min_size=1, max_size=1, timeout=5)
    pool = wrapper.pool
    try:
        pool.open(wait=True)
        for _request in range(3):
            conn = pool.getconn()
            try:
                assert conn.execute("SELECT 1").fetchone() == (1,)
            finally:
                pool.putconn(conn)
        assert checked == [], "a live connection costs no round trip"
        dead = conn.info.backend_pid
        _terminate([dead])
        conn = pool.getconn()
        try:
            assert conn.info.backend_pid != dead
            assert conn.execute("SELECT 1").fetchone() == (1,)
        finally:
            pool.putconn(conn)
        assert checked == [dead], "the closed one was checked, and only it"
    finally:
        wrapper.close_pool()
