# The activity feed now belongs to the ``progress`` app (``progress.0001_initial``): only Django's
# state changes, the table ``live_sessions_officialactivity`` and its rows stay as they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("live_sessions", "0001_initial"),
        ("progress", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="OfficialActivity")],
        ),
    ]
