#!/usr/bin/env bash
# The capacity curve of one topology, or the 12,300-official peak, with one command each (issue 18
# item 7; docs/benchmarks.md, "Peak load"): prepare the database, start the stack, generate the data,
# run bench/load/run.sh at each number of officials, stop the stack, print each point's figures.
#
#   bash bench/load/curve.sh gunicorn     # after issue 18: gunicorn for HTTP, Daphne for /ws/
#   bash bench/load/curve.sh daphne       # before: Daphne processes for HTTP and /ws/
#   USERS=12300 MINUTES=6 CHATTERS=600 RATE=200 bash bench/load/curve.sh gunicorn    # the peak
#
# Environment: USERS, the points (officials at once; default "300 600 900 1200 1500"); MINUTES per
# point (4; BENCH_SECONDS instead for a check run of a few seconds); CHATTERS (30) and RATE (50, users
# spawned a second) as run.sh; WORKERS, the stack's process count (stack.sh start: 3 gunicorn
# workers, or 2 Daphne processes); OFFICIALS to generate (default the largest point, at least 1,500);
# PAUSE, seconds between points (30); LABEL, the labels' prefix (curve-<topology>); and stack.sh's
# BENCH_* variables (run directory, ports, database, Redis). Needs nginx (apt-get install -y
# nginx-light) and locust (requirements/bench.txt). Labels: bench/results/peak/LABEL-USERS.*
set -euo pipefail
cd "$(dirname "$0")/../.."
topology="${1:?usage: bash bench/load/curve.sh gunicorn|daphne}"
case "$topology" in gunicorn | daphne) ;; *) echo "topology: gunicorn or daphne" >&2; exit 2 ;; esac
users="${USERS:-300 600 900 1200 1500}"
minutes="${MINUTES:-4}" chatters="${CHATTERS:-30}" rate="${RATE:-50}" pause="${PAUSE:-30}"
label="${LABEL:-curve-$topology}"
largest=0
for n in $users; do [ "$n" -gt "$largest" ] && largest="$n"; done
officials="${OFFICIALS:-$((largest > 1500 ? largest : 1500))}"
locust="${BENCH_LOCUST:-.venv/bin/locust}"
command -v nginx >/dev/null || { echo "nginx is required: apt-get install -y nginx-light" >&2; exit 1; }
command -v "$locust" >/dev/null || {
  echo "locust is required: .venv/bin/pip install -r requirements/bench.txt (or set BENCH_LOCUST)" >&2
  exit 1
}
export BENCH_TOPOLOGY="$topology"
started=$(date +%s)
bash bench/load/stack.sh prepare
bash bench/load/stack.sh start ${WORKERS:-}
trap 'bash bench/load/stack.sh stop' EXIT
echo "$(date -u +%H:%M:%S) generating $officials officials (about 15 min for 12,300 the first time)"
bash bench/load/stack.sh exec "${BENCH_VENV:-$PWD/.venv}/bin/python" bench/load/generate.py \
  --officials "$officials" --chatters "$((chatters > 0 ? chatters : 1))"
for n in $users; do
  echo "$(date -u +%H:%M:%S) $label-$n: $n officials, ${BENCH_SECONDS:-$((minutes * 60))} s"
  bash bench/load/run.sh "$label-$n" "$n" "$minutes" "$chatters" "$rate"
  [ "$n" = "${users##* }" ] || sleep "$pause"
done
echo
echo "## $label ($topology), $(date -u '+%Y-%m-%d %H:%M UTC'), $((($(date +%s) - started) / 60)) min"
for n in $users; do
  echo
  echo "### $n officials: load average $(sed "s/.*load average: //" "bench/results/peak/$label-$n.uptime-before") before," \
    "$(sed "s/.*load average: //" "bench/results/peak/$label-$n.uptime-after") after"
  "${BENCH_VENV:-.venv}/bin/python" bench/load/summary.py "bench/results/peak/$label-$n" || true
  tail -1 "bench/results/peak/$label-$n.chat.txt" 2>/dev/null || true
done
