"""Settings shared by every configuration.

Everything that differs between a laptop and a production cluster is read from the environment:
with nothing set the platform runs on embedded defaults (SQLite in WAL mode, the in-memory channel
layer, django-q2's ORM broker, a local-memory cache, the console e-mail backend); ``DATABASE_URL``
switches to PostgreSQL (psycopg 3 with a connection pool) and ``REDIS_URL`` to Redis for the channel
layer, the task broker and the cache.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from portal.gc_tuning import parse_thresholds as parse_gc_thresholds

# site/portal/settings/base.py -> the repository root is three levels up.
BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "daphne",
    # Project apps first so their templates and translations win over the libraries'.
    "portal",
    "core",
    "people",
    "progress",
    "courses",
    "sandbox",
    "quizzes",
    "live_sessions",
    "reports",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "channels",
    "django_q",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "portal.admission.AdmissionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.AdminSameOriginFrameMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes last, as its documentation asks, so it sees the result of authentication.
    "axes.middleware.AxesMiddleware",
]

# A request that waited longer than this for a worker (X-Request-Start, set by nginx or
# portal.router) is answered 503 at once (portal/admission.py); 0 turns the check off.
ADMISSION_MAX_WAIT_MS = int(os.environ.get("ADMISSION_MAX_WAIT_MS", "1000"))
ADMISSION_RETRY_AFTER = int(os.environ.get("ADMISSION_RETRY_AFTER", "5"))

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.language_choices",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    # psycopg 3's pool: each server process keeps a few warm connections. Not in django-q2's cluster:
    # it forks its workers after closing connections, and a pool keeps its connections open through
    # the fork, so parent and children would talk over the same sockets (an import's INSERT read
    # another process's ROLLBACK: tests/faults/test_import_worker_killed.py on PostgreSQL).
    _forks = len(sys.argv) > 1 and sys.argv[1] == "qcluster"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not _forks:
        # With a pool, CONN_HEALTH_CHECKS gives it a check: a connection is checked (an empty query) as
        # it leaves the pool. After PostgreSQL restarts every pooled connection is dead, and without
        # the check each would fail one request before the pool dropped it. portal.db.postgresql is
        # Django's backend whose check, on a failure, sweeps the pool's other dead connections at once.
        DATABASES["default"]["ENGINE"] = "portal.db.postgresql"
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        _pool_timeout = int(os.environ.get("DB_POOL_TIMEOUT", "10"))
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(os.environ.get("DB_POOL_MIN", "2")),
            "max_size": int(os.environ.get("DB_POOL_MAX", "10")),
            "timeout": _pool_timeout,
            # While PostgreSQL is down the pool retries a connection after 1, 2, 4, 8 ... s, for
            # reconnect_timeout (300 s by default): after a minute's outage its next try could be a
            # minute away, and every request until then waits DB_POOL_TIMEOUT and fails. Given up
            # after DB_POOL_TIMEOUT, the next request starts a fresh try at once, so pages are served
            # again within a few seconds of PostgreSQL coming back (tests/faults/test_postgres_restarted).
            "reconnect_timeout": _pool_timeout,
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets the web server read while the task worker writes.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- The server process's garbage collector (portal/gc_tuning.py) -----------------------------------
# Applied by portal/asgi.py once the application is loaded: start-up objects frozen, young collections
# after 50,000 new objects. A full collection stopped a Daphne process with 500 sockets for 0.2 s.
GC_TUNING = env_bool("GC_TUNING", True)
GC_THRESHOLDS = parse_gc_thresholds(os.environ.get("GC_THRESHOLDS", "50000,20,10"))

# --- Redis: cache, channel layer, task broker ------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# One connection pool per process, not one per request (portal/redis_pool.py).
REDIS_CACHE_OPTIONS = {"pool_class": "portal.redis_pool.SharedConnectionPool"}
# Django's Redis cache, handing out one client object per pool (portal/redis_pool.py).
REDIS_CACHE_BACKEND = "portal.redis_pool.RedisCache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": REDIS_CACHE_BACKEND,
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "hotro"),
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # channels-redis blocks up to 5 s in BZPOPMIN while redis-py 8 reads with a 5 s
                # timeout by default: the two race and the consumer dies. Read for longer.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 30}],
                "prefix": os.environ.get("CHANNEL_PREFIX", "hotro"),
                # Messages waiting per socket before the layer drops new ones (the client then asks
                # for what it missed: docs/live-protocol.md, "Sequence numbers").
                "capacity": int(os.environ.get("CHANNEL_CAPACITY", "1500")),
                "expiry": 30,
            },
        }
    }
else:
    # Files, not process memory: the web server and the task worker must see one cache (a ledger
    # write in a task drops the official's cached progress for the web server too).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Live sessions: the stored numbered frames (LiveEvent, docs/live-protocol.md) --------------------
# The nightly prune (live_sessions.tasks.live_events_prune) deletes every frame of a session ended more
# than LIVE_EVENTS_KEEP_DAYS days ago, and in a session not ended the frames older than
# LIVE_EVENTS_KEEP_HOURS hours (a connected client learns the latest numbers every 30 s and asks for a
# gap at once; a reconnecting one gets the whole state): a ``resync`` into a pruned range is answered
# ``resync_gone`` and the socket is closed to be opened again.
LIVE_EVENTS_KEEP_DAYS = int(os.environ.get("LIVE_EVENTS_KEEP_DAYS", "30"))
LIVE_EVENTS_KEEP_HOURS = int(os.environ.get("LIVE_EVENTS_KEEP_HOURS", "24"))

Q_CLUSTER = {
    "name": os.environ.get("Q_CLUSTER_NAME", "hotro"),
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 600,
    "retry": 720,
    "max_attempts": 3,
    "queue_limit": 50,
    "catch_up": False,
    "label": _("Tác vụ nền"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# --- Authentication --------------------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
# people.backends.UserBackend is Django's ModelBackend reading each request's user with a prepared
# query. Sessions name the backend that signed them in: those of ModelBackend (before 2026-12-07) end
# at the first request after the upgrade, and their users sign in again.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "people.backends.UserBackend",
]
# The first hasher makes every new hash; the others are only verified, and a hash of theirs is
# replaced by the first's at the next sign-in (people/hashers.py).
PASSWORD_HASHERS = [
    "people.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "people:login"

# Lock an account (not an address: a commune office shares one address) after five failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_CALLABLE = "people.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# Locking by address as well would lock a whole commune office out: its desks share one address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 12

# --- Internationalisation: Vietnamese first ----------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "hotro_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads: refuse anything larger than this before it reaches a view.
# Request sizes. The largest request is an upload of at most 10 MB (a signed PDF in the sandbox;
# images 8 MB, officials' imports 5 MB; each form refuses its own limit while reading): a body over
# MAX_REQUEST_BYTES is refused before Django reads it (portal/request_limit.py), as nginx's
# client_max_body_size 12m does first (docs/deploy.md). Form fields other than files: at most
# DATA_UPLOAD_MAX_MEMORY_SIZE; a file past FILE_UPLOAD_MAX_MEMORY_SIZE is streamed to a temporary file.
MAX_REQUEST_BYTES = 12 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # decompression-bomb guard

# --- E-mail ------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hotro@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail -----------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Hỗ trợ chuyển đổi số cấp xã"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp4", "webm"]  # guides and short screen recordings
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No request leaves the platform by itself: no gravatar (it fails offline and shows broken images);
# the admin shows its own default avatar, or the photo a user uploads on their account page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Page privacy (a password set by an editor): the site's own form, in the user's language.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "daphne": {"level": "WARNING"},
        "django.channels.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # pyHanko logs a traceback for every certificate it rejects; the sandbox reports those itself.
        "pyhanko.sign.validation.generic_cms": {"level": "ERROR"},
    },
}
