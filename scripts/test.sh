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

# The accessibility browser test injects axe-core, pinned in tests/browser/axe/package-lock.json and
# installed from the npm registry.
if [ "${SKIP_BROWSER_TESTS:-0}" != "1" ]; then
  if ! command -v npm >/dev/null; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      echo "npm is missing: run 'sudo apt-get install nodejs npm', or SKIP_BROWSER_TESTS=1." >&2
      exit 1
    fi
  fi
  npm ci --prefix tests/browser/axe --no-audit --no-fund --silent
fi

export PYTHONPATH="site${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE=portal.settings.test
.venv/bin/python manage.py compiletranslations
exec .venv/bin/python -m pytest "$@"
