"""gunicorn's configuration: the HTTP side of the production topology (docs/deploy.md).

    gunicorn -c python:portal.gunicorn portal.wsgi:application

HTTP is served by a bounded number of synchronous WSGI workers: no event loop and no thread hop per
request, as an ASGI server pays for every synchronous view (docs/benchmarks.md, "Serving HTTP").
WebSockets (``/ws/``) go to Daphne, which nginx (or ``portal.router``) sends them to.

Read from the environment:

- ``WEB_BIND`` (``127.0.0.1:8001``): the address; ``WEB_WORKERS`` (the number of cores + 1): worker
  processes, each serving one request at a time;
- ``WEB_BACKLOG`` (64): how many connections may wait for a worker; with nginx's ``limit_conn`` in
  front it is never reached, and ``portal.admission`` answers 503 at once to a request that waited
  longer than ``ADMISSION_MAX_WAIT_MS``;
- ``WEB_THREADS`` (1): more than 1 runs threaded workers (``gthread``) instead of sync ones;
- ``WEB_TIMEOUT`` (30 s): a worker silent for that long is killed and replaced;
- ``WEB_PRELOAD`` (on): the master loads the application once and forks the workers from it, so a
  worker is ready at once (loading Django and Wagtail takes seconds of CPU per process) and they
  share the loaded code's memory. Loading opens no database or Redis connection (they open at the
  first request, in each worker; redis-py's pools reset themselves in a forked child).
"""

import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_WORKERS", str((os.cpu_count() or 1) + 1)))
# WEB_THREADS > 1: gunicorn's threaded workers (gthread), each serving that many requests at once.
threads = int(os.environ.get("WEB_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
backlog = int(os.environ.get("WEB_BACKLOG", "64"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 10
# nginx (or portal.router) on the same machine is the only client: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1")
preload_app = os.environ.get("WEB_PRELOAD", "1").strip().lower() in {"1", "true", "yes", "on"}
accesslog = None
errorlog = "-"
loglevel = os.environ.get("WEB_LOG_LEVEL", "warning")


def _tune_gc() -> None:
    from portal.gc_tuning import tune_server_process

    tune_server_process()


def when_ready(server) -> None:
    """Preloaded: the master freezes what loading made before it forks the workers (as each Daphne
    process does, ``portal.gc_tuning``), so that collections in the workers never touch it."""
    if preload_app:
        _tune_gc()


def post_worker_init(worker) -> None:
    """Not preloaded: each worker tunes its own collector once it has loaded the application."""
    if not preload_app:
        _tune_gc()
