#!/usr/bin/env bash
# Run the platform with demo data on this machine: installs, migrates, seeds, then serves HTTP and
# WebSockets with a django-q2 worker beside it. Needs only Python 3.11.
# Without REDIS_URL: one Daphne process serves both (the in-memory channel layer cannot cross
# processes). With REDIS_URL: the production topology (docs/deploy.md): gunicorn for HTTP on PORT+1,
# Daphne for /ws/ on PORT+2, and portal.router on PORT in front of them, standing in for nginx.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
PYTHON="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
export PYTHONPATH="site${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-portal.settings.dev}"
py=.venv/bin/python
$py manage.py compiletranslations
$py manage.py migrate --noinput
$py manage.py collectstatic --noinput --verbosity 0
$py manage.py seed_demo

$py manage.py qcluster &
pids=("$!")
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
if [ -n "${REDIS_URL:-}" ]; then
  WEB_BIND="127.0.0.1:$((PORT + 1))" .venv/bin/gunicorn -c python:portal.gunicorn portal.wsgi:application &
  pids+=("$!")
  $py -m daphne --websocket_connect_timeout 30 -b 127.0.0.1 -p "$((PORT + 2))" portal.asgi:application &
  pids+=("$!")
fi

cat <<TEXT

  Nền tảng đang chạy / The platform is running:  http://$HOST:$PORT/
  Quản trị nội dung / Wagtail admin:             http://$HOST:$PORT/admin/
  Tình trạng / Health:                           http://$HOST:$PORT/healthz

  Tài khoản mẫu / Demo accounts (username / password):
    Cán bộ xã (official):             canbo      / canbo-demo-2025
    Giảng viên (trainer):             giangvien  / giangvien-demo-2025
    Lãnh đạo sở (department head):    lanhdao    / lanhdao-demo-2025
    Quản trị (administrator):         quantri    / quantri-demo-2025

  Ctrl+C to stop.
TEXT
if [ -n "${REDIS_URL:-}" ]; then
  $py -m portal.router --bind "$HOST:$PORT" --http "127.0.0.1:$((PORT + 1))" --ws "127.0.0.1:$((PORT + 2))"
else
  $py -m daphne --websocket_connect_timeout 30 -b "$HOST" -p "$PORT" portal.asgi:application
fi
