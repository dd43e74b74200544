"""``progress_record``, the one way into the ledger, and the registry through which the apps above it
are told: course completion (``courses``), the dashboards (``reports``)."""

import pytest
from django.db import transaction

from progress import registry
from progress.models import ProgressEntry, ProgressStatus
from progress.services import progress_record


def test_progress_record_keeps_its_contract(official, db):
    entry = progress_record(
        official=official, kind="quiz", key="kiem-tra-ky-so", status="completed", score=70
    )
    again = progress_record(official=official, kind="quiz", key="kiem-tra-ky-so", status="failed", score=50)
    assert again.pk == entry.pk and again.status == ProgressStatus.COMPLETED and again.score == 70
    with pytest.raises(ValueError):
        progress_record(official=official, kind="exam", key="x", status="completed")
    assert ProgressEntry.objects.filter(official=official).count() == 1


@pytest.fixture
def told(monkeypatch):
    """What the registry's listeners hear, besides the apps' own listeners (which stay registered)."""
    heard = []
    monkeypatch.setattr(registry, "_item_completed", [*registry._item_completed])
    monkeypatch.setattr(registry, "_course_rows_changed", [*registry._course_rows_changed])
    registry.on_item_completed(lambda **kwargs: heard.append(("completed", kwargs["kind"], kwargs["key"])))
    registry.on_course_rows_changed(lambda **kwargs: heard.append(("course rows", kwargs["official_ids"])))
    return heard


def test_a_completed_item_is_told_once(official, db, told):
    progress_record(official=official, kind="lesson", key="7", status="in_progress")
    assert told == []
    progress_record(official=official, kind="lesson", key="7", status="completed")
    progress_record(official=official, kind="lesson", key="7", status="completed")
    assert told == [("completed", "lesson", "7")]


def test_course_rows_are_told_only_when_what_the_dashboards_count_changed(official, db, told):
    progress_record(official=official, kind="course", key="12", status="not_started")
    progress_record(official=official, kind="course", key="12", status="not_started", detail={"x": 1})
    progress_record(official=official, kind="course", key="12", status="in_progress")
    assert told == [("course rows", [official.pk]), ("course rows", [official.pk])]


def test_the_apps_above_registered_their_listeners_at_start_up():
    from courses.services import official_courses_evaluate
    from live_sessions.board import board_activity_push
    from reports.summaries import course_entries_changed_queue

    assert official_courses_evaluate in registry._item_completed
    assert course_entries_changed_queue in registry._course_rows_changed
    assert board_activity_push in registry._activity


def test_registering_twice_keeps_one(monkeypatch):
    monkeypatch.setattr(registry, "_item_completed", [])

    def listener(**kwargs):
        pass

    registry.on_item_completed(listener)
    registry.on_item_completed(listener)
    assert registry._item_completed == [listener]


def test_the_dashboards_are_queued_after_commit_only(
    official, db, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("reports.summaries.async_task", lambda path, **kwargs: queued.append((path, kwargs)))
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            progress_record(official=official, kind="course", key="12", status="in_progress")
            assert queued == []
    assert queued == [
        ("reports.summaries.course_entries_changed", {"official_ids": [official.pk], "save": False})
    ]
