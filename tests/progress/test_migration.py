"""The ledger and the activity feed moved to ``progress`` with their tables: a database of the previous
layout (ledger in ``courses``, activity in ``live_sessions``) keeps every row when migrated forward."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from progress.models import OfficialActivity, ProgressEntry
from tests.factories import OfficialFactory

# The previous layout: the last migrations before the move.
BEFORE = [("courses", "0004_lesson_block_labels"), ("live_sessions", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_ledger_and_activity_rows_of_the_previous_layout_are_all_found(commune):
    officials = [OfficialFactory(commune=commune, province=commune.province) for _ in range(3)]
    moved_type = ContentType.objects.get_for_model(ProgressEntry)
    ContentType.objects.clear_cache()

    executor = _migrate([("progress", None)])  # back to the previous layout
    old = executor.loader.project_state(BEFORE).apps
    OldEntry = old.get_model("courses", "ProgressEntry")
    OldActivity = old.get_model("live_sessions", "OfficialActivity")
    now = timezone.now()
    written = []
    for number, official in enumerate(officials):
        for kind, key, status in [
            ("course", "12", "in_progress"),
            ("lesson", str(100 + number), "completed"),
            ("quiz", "kiem-tra-ky-so", "failed"),
        ]:
            entry = OldEntry.objects.create(
                official_id=official.pk,
                province_id=official.province_id,
                commune_id=official.commune_id,
                kind=kind,
                key=key,
                status=status,
                score=50.0 + number if kind == "quiz" else None,
                detail={"last_lesson_id": 100 + number} if kind == "course" else {},
                due_date=date(2027, 1, 15) if kind == "course" else None,
                started_at=now,
                completed_at=now if status == "completed" else None,
            )
            written.append(
                (entry.pk, official.pk, kind, key, status, entry.score, entry.detail, entry.due_date)
            )
        OldActivity.objects.create(
            official_id=official.pk,
            kind="scenario",
            key="hs-khai-sinh-tiep-nhan",
            label="Tiếp nhận hồ sơ khai sinh",
            step=f"Bước {number + 1}",
            since=now,
            failed_checks=number,
            updated_at=now,
        )

    executor = _migrate(executor.loader.graph.leaf_nodes())  # forward to the new layout
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())

    found = sorted(
        ProgressEntry.objects.values_list(
            "pk", "official_id", "kind", "key", "status", "score", "detail", "due_date"
        )
    )
    assert found == sorted(written)
    activities = {a.official_id: a for a in OfficialActivity.objects.all()}
    assert sorted(activities) == sorted(o.pk for o in officials)
    assert [activities[o.pk].step for o in officials] == ["Bước 1", "Bước 2", "Bước 3"]
    assert [activities[o.pk].failed_checks for o in officials] == [0, 1, 2]
    # The new layout writes to the same rows (the unique constraint still holds across the move).
    entry = ProgressEntry.objects.get(official=officials[0], kind="quiz")
    entry.status = "completed"
    entry.save()
    assert ProgressEntry.objects.filter(official=officials[0]).count() == 3
    # Permissions granted on the ledger follow it: its content type is the one it had.
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(ProgressEntry).pk == moved_type.pk
