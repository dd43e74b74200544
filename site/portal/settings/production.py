"""Production: refuses to start without a real secret key, and passes ``check --deploy``.

Served as docs/deploy.md describes: gunicorn (``portal/gunicorn.py``, ``portal.wsgi``) for HTTP,
Daphne (``portal.asgi``) for ``/ws/``, nginx in front with admission control (``limit_conn``, and
``X-Request-Start`` for ``portal.admission``, ``ADMISSION_MAX_WAIT_MS`` in ``base.py``). That
topology needs ``REDIS_URL``: its processes share the cache, the channel layer and the task broker.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production; "
        'generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

DEBUG = False
# Behind nginx, which terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # the Wagtail admin alone is framed by itself (preview): see middleware
