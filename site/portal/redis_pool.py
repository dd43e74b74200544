"""One Redis connection pool per process for Django's cache.

Django makes a cache object per context, and under ASGI every request runs in a context of its own:
its ``RedisCache`` then opens a new connection pool, so each request connected to Redis afresh (a TCP
connect and a ``HELLO`` before the first key; 7 % of a lesson request's time in a saturated server,
docs/benchmarks.md). This pool class hands every cache object of the process the same pool for the
same URL and options. redis-py's pools are thread-safe and reset themselves in a forked child.
``RedisCache`` below also keeps one client object per pool (the settings name it as the backend).
"""

import threading

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

_pools: dict = {}
_clients: dict = {}
_lock = threading.Lock()


class SharedConnectionPool(redis.ConnectionPool):
    @classmethod
    def from_url(cls, url: str, **kwargs):
        key = (url, tuple(sorted((name, repr(value)) for name, value in kwargs.items())))
        with _lock:
            pool = _pools.get(key)
            if pool is None:
                pool = _pools[key] = super().from_url(url, **kwargs)
        return pool


class SharedClientCacheClient(RedisCacheClient):
    """Django's Redis cache client, handing out one ``redis.Redis`` per pool instead of a new one per
    cache call: building a ``redis.Redis`` fills a table of some 170 response callbacks, about 1 ms of
    CPU here, and a signed-in lesson page makes seven cache calls (docs/benchmarks.md). A ``redis.Redis``
    holds no connection of its own (it borrows from the pool for each command), so sharing it across
    threads is safe."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        entry = _clients.get(id(pool))
        if entry is None or entry[0] is not pool:
            with _lock:
                entry = _clients.get(id(pool))
                if entry is None or entry[0] is not pool:
                    entry = _clients[id(pool)] = (pool, self._client(connection_pool=pool))
        return entry[1]


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with ``SharedClientCacheClient``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientCacheClient
