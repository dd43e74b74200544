"""Admission control and the front of the production topology.

- ``portal.admission``: a request that waited longer than ``ADMISSION_MAX_WAIT_MS`` for a worker is
  answered 503 at once, with ``Retry-After`` and the light Vietnamese page, before any session or
  database work; a request on time is served.
- ``portal.router`` (the front of the demo and the test suite): ``/ws/`` to Daphne and the rest to
  gunicorn, the arrival stamp, 503 at once beyond ``--max-http`` requests in flight, service again
  as soon as they are done, and the upstream connection of a client that gave up closed.
"""

import asyncio
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from portal.router import Router, stamped
from tests.servers import daphne_servers, free_port


def _stamp(seconds_ago: float) -> str:
    return f"t={int((time.time() - seconds_ago) * 1000)}"


def test_a_request_that_waited_too_long_is_refused_at_once(db, client, settings, django_assert_num_queries):
    settings.ADMISSION_MAX_WAIT_MS = 1000
    with django_assert_num_queries(0):
        late = client.get("/learning/", HTTP_X_REQUEST_START=_stamp(3))
    assert late.status_code == 503
    assert late["Retry-After"] == str(settings.ADMISSION_RETRY_AFTER)
    assert "no-store" in late["Cache-Control"]
    page = late.content.decode()
    assert "Hệ thống đang quá tải" in page and "Công việc bạn đã lưu vẫn còn nguyên" in page
    assert len(late.content) < 2000  # light


def test_requests_on_time_or_without_a_stamp_are_served(db, client, settings):
    settings.ADMISSION_MAX_WAIT_MS = 1000
    assert client.get("/bare", HTTP_X_REQUEST_START=_stamp(0.2)).status_code == 200
    assert client.get("/bare", HTTP_X_REQUEST_START=f"t={time.time() - 0.2:.3f}").status_code == 200  # nginx
    assert client.get("/bare").status_code == 200
    assert client.get("/bare", HTTP_X_REQUEST_START="nonsense").status_code == 200
    settings.ADMISSION_MAX_WAIT_MS = 0  # turned off
    assert client.get("/bare", HTTP_X_REQUEST_START=_stamp(60)).status_code == 200


def test_the_router_replaces_a_stamp_sent_by_the_client():
    head = b"GET /bare HTTP/1.1\r\nHost: x\r\nX-Request-Start: t=1\r\nAccept: */*"
    lines = stamped(head, 1_700_000_000.5).split(b"\r\n")
    assert lines[0] == b"GET /bare HTTP/1.1"
    assert lines[1] == b"X-Request-Start: t=1700000000500"
    assert b"X-Request-Start: t=1" not in lines[2:]
    assert lines[2:] == [b"Host: x", b"Accept: */*"]


class SlowUpstream:
    """A stand-in for gunicorn's port: holds each request ``delay`` seconds, then answers and closes;
    records the heads it received and whether each client connection was closed before the answer."""

    def __init__(self, delay: float):
        self.delay = delay
        self.heads: list[bytes] = []
        self.abandoned = 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        with conn:
            self.heads.append(conn.recv(65536))
            conn.settimeout(self.delay)
            try:
                if conn.recv(1) == b"":  # the router closed it: its client gave up
                    self.abandoned += 1
                    return
            except TimeoutError:
                pass
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")


@pytest.fixture
def router():
    upstream = SlowUpstream(delay=1.5)
    port = free_port()
    loop = asyncio.new_event_loop()
    instance = Router(http=("127.0.0.1", upstream.port), ws=("127.0.0.1", 1), max_http=1, retry_after=7)

    async def serve():
        return await asyncio.start_server(instance.handle, "127.0.0.1", port)

    server = loop.run_until_complete(serve())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}", upstream

    async def shutdown():
        server.close()
        await server.wait_closed()

    asyncio.run_coroutine_threadsafe(shutdown(), loop).result(timeout=5)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)
    upstream.sock.close()


def _get(url: str) -> tuple[int, dict, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), time.monotonic() - started
    except urllib.error.HTTPError as refused:
        return refused.code, dict(refused.headers), time.monotonic() - started


def test_the_router_refuses_beyond_its_bound_at_once_and_serves_again_after(router):
    url, upstream = router
    first = {}
    worker = threading.Thread(target=lambda: first.update(result=_get(f"{url}/learning/")))
    worker.start()
    time.sleep(0.3)  # the first request is in flight, held by the upstream
    status, headers, took = _get(f"{url}/reports/me/")
    assert (status, headers["Retry-After"]) == (503, "7")
    assert took < 0.5  # at once, not after the first is done
    worker.join()
    assert first["result"][0] == 200
    assert _get(f"{url}/learning/")[0] == 200  # the load fell: served again
    assert upstream.heads[0].split(b"\r\n")[1].startswith(b"X-Request-Start: t=")


def test_the_router_closes_the_upstream_connection_of_a_client_that_gave_up(router):
    url, upstream = router
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as gone:
        gone.sendall(b"GET /learning/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.3)
    deadline = time.monotonic() + 3
    while upstream.abandoned == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert upstream.abandoned == 1


@pytest.mark.slow
def test_each_test_server_is_gunicorn_for_http_and_daphne_for_websockets(transactional_db, require_redis):
    """What ``tests/servers.py`` (and the browser tests, with Redis) start: HTTP answered by gunicorn;
    the WebSocket handshake by Daphne (tests/portal/test_multiprocess.py exchanges messages)."""
    with daphne_servers(1) as servers:
        with urllib.request.urlopen(f"{servers.urls[0]}/bare", timeout=10) as response:
            assert response.headers["Server"] == "gunicorn"
        handshake = (
            b"GET /ws/notifications/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            b"Sec-WebSocket-Version: 13\r\nOrigin: " + servers.urls[0].encode() + b"\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", servers.ports[0]), timeout=10) as ws:
            ws.sendall(handshake)
            answer = ws.recv(4096)
        assert answer.startswith(b"HTTP/1.1 101")
        assert b"server: daphne" in answer.lower()
