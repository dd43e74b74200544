"""Two server processes on Redis: a WebSocket message sent through one reaches a client connected to
the other. This is what lets the platform run several ASGI processes behind a load balancer."""

import asyncio
import json

import pytest
import websockets

from tests.servers import daphne_servers, run_async, session_cookie_for


async def _pong_through_other_server(ws_a: str, ws_b: str, origin_a: str, origin_b: str, cookie: str):
    async with (
        websockets.connect(
            f"{ws_a}/ws/notifications/", additional_headers={"Cookie": cookie}, origin=origin_a
        ) as on_a,
        websockets.connect(
            f"{ws_b}/ws/notifications/", additional_headers={"Cookie": cookie}, origin=origin_b
        ) as on_b,
    ):
        await asyncio.sleep(0.3)  # both group subscriptions are in place on Redis
        await on_a.send(json.dumps({"type": "ping", "nonce": "xin-chao"}))
        received_b = json.loads(await asyncio.wait_for(on_b.recv(), timeout=10))
        received_a = json.loads(await asyncio.wait_for(on_a.recv(), timeout=10))
        return received_a, received_b


@pytest.mark.slow
def test_message_crosses_server_processes(transactional_db, official, require_redis):
    cookie = session_cookie_for(official)
    with daphne_servers(2) as servers:
        received_a, received_b = run_async(
            _pong_through_other_server(*servers.ws_urls, *servers.urls, cookie)
        )
    assert received_b == {"type": "pong", "nonce": "xin-chao"}
    assert received_a == {"type": "pong", "nonce": "xin-chao"}


async def _connect_status(ws_url: str, origin: str, cookie: str | None) -> int | None:
    headers = {"Cookie": cookie} if cookie else {}
    try:
        async with websockets.connect(
            f"{ws_url}/ws/notifications/", additional_headers=headers, origin=origin
        ) as ws:
            await asyncio.wait_for(ws.recv(), timeout=5)
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None
    except websockets.InvalidStatus as refused:
        return refused.response.status_code
    return None


@pytest.mark.slow
def test_socket_refuses_anonymous_and_foreign_origin(transactional_db, official, require_redis):
    cookie = session_cookie_for(official)
    with daphne_servers(1) as servers:
        anonymous = run_async(_connect_status(servers.ws_urls[0], servers.urls[0], None))
        foreign = run_async(_connect_status(servers.ws_urls[0], "http://evil.example", cookie))
    assert anonymous == 4401  # accepted, then closed: "sign in first"
    assert foreign == 403  # refused at the handshake by the origin check
