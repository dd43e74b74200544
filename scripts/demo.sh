#!/usr/bin/env bash
# Run the platform with demo data on this machine: installs, migrates, seeds, then serves HTTP and
# WebSockets (Daphne) with a django-q2 worker beside it. Needs only Python 3.11.
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
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM

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
$py -m daphne --websocket_connect_timeout 30 -b "$HOST" -p "$PORT" portal.asgi:application
