"""The session socket's edges (in-memory layer): frames of every wrong shape get an ``error`` frame
and the socket stays open; cursors and ids of any length; attendance closed however the socket ends;
same-site card links; rate limits as sliding windows; accounts that must change their password;
refusal frames before every close code; numbered frames and ``resync``."""

import pytest
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from live_sessions import services
from live_sessions.models import (
    AttendanceInterval,
    Connection,
    HelpRequest,
    LiveEvent,
    Participant,
    PushedCard,
)
from tests.live_sessions.test_consumer import APPLICATION, closed_with, connect, receive_type, run


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


async def _still_open(communicator):
    await communicator.send_json_to({"type": "heartbeat"})
    return (await receive_type(communicator, "heartbeat.ack"))["type"] == "heartbeat.ack"


# --- 4. Bad frames --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "frame",
    [
        {"type": ["chat.send"]},
        {"type": {}},
        {"type": 7},
        {"type": None},
        ["chat.send"],
        "chat.send",
        12,
        None,
    ],
    ids=["type-list", "type-object", "type-number", "type-null", "list", "string", "number", "null"],
)
def test_a_frame_of_any_shape_gets_an_error_and_the_socket_stays_open(live_session, official, frame):
    async def body():
        lan = await connect(live_session, official)
        await lan.send_json_to(frame)
        error = await lan.receive_json_from(timeout=15)
        assert error["type"] == "error" and error["code"] == "unknown_type" and error["request"] is None
        assert await _still_open(lan)
        await lan.disconnect()

    run(body)


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "chat.send", "body": 12345},
        {"type": "chat.send", "body": ["xin chào"]},
        {"type": "help.cancel", "request_id": 10**40},
        {"type": "poll.vote", "poll_id": "1", "option": 0},
        {"type": "resync", "session": "1", "own": 0},
        {"type": "help.ask", "note": 5},
        {"type": "help.ask", "note": "", "kind": "lesson", "label": "x" * 201},
        {"type": "help.ask", "note": "", "kind": "lesson", "label": "Bài 3", "step": "y" * 201},
        {"type": "help.ask", "note": "", "kind": ["lesson"], "label": "Bài 3"},
    ],
)
def test_wrong_field_types_and_lengths_are_refused_not_converted_or_cut(live_session, official, frame):
    async def body():
        lan = await connect(live_session, official)
        await lan.send_json_to(frame)
        error = await receive_type(lan, "error")
        assert error["code"] == "invalid" and error["request"] == frame["type"]
        assert await _still_open(lan)
        await lan.disconnect()

    run(body)
    assert not HelpRequest.objects.exists()


def test_trainer_fields_too_long_are_refused(live_session, trainer):
    frames = [
        {"type": "poll.create", "question": "Ký được chưa?", "options": ["Được", "x" * 101]},
        {"type": "poll.create", "question": "Ký được chưa?", "options": ["Được", 2]},
        {"type": "card.push", "kind": "lesson", "lesson": 10**30},
        {"type": "card.push", "kind": "scenario", "slug": ["ky-so-usb"]},
        {"type": "card.push", "kind": "scenario", "slug": "ky-so-usb", "step": "99"},
        {"type": "participant.mute", "user_id": 10**30},
        {"type": "hand.lower", "user_id": "17"},
    ]

    async def body():
        host = await connect(live_session, trainer)
        for frame in frames:
            await host.send_json_to(frame)
            error = await receive_type(host, "error")
            assert (error["code"], error["request"]) == ("invalid", frame["type"]), frame
        assert await _still_open(host)
        await host.disconnect()

    run(body)
    assert not PushedCard.objects.exists()


@pytest.mark.parametrize("after", ["9" * 5000, "-3", "abc", "1" * 19])
def test_any_after_cursor_joins_normally(live_session, official, after):
    async def body():
        lan = await connect(live_session, official, after=after)
        assert lan.joined[1]["type"] == "chat.history"
        assert await _still_open(lan)
        await lan.disconnect()

    run(body)
    assert not Connection.objects.exists()
    assert not AttendanceInterval.objects.filter(left_at__isnull=True).exists()


def test_attendance_closes_when_the_join_itself_fails(live_session, official, monkeypatch):
    """A crash after the join was stored (here: building the snapshot) undoes it: no connection, no
    open attendance, no seat."""

    def broken(**kwargs):
        raise RuntimeError("snapshot failed")

    monkeypatch.setattr("live_sessions.selectors.join_messages", broken)

    async def body():
        lan = await connect(live_session, official, expect_open=False)
        assert await closed_with(lan) == 1011

    run(body)
    assert not Connection.objects.exists()
    assert not AttendanceInterval.objects.filter(left_at__isnull=True).exists()
    assert not Participant.objects.exists()


def test_a_client_gone_before_the_join_leaves_no_row(live_session, official):
    """The server reports the socket closed while the join is being stored: nothing stays."""

    async def body():
        communicator = WebsocketCommunicator(APPLICATION, f"/ws/live/{live_session.pk}/")
        communicator.scope["user"] = official
        await communicator.send_input({"type": "websocket.connect"})
        await communicator.send_input({"type": "websocket.disconnect", "code": 1006})
        await communicator.wait(timeout=15)

    run(body)
    assert not Participant.objects.exists()
    assert not Connection.objects.exists()


# --- 5. Card links --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/\\evil.example/",
        "\\\\evil.example/",
        "/\\/evil.example",
        "//evil.example/",
        "/\t/evil.example/",
        "https://evil.example/",
        "/\x00/evil",
    ],
)
def test_card_links_are_same_site_paths_only(url):
    assert not services.same_site_path(url)


def test_a_same_site_lesson_path_is_accepted():
    assert services.same_site_path("/khoa-hoc/chu-ky-so/bai-3/")


# --- 6. Rate limits as sliding windows -------------------------------------------------------------


def _join(session, *users):
    for n, user in enumerate(users):
        services.participant_connect(
            session_id=session.pk, user=user, channel_name=f"test-{session.pk}-{user.pk}-{n}"
        )


def _at(monkeypatch, moment: float):
    monkeypatch.setattr(services.time, "time", lambda: moment)


def test_the_chat_limit_is_a_sliding_window(live_session, official, monkeypatch):
    """Five messages at the end of one ten-second stretch and one just after: a fixed window would let
    the sixth through; the sliding window refuses it until ten seconds after the five."""
    _join(live_session, official)
    _at(monkeypatch, 1_000_009.9)
    for n in range(5):
        services.chat_post(session_id=live_session.pk, author=official, body=f"tin {n}")
    _at(monkeypatch, 1_000_010.1)
    with pytest.raises(services.LiveError) as refused:
        services.chat_post(session_id=live_session.pk, author=official, body="tin thứ sáu")
    assert refused.value.code == "rate_limited"
    _at(monkeypatch, 1_000_020.1)
    services.chat_post(session_id=live_session.pk, author=official, body="đã chờ đủ")


def test_hand_flips_are_rate_limited_and_not_broadcast(live_session, official):
    async def body():
        lan = await connect(live_session, official)
        for n in range(services.HAND_RATE_LIMIT[0]):
            await lan.send_json_to({"type": "hand.raise" if n % 2 == 0 else "hand.lower"})
            await receive_type(lan, "hand.changed")
        await lan.send_json_to({"type": "hand.raise"})
        assert (await receive_type(lan, "error"))["code"] == "rate_limited"
        assert await lan.receive_nothing(timeout=0.5)
        await lan.disconnect()

    run(body)
    assert LiveEvent.objects.filter(kind="hand.changed").count() == services.HAND_RATE_LIMIT[0]


def test_the_hand_limit_refuses_within_any_ten_seconds(live_session, official, monkeypatch):
    limit, window = services.HAND_RATE_LIMIT
    _join(live_session, official)
    _at(monkeypatch, 2_000_009.5)
    for n in range(limit):
        services.hand_set(session_id=live_session.pk, user=official, raised=n % 2 == 0)
    _at(monkeypatch, 2_000_010.5)
    with pytest.raises(services.LiveError):
        services.hand_set(session_id=live_session.pk, user=official, raised=True)
    _at(monkeypatch, 2_000_009.5 + window + 1)
    services.hand_set(session_id=live_session.pk, user=official, raised=True)


# --- 7. Accounts that must change their password ---------------------------------------------------


def test_an_account_that_must_change_its_password_cannot_join(live_session, official):
    official.must_change_password = True
    official.save(update_fields=["must_change_password"])

    async def body():
        communicator = await connect(live_session, official, expect_open=False)
        error = await communicator.receive_json_from(timeout=15)
        assert (error["type"], error["code"]) == ("error", "password_change")
        assert "đổi mật khẩu" in error["message"]
        assert await closed_with(communicator) == 4428

    run(body)
    assert not Participant.objects.exists()


def test_the_notification_socket_refuses_them_too(official):
    from portal.consumers import NotificationConsumer

    official.must_change_password = True
    official.save(update_fields=["must_change_password"])

    async def body():
        communicator = WebsocketCommunicator(NotificationConsumer.as_asgi(), "/ws/notifications/")
        communicator.scope["user"] = official
        await communicator.connect()
        assert await closed_with(communicator) == 4428

    run(body)


# --- 9. Protocol details ---------------------------------------------------------------------------


def test_4401_comes_with_its_error_frame(live_session):
    async def body():
        communicator = await connect(live_session, AnonymousUser(), expect_open=False)
        error = await communicator.receive_json_from(timeout=15)
        assert (error["type"], error["code"]) == ("error", "unauthenticated")
        assert await closed_with(communicator) == 4401

    run(body)


@pytest.mark.parametrize("segment", ["abc", "9" * 40, "١٢"])
def test_a_session_id_that_is_not_a_number_is_4404(official, segment):
    async def body():
        communicator = WebsocketCommunicator(APPLICATION, f"/ws/live/{segment}/")
        communicator.scope["user"] = official
        connected, _ = await communicator.connect()
        assert connected
        error = await communicator.receive_json_from(timeout=15)
        assert (error["type"], error["code"]) == ("error", "not_found")
        assert await closed_with(communicator) == 4404

    run(body)


def test_removing_a_participant_tells_the_board_their_help_request_was_cancelled(
    live_session, trainer, official
):
    async def body():
        host = await connect(live_session, trainer)
        lan = await connect(live_session, official)
        await lan.send_json_to({"type": "help.ask", "note": "Token báo khóa"})
        asked = (await receive_type(host, "help.changed"))["request"]
        await lan.send_json_to({"type": "hand.raise"})
        await receive_type(host, "hand.changed")
        await host.send_json_to({"type": "participant.remove", "user_id": official.pk})
        lowered = (await receive_type(host, "hand.changed"))["hand"]
        assert (lowered["user_id"], lowered["raised"]) == (official.pk, False)
        cancelled = await receive_type(host, "help.changed")
        assert (cancelled["request"]["id"], cancelled["request"]["state"]) == (asked["id"], "cancelled")
        assert cancelled["stream"] == "own"
        await host.disconnect()

    run(body)


# --- 1. Numbered frames and resync ------------------------------------------------------------------


def test_frames_are_numbered_per_stream_and_a_gap_is_filled_by_resync(live_session, trainer, official):
    async def body():
        host = await connect(live_session, trainer)
        lan = await connect(live_session, official)
        assert lan.joined[0]["seq"] == {"session": 0, "own": 0}
        for n in range(3):
            await lan.send_json_to({"type": "chat.send", "body": f"tin {n}"})
            frame = await receive_type(lan, "chat.message")
            assert (frame["stream"], frame["seq"]) == ("session", n + 1)
        await lan.send_json_to({"type": "help.ask", "note": "Token báo khóa"})
        mine = await receive_type(lan, "help.changed")
        board = await receive_type(host, "help.changed")
        assert (mine["stream"], mine["seq"], board["stream"], board["seq"]) == ("own", 1, "own", 1)

        # As if frames 2 and 3 were lost: ask for everything after 1.
        await lan.send_json_to({"type": "resync", "session": 1, "own": 0})
        replayed = [await lan.receive_json_from(timeout=15) for _ in range(4)]
        assert [(f["type"], f.get("seq")) for f in replayed] == [
            ("chat.message", 2),
            ("chat.message", 3),
            ("help.changed", 1),
            ("resync.done", None),
        ]
        assert [f["message"]["body"] for f in replayed[:2]] == ["tin 1", "tin 2"]
        await lan.send_json_to({"type": "heartbeat"})
        assert (await receive_type(lan, "heartbeat.ack"))["seq"] == {"session": 3, "own": 1}
        again = await connect(live_session, official)
        assert again.joined[0]["seq"] == {"session": 3, "own": 1}
        for communicator in (host, lan, again):
            await communicator.disconnect()

    run(body)


def test_resync_pages_long_gaps(live_session, official, monkeypatch):
    monkeypatch.setattr("live_sessions.selectors.RESYNC_BATCH", 2)
    _join(live_session, official)
    for n in range(3):
        services.hand_send(session_id=live_session.pk, user=official, raised=n % 2 == 0)

    async def body():
        lan = await connect(live_session, official)
        await lan.send_json_to({"type": "resync", "session": 0, "own": 0})
        first = [await lan.receive_json_from(timeout=15) for _ in range(3)]
        assert [f.get("seq") for f in first[:2]] == [1, 2] and first[2] == {
            "type": "resync.done",
            "more": True,
        }
        await lan.send_json_to({"type": "resync", "session": 2, "own": 0})
        second = [await lan.receive_json_from(timeout=15) for _ in range(2)]
        assert second[0]["seq"] == 3 and second[1] == {"type": "resync.done", "more": False}
        await lan.disconnect()

    run(body)


def test_sequence_numbers_are_gap_free_per_session_and_stream(live_session, trainer, official, colleague):
    from tests.live_sessions.conftest import make_session

    other = make_session(trainer, communes=[official.commune])
    _join(live_session, official, colleague)
    _join(other, official, colleague)
    for user in (official, colleague, official):
        services.chat_post(session_id=live_session.pk, author=user, body="một")
        services.chat_post(session_id=other.pk, author=user, body="hai")
    for session in (live_session, other):
        seqs = list(LiveEvent.objects.filter(session=session, stream="s").values_list("seq", flat=True))
        assert seqs == [1, 2, 3]
