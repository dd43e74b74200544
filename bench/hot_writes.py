"""What the two hot writes cost, per request, in one process: a sandbox transition (the load test's
``dossier`` ``update`` at the one-stop desk) and a quiz autosave (one answer posted as attempt.js
does), beside ``/bare``.

    BENCH_RUN_DIR=/tmp/hotro-ratio BENCH_NGINX_PORT=8200 BENCH_FIRST_PORT=8201 \\
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/hotro_ratio \\
        bash bench/load/stack.sh exec .venv/bin/python bench/hot_writes.py [--runs 30] [--profile quiz]

Runs on a database ``bench/ratio.py`` (or ``bench/load/generate.py``) prepared, with the stack's
settings and cache, through Django's test client (no server, no network): CPU time, wall time and
queries (and how many of them write) per request, medians. The demo official ``canbo`` acts.
"""

import argparse
import cProfile
import os
import pstats
import re
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
from django.test.utils import CaptureQueriesContext  # noqa: E402

from people.models import User  # noqa: E402
from sandbox.models import DeskRole, Dossier, Workspace  # noqa: E402
from sandbox.services import workspace_get_or_create  # noqa: E402

QUIZ = "kiem-tra-dang-nhap"
UPDATABLE = ("1", "2", "4", "5")
OWNER = {
    "owner_name": "Nguyễn Văn Thử",
    "owner_address": "Số 1 đường Lý Thái Tổ, phường Kinh Bắc",
    "owner_phone": "0912345678",
}
QUIZ_FIELD = re.compile(
    r'<input type="(radio|checkbox|text)" name="(choice|choices|text)"(?: value="([^"]*)")?'
)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)|FOR (NO KEY )?UPDATE", re.I)


def sandbox_request(client: Client, official: User):
    workspace_get_or_create(official=official)
    Workspace.objects.filter(official=official).update(role=DeskRole.ONE_STOP)
    dossier = (
        Dossier.objects.filter(workspace__official=official, status__in=UPDATABLE).order_by("pk").first()
    )
    if dossier is None:
        raise SystemExit("no dossier to update in canbo's workspace")
    counter = iter(range(10**8))

    def post():
        data = {**OWNER, "owner_id_number": f"0010{next(counter):08d}"}
        return client.post(f"/sandbox/act/dossier/{dossier.pk}/update/", data)

    return post


def quiz_request(client: Client):
    started = client.post(f"/quizzes/{QUIZ}/", {})
    match = re.search(r"/quizzes/attempts/(\d+)/(\d+)/", started.headers.get("Location", ""))
    if not match:
        raise SystemExit(f"the quiz did not start: {started.status_code}")
    for position in range(1, 8):
        url = f"/quizzes/attempts/{match.group(1)}/{position}/"
        fields = QUIZ_FIELD.findall(client.get(url).content.decode())
        if fields:
            kind, name, value = fields[0]
            data = {name: value if kind != "text" else "1"}
            return lambda: client.post(url, data, HTTP_ACCEPT="application/json")
    raise SystemExit("no question to answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", choices=["sandbox", "quiz"])
    args = parser.parse_args()
    official = User.objects.get(username="canbo")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(official)
    anonymous = Client(HTTP_HOST="127.0.0.1")
    requests = {
        "bare": lambda: anonymous.get("/bare"),
        "sandbox transition": sandbox_request(client, official),
        "quiz autosave": quiz_request(client),
    }
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| request | status | median CPU ms | median wall ms | queries | of which writes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, request in requests.items():
        status = request().status_code  # warm
        cpu, wall, counts = [], [], []
        for _run in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started, started_cpu = time.perf_counter(), time.process_time()
                request()
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            counts.append((len(queries), sum(1 for q in queries if WRITE.search(q["sql"]))))
        total, writes = counts[-1]
        print(
            f"| {label} | {status} | {statistics.median(cpu):.1f} | {statistics.median(wall):.1f} "
            f"| {total} | {writes} |"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.profile:
        request = requests["sandbox transition" if args.profile == "sandbox" else "quiz autosave"]
        with CaptureQueriesContext(connection) as queries:
            request()
        for query in queries:
            print(query["sql"][:160])
        profiler = cProfile.Profile()
        profiler.enable()
        for _run in range(args.runs):
            request()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
