"""``activity_report``: records where an official is, counts consecutive failed checks, never raises
into its caller, and tells the live board (its listener, registered by ``LiveSessionsConfig.ready``,
pushes the position to the boards of the open sessions the official is in)."""

import json
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from live_sessions import events
from live_sessions.models import Participant
from progress.activity import activity_report
from progress.models import OfficialActivity


def _report(official, step="Bước 1", failed=False, key="hs-khai-sinh-tiep-nhan"):
    activity_report(
        official_id=official.pk,
        kind="scenario",
        key=key,
        label="Tiếp nhận hồ sơ khai sinh",
        step=step,
        failed=failed,
    )


def test_records_position_and_counts_consecutive_failures(official):
    _report(official)
    first = OfficialActivity.objects.get(official=official)
    assert (first.kind, first.key, first.step, first.failed_checks) == (
        "scenario",
        "hs-khai-sinh-tiep-nhan",
        "Bước 1",
        0,
    )
    _report(official, failed=True)
    _report(official, failed=True)
    same = OfficialActivity.objects.get(official=official)
    assert same.failed_checks == 2
    assert same.since == first.since  # no progress: the clock keeps running
    _report(official)  # a check that passes at the same step
    assert OfficialActivity.objects.get(official=official).failed_checks == 0
    _report(official, step="Bước 2", failed=True)
    moved = OfficialActivity.objects.get(official=official)
    assert (moved.step, moved.failed_checks) == ("Bước 2", 1)
    assert moved.since > first.since


@pytest.fixture
def in_memory_layer(settings):
    """What the service sends, read in order from an in-memory layer (the Redis transport and its
    ordering are exercised by the multi-process tests)."""
    from channels.layers import channel_layers

    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def test_pushes_to_the_board_of_open_sessions_the_official_is_in(
    official, live_session, django_capture_on_commit_callbacks, in_memory_layer
):
    Participant.objects.create(session=live_session, user=official)
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(events.board_group(live_session.pk), channel)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            _report(official, failed=True)
    received = [json.loads(async_to_sync(layer.receive)(channel)["frame"]) for _ in range(3)]
    last = received[-1]
    assert last["type"] == "board.activity"
    assert last["user_id"] == official.pk
    assert last["activity"]["failed_checks"] == 3
    assert last["stuck"] == "failures"
    assert received[0]["stuck"] == ""


def test_stuck_after_time_without_progress(official, live_session):
    from live_sessions.selectors import board_rows

    Participant.objects.create(session=live_session, user=official)
    _report(official)
    OfficialActivity.objects.filter(official=official).update(
        since=OfficialActivity.objects.get(official=official).since - timedelta(minutes=6)
    )
    (row,) = board_rows(session=live_session)
    assert row["stuck"] == "time"
    assert row["activity"]["seconds"] >= 360


def test_no_push_for_sessions_the_official_left_or_that_are_not_open(
    official, trainer, commune, django_capture_on_commit_callbacks, monkeypatch
):
    from tests.live_sessions.conftest import make_session

    pushed = []
    monkeypatch.setattr(events, "send_after_commit", lambda group, event: pushed.append(group))
    scheduled = make_session(trainer, communes=[commune], open_=False)
    Participant.objects.create(session=scheduled, user=official)
    with django_capture_on_commit_callbacks(execute=True):
        _report(official)
    assert pushed == []
    assert OfficialActivity.objects.get(official=official).key == "hs-khai-sinh-tiep-nhan"


def test_a_report_of_the_same_place_again_writes_nothing(
    official, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """At the peak most lesson views report where the official already is: one cache read, no query."""
    with django_capture_on_commit_callbacks(execute=True):
        _report(official)
    since = OfficialActivity.objects.get(official=official).since
    with django_assert_num_queries(0):
        _report(official)
    assert OfficialActivity.objects.get(official=official).since == since
    # Somewhere else: written, and the time there starts again.
    with django_capture_on_commit_callbacks(execute=True):
        _report(official, step="Bước 2")
    moved = OfficialActivity.objects.get(official=official)
    assert (moved.step, moved.since > since) == ("Bước 2", True)


def test_a_passed_check_after_failed_ones_is_written_even_at_the_same_place(
    official, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _report(official)
        _report(official, failed=True)
        _report(official, failed=True)
    assert OfficialActivity.objects.get(official=official).failed_checks == 2
    with django_capture_on_commit_callbacks(execute=True):
        _report(official)
    assert OfficialActivity.objects.get(official=official).failed_checks == 0


def test_never_raises_and_leaves_the_callers_transaction_usable(official, monkeypatch):
    activity_report(official_id=999_999, kind="lesson", key="1", label="Bài 1")  # no such official
    assert not OfficialActivity.objects.exists()

    def broken(*args, **kwargs):
        raise RuntimeError("database trouble")

    monkeypatch.setattr(OfficialActivity, "save", broken)
    with transaction.atomic():
        _report(official)
        official.full_name = "Nguyễn Thị Lan Anh"
        official.save()  # the caller's own work still goes through
    official.refresh_from_db()
    assert official.full_name == "Nguyễn Thị Lan Anh"


@pytest.mark.parametrize("kind", ["lesson", "quiz", "scenario", "nonsense"])
def test_unknown_kinds_are_recorded_as_other(official, kind):
    activity_report(official_id=official.pk, kind=kind, key="k", label="Bài")
    expected = kind if kind != "nonsense" else "other"
    assert OfficialActivity.objects.get(official=official).kind == expected
