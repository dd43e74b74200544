#!/usr/bin/env bash
# The production configuration on this machine, for the peak load test (docs/benchmarks.md, "Peak load").
#
#   bash bench/load/stack.sh prepare          # create the database hotro_bench, migrate, collectstatic
#   bash bench/load/stack.sh start [N]        # gunicorn with N workers (default 3), one Daphne for /ws/,
#                                             # nginx in front, one qcluster
#   bash bench/load/stack.sh stop
#   bash bench/load/stack.sh status
#   bash bench/load/stack.sh exec CMD...      # run CMD with the stack's environment (the data generator)
#
# What it runs: portal.settings.production with a bench SECRET_KEY, PostgreSQL (hotro_bench on the
# machine's server), Redis database 3 (cache, channel layer, task broker), gunicorn (portal/gunicorn.py,
# N sync workers) on port 8101 for HTTP, one Daphne process on 8102 for WebSockets, and nginx on
# http://127.0.0.1:8100 sending /ws/ to Daphne and everything else to gunicorn, with limit_conn
# admission control (BENCH_MAX_HTTP requests in flight, default 4 per worker; beyond, 503 at once), as
# docs/deploy.md; and one qcluster. BENCH_TOPOLOGY=daphne starts the configuration before issue 18
# instead: N Daphne processes (default 2) on 8101.. serving both, nginx balancing them (least_conn).
# The one departure from production: plain HTTP on loopback, so SECURE_SSL_REDIRECT=0 (nginx here
# terminates no TLS; the secure-cookie flags stay on, the load generator sends them over HTTP anyway).
# nginx is required (Debian: apt-get install -y nginx-light).
#
# BENCH_SRC runs the stack from another checkout of the code (e.g. `git worktree add --detach
# /tmp/peak-src HEAD`), so that files being edited in the working tree cannot break a run;
# BENCH_VENV is the virtualenv (default: this checkout's .venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$(pwd)"
ROOT="${BENCH_SRC:-$REPO}"
VENV="${BENCH_VENV:-$REPO/.venv}"
cd "$ROOT"
RUN="${BENCH_RUN_DIR:-/tmp/hotro-bench}"
NGINX_PORT="${BENCH_NGINX_PORT:-8100}"
FIRST_PORT="${BENCH_FIRST_PORT:-8101}"
mkdir -p "$RUN/log" "$RUN/pid"

export DJANGO_SETTINGS_MODULE=portal.settings.production
export PYTHONPATH="$ROOT/site"
# A fixed key, for this benchmark only: the data generator signs sessions the servers must accept.
export SECRET_KEY="${BENCH_SECRET_KEY:-bench-only-7pQz3vLk9sWm2XcR8tYb4NfJh6GdKe1Ua5Ho0Ii-bench-only}"
export SECURE_SSL_REDIRECT=0
export ALLOWED_HOSTS="127.0.0.1,localhost"
export CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$NGINX_PORT"
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hotro_bench}"
# redis-py reads with a 5 s timeout, the same 5 s channels-redis blocks for: a longer one avoids the race
# (tests/live_sessions/test_multiprocess.py).
export REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/3?socket_timeout=30}"
export CACHE_KEY_PREFIX=bench CHANNEL_PREFIX=bench Q_CLUSTER_NAME=hotro-bench
export STATIC_ROOT="$RUN/static" MEDIA_ROOT="$RUN/media"
export DB_POOL_MIN="${DB_POOL_MIN:-4}" DB_POOL_MAX="${DB_POOL_MAX:-20}"
export LOG_LEVEL=WARNING
PY="$VENV/bin/python"

pids() { cat "$RUN"/pid/*.pid 2>/dev/null || true; }

prepare() {
  local db="${DATABASE_URL##*/}"
  if ! psql -h 127.0.0.1 -U postgres -Atc "select 1 from pg_database where datname='$db'" | grep -q 1; then
    createdb -h 127.0.0.1 -U postgres "$db"
  fi
  "$PY" manage.py migrate --noinput -v0
  # As on every production machine (docs/deploy.md): the pages are served in Vietnamese, as users see
  # them (a fresh BENCH_SRC worktree has no compiled catalogues, and would serve the English msgids).
  "$PY" manage.py compiletranslations >/dev/null
  "$PY" manage.py collectstatic --noinput -v0
  echo "database $db migrated; catalogues compiled; static files in $STATIC_ROOT"
}

nginx_conf() {
  # nginx_conf HTTP_SERVERS WS_SERVERS MAX_HTTP: the upstreams as "host:port ..." lists.
  local http_servers="" ws_servers="" address limit=""
  # max_fails=0: one slow or reset answer must not take a process out of rotation (with two
  # processes, nginx's default of one failure marks both down and answers 502 to everything).
  for address in $1; do http_servers+="    server $address max_fails=0;"$'\n'; done
  for address in $2; do ws_servers+="    server $address max_fails=0;"$'\n'; done
  if [ "$3" -gt 0 ]; then limit="limit_conn hotro_http $3;"; fi
  mkdir -p -m 1777 "$RUN/nginx-body" "$RUN/nginx-proxy"
  cat >"$RUN/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile 65000;
pid $RUN/pid/nginx.master;
error_log $RUN/log/nginx-error.log warn;
events { worker_connections 30000; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $RUN/nginx-body;
  proxy_temp_path $RUN/nginx-proxy;
  keepalive_requests 100000;
  keepalive_timeout 120s;
  upstream hotro_http {
    least_conn;
$http_servers  }
  upstream hotro_ws {
    least_conn;
$ws_servers  }
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  limit_conn_zone \$server_name zone=hotro_http:1m;
  limit_conn_status 503;
  limit_conn_log_level info;
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
    server_name hotro;
    location /static/ { alias $STATIC_ROOT/; expires 30d; }
    location /ws/ {
      proxy_pass http://hotro_ws;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_read_timeout 3600s;
    }
    location / {
      $limit
      proxy_pass http://hotro_http;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Start "t=\${msec}";
    }
    error_page 503 /503.html;
    location = /503.html {
      internal;
      root $ROOT/site/templates;
      add_header Retry-After 5 always;
      add_header Cache-Control no-store always;
    }
  }
}
EOF
}

wait_port() {
  local port="$1" i
  for i in $(seq 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "nothing listens on $port" >&2
  return 1
}

start() {
  local count i port http="" ws="" max_http what
  if [ -n "$(pids)" ]; then
    echo "already running (bash bench/load/stack.sh stop first)" >&2
    exit 1
  fi
  if ! command -v nginx >/dev/null; then
    echo "nginx is required: apt-get install -y nginx-light" >&2
    exit 1
  fi
  if [ "${BENCH_TOPOLOGY:-gunicorn}" = daphne ]; then
    count="${1:-2}"
    for ((i = 0; i < count; i++)); do
      port=$((FIRST_PORT + i))
      setsid "$VENV/bin/daphne" --proxy-headers -b 127.0.0.1 -p "$port" portal.asgi:application \
        >"$RUN/log/daphne-$port.log" 2>&1 &
      echo $! >"$RUN/pid/daphne-$port.pid"
      http+="127.0.0.1:$port "
    done
    ws="$http"
    max_http=0
    what="$count Daphne processes on $FIRST_PORT..$((FIRST_PORT + count - 1)) (HTTP and /ws/)"
  else
    count="${1:-3}"
    WEB_BIND="127.0.0.1:$FIRST_PORT" WEB_WORKERS="$count" setsid "$VENV/bin/gunicorn" \
      -c python:portal.gunicorn portal.wsgi:application >"$RUN/log/gunicorn.log" 2>&1 &
    echo $! >"$RUN/pid/gunicorn.pid"
    port=$((FIRST_PORT + 1))
    setsid "$VENV/bin/daphne" --proxy-headers -b 127.0.0.1 -p "$port" portal.asgi:application \
      >"$RUN/log/daphne-$port.log" 2>&1 &
    echo $! >"$RUN/pid/daphne-$port.pid"
    http="127.0.0.1:$FIRST_PORT"
    ws="127.0.0.1:$port"
    max_http="${BENCH_MAX_HTTP:-$((4 * count))}"
    what="gunicorn ($count workers) on $FIRST_PORT for HTTP (at most $max_http in flight), Daphne on $port for /ws/"
  fi
  setsid "$PY" manage.py qcluster >"$RUN/log/qcluster.log" 2>&1 &
  echo $! >"$RUN/pid/qcluster.pid"
  for port in $http $ws; do wait_port "${port##*:}"; done
  nginx_conf "$http" "$ws" "$max_http"
  nginx -c "$RUN/nginx.conf" -p "$RUN"
  cp "$RUN/pid/nginx.master" "$RUN/pid/nginx.pid"
  wait_port "$NGINX_PORT"
  echo "nginx http://127.0.0.1:$NGINX_PORT -> $what"
}

stop() {
  local file pid groups=() i
  for file in "$RUN"/pid/*.pid; do
    [ -e "$file" ] || continue
    pid="$(cat "$file")"
    # Each process was started in a session of its own: end its group (qcluster's workers with it).
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    groups+=("$pid")
    rm -f "$file"
  done
  rm -f "$RUN/pid/nginx.master"
  # qcluster's master may not exit on TERM once its workers are gone: what is left after 10 s is killed.
  for i in $(seq 20); do
    alive=0
    for pid in "${groups[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${groups[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  echo "stopped"
}

status() {
  local file
  for file in "$RUN"/pid/*.pid; do
    [ -e "$file" ] || continue
    if kill -0 "$(cat "$file")" 2>/dev/null; then echo "up   $(basename "$file" .pid)"; else echo "DOWN $(basename "$file" .pid)"; fi
  done
}

case "${1:-}" in
  prepare) prepare ;;
  start) start "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  exec) shift; exec "$@" ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
