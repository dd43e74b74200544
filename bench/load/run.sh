#!/usr/bin/env bash
# One bounded run of the peak against a running stack (bench/load/stack.sh start): locust with the
# officials, the baseline and the sign-ins, and bench/load/chat.py at the same time, with the machine's
# load average before, one minute in, and after. Output in bench/results/peak/<label>.*
#
#   bash bench/load/run.sh LABEL [USERS=12300] [MINUTES=6] [CHATTERS=600] [SPAWN_RATE=200]
#
# BENCH_SECONDS (instead of MINUTES) runs for that many seconds (a check that everything starts);
# BENCH_NGINX_PORT is the stack's port (default 8100, as stack.sh); BENCH_LOCUST the locust command
# (default .venv/bin/locust: requirements/bench.txt). bench/load/curve.sh runs a series of these.
#
# Figures to record: LABEL.locust.txt (per request kind: count, failures, percentiles, rps),
# LABEL.chat.txt (WebSocket connect and chat round trip), LABEL.uptime-* (the machine's load),
# LABEL.top-at-* (CPU per process); `bench/load/summary.py bench/results/peak/LABEL` prints the table.
set -euo pipefail
cd "$(dirname "$0")/../.."
label="$1" users="${2:-12300}" minutes="${3:-6}" chatters="${4:-600}" rate="${5:-200}"
seconds="${BENCH_SECONDS:-$((minutes * 60))}"
port="${BENCH_NGINX_PORT:-8100}"
locust="${BENCH_LOCUST:-.venv/bin/locust}"
if ! command -v "$locust" >/dev/null; then
  echo "locust is required: .venv/bin/pip install -r requirements/bench.txt (or set BENCH_LOCUST)" >&2
  exit 1
fi
out=bench/results/peak
mkdir -p "$out"
rm -f "$out/$label".uptime-* "$out/$label".top-at-*
uptime >"$out/$label.uptime-before"
# One minute and three minutes in: the load average, and who uses the CPU (locust competes with the
# servers for the same two cores).
for at in 60 180; do
  [ "$at" -lt "$seconds" ] || continue
  (sleep "$at" && uptime >"$out/$label.uptime-at-$at" &&
    top -b -n 1 -w 200 | head -25 >"$out/$label.top-at-$at") &
done
if [ "$chatters" -gt 0 ]; then
  chat_seconds=$((seconds > 60 ? seconds - 30 : seconds / 2))
  timeout $((seconds + 240)) .venv/bin/python bench/load/chat.py --url "ws://127.0.0.1:$port" \
    --officials "$chatters" --duration "$chat_seconds" --ramp $((chat_seconds < 30 ? chat_seconds / 2 : 30)) \
    >"$out/$label.chat.txt" 2>&1 &
fi
timeout $((seconds + 180)) "$locust" -f bench/load/locustfile.py --headless -u "$users" -r "$rate" \
  -t "${seconds}s" --host "http://127.0.0.1:$port" --csv "$out/$label" --only-summary \
  Official Bare SignIn >"$out/$label.locust.txt" 2>&1 || true
wait
uptime >"$out/$label.uptime-after"
grep -E "^\s*(GET|POST|Aggregated)" "$out/$label.locust.txt" | head -12
tail -4 "$out/$label.chat.txt" 2>/dev/null || true
cat "$out/$label.uptime-before" "$out/$label".uptime-at-* "$out/$label.uptime-after" 2>/dev/null || true
