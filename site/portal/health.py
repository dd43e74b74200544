"""Checks of each component the platform needs, for ``/healthz`` (operators and load balancers)."""

import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone()[0] != 1:
            raise RuntimeError("unexpected answer")


def check_cache() -> None:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("value not read back")
    cache.delete(key)


def check_channel_layer() -> None:
    async def round_trip():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "healthz.ping"})
        message = await layer.receive(channel)
        if message.get("type") != "healthz.ping":
            raise RuntimeError("message not received")

    async_to_sync(round_trip)()


def check_task_queue() -> None:
    from django_q.brokers import get_broker

    broker = get_broker()
    if not broker.ping():
        raise RuntimeError("broker did not answer")
    # The ORM broker's ping always says yes; reading the queue's length touches its real storage.
    broker.queue_size()


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "task_queue": check_task_queue,
}


def health_report() -> tuple[bool, dict[str, dict[str, str]]]:
    """Run every check; a failing one is reported with its error, never raised."""
    report, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure is the answer we want to report
            healthy = False
            report[name] = {"status": "failing", "error": f"{type(exc).__name__}: {exc}"[:300]}
        else:
            report[name] = {"status": "ok"}
    return healthy, report
