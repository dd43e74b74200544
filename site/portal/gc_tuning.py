"""The garbage collector of a long-running server process (Daphne), tuned for live sessions.

CPython's cyclic collector stops the whole process while it runs. With the default thresholds
(700, 10, 10) a Daphne process holding hundreds of open sockets ran a full collection every few chat
messages, because each message leaves short-lived objects that survive a young collection: a full
collection walked every object of the process (the code of Django, Wagtail and Channels loaded at
start, and every socket's consumer) and stopped the process for 0.2 s with 500 sockets, 0.7 s with
3,200. Every frame already handed to the server waited that long to leave (docs/benchmarks.md,
"Live sessions", the garbage collector).

Two changes, applied once the application is loaded (``portal.asgi``):

- ``gc.freeze()``: what is alive after start-up (modules, settings, URL patterns, templates) is moved
  out of the collector's sight; it lives as long as the process anyway.
- higher thresholds (``GC_THRESHOLDS``, 50,000 / 20 / 10 by default): young collections run after
  50,000 new objects rather than 700, so a message's objects are mostly gone before one runs, and
  few reach the oldest generation that a full collection walks.

``GC_THRESHOLDS=default`` leaves CPython's own thresholds (the freeze still applies).
"""

import gc

from django.conf import settings


def parse_thresholds(value: str) -> tuple[int, int, int] | None:
    """``"50000,20,10"`` -> ``(50000, 20, 10)``; ``"default"`` or empty -> ``None`` (CPython's own)."""
    value = value.strip().lower()
    if value in {"", "default"}:
        return None
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 3 or not all(part.isdigit() and int(part) > 0 for part in parts):
        raise ValueError(
            "GC_THRESHOLDS must be three positive whole numbers such as 50000,20,10, or 'default';"
            f" got {value!r}"
        )
    return int(parts[0]), int(parts[1]), int(parts[2])


def tune_server_process() -> None:
    """Freeze what start-up loaded and set the thresholds of ``settings.GC_THRESHOLDS``. Once per
    server process, after the application is built."""
    if not settings.GC_TUNING:
        return
    gc.collect()  # what start-up left as garbage is not frozen with the rest
    gc.freeze()
    thresholds = settings.GC_THRESHOLDS
    if thresholds is not None:
        gc.set_threshold(*thresholds)
