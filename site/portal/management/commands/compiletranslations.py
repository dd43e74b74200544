"""Compile every ``.po`` catalogue of the project to ``.mo`` in pure Python (polib).

Django's own ``compilemessages`` needs GNU gettext's ``msgfmt``, which a fresh machine with only
Python does not have; the compiled files are build output and are not committed.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po -> .mo) without GNU gettext."

    def handle(self, *args, **options):
        count = 0
        # Every app's catalogue and the site's: <folder>/locale/<language>/LC_MESSAGES/<domain>.po.
        for po_path in sorted(Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            count += 1
        self.stdout.write(f"Compiled {count} catalogue(s).")
