#!/usr/bin/env bash
# Refresh the translation catalogues after changing user-facing strings (needs GNU gettext:
# apt-get install gettext). Source strings are Vietnamese; the English catalogue translates them.
# Each app keeps its own catalogue in <app>/locale; the site's own in site/locale.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH=site
for app in people progress courses sandbox quizzes live_sessions reports; do
  mkdir -p "$app/locale"
  (cd "$app" && ../.venv/bin/python ../manage.py makemessages -l en --no-obsolete -i "tests/*" >/dev/null)
done
mkdir -p site/locale
# site/templates/wagtailadmin overrides Wagtail's templates: their strings are Wagtail's (English
# msgids, translated by site/locale/vi), not the site's.
(cd site && ../.venv/bin/python ../manage.py makemessages -l en --no-obsolete -i "templates/wagtailadmin/*" >/dev/null)
echo "Catalogues updated; fill the empty msgstr entries of each locale/en/LC_MESSAGES/django.po."
