"""Redis restarted during a live session (channel layer, cache and sessions' cache all on it, no
persistence): the sockets drop, the clients reconnect with the id of the last message they saw, and
no chat message is lost, including one written while they were away: chat lives in the database, the
channel layer only carries it."""

import asyncio
import json
import time
from datetime import timedelta

import pytest
import websockets
from django.db import connection
from django.utils import timezone

from live_sessions import services
from live_sessions.models import ChatMessage
from tests.factories import OfficialFactory
from tests.servers import daphne_servers, run_async, session_cookie_for

pytestmark = pytest.mark.slow


class Tab:
    """One browser tab of the live session page, reconnecting as live.js does."""

    def __init__(self, ws_url: str, origin: str, session_id: int, cookie: str):
        self.ws_url, self.origin, self.session_id, self.cookie = ws_url, origin, session_id, cookie
        self.seen: list[dict] = []
        self.socket = None

    @property
    def last_id(self) -> int:
        return max((message["id"] for message in self.seen), default=0)

    async def connect(self, *, within: float = 40) -> None:
        """Open the socket, retrying with a short backoff while the server cannot let it in yet."""
        deadline = time.monotonic() + within
        while True:
            try:
                self.socket = await websockets.connect(
                    f"{self.ws_url}/ws/live/{self.session_id}/?after={self.last_id}",
                    additional_headers={"Cookie": self.cookie},
                    origin=self.origin,
                    open_timeout=10,
                )
                await self.next("session.state")
                self.seen += (await self.next("chat.history"))["messages"]
                return
            except (OSError, TimeoutError, websockets.WebSocketException):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.5)

    async def next(self, kind: str) -> dict:
        while True:
            message = json.loads(await asyncio.wait_for(self.socket.recv(), timeout=15))
            if message["type"] == kind:
                return message

    async def say(self, body: str) -> None:
        await self.socket.send(json.dumps({"type": "chat.send", "body": body}))
        await self.hear(body)

    async def hear(self, body: str) -> None:
        while True:
            message = (await self.next("chat.message"))["message"]
            self.seen.append(message)
            if message["body"] == body:
                return

    async def dropped(self, within: float = 30) -> bool:
        """Whether the server closes this socket within ``within`` seconds (reading what comes)."""
        try:
            async with asyncio.timeout(within):
                while True:
                    message = json.loads(await self.socket.recv())
                    if message["type"] == "chat.message":
                        self.seen.append(message["message"])
        except websockets.ConnectionClosed:
            return True
        except TimeoutError:
            return False


def test_clients_reconnect_after_a_redis_restart_and_no_message_is_lost(
    transactional_db, own_redis, trainer, commune, official
):
    colleague = OfficialFactory(username="canbo3", commune=commune)
    now = timezone.now()
    session = services.session_save(
        trainer=trainer,
        data={
            "title": "Hỗ trợ một cửa",
            "starts_at": now,
            "ends_at": now + timedelta(hours=1),
            "audience_communes": [commune],
        },
    )
    services.session_transition(session_id=session.pk, transition="open", actor=trainer)
    cookies = [session_cookie_for(user) for user in (official, colleague)]

    def trainer_answers(body: str) -> None:
        """The trainer's message, written from a worker thread, whose connection is closed after."""
        try:
            services.chat_post(session_id=session.pk, author=trainer, body=body)
        finally:
            connection.close()

    async def scenario(servers):
        lan, hoa = (Tab(servers.ws_urls[0], servers.urls[0], session.pk, cookie) for cookie in cookies)
        for tab in (lan, hoa):
            await tab.connect()
        await lan.say("Trước sự cố: em hỏi về hồ sơ khai sinh")
        await hoa.hear("Trước sự cố: em hỏi về hồ sơ khai sinh")

        own_redis.kill()
        dropped = [await tab.dropped() for tab in (lan, hoa)]
        own_redis.start()  # empty: groups, cached sessions, everything Redis held is gone
        # While the officials are away, the trainer answers (stored, then broadcast to nobody).
        await asyncio.to_thread(trainer_answers, "Trong lúc mất kết nối: đã trả lời")
        for tab in (lan, hoa):
            await tab.connect()
        await hoa.say("Sau sự cố: em đã vào lại được")
        await lan.hear("Sau sự cố: em đã vào lại được")
        for tab in (lan, hoa):
            await tab.socket.close()
        return dropped, [[message["body"] for message in tab.seen] for tab in (lan, hoa)]

    with daphne_servers(1, redis_url=own_redis.url) as servers:
        dropped, seen = run_async(scenario(servers))

    assert dropped == [True, True], "the server closes its sockets when Redis goes away"
    stored = list(ChatMessage.objects.filter(session=session).order_by("id").values_list("body", flat=True))
    assert stored == [
        "Trước sự cố: em hỏi về hồ sơ khai sinh",
        "Trong lúc mất kết nối: đã trả lời",
        "Sau sự cố: em đã vào lại được",
    ]
    for bodies in seen:
        assert bodies == stored, "each message once, in order, none lost"
