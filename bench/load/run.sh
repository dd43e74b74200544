#!/usr/bin/env bash
# One bounded run of the peak against a running stack (bench/load/stack.sh start): locust with the
# officials, the baseline and the sign-ins, and bench/load/chat.py at the same time, with the machine's
# load average before, one minute in, and after. Output in bench/results/peak/<label>.*
#
#   bash bench/load/run.sh LABEL [USERS=12300] [MINUTES=6] [CHATTERS=600] [SPAWN_RATE=200]
#
# Figures to record: LABEL.locust.txt (per request kind: count, failures, percentiles, rps),
# LABEL.chat.txt (WebSocket connect and chat round trip), LABEL.uptime-* (the machine's load),
# LABEL.top-at-* (CPU per process); `bench/load/summary.py bench/results/peak/LABEL` prints the table.
set -euo pipefail
cd "$(dirname "$0")/../.."
label="$1" users="${2:-12300}" minutes="${3:-6}" chatters="${4:-600}" rate="${5:-200}"
out=bench/results/peak
mkdir -p "$out"
uptime >"$out/$label.uptime-before"
# One minute and three minutes in: the load average, and who uses the CPU (locust competes with the
# servers for the same two cores).
for at in 60 180; do
  (sleep "$at" && uptime >"$out/$label.uptime-at-$at" &&
    top -b -n 1 -w 200 | head -25 >"$out/$label.top-at-$at") &
done
if [ "$chatters" -gt 0 ]; then
  timeout $((minutes * 60 + 240)) .venv/bin/python bench/load/chat.py --url ws://127.0.0.1:8100 \
    --officials "$chatters" --duration $((minutes * 60 - 30)) >"$out/$label.chat.txt" 2>&1 &
fi
timeout $((minutes * 60 + 180)) .venv/bin/locust -f bench/load/locustfile.py --headless -u "$users" -r "$rate" \
  -t "${minutes}m" --host http://127.0.0.1:8100 --csv "$out/$label" --only-summary \
  Official Bare SignIn >"$out/$label.locust.txt" 2>&1 || true
wait
uptime >"$out/$label.uptime-after"
grep -E "^\s*(GET|POST|Aggregated)" "$out/$label.locust.txt" | head -12
tail -4 "$out/$label.chat.txt" 2>/dev/null || true
cat "$out/$label.uptime-before" "$out/$label".uptime-at-* "$out/$label.uptime-after" 2>/dev/null || true
