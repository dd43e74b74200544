"""Issue 19: the stored numbered frames (``LiveEvent``) are pruned every night, those of sessions
ended long ago entirely, those of a session still running only when older than what ``resync`` can
need; a ``resync`` into a pruned range is answered ``resync_gone`` and the socket closed 4000, so the
client takes the whole state again (docs/live-protocol.md, "Sequence numbers")."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.models import Schedule

from live_sessions import services, tasks
from live_sessions.models import LiveEvent, LiveSession, SessionState
from tests.live_sessions.conftest import make_session
from tests.live_sessions.test_consumer import closed_with, connect, run


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


def _hands(session, official, count):
    services.participant_connect(session_id=session.pk, user=official, channel_name=f"t-{session.pk}")
    for n in range(count):
        services.hand_send(session_id=session.pk, user=official, raised=n % 2 == 0)


def _age(session, hours, *, up_to=None):
    frames = LiveEvent.objects.filter(session=session)
    if up_to is not None:
        frames = frames.filter(seq__lte=up_to, stream="s")
    frames.update(created_at=timezone.now() - timedelta(hours=hours))


def _end(session, days_ago):
    services.session_transition(session_id=session.pk, transition="end", actor=session.trainer)
    LiveSession.objects.filter(pk=session.pk).update(ended_at=timezone.now() - timedelta(days=days_ago))


def _stored(session):
    return sorted(LiveEvent.objects.filter(session=session, stream="s").values_list("seq", flat=True))


def test_frames_of_sessions_ended_long_ago_go_and_the_others_stay(trainer, official, settings):
    settings.LIVE_EVENTS_KEEP_DAYS, settings.LIVE_EVENTS_KEEP_HOURS = 30, 24
    long_ago, lately, running = (make_session(trainer, communes=[official.commune]) for _ in range(3))
    for session in (long_ago, lately, running):
        _hands(session, official, 3)
        _age(session, 24 * 40)  # every frame 40 days old
    _end(long_ago, days_ago=31)
    _end(lately, days_ago=29)
    _age(running, 1, up_to=1)  # the running session's first frame is recent, the others old

    deleted = services.live_events_prune()

    assert not LiveEvent.objects.filter(session=long_ago).exists()
    assert _stored(lately) == [1, 2, 3]
    assert _stored(running) == [1]
    assert deleted == 3 + 2
    # The counters stay: numbering goes on after the prune, gap-free.
    services.hand_send(session_id=running.pk, user=official, raised=True)
    assert _stored(running) == [1, 4]


def test_a_running_sessions_recent_frames_are_never_pruned(live_session, official, settings):
    settings.LIVE_EVENTS_KEEP_HOURS = 24
    _hands(live_session, official, 4)
    _age(live_session, 23)
    assert services.live_events_prune() == 0
    assert _stored(live_session) == [1, 2, 3, 4]


def test_the_nightly_task_is_scheduled_and_prunes(trainer, official, settings):
    schedule = Schedule.objects.get(func="live_sessions.tasks.live_events_prune")
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1
    session = make_session(trainer, communes=[official.commune])
    _hands(session, official, 2)
    _end(session, days_ago=settings.LIVE_EVENTS_KEEP_DAYS + 1)
    assert tasks.live_events_prune() == 2
    assert LiveSession.objects.get(pk=session.pk).state == SessionState.ENDED


def test_a_resync_into_a_pruned_range_is_told_to_reload_and_closed(live_session, official):
    _hands(live_session, official, 3)
    _age(live_session, 48, up_to=2)
    services.live_events_prune()
    assert _stored(live_session) == [3]

    async def body():
        lan = await connect(live_session, official)
        # From 2: frame 3 is still stored, the answer is as before.
        await lan.send_json_to({"type": "resync", "session": 2, "own": 0})
        frame = await lan.receive_json_from(timeout=15)
        assert (frame["type"], frame["seq"]) == ("hand.changed", 3)
        assert await lan.receive_json_from(timeout=15) == {"type": "resync.done", "more": False}
        # From 0: frames 1 and 2 are gone.
        await lan.send_json_to({"type": "resync", "session": 0, "own": 0})
        error = await lan.receive_json_from(timeout=15)
        assert error["type"] == "error" and error["code"] == "resync_gone" and error["request"] == "resync"
        assert error["message"] == "Trang đang tải lại toàn bộ nội dung buổi hỗ trợ."
        assert await closed_with(lan) == 4000
        # Connecting again gives the whole state and where the numbers stand.
        again = await connect(live_session, official)
        assert again.joined[0]["seq"]["session"] == 3
        await again.disconnect()

    run(body)


def test_a_resync_when_every_frame_was_pruned(live_session, official):
    _hands(live_session, official, 2)
    _age(live_session, 48)
    services.live_events_prune()
    assert _stored(live_session) == []

    async def body():
        lan = await connect(live_session, official)
        await lan.send_json_to({"type": "resync", "session": 2, "own": 0})  # nothing missed
        assert await lan.receive_json_from(timeout=15) == {"type": "resync.done", "more": False}
        await lan.send_json_to({"type": "resync", "session": 1, "own": 0})
        assert (await lan.receive_json_from(timeout=15))["code"] == "resync_gone"
        assert await closed_with(lan) == 4000

    run(body)
