"""One Redis connection pool per process for Django's cache.

Django makes a cache object per context, and under ASGI every request runs in a context of its own:
its ``RedisCache`` then opens a new connection pool, so each request connected to Redis afresh (a TCP
connect and a ``HELLO`` before the first key; 7 % of a lesson request's time in a saturated server,
docs/benchmarks.md). This pool class hands every cache object of the process the same pool for the
same URL and options. redis-py's pools are thread-safe and reset themselves in a forked child.
"""

import threading

import redis

_pools: dict = {}
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
