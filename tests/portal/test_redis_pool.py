"""A Daphne server reuses its Redis connections for the cache (portal.redis_pool): under ASGI every
request gets cache objects of its own, and without one pool per process each request opened a new
Redis connection before its first cache read (docs/benchmarks.md, "Peak load")."""

import urllib.request

import pytest
import redis

from tests.courses import builders
from tests.servers import daphne_servers

REDIS = "redis://127.0.0.1:6379/1"


def connections_received() -> int:
    return redis.Redis.from_url(REDIS).info("stats")["total_connections_received"]


@pytest.mark.slow
def test_requests_to_a_server_reuse_its_redis_connections(transactional_db, require_redis):
    builders.site_home()
    with daphne_servers(1, redis_url=REDIS) as servers:
        url = f"{servers.urls[0]}/"  # the home page: read from the cache (portal.page_cache)

        def get():
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200

        for _ in range(3):  # the process's pools are open
            get()
        before = connections_received()
        for _ in range(20):
            get()
        opened = connections_received() - before - 1  # the INFO above
    assert opened <= 3, f"{opened} new Redis connections for 20 requests"
