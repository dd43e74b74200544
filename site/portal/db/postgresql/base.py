"""Django's PostgreSQL backend, with one change to its connection pool: when a connection fails its
check, every other connection waiting in the pool is checked at once and the dead ones replaced.

Why: after PostgreSQL restarts, every pooled connection is dead. psycopg_pool checks a connection as it
leaves the pool (``CONN_HEALTH_CHECKS``), throws a dead one away and asks for a new one at once, but it
then waits before taking the next connection from the pool (1 s, 2 s, 4 s ...: its guard against a busy
loop), and that next one is dead too. A process that held three connections spent 0 + 1 + 2 s on them
and its first request after the restart failed on ``DB_POOL_TIMEOUT`` (3 s in the test), although new
connections were ready after a few milliseconds (tests/faults/test_postgres_restarted.py, seen in CI).
With the sweep, the first failed check clears the pool of its dead connections, and the request takes
the first new one.

A connection whose socket is quiet (nothing received since it was last used) is not checked with a
round trip: a server that closed it has sent an error and the end of the stream, which a look at the
socket sees.

The pool is built as Django 5.2 builds it (``django.db.backends.postgresql.base``), with the check
below in place of ``ConnectionPool.check_connection``.
"""

import select

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.backends.postgresql import base


def _quiet(connection) -> bool:
    """Whether the server has sent nothing since the connection went back to the pool, asked of the
    socket without a round trip. A server that closed the connection (a restart, a crash,
    ``pg_terminate_backend``) has sent an error and the end of the stream: the socket is readable."""
    try:
        descriptor = connection.pgconn.socket
    except Exception:  # noqa: BLE001 - a connection psycopg itself knows to be closed
        return False
    poller = select.poll()
    poller.register(descriptor, select.POLLIN | select.POLLPRI)
    return not poller.poll(0)


def sweeping_check(pool_holder: list):
    """A pool's ``check``: psycopg's own (an empty query, a round trip to the server) when the
    connection's socket is not quiet, and on its failure :meth:`ConnectionPool.check` of the rest.
    A quiet socket (nothing received since the connection was last used, the common case) is taken
    as alive without the round trip: it cost each request that used the database about a tenth of
    a millisecond of the server's CPU (docs/benchmarks.md, issue 18)."""
    from psycopg_pool import ConnectionPool

    def check(connection) -> None:
        if _quiet(connection):
            return
        try:
            ConnectionPool.check_connection(connection)
        except Exception:
            pool_holder[0].check()  # the connections still in the pool; dead ones replaced at once
            raise

    return check


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def pool(self):
        pool_options = self.settings_dict["OPTIONS"].get("pool")
        if self.alias == NO_DB_ALIAS or not pool_options:
            return None
        if self.alias not in self._connection_pools:
            if self.settings_dict.get("CONN_MAX_AGE", 0) != 0:
                raise ImproperlyConfigured("Pooling doesn't support persistent connections.")
            from psycopg_pool import ConnectionPool

            connect_kwargs = self.get_connection_params()
            connect_kwargs["autocommit"] = True  # Django sets the connection's own mode later
            holder: list = []
            pool = ConnectionPool(
                kwargs=connect_kwargs,
                open=False,
                configure=self._configure_connection,
                check=sweeping_check(holder) if self.settings_dict["CONN_HEALTH_CHECKS"] else None,
                **({} if pool_options is True else pool_options),
            )
            holder.append(pool)
            # As Django does: several threads may build a pool at start-up; the first one stored wins.
            self._connection_pools.setdefault(self.alias, pool)
        return self._connection_pools[self.alias]
