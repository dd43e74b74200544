"""A laptop or a demo: debug on unless DEBUG says otherwise, and a fixed key that is only for this.

``scripts/demo.sh`` runs with DEBUG off (``DEBUG=1`` turns it on), so the demo shows what users see in
production: the Vietnamese error pages, static files compressed and cached by WhiteNoise. The uploaded
media (lesson screenshots) are still served by Django here, as no web server stands in front."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
if DEBUG or not env_bool("STATIC_MANIFEST", True):
    # No collectstatic needed while developing (or for the servers a test starts, which set
    # STATIC_MANIFEST=0); without debug, base's compressed, hashed files.
    STORAGES["staticfiles"] = {  # noqa: F405
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
