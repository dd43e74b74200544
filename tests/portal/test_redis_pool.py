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


def test_the_cache_hands_out_one_redis_client_per_pool_and_it_works_across_threads(require_redis):
    """Building a ``redis.Redis`` costs about 1 ms of CPU (its table of response callbacks); Django's
    own Redis cache built one for every cache call, seven on a signed-in lesson page."""
    import threading

    from django.conf import settings
    from django.core.cache.backends.redis import RedisCacheClient
    from django.utils.module_loading import import_string

    RedisCache = import_string(settings.REDIS_CACHE_BACKEND)  # the backend the settings give Redis
    options = dict(settings.REDIS_CACHE_OPTIONS)  # what the settings give the cache on Redis
    cache = RedisCache(REDIS, {"KEY_PREFIX": "test-shared-client", "OPTIONS": options})
    other = RedisCache(REDIS, {"KEY_PREFIX": "test-shared-client", "OPTIONS": options})
    built = []
    original = redis.Redis.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    redis.Redis.__init__ = counting
    try:
        cache.set("answer", 42)
        errors = []

        def worker(n):
            try:
                for i in range(20):
                    other.set(f"k{n}-{i}", i)
                    assert other.get(f"k{n}-{i}") == i
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        assert cache.get("answer") == 42
    finally:
        redis.Redis.__init__ = original
        cache.delete_many(["answer", *(f"k{n}-{i}" for n in range(4) for i in range(20))])
    # One client for the one pool, whatever the number of cache objects, calls and threads; Django's
    # RedisCacheClient would have built one per call (162 here).
    assert len(built) <= 1, len(built)
    assert isinstance(cache._cache, RedisCacheClient)
