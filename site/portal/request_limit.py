"""Refusing an HTTP request body larger than ``MAX_REQUEST_BYTES`` before Django reads it.

Under an ASGI server Django reads the whole body before any view runs (the view's own upload limit
comes too late to save memory or disk), so this wraps the ASGI application: a declared
``Content-Length`` over the limit is answered 413 at once, without reading the body; a body without
one (chunked) is counted as it is read and the request abandoned as soon as it passes the limit.
nginx refuses the same size first in production (``client_max_body_size``, docs/deploy.md).
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

PAGE = """<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>413</title>
<p>{message}</p></html>"""


def too_large_message() -> str:
    return _("Dữ liệu gửi lên quá lớn: tối đa %(limit)s MB. Hãy chọn tệp nhỏ hơn.") % {
        "limit": settings.MAX_REQUEST_BYTES // (1024 * 1024)
    }


class RequestSizeLimit:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = settings.MAX_REQUEST_BYTES
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared and (not declared.isdigit() or int(declared[:20]) > limit):
            return await self._refuse(send)
        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    return {"type": "http.disconnect"}
            return message

        return await self.app(scope, counted, send)

    async def _refuse(self, send):
        with override(settings.LANGUAGE_CODE):
            body = PAGE.format(lang=settings.LANGUAGE_CODE, message=too_large_message()).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
