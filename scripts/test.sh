#!/usr/bin/env bash
# Install the test dependencies and run the whole suite. Extra arguments go to pytest.
# DATABASE_URL / REDIS_URL, when set, run the same suite on PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/test.txt

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work offline).
if [ ! -x /usr/bin/chromium ] && [ "${SKIP_BROWSER_TESTS:-0}" != "1" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install chromium', or SKIP_BROWSER_TESTS=1." >&2
    exit 1
  fi
fi

export PYTHONPATH="site${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE=portal.settings.test
.venv/bin/python manage.py compiletranslations
exec .venv/bin/python -m pytest "$@"
