"""Settings of the benchmark's servers: the shipped ones (``portal.settings.dev``, as the test servers
use), with channels-redis's other layer, Redis Pub/Sub, when ``LIVE_BENCH_LAYER=pubsub``, so that
``bench/live_bench.py --layer pubsub`` can compare the two on the same code and data.

With ``LIVE_BENCH_GC_LOG`` naming a folder, each server process writes there every garbage
collection that stopped it for 5 ms or more (when, which generation, wall and CPU time), so that the
bench can say how much of a run's tail the collector still is."""

import gc
import os
import time

from portal.settings.dev import *  # noqa: F403
from portal.settings.dev import CHANNEL_LAYERS, REDIS_URL

if os.environ.get("LIVE_BENCH_LAYER") == "pubsub":
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": CHANNEL_LAYERS["default"]["CONFIG"]["prefix"]},
        }
    }

if os.environ.get("LIVE_BENCH_GC_LOG"):
    _gc_log = open(  # for the process's life: one line a collection
        os.path.join(os.environ["LIVE_BENCH_GC_LOG"], f"gc-{os.getpid()}.log"), "a", buffering=1
    )
    _gc_started = [0.0, 0.0]

    def _gc_pause(phase: str, info: dict) -> None:
        if phase == "start":
            _gc_started[:] = time.perf_counter(), time.thread_time()
            return
        pause = (time.perf_counter() - _gc_started[0]) * 1000
        if pause >= 5:
            # The collector's own CPU time beside the wall time: on a busy machine the process may
            # wait for a core in the middle of a collection.
            cpu = (time.thread_time() - _gc_started[1]) * 1000
            _gc_log.write(f"{time.time():.3f} {info['generation']} {pause:.1f} {cpu:.1f}\n")

    gc.callbacks.append(_gc_pause)
