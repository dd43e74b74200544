"""WSGI entry point: plain HTTP, served by gunicorn (``portal/gunicorn.py``); WebSockets go to Daphne
through ``portal.asgi`` (docs/deploy.md)."""

import os
import sys
from pathlib import Path

_site = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(_site.parent), str(_site)]  # the apps, then the portal package
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
