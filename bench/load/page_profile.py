"""Queries and time of each page of the load test's mix, for one bench official, in one process.

    bash bench/load/stack.sh exec .venv/bin/python bench/load/page_profile.py [--runs 20] [--profile]

Requests go through Django's test client on the bench database and cache (no server, no network), so
this is the application's own cost per request: the figure the load test's throughput divides into the
machine's CPU. ``--profile`` prints the 25 most expensive functions of the lesson page (cProfile).
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from people.models import User  # noqa: E402

RUN = Path(os.environ.get("BENCH_RUN_DIR", "/tmp/hotro-bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="cProfile order: cumulative, tottime")
    args = parser.parse_args()
    plan = json.loads((RUN / "plan.json").read_text())
    official = User.objects.get(username="bench-00001")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(official)
    anonymous = Client(HTTP_HOST="127.0.0.1")
    pages = [
        ("bare", anonymous, "/bare"),
        ("lesson page", client, plan["lessons"][0]),
        ("my courses", client, "/learning/"),
        ("my progress", client, "/reports/me/"),
    ]
    # CPU time as well as wall time: on a shared machine, the wall time also counts waiting for a core.
    print("| page | median wall ms | median CPU ms | queries |\n| --- | ---: | ---: | ---: |")
    for label, browser, url in pages:
        response = browser.get(url)
        assert response.status_code == 200, (url, response.status_code)
        timings, cpu = [], []
        for _run in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started, started_cpu = time.perf_counter(), time.process_time()
                browser.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
        print(
            f"| {label} | {statistics.median(timings):.1f} | {statistics.median(cpu):.1f} | {len(queries)} |"
        )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _run in range(args.runs):
            client.get(plan["lessons"][0])
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(30)


if __name__ == "__main__":
    main()
