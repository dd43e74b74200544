# The progress ledger now belongs to the ``progress`` app (``progress.0001_initial``): only Django's
# state changes, the table ``courses_progressentry`` and its rows stay as they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0004_lesson_block_labels"),
        ("progress", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="ProgressEntry")],
        ),
    ]
