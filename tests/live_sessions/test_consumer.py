"""The session socket through ``WebsocketCommunicator`` (in-memory channel layer): joining and its
refusals, chat with replay, hands, help queue, polls, moderation, the board, the end."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from live_sessions.models import ChatMessage, Participant
from live_sessions.routing import websocket_urlpatterns
from progress.activity import activity_report
from tests.factories import TrainerFactory

APPLICATION = URLRouter(websocket_urlpatterns)


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """Channels closes "old" database connections around each call; here that connection holds the
    test's transaction, so keep it."""
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


def run(coroutine_function):
    """Run an async test body so that the consumer's database calls happen in this test's thread
    (and so in its transaction)."""
    return async_to_sync(coroutine_function)()


async def connect(session, user, after=None, expect_open=True):
    path = f"/ws/live/{session.pk}/" + (f"?after={after}" if after is not None else "")
    communicator = WebsocketCommunicator(APPLICATION, path)
    communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    if expect_open:
        state = await communicator.receive_json_from(timeout=15)
        assert state["type"] == "session.state"
        history = await communicator.receive_json_from(timeout=15)
        assert history["type"] == "chat.history"
        communicator.joined = (state, history)
    return communicator


async def receive_type(communicator, kind, timeout=15):
    """The next message of ``kind``, skipping others (board rows, presence)."""
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


async def closed_with(communicator):
    while True:
        output = await communicator.receive_output(timeout=15)
        if output["type"] == "websocket.close":
            return output.get("code")


def test_anonymous_is_closed_4401(live_session):
    async def body():
        communicator = await connect(live_session, AnonymousUser(), expect_open=False)
        assert await closed_with(communicator) == 4401

    run(body)


@pytest.mark.parametrize("who", ["other_official", "other_trainer", "department_head"])
def test_not_invited_is_closed_4403_with_a_reason(live_session, other_official, department_head, who):
    user = {"other_official": other_official, "department_head": department_head}.get(who)
    user = user or TrainerFactory(province=live_session.province)

    async def body():
        communicator = await connect(live_session, user, expect_open=False)
        error = await communicator.receive_json_from(timeout=15)
        assert error["type"] == "error" and error["code"] == "forbidden"
        assert error["message"] == "Bạn không được mời tham gia buổi hỗ trợ này."
        assert await closed_with(communicator) == 4403

    run(body)
    assert not Participant.objects.exists()


def test_chat_reaches_everyone_and_is_replayed_after_a_reconnect(live_session, trainer, official, colleague):
    async def body():
        host = await connect(live_session, trainer)
        lan = await connect(live_session, official)
        hoa = await connect(live_session, colleague)
        await lan.send_json_to({"type": "chat.send", "body": "Em không <b>ký</b> được"})
        for communicator in (host, lan, hoa):
            message = (await receive_type(communicator, "chat.message"))["message"]
            assert message["body"] == "Em không ký được"
            assert message["author"] == {"id": official.pk, "name": official.full_name, "trainer": False}
        last_seen = message["id"]
        await hoa.disconnect()
        await host.send_json_to({"type": "chat.send", "body": "Chị xem lại mã PIN"})
        await receive_type(lan, "chat.message")
        await lan.send_json_to({"type": "chat.send", "body": "Vâng ạ"})
        await receive_type(lan, "chat.message")
        back = await connect(live_session, colleague, after=last_seen)
        state, history = back.joined
        assert history["replay"] is True
        assert [m["body"] for m in history["messages"]] == ["Chị xem lại mã PIN", "Vâng ạ"]
        assert history["messages"][0]["author"]["trainer"] is True
        fresh = await connect(live_session, colleague)  # a first join gets the latest messages
        assert [m["body"] for m in fresh.joined[1]["messages"]] == [
            "Em không ký được",
            "Chị xem lại mã PIN",
            "Vâng ạ",
        ]
        for communicator in (host, lan, back, fresh):
            await communicator.disconnect()

    run(body)
    assert ChatMessage.objects.count() == 3


def test_refusals_come_back_as_errors_without_closing(live_session, official):
    async def body():
        lan = await connect(live_session, official)
        await lan.send_to(text_data="không phải JSON")
        assert (await lan.receive_json_from(timeout=15))["code"] == "invalid"
        await lan.send_json_to({"type": "chat.message", "message": {"body": "giả mạo"}})
        assert (await lan.receive_json_from(timeout=15))["code"] == "unknown_type"
        await lan.send_json_to({"type": "session.end"})
        refused = await lan.receive_json_from(timeout=15)
        assert (refused["code"], refused["request"]) == ("forbidden", "session.end")
        await lan.send_json_to({"type": "chat.send", "body": "   "})
        empty = await lan.receive_json_from(timeout=15)
        assert (empty["code"], empty["message"]) == ("invalid", "Tin nhắn đang trống.")
        for n in range(5):
            await lan.send_json_to({"type": "chat.send", "body": f"tin {n}"})
            await receive_type(lan, "chat.message")
        await lan.send_json_to({"type": "chat.send", "body": "tin thứ sáu"})
        assert (await receive_type(lan, "error"))["code"] == "rate_limited"
        await lan.disconnect()

    run(body)


def test_hands_help_queue_and_board(live_session, trainer, official):
    activity_report(
        official_id=official.pk, kind="scenario", key="ky-so-usb", label="Ký số bằng USB token", step="PIN"
    )

    async def body():
        host = await connect(live_session, trainer)
        lan = await connect(live_session, official)
        row = (await receive_type(host, "board.row"))["row"]
        assert row["user_id"] == official.pk and row["present"] is True
        assert row["activity"]["label"] == "Ký số bằng USB token"

        await lan.send_json_to({"type": "hand.raise"})
        for communicator in (host, lan):
            hand = (await receive_type(communicator, "hand.changed"))["hand"]
            assert (hand["user_id"], hand["raised"]) == (official.pk, True)

        await lan.send_json_to({"type": "help.ask", "note": "Token báo khóa"})
        asked = (await receive_type(host, "help.changed"))["request"]
        assert (asked["state"], asked["step"], asked["note"]) == ("open", "PIN", "Token báo khóa")
        await receive_type(lan, "help.changed")
        await host.send_json_to({"type": "help.claim", "request_id": asked["id"]})
        claimed = (await receive_type(lan, "help.changed"))["request"]
        assert claimed["state"] == "claimed" and claimed["claimed_by"]["name"] == trainer.full_name

        await host.send_json_to({"type": "board.refresh"})
        board = await receive_type(host, "board.update")
        assert [r["hand"] for r in board["rows"]] == [True]
        for communicator in (host, lan):
            await communicator.disconnect()

    run(body)


def test_polls_cards_and_moderation(live_session, trainer, official, colleague):
    async def body():
        host = await connect(live_session, trainer)
        lan = await connect(live_session, official)
        hoa = await connect(live_session, colleague)
        await host.send_json_to(
            {"type": "poll.create", "question": "Ký được chưa?", "options": ["Được", "Chưa"]}
        )
        poll = (await receive_type(lan, "poll.changed"))["poll"]
        assert [o["label"] for o in poll["options"]] == ["Được", "Chưa"] and poll["total"] == 0
        await lan.send_json_to({"type": "poll.vote", "poll_id": poll["id"], "option": 1})
        assert (await receive_type(lan, "poll.voted"))["option"] == 1
        await receive_type(hoa, "poll.changed")  # the new poll
        results = (await receive_type(hoa, "poll.changed"))["poll"]  # after the vote
        assert [o["votes"] for o in results["options"]] == [0, 1]

        await host.send_json_to({"type": "card.push", "kind": "scenario", "slug": "hs-khai-sinh-tiep-nhan"})
        card = (await receive_type(hoa, "card.pushed"))["card"]
        assert card["url"] == "/sandbox/scenarios/hs-khai-sinh-tiep-nhan/"

        await host.send_json_to({"type": "participant.mute", "user_id": colleague.pk})
        assert (await receive_type(hoa, "moderation.muted"))["muted"] is True
        await hoa.send_json_to({"type": "chat.send", "body": "xin chào"})
        assert (await receive_type(hoa, "error"))["code"] == "muted"

        await host.send_json_to({"type": "participant.remove", "user_id": official.pk})
        await receive_type(lan, "moderation.removed")
        assert await closed_with(lan) == 4423
        assert (await receive_type(host, "board.drop"))["user_id"] == official.pk
        again = await connect(live_session, official, expect_open=False)
        assert (await again.receive_json_from(timeout=15))["code"] == "removed"
        assert await closed_with(again) == 4423
        for communicator in (host, hoa):
            await communicator.disconnect()

    run(body)


def test_the_trainer_ends_the_session_for_everyone(live_session, trainer, official):
    async def body():
        host = await connect(live_session, trainer)
        lan = await connect(live_session, official)
        await host.send_json_to({"type": "session.end"})
        for communicator in (host, lan):
            ended = await receive_type(communicator, "session.ended")
            assert ended["session_id"] == live_session.pk
            assert await closed_with(communicator) == 4410
        late = await connect(live_session, official, expect_open=False)
        assert (await late.receive_json_from(timeout=15))["code"] == "ended"
        assert await closed_with(late) == 4410

    run(body)
    from progress.models import ProgressEntry

    entry = ProgressEntry.objects.get(official=official, kind="live_session")
    assert entry.status == "completed" and "minutes" in entry.detail


def test_scheduled_session_refuses_officials_4409(trainer, commune, official):
    from tests.live_sessions.conftest import make_session

    session = make_session(trainer, communes=[commune], open_=False)

    async def body():
        communicator = await connect(session, official, expect_open=False)
        assert (await communicator.receive_json_from(timeout=15))["code"] == "not_open"
        assert await closed_with(communicator) == 4409

    run(body)


def test_english_speakers_read_errors_in_english(live_session, other_official):
    async def body():
        communicator = WebsocketCommunicator(APPLICATION, f"/ws/live/{live_session.pk}/")
        communicator.scope["user"] = other_official
        communicator.scope["cookies"] = {"hotro_language": "en"}
        await communicator.connect()
        error = await communicator.receive_json_from(timeout=15)
        assert error["message"] == "You are not invited to this help session."
        await closed_with(communicator)

    run(body)


def test_protocol_is_readable_from_method_names():
    from live_sessions.consumers import CLIENT_MESSAGES, LiveSessionConsumer

    for kind in CLIENT_MESSAGES:
        assert callable(getattr(LiveSessionConsumer, kind.replace(".", "_")))
    assert json.dumps(sorted(CLIENT_MESSAGES))


@pytest.mark.parametrize(
    ("origin", "accepted"), [(b"http://evil.example", False), (b"http://localhost", True)]
)
def test_origin_is_checked_before_anything_else(live_session, official, origin, accepted):
    from channels.security.websocket import AllowedHostsOriginValidator

    async def body():
        communicator = WebsocketCommunicator(
            AllowedHostsOriginValidator(APPLICATION),
            f"/ws/live/{live_session.pk}/",
            headers=[(b"origin", origin)],
        )
        communicator.scope["user"] = official
        connected, _ = await communicator.connect()
        await communicator.disconnect()
        return connected

    assert run(body) is accepted


def test_forwarded_events_skip_the_database_hop(live_session, trainer, official, colleague, monkeypatch):
    """A chat message fans out to every socket of a session: only the sender's client message waits
    for Channels' database clean-up (one hop through the process's single sync thread); the
    receivers' ``chat.message`` events go straight to their sockets (docs/benchmarks.md, "Live
    sessions")."""
    hops = []

    async def counted():
        hops.append(1)

    monkeypatch.setattr("channels.consumer.aclose_old_connections", counted)

    async def body():
        sockets = [await connect(live_session, user) for user in (trainer, official, colleague)]
        await asyncio.sleep(0.2)  # presence and board rows of the joins settle
        for communicator in sockets:
            while not await communicator.receive_nothing(timeout=0.2):
                await communicator.receive_output()
        hops.clear()
        await sockets[1].send_json_to({"type": "chat.send", "body": "Ký số bị treo"})
        for communicator in sockets:
            assert (await receive_type(communicator, "chat.message"))["message"]["body"] == "Ký số bị treo"
        assert len(hops) == 1, "the sender's chat.send only"
        for communicator in sockets:
            await communicator.disconnect()

    run(body)


def test_every_event_the_app_sends_is_forwarded_without_the_database():
    import re
    from pathlib import Path

    from live_sessions import consumers

    source = "".join(path.read_text() for path in Path(consumers.__file__).parent.glob("*.py"))
    sent = set(re.findall(r'(?:\bevent\(\s*|\bkind=)"([a-z]+\.[a-z]+)"', source))
    assert "chat.message" in sent
    assert sent <= consumers.FORWARDED_EVENTS
    for kind in consumers.FORWARDED_EVENTS:
        assert callable(getattr(consumers.LiveSessionConsumer, kind.replace(".", "_")))
