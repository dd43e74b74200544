"""Admission control: a request that waited too long for a worker is answered at once with 503.

The front (nginx in production, ``portal.router`` for the demo and the test suite) stamps each HTTP
request with the time it arrived, ``X-Request-Start: t=<milliseconds since the epoch>``. gunicorn's
workers take requests from a bounded queue (its ``backlog``); under more load than they can serve,
requests wait there. A request that waited longer than ``ADMISSION_MAX_WAIT_MS`` is answered by this
middleware, first of all, without reading a session or the database: 503, ``Retry-After``, and the
light page ``503.html``. So the queue drains at a fraction of a millisecond per request that is
already late (its browser may well have given up), instead of every late request being served in
full; and when the load falls, nothing waits that long and every request is served again.

nginx's ``limit_conn`` (docs/deploy.md) bounds the queue itself: beyond that many requests in
flight, nginx answers with the same page at once without passing the request on.
"""

import functools
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

HEADER = "HTTP_X_REQUEST_START"


@functools.cache
def _page() -> bytes:
    return (settings.SITE_DIR / "templates" / "503.html").read_bytes()


def overloaded_response() -> HttpResponse:
    """503 with ``Retry-After`` and the light page, the same nginx and ``portal.router`` answer."""
    response = HttpResponse(_page(), status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(settings.ADMISSION_RETRY_AFTER)
    add_never_cache_headers(response)
    # Expected under overload, and cheap by design: not one log line per refused request.
    response._has_been_logged = True
    return response


def waited_ms(stamp: str, now: float) -> float | None:
    """How long ago ``stamp`` (``t=<ms>``, or seconds with a fraction as nginx's ``$msec``) was, in ms;
    None when it cannot be read."""
    value = stamp.split(",")[0].strip().removeprefix("t=")
    try:
        started = float(value)
    except ValueError:
        return None
    if started > 1e11:  # milliseconds
        started /= 1000
    return (now - started) * 1000


class AdmissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        _page()  # read once, at start

    def __call__(self, request):
        stamp = request.META.get(HEADER)
        limit = settings.ADMISSION_MAX_WAIT_MS
        if stamp and limit:
            waited = waited_ms(stamp, time.time())
            if waited is not None and waited > limit:
                return overloaded_response()
        return self.get_response(request)
