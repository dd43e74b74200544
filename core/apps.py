from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    """The bottom layer. As an app it only carries the Vietnamese collation: its migration creates it
    on PostgreSQL, and ``ready`` registers it on every SQLite connection (``core.collation``)."""

    name = "core"
    verbose_name = "core"

    def ready(self) -> None:
        from core.collation import sqlite_collation_install

        connection_created.connect(_connection_created, dispatch_uid="core.collation")
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                sqlite_collation_install(connection)


def _connection_created(sender, connection, **kwargs) -> None:
    from core.collation import sqlite_collation_install

    sqlite_collation_install(connection)
