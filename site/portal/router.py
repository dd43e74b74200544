"""A tiny front for one machine without nginx: the demo (``scripts/demo.sh`` with Redis) and the test
suite (``tests/servers.py``, the browser tests' ``live``) run the production topology through it.

    python -m portal.router --bind 127.0.0.1:8000 --http 127.0.0.1:8001 --ws 127.0.0.1:8002 [--max-http 8]

It does for them what nginx does in production (docs/deploy.md): each connection goes by the path of
its first request, ``/ws/...`` to Daphne (WebSockets), anything else to gunicorn (HTTP). gunicorn's
sync workers answer one request per connection (``Connection: close``), so routing by connection is
routing by request. On the way it stamps each HTTP request with its arrival time (``X-Request-Start``,
read by ``portal.admission``; a stamp sent by the client is dropped), and, like nginx's
``limit_conn``, answers 503 with ``Retry-After`` and the light page at once when ``--max-http``
requests are already in flight. A client that goes away has its upstream connection closed.

Plain asyncio, no Django: bytes are copied, not parsed, past the request's head.
"""

import argparse
import asyncio
import contextlib
import signal
import time
from pathlib import Path

PAGE = Path(__file__).resolve().parents[1] / "templates" / "503.html"
HEAD_LIMIT = 64 * 1024
HEAD_TIMEOUT = 30
CHUNK = 64 * 1024
BAD_GATEWAY = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def _address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


def overloaded(retry_after: int) -> bytes:
    body = PAGE.read_bytes()
    head = (
        "HTTP/1.1 503 Service Unavailable\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Retry-After: {retry_after}\r\n"
        "Cache-Control: no-store\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


def stamped(head: bytes, now: float) -> bytes:
    """The request head with the client's own ``X-Request-Start`` removed and the router's added."""
    lines = head.split(b"\r\n")
    kept = [line for line in lines[1:] if not line.lower().startswith(b"x-request-start:")]
    return b"\r\n".join([lines[0], f"X-Request-Start: t={int(now * 1000)}".encode(), *kept])


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
    except (ConnectionError, OSError):
        pass


class Router:
    def __init__(self, *, http: tuple[str, int], ws: tuple[str, int], max_http: int, retry_after: int):
        self.http, self.ws = http, ws
        self.max_http = max_http
        self.busy_page = overloaded(retry_after)
        self.in_flight = 0

    async def handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        upstream_writer = None
        counted = False
        try:
            try:
                head = await asyncio.wait_for(client_reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT)
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
                return
            parts = head.split(b" ", 2)
            path = parts[1] if len(parts) > 1 else b"/"
            websocket = path.startswith(b"/ws/")
            if not websocket:
                if self.max_http and self.in_flight >= self.max_http:
                    client_writer.write(self.busy_page)
                    await client_writer.drain()
                    return
                self.in_flight += 1
                counted = True
                head = stamped(head, time.time())
            target = self.ws if websocket else self.http
            try:
                upstream_reader, upstream_writer = await asyncio.open_connection(*target)
            except OSError:
                client_writer.write(BAD_GATEWAY)
                await client_writer.drain()
                return
            upstream_writer.write(head)
            upward = asyncio.create_task(_pipe(client_reader, upstream_writer))
            downward = asyncio.create_task(_pipe(upstream_reader, client_writer))
            # Whichever side closes first ends the exchange: the server after its answer (gunicorn
            # closes each connection), or the client that gave up, whose upstream connection is then
            # closed below (browsers do not half-close a connection while they wait for an answer).
            await asyncio.wait({upward, downward}, return_when=asyncio.FIRST_COMPLETED)
            for task in (upward, downward):
                task.cancel()
        finally:
            if counted:
                self.in_flight -= 1
            for writer in (upstream_writer, client_writer):
                if writer is not None:
                    writer.close()
                    with contextlib.suppress(Exception):
                        await writer.wait_closed()


async def serve(args: argparse.Namespace) -> None:
    router = Router(
        http=_address(args.http), ws=_address(args.ws), max_http=args.max_http, retry_after=args.retry_after
    )
    host, port = _address(args.bind)
    server = await asyncio.start_server(router.handle, host, port, backlog=args.backlog, limit=HEAD_LIMIT)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description="HTTP to gunicorn, /ws/ to Daphne, on one port.")
    parser.add_argument("--bind", default="127.0.0.1:8000")
    parser.add_argument("--http", required=True, help="gunicorn's address, host:port")
    parser.add_argument("--ws", required=True, help="Daphne's address, host:port")
    parser.add_argument("--max-http", type=int, default=0, help="HTTP requests in flight at most (0: none)")
    parser.add_argument("--retry-after", type=int, default=5)
    parser.add_argument("--backlog", type=int, default=1024)
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
