"""Two real Daphne processes on Redis, real WebSocket clients: a chat message sent through one server
reaches a participant connected to the other; a client that drops (or whose server is killed and
restarted) reconnects with the last id it saw and receives every message it missed, once, in order."""

import asyncio
import json

import pytest
import websockets

from tests.live_sessions.conftest import make_session
from tests.servers import daphne_servers, session_cookie_for

pytestmark = pytest.mark.slow


class Client:
    """One browser tab: a socket, and the id of the last chat message it received."""

    def __init__(self, ws_url: str, origin: str, session_id: int, cookie: str):
        self.ws_url, self.origin, self.session_id, self.cookie = ws_url, origin, session_id, cookie
        self.last_id = 0
        self.socket = None

    async def connect(self, ws_url: str | None = None, origin: str | None = None) -> list[dict]:
        """Open the socket (on another server if given) and return the chat replayed on joining."""
        self.ws_url, self.origin = ws_url or self.ws_url, origin or self.origin
        self.socket = await websockets.connect(
            f"{self.ws_url}/ws/live/{self.session_id}/?after={self.last_id}",
            additional_headers={"Cookie": self.cookie},
            origin=self.origin,
        )
        state = await self.next("session.state")
        assert state["session"]["id"] == self.session_id
        replayed = (await self.next("chat.history"))["messages"]
        self._seen(replayed)
        return replayed

    async def next(self, kind: str) -> dict:
        while True:
            message = json.loads(await asyncio.wait_for(self.socket.recv(), timeout=15))
            if message["type"] == kind:
                return message

    async def say(self, body: str) -> dict:
        """Send a message and wait for it to come back (skipping others' messages still queued)."""
        await self.socket.send(json.dumps({"type": "chat.send", "body": body}))
        return await self.chat(body)

    async def chat(self, body: str | None = None) -> dict:
        while True:
            message = (await self.next("chat.message"))["message"]
            self._seen([message])
            if body is None or message["body"] == body:
                return message

    def _seen(self, messages):
        for message in messages:
            self.last_id = max(self.last_id, message["id"])

    async def drop(self):
        await self.socket.close()


async def _scenario(servers, session_id: int, cookies: dict[str, str]):
    (ws_a, ws_b), (origin_a, origin_b) = servers.ws_urls, servers.urls
    lan = Client(ws_a, origin_a, session_id, cookies["lan"])
    hoa = Client(ws_b, origin_b, session_id, cookies["hoa"])
    host = Client(ws_b, origin_b, session_id, cookies["host"])
    for client in (lan, hoa, host):
        await client.connect()
    results = {}

    # 1. Through server A, to a participant on server B.
    sent = await lan.say("Xin chào, em ở phường Kinh Bắc")
    received = await hoa.chat()
    results["crossed"] = (sent["id"], received["id"], received["body"])

    # 2. Hoa's network drops; three messages go by; she comes back (on the other server).
    await hoa.drop()
    missed = [(await lan.say(f"Tin {n} khi chị Hoa mất mạng"))["body"] for n in range(1, 4)]
    replayed = await hoa.connect(ws_a, origin_a)
    results["after_drop"] = (missed, [m["body"] for m in replayed])

    # 3. Server A (Hoa's and Lan's) is killed; the trainer, on B, keeps talking; A restarts.
    servers.kill(0)
    missed = [(await host.say(f"Giảng viên nói lần {n}"))["body"] for n in range(1, 4)]
    servers.start(0)
    replayed = await hoa.connect(ws_a, origin_a)
    results["after_restart"] = (missed, [m["body"] for m in replayed])
    await lan.connect(ws_a, origin_a)

    # 4. And the restarted server carries messages again, both ways.
    sent = await hoa.say("Em đã vào lại được")
    results["after_restart_live"] = (
        sent["body"],
        (await host.chat(sent["body"]))["id"] == sent["id"],
        (await lan.chat(sent["body"]))["id"] == sent["id"],
    )
    for client in (lan, hoa, host):
        await client.drop()
    return results


def test_chat_crosses_servers_and_reconnects_lose_no_message(
    transactional_db, require_redis, trainer, commune, official, colleague
):
    session = make_session(trainer, communes=[commune])
    cookies = {
        "lan": session_cookie_for(official),
        "hoa": session_cookie_for(colleague),
        "host": session_cookie_for(trainer),
    }
    with daphne_servers(2) as servers:
        results = asyncio.run(_scenario(servers, session.pk, cookies))

    sent_id, received_id, body = results["crossed"]
    assert sent_id == received_id and body == "Xin chào, em ở phường Kinh Bắc"
    missed, replayed = results["after_drop"]
    assert replayed == missed == [f"Tin {n} khi chị Hoa mất mạng" for n in range(1, 4)]
    missed, replayed = results["after_restart"]
    assert replayed == missed == [f"Giảng viên nói lần {n}" for n in range(1, 4)]
    assert results["after_restart_live"] == ("Em đã vào lại được", True, True)


async def _close_code(ws_url: str, origin: str, session_id: int, cookie: str) -> int | None:
    try:
        async with websockets.connect(
            f"{ws_url}/ws/live/{session_id}/", additional_headers={"Cookie": cookie}, origin=origin
        ) as socket:
            while True:
                await asyncio.wait_for(socket.recv(), timeout=10)
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None
    except websockets.InvalidStatus as refused:
        return refused.response.status_code


def test_real_sockets_refuse_strangers_and_foreign_origins(
    transactional_db, require_redis, trainer, commune, official, other_official
):
    session = make_session(trainer, communes=[commune])
    with daphne_servers(1) as servers:
        ws_url, origin = servers.ws_urls[0], servers.urls[0]
        not_invited = asyncio.run(_close_code(ws_url, origin, session.pk, session_cookie_for(other_official)))
        foreign = asyncio.run(
            _close_code(ws_url, "http://evil.example", session.pk, session_cookie_for(official))
        )
        anonymous = asyncio.run(_close_code(ws_url, origin, session.pk, "sessionid=nope"))
    assert not_invited == 4403
    assert foreign == 403  # refused at the handshake by AllowedHostsOriginValidator
    assert anonymous == 4401


async def _board_sees(servers, session_id: int, cookies: dict[str, str], report) -> list[dict]:
    host = Client(servers.ws_urls[0], servers.urls[0], session_id, cookies["host"])
    lan = Client(servers.ws_urls[0], servers.urls[0], session_id, cookies["lan"])
    await host.connect()
    await lan.connect()
    await host.next("board.row")  # Lan is present
    seen = []
    for _ in range(3):
        await asyncio.to_thread(report)  # a failed check in the sandbox, in another process
        seen.append(await host.next("board.activity"))
    await lan.drop()
    await host.drop()
    return seen


def test_the_board_follows_activity_reports_in_real_time(
    transactional_db, require_redis, settings, trainer, commune, official
):
    from progress.activity import activity_report

    session = make_session(trainer, communes=[commune])
    cookies = {"host": session_cookie_for(trainer), "lan": session_cookie_for(official)}

    def report():
        activity_report(
            official_id=official.pk,
            kind="scenario",
            key="vb-den-tiep-nhan",
            label="Tiếp nhận văn bản đến",
            step="Vào sổ",
            failed=True,
        )

    with daphne_servers(1) as servers:
        # This process (where the sandbox would run) reports through the servers' Redis layer.
        settings.CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [servers.env["REDIS_URL"]], "prefix": servers.env["CHANNEL_PREFIX"]},
            }
        }
        seen = asyncio.run(_board_sees(servers, session.pk, cookies, report))
    assert [event["user_id"] for event in seen] == [official.pk] * 3
    assert [event["activity"]["failed_checks"] for event in seen] == [1, 2, 3]
    assert [event["stuck"] for event in seen] == ["", "", "failures"]
    assert seen[-1]["activity"]["step"] == "Vào sổ"
