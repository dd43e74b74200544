"""The Vietnamese collation every list of names is sorted with (``core.collation``): ICU's
Vietnamese on PostgreSQL. SQLite gets a collation of the same name on every connection instead."""

from django.db import migrations

from core.collation import VI_COLLATION


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE COLLATION IF NOT EXISTS {VI_COLLATION} (provider = icu, locale = 'vi-VN')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP COLLATION IF EXISTS {VI_COLLATION}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create, drop, elidable=False)]
