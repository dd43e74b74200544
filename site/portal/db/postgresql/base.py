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

The pool is built as Django 5.2 builds it (``django.db.backends.postgresql.base``), with the check
below in place of ``ConnectionPool.check_connection``.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.backends.postgresql import base


def sweeping_check(pool_holder: list):
    """A pool's ``check``: psycopg's own, and on failure :meth:`ConnectionPool.check` of the rest."""
    from psycopg_pool import ConnectionPool

    def check(connection) -> None:
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
