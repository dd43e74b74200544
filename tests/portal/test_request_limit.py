"""A request body over MAX_REQUEST_BYTES is refused before the application reads it: 413 with a
Vietnamese page when its length is declared, abandoned as soon as it passes the limit otherwise."""

import asyncio

from portal.request_limit import RequestSizeLimit


def _run(app, scope, chunks):
    sent, read = [], []
    queue = list(chunks)

    async def receive():
        message = queue.pop(0) if queue else {"type": "http.disconnect"}
        read.append(message)
        return message

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent, read


def _scope(headers):
    return {"type": "http", "method": "POST", "path": "/sandbox/certificates/validate/", "headers": headers}


def test_a_declared_oversized_body_is_refused_without_reading_it(settings):
    settings.MAX_REQUEST_BYTES = 1000
    called = []

    async def inner(scope, receive, send):
        called.append(scope)

    sent, read = _run(
        RequestSizeLimit(inner), _scope([(b"content-length", b"100000000")]), [{"type": "http.request"}]
    )
    assert not called and not read
    assert sent[0]["status"] == 413
    assert "Dữ liệu gửi lên quá lớn: tối đa 0 MB" in sent[1]["body"].decode()


def test_an_undeclared_body_is_abandoned_once_past_the_limit(settings):
    settings.MAX_REQUEST_BYTES = 1000
    seen = []

    async def inner(scope, receive, send):
        while True:
            message = await receive()
            seen.append(message["type"])
            if message["type"] != "http.request" or not message.get("more_body"):
                return

    chunks = [{"type": "http.request", "body": b"x" * 600, "more_body": True}] * 5
    _run(RequestSizeLimit(inner), _scope([(b"transfer-encoding", b"chunked")]), chunks)
    assert seen == ["http.request", "http.disconnect"]


def test_a_body_within_the_limit_passes(settings):
    settings.MAX_REQUEST_BYTES = 1000
    bodies = []

    async def inner(scope, receive, send):
        bodies.append((await receive())["body"])

    _run(
        RequestSizeLimit(inner),
        _scope([(b"content-length", b"10")]),
        [{"type": "http.request", "body": b"0123456789"}],
    )
    assert bodies == [b"0123456789"]


def test_the_shipped_limit_matches_nginx():
    import re
    from pathlib import Path

    from django.conf import settings

    deploy = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text()
    nginx = int(re.search(r"client_max_body_size (\d+)m;", deploy).group(1))
    assert settings.MAX_REQUEST_BYTES == nginx * 1024 * 1024
