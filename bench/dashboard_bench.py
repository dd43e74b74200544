"""Render times of the dashboards at national scale, through Django's test client on PostgreSQL.

Prepare a database once (about 4 million ledger rows; 15-25 minutes on 2 cores):

    createdb -h 127.0.0.1 -U postgres hotro_bench_reports
    export PYTHONPATH=site DATABASE_URL=postgres://postgres@127.0.0.1:5432/hotro_bench_reports DEBUG=0
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_national_load

then run:

    .venv/bin/python bench/dashboard_bench.py [--requests 30]

Each page is requested N times with the cache emptied before every request ("cold": the summaries are
read from the database each time) and N times with the report cached ("warm"); the median and the 95th
percentile are printed, with the number of queries per request. The same is measured for one
``course_entries_changed`` call (what a completed course costs the learner's request); ``--export``
times the largest export (the whole country, one line per official, XLSX) and ``--rebuild`` a full
``rebuild_summaries``.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from people.models import Commune, Province, Role, User  # noqa: E402
from progress.models import ProgressEntry  # noqa: E402
from reports.models import ExportFormat, ExportJob  # noqa: E402
from reports.selectors import Level  # noqa: E402
from reports.services import export_job_build  # noqa: E402
from reports.summaries import course_entries_changed, summaries_rebuild  # noqa: E402


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _measure(label: str, action, runs: int, *, cold: bool) -> dict:
    timings, queries = [], 0
    action()  # warm the connection, templates and imports
    for _run in range(runs):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return {
        "label": label,
        "median": statistics.median(timings),
        "p95": _percentile(timings, 0.95),
        "queries": queries,
    }


def _user(username: str, role: str, province: Province | None) -> User:
    user, _created = User.objects.get_or_create(
        username=username, defaults={"role": role, "province": province, "full_name": username}
    )
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true", help="also time a full rebuild_summaries")
    parser.add_argument(
        "--export", action="store_true", help="also time the national XLSX export with every official"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this on PostgreSQL: set DATABASE_URL (see the docstring).")
    entries = ProgressEntry.objects.count()
    # The province with the most communes is the heaviest province view.
    province = Province.objects.annotate(n=Count("communes")).order_by("-n").first()
    commune = Commune.objects.filter(province=province).order_by("code").first()
    head = _user("bench-lanhdao", Role.DEPARTMENT_HEAD, province)
    admin = _user("bench-quantri", Role.ADMINISTRATOR, None)
    print(
        f"Ledger: {entries:,} rows; officials: {User.objects.filter(role=Role.OFFICIAL).count():,}; "
        f"communes: {Commune.objects.count():,}; heaviest province: {province.name} "
        f"({province.n} communes); {args.requests} requests each."
    )

    head_client, admin_client = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    head_client.force_login(head)
    admin_client.force_login(admin)
    province_url = reverse("reports:province", args=[province.pk])
    pages = [
        ("province dashboard", head_client, province_url),
        ("national dashboard", admin_client, reverse("reports:dashboard")),
        ("commune dashboard", head_client, reverse("reports:commune", args=[commune.pk])),
        ("province, filtered by job role", head_client, province_url + "?job_role=chairman"),
    ]
    results = []
    for label, client, url in pages:

        def get(client=client, url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        results.append(_measure(f"{label} (cold)", get, args.requests, cold=True))
        results.append(_measure(f"{label} (warm)", get, args.requests, cold=False))

    official_ids = list(
        User.objects.filter(role=Role.OFFICIAL, commune=commune).values_list("pk", flat=True)[: args.requests]
    )
    it = iter(official_ids * 2)
    results.append(
        _measure(
            "course_entries_changed, one official",
            lambda: course_entries_changed(official_ids=[next(it)]),
            min(args.requests, len(official_ids)) - 1,
            cold=False,
        )
    )
    print()
    print("| measurement | median ms | p95 ms | queries |")
    print("| --- | ---: | ---: | ---: |")
    for result in results:
        print(f"| {result['label']} | {result['median']:.0f} | {result['p95']:.0f} | {result['queries']} |")

    if args.export:
        job = ExportJob.objects.create(
            requested_by=admin, scope=Level.NATIONAL, format=ExportFormat.XLSX, detail=True
        )
        started = time.perf_counter()
        export_job_build(job_id=str(job.pk))
        elapsed = time.perf_counter() - started
        job.refresh_from_db()
        print(f"\nnational XLSX export, {job.rows:,} rows: {elapsed:.1f} s, {job.file.size / 1e6:.1f} MB")
        job.file.delete()
        job.delete()
    if args.rebuild:
        started = time.perf_counter()
        counts = summaries_rebuild()
        elapsed = time.perf_counter() - started
        print(f"\nrebuild_summaries: {elapsed:.1f} s ({', '.join(f'{k} {v:,}' for k, v in counts.items())})")


if __name__ == "__main__":
    main()
