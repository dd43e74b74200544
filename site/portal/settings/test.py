"""The test suite: fast hashing, tasks run synchronously, and a database file the live server can share.

``DATABASE_URL`` and ``REDIS_URL`` are honoured, so the same suite runs on PostgreSQL and Redis.
"""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# The browser tests' servers serve the uploads (lesson screenshots, their renditions) as the demo does.
SERVE_MEDIA = True
# Several suites may run at once on one machine (developers, CI passes): keep their test databases,
# cache keys and channel groups apart. pytest-django adds the xdist worker to database names itself.
_suffix = os.environ.get("TEST_DB_SUFFIX", "main")
_worker = f"{_suffix}-{os.environ.get('PYTEST_XDIST_WORKER', 'gw')}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: browser tests run the ASGI server in another process.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{_suffix}.sqlite3")}  # noqa: F405
else:
    DATABASES["default"]["OPTIONS"]["pool"] = False  # noqa: F405
    _name = DATABASES["default"]["NAME"]  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_{_name}_{_suffix}".replace("-", "_")}  # noqa: F405
if not os.environ.get("REDIS_URL"):
    # One cache for the test and the servers it starts in other processes (browser tests).
    CACHES["default"]["LOCATION"] = str(BASE_DIR / f".test-cache-{_suffix}")  # noqa: F405
AXES_FAILURE_LIMIT = 5
# A test process that imports portal.asgi (tests/portal/test_health.py) is not a server process. The
# Daphne servers that tests start run portal.settings.dev, tuned as in production.
GC_TUNING = False
# The browser tests' servers (tests/browser/conftest.py) serve static files from the apps' folders.
WHITENOISE_USE_FINDERS = os.environ.get("STATIC_FROM_FINDERS") == "1"
if os.environ.get("REDIS_URL"):
    CACHES["default"]["KEY_PREFIX"] = f"test-{_worker}"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"test-{_worker}"  # noqa: F405
