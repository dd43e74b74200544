"""Settings of the benchmark's servers: the shipped ones (``portal.settings.dev``, as the test servers
use), with channels-redis's other layer, Redis Pub/Sub, when ``LIVE_BENCH_LAYER=pubsub``, so that
``bench/live_bench.py --layer pubsub`` can compare the two on the same code and data."""

import os

from portal.settings.dev import *  # noqa: F403
from portal.settings.dev import CHANNEL_LAYERS, REDIS_URL

if os.environ.get("LIVE_BENCH_LAYER") == "pubsub":
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": CHANNEL_LAYERS["default"]["CONFIG"]["prefix"]},
        }
    }
