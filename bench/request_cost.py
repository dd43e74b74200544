"""What one request of each hot page costs the application, in one process: CPU, queries, Python calls.

    .venv/bin/python bench/ratio.py --cost            # after its own run, on its own database
    bash bench/load/stack.sh exec .venv/bin/python bench/request_cost.py [--runs 30] [--profile lesson]

Requests go through Django's test client with the production settings of the stack (PostgreSQL,
Redis), as the demo official ``canbo`` (no server, no network), so this is the cost the throughput of
``bench/ratio.py`` divides into the cores. ``/bare`` is measured twice: anonymous, as ``ratio.py``
asks it, and signed in, which adds what every signed-in request pays before its view runs (session,
user, middleware): the floor under any signed-in page. ``--profile PAGE`` prints the 30 functions of
that page with the most CPU of their own (cProfile on CPU time).
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from courses.models import LessonPage  # noqa: E402
from courses.selectors import course_open_to  # noqa: E402
from people.models import User  # noqa: E402


def _count(queries: list, execute, query: tuple):
    queries.append(query[0])
    return execute(*query)


PAGES = ["bare", "bare-signed-in", "lesson", "my-courses", "my-progress"]


def calls_of(function) -> int:
    profile = cProfile.Profile(time.process_time)
    profile.runcall(function)
    return sum(entry[0] for entry in pstats.Stats(profile).stats.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", choices=PAGES, help="print this page's profile")
    args = parser.parse_args()
    official = User.objects.get(username="canbo")
    lesson = next(
        page.url
        for page in LessonPage.objects.live().order_by("path")
        if course_open_to(user=official, course_id=page.get_parent().pk)
    )
    signed_in = Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(official)
    anonymous = Client(HTTP_HOST="127.0.0.1")
    pages = {
        "bare": (anonymous, "/bare"),
        "bare-signed-in": (signed_in, "/bare"),
        "lesson": (signed_in, lesson),
        "my-courses": (signed_in, "/learning/"),
        "my-progress": (signed_in, "/reports/me/"),
    }
    print("| page | median CPU ms | queries | Python calls |\n| --- | ---: | ---: | ---: |")
    for name, (client, path) in pages.items():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        cpu = []
        for _run in range(args.runs):
            queries = []
            # A wrapper, not CaptureQueriesContext: each request starts by clearing the query log.
            with connection.execute_wrapper(
                lambda execute, *query, queries=queries: _count(queries, execute, query)
            ):
                started = time.process_time()
                client.get(path)
                cpu.append((time.process_time() - started) * 1000)
        calls = calls_of(lambda client=client, path=path: client.get(path))
        print(f"| {name} | {statistics.median(cpu):.2f} | {len(queries)} | {calls:,} |", flush=True)
    if args.profile:
        client, path = pages[args.profile]
        profile = cProfile.Profile(time.process_time)
        for _run in range(args.runs):
            profile.runcall(client.get, path)
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
