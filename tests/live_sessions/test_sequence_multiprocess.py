"""Numbered frames on real sockets, two Daphne processes on Redis (docs/live-protocol.md, "Sequence
numbers"): a burst of chat from a whole session reaches every socket, complete and in order, even when
the channel layer drops frames to a full socket and when a socket drops in the middle; a join storm
gets everyone in, and a handshake abandoned half-way leaves no seat and no row.

The servers run with a small channel-layer capacity (``CHANNEL_CAPACITY``) so that the layer really
does drop frames to sockets that fall behind, as the in-memory layer of the demo did: what these
tests check is that the clients notice and recover, as ``live.js`` does.
"""

import asyncio
import json
import os
import socket
from urllib.parse import urlsplit

import pytest
import websockets
from django.db import connection

from live_sessions.models import AttendanceInterval, ChatMessage, Connection, Participant
from tests.factories import OfficialFactory
from tests.live_sessions.conftest import make_session
from tests.servers import daphne_servers, session_cookie_for

pytestmark = [pytest.mark.slow, pytest.mark.redis]

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
RESYNC_WAIT = 0.7  # as live.js: how long a gap may last before the client asks


class SequencedClient:
    """One tab following the protocol as live.js does: numbered frames applied in order, early ones
    held, a lasting gap (or a heartbeat reply ahead of us) answered by a ``resync`` request; chat
    filed by id, replayed with ``?after=`` on reconnecting."""

    def __init__(self, name: str, ws_url: str, origin: str, session_id: int, cookie: str):
        self.name, self.ws_url, self.origin, self.session_id, self.cookie = (
            name,
            ws_url,
            origin,
            session_id,
            cookie,
        )
        self.seqs = {"session": 0, "own": 0}
        self.known = {"session": 0, "own": 0}
        self.held: dict[str, dict[int, dict]] = {"session": {}, "own": {}}
        self.chat: list[int] = []  # chat ids in the order the page showed them
        self.seen: set[int] = set()
        self.bodies: dict[int, str] = {}
        self.errors: list[dict] = []
        self.resynced_frames = 0
        self.resyncing = False
        self.ask_task = None
        self.socket = None
        self.reader = None
        self.joined = asyncio.Event()

    async def connect(self, ws_url: str | None = None, origin: str | None = None):
        self.ws_url, self.origin = ws_url or self.ws_url, origin or self.origin
        after = max(self.chat) if self.chat else 0
        self.joined = asyncio.Event()
        self.held = {"session": {}, "own": {}}
        self.resyncing = False
        self.socket = await websockets.connect(
            f"{self.ws_url}/ws/live/{self.session_id}/?after={after}",
            additional_headers={"Cookie": self.cookie},
            origin=self.origin,
            open_timeout=120,
            max_size=None,
        )
        self.reader = asyncio.ensure_future(self._read())
        await asyncio.wait_for(self.joined.wait(), timeout=120)

    async def drop(self):
        await self.socket.close()
        await self.reader

    async def _read(self):
        try:
            async for raw in self.socket:
                self._handle(json.loads(raw))
        except websockets.ConnectionClosed:
            pass

    async def send(self, message: dict):
        await self.socket.send(json.dumps(message))

    # --- the protocol, as live.js --------------------------------------------------------------------
    def _handle(self, message: dict):
        if message.get("stream") and message.get("seq"):
            self._sequenced(message)
        else:
            self._apply(message)

    def _sequenced(self, message: dict):
        stream, seq = message["stream"], message["seq"]
        if seq <= self.seqs[stream]:
            return
        if seq == self.seqs[stream] + 1:
            self.seqs[stream] = seq
            self._apply(message)
            self._drain(stream)
        else:
            self.held[stream][seq] = message
            self._ask_soon()

    def _drain(self, stream: str):
        while self.seqs[stream] + 1 in self.held[stream]:
            message = self.held[stream].pop(self.seqs[stream] + 1)
            self.seqs[stream] = message["seq"]
            self._apply(message)
        for seq in [seq for seq in self.held[stream] if seq <= self.seqs[stream]]:
            del self.held[stream][seq]

    def gapped(self) -> bool:
        return any(self.held[s] for s in self.held) or any(self.seqs[s] < self.known[s] for s in self.seqs)

    def _ask_soon(self):
        if self.ask_task is None or self.ask_task.done():
            self.ask_task = asyncio.ensure_future(self._ask_later())

    async def _ask_later(self):
        await asyncio.sleep(RESYNC_WAIT)
        if self.gapped():
            await self._ask_now()

    async def _ask_now(self):
        if not self.resyncing:
            self.resyncing = True
            await self.send({"type": "resync", "session": self.seqs["session"], "own": self.seqs["own"]})

    def _apply(self, message: dict):
        kind = message["type"]
        if kind == "session.state":
            self.seqs = dict(message["seq"])
            self.known = {s: min(self.known[s], self.seqs[s]) for s in self.seqs}
            self._drain("session")
            self._drain("own")
        elif kind == "chat.history":
            for item in message["messages"]:
                self._chat(item)
            self.joined.set()
        elif kind == "chat.message":
            if self.resyncing:
                self.resynced_frames += 1
            self._chat(message["message"])
        elif kind == "resync.done":
            self.resyncing = False
            if message["more"]:
                asyncio.ensure_future(self._ask_now())
            elif self.gapped():
                self._ask_soon()
        elif kind == "heartbeat.ack":
            self.known = dict(message["seq"])
            if self.gapped():
                self._ask_soon()
        elif kind == "error":
            self.errors.append(message)

    def _chat(self, item: dict):
        if item["id"] in self.seen:
            return
        self.seen.add(item["id"])
        self.chat.append(item["id"])
        self.bodies[item["id"]] = item["body"]


async def _until_everyone_has(clients, count: int, timeout: float = 240):
    """Wait until every client shows ``count`` chat messages; each sends a heartbeat every 2 s, as
    the page does every 30 s, so a lost last frame is noticed too."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        missing = [c for c in clients if len(c.chat) < count or c.gapped()]
        if not missing:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError({c.name: len(c.chat) for c in missing})
        for client in missing:
            await client.send({"type": "heartbeat"})
        await asyncio.sleep(2)


async def _burst(servers, session_id: int, cookies: dict[str, str], senders: list[str], drop: str | None):
    clients = {}
    for index, (name, cookie) in enumerate(cookies.items()):
        server = index % 2
        clients[name] = SequencedClient(
            name, servers.ws_urls[server], servers.urls[server], session_id, cookie
        )
    await asyncio.gather(*(client.connect() for client in clients.values()))

    async def send_five(name: str):
        for n in range(5):
            await clients[name].send({"type": "chat.send", "body": f"{name} tin {n}"})

    async def drop_and_come_back(client: SequencedClient):
        while len(client.chat) < 40:
            await asyncio.sleep(0.01)
        await client.drop()
        dropped_with = len(client.chat)
        await asyncio.sleep(1)
        other = 1 - servers.ws_urls.index(client.ws_url)
        await client.connect(servers.ws_urls[other], servers.urls[other])
        return dropped_with

    dropper = asyncio.ensure_future(drop_and_come_back(clients[drop])) if drop else None
    await asyncio.gather(*(send_five(name) for name in senders))
    dropped_with = await dropper if dropper else None
    await _until_everyone_has(list(clients.values()), len(senders) * 5)
    for client in clients.values():
        await client.drop()
    return clients, dropped_with


def _officials(commune, count: int):
    return [
        OfficialFactory(username=f"canbo-burst-{n}", full_name=f"Cán bộ {n:02d}", commune=commune)
        for n in range(count)
    ]


def _check_every_socket_has_everything_in_order(session, clients, senders):
    stored = list(ChatMessage.objects.filter(session=session).order_by("pk").values_list("pk", "body"))
    assert len(stored) == len(senders) * 5
    ids = [pk for pk, _ in stored]
    for client in clients.values():
        assert client.chat == ids, client.name  # every message, each once, in order
        assert not [e for e in client.errors if e.get("request") == "chat.send"], client.name
    for name in senders:
        mine = [body for _, body in stored if body.startswith(f"{name} ")]
        assert mine == [f"{name} tin {n}" for n in range(5)]


@pytest.mark.parametrize("drop", [False, True], ids=["burst", "burst-with-a-drop"])
def test_a_burst_reaches_every_socket_complete_and_in_order(
    transactional_db, require_redis, trainer, commune, drop
):
    """45 officials send 5 messages each at once, 48 sockets on two servers: every socket ends with
    all 225, in order; with ``drop``, one socket also closes mid-burst and comes back on the other
    server."""
    officials = _officials(commune, 47)
    session = make_session(trainer, communes=[commune])
    cookies = {"host": session_cookie_for(trainer)}
    cookies.update({official.username: session_cookie_for(official) for official in officials})
    senders = [official.username for official in officials[:45]]
    dropping = officials[46].username if drop else None
    with daphne_servers(2, redis_url=REDIS_URL, CHANNEL_CAPACITY="40") as servers:
        clients, dropped_with = asyncio.run(_burst(servers, session.pk, cookies, senders, dropping))
    _check_every_socket_has_everything_in_order(session, clients, senders)
    if drop:
        assert dropped_with is not None and dropped_with < 225
    # The small capacity made the layer drop frames, and the clients asked for them again.
    assert sum(client.resynced_frames for client in clients.values()) > 0


# --- Join storms ------------------------------------------------------------------------------------


def _abandoned_handshake(url: str, path: str, origin: str, cookie: str) -> None:
    """Send a WebSocket upgrade request and hang up before the answer: a handshake that never
    completes."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as raw:
        raw.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\nCookie: {cookie}\r\n\r\n"
            ).encode()
        )


async def _storm(servers, session_id: int, quitters: list[str], joiners: list[str]):
    path = f"/ws/live/{session_id}/"
    for index, cookie in enumerate(quitters):
        server = index % 2
        await asyncio.to_thread(
            _abandoned_handshake, servers.urls[server], path, servers.urls[server], cookie
        )

    async def join(index: int, cookie: str):
        server = index % 2
        socket_ = await websockets.connect(
            f"{servers.ws_urls[server]}{path}",
            additional_headers={"Cookie": cookie},
            origin=servers.urls[server],
            open_timeout=120,
            max_size=None,
        )
        first = json.loads(await asyncio.wait_for(socket_.recv(), timeout=120))
        return socket_, first

    results = await asyncio.gather(
        *(join(i, cookie) for i, cookie in enumerate(joiners)), return_exceptions=True
    )
    return results


def test_two_hundred_at_once_all_get_in_and_abandoned_handshakes_leave_nothing(
    transactional_db, require_redis, trainer, commune
):
    """A session of exactly 200 seats: 20 officials start a handshake and hang up, then 200 others
    connect at once. All 200 get in (none is refused as full), and the 20 left no participant,
    connection or attendance row; once the 200 close, no connection or open attendance remains."""
    officials = _officials(commune, 220)
    session = make_session(trainer, communes=[commune], capacity=200)
    quitters, joiners = officials[:20], officials[20:]
    quitter_cookies = [session_cookie_for(o) for o in quitters]
    joiner_cookies = [session_cookie_for(o) for o in joiners]

    async def body():
        results = await _storm(servers, session.pk, quitter_cookies, joiner_cookies)
        sockets = [r[0] for r in results if not isinstance(r, BaseException)]
        firsts = [r[1] if not isinstance(r, BaseException) else repr(r) for r in results]
        await asyncio.sleep(2)

        def count():
            try:
                return (
                    Participant.objects.filter(session=session).count(),
                    Connection.objects.filter(participant__session=session).count(),
                )
            finally:
                connection.close()

        during = await asyncio.to_thread(count)
        await asyncio.gather(*(s.close() for s in sockets))
        return firsts, during

    with daphne_servers(2, redis_url=REDIS_URL) as servers:
        firsts, during = asyncio.run(body())
        # Closing is asynchronous on the servers: wait for their disconnects to be stored.
        for _ in range(120):
            if not Connection.objects.filter(participant__session=session).exists():
                break
            asyncio.run(asyncio.sleep(0.5))

    assert [f["type"] if isinstance(f, dict) else f for f in firsts] == ["session.state"] * 200
    assert during == (200, 200)
    assert not Participant.objects.filter(session=session, user__in=quitters).exists()
    assert not Connection.objects.filter(participant__session=session).exists()
    assert not AttendanceInterval.objects.filter(participant__session=session, left_at__isnull=True).exists()
    assert AttendanceInterval.objects.filter(participant__session=session).count() == 200
