"""Time a bulk import of officials end to end, and the password hashing it depends on.

    PYTHONPATH=site .venv/bin/python bench/import_officials.py [--rows 10000] [--xlsx]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_import]

Runs with the development settings, so passwords are hashed with the site's real PBKDF2 hasher
(the test settings use MD5). By default it works in a throwaway SQLite file under ``bench/results/``;
``--database-url`` points it at an empty database created for the purpose (it is migrated and
filled). It loads the administrative map, makes a department head of Bắc Ninh, generates a file of
officials spread over the province's 99 communes, runs the import exactly as the task does, imports
the same file again (nothing new), and prints the figures.
"""

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Đức", "Quốc", "Thanh", "Ngọc"]
GIVEN = ["An", "Bình", "Châu", "Dung", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Tâm", "Yến"]


def arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--xlsx", action="store_true", help="Upload an XLSX file instead of CSV.")
    parser.add_argument("--database-url", help="An empty database to use instead of a throwaway SQLite file.")
    return parser.parse_args()


def configure(args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("REDIS_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        results = ROOT / "bench" / "results"
        results.mkdir(parents=True, exist_ok=True)
        database = results / "import_officials.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.environ["SQLITE_PATH"] = str(database)
    os.environ["MEDIA_ROOT"] = str(ROOT / "bench" / "results" / "media")
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()


def file_of(rows: list[list[str]], xlsx: bool) -> bytes:
    header = ["full_name", "commune_code", "job_role", "phone", "email"]
    if xlsx:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def timed(label: str, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - start
    print(f"  {label:<52} {elapsed:8.2f} s")
    return result, elapsed


def main() -> None:
    args = arguments()
    configure(args)
    from django.contrib.auth.hashers import make_password
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from people.credentials import one_time_password, one_time_password_hash
    from people.geography import administrative_map_load
    from people.imports.files import sheet_read
    from people.imports.rows import import_plan
    from people.models import Commune, JobRole, Role, User
    from people.services import import_job_create, import_job_run

    print(f"Database: {connection.vendor}; rows: {args.rows}; format: {'xlsx' if args.xlsx else 'csv'}")
    timed("migrate", call_command, "migrate", verbosity=0)
    timed("load 34 provinces and 3,321 communes", administrative_map_load)
    communes = list(Commune.objects.filter(province__name__endswith="Bắc Ninh").order_by("code"))
    head = User.objects.create(
        username="bench-head", role=Role.DEPARTMENT_HEAD, province=communes[0].province
    )
    roles = [str(label) for _value, label in JobRole.choices]
    rows = [
        [
            f"{FAMILY[n % 10]} {MIDDLE[n // 10 % 8]} {GIVEN[n // 80 % 13]}",
            communes[n % len(communes)].code,
            roles[n % len(roles)],
            f"09{n:08d}",
            f"canbo{n}@example.gov.vn",
        ]
        for n in range(args.rows)
    ]
    content = file_of(rows, args.xlsx)
    name = "can-bo.xlsx" if args.xlsx else "can-bo.csv"
    print(f"File: {len(content) / 1024:.0f} KiB over {len(communes)} communes of Bắc Ninh")

    print("Parts, measured alone:")
    sheet, _ = timed("read the file", sheet_read, io.BytesIO(content), "xlsx" if args.xlsx else "csv")
    timed(f"check {args.rows} rows (read-only)", import_plan, sheet, province_id=head.province_id)
    sample = [one_time_password() for _ in range(20)]
    start = time.perf_counter()
    for password in sample[:5]:
        make_password(password)
    full = (time.perf_counter() - start) / 5
    start = time.perf_counter()
    for password in sample:
        one_time_password_hash(password)
    cheap = (time.perf_counter() - start) / len(sample)
    print(f"  {'full-strength hash (default PBKDF2), each':<52} {full * 1000:8.1f} ms")
    print(f"  {'one-time hash (PBKDF2, 10,000 iterations), each':<52} {cheap * 1000:8.1f} ms")
    print(f"  {'=> full strength for all rows would take':<52} {full * args.rows / 60:8.1f} min")

    print("Whole import, as the task runs it (check, hash, write in one transaction):")

    def run_import():
        upload = SimpleUploadedFile(name, content)
        job = import_job_create(uploaded_by=head, fileobj=upload, name=name, content_type=None, dry_run=False)
        with CaptureQueriesContext(connection) as queries:
            job = import_job_run(job_id=job.pk)
        return job, len(queries)

    (job, queries), first = timed("first import", run_import)
    print(f"    -> {job.get_state_display()}: {job.created_count} created, {queries} queries")
    (job, queries), again = timed("same file again (idempotent)", run_import)
    print(f"    -> {job.get_state_display()}: {job.created_count} created, {job.unchanged_count} unchanged")
    print(
        f"Throughput: {args.rows / first:.0f} rows/s (first import), {args.rows / again:.0f} rows/s (again)."
    )


if __name__ == "__main__":
    main()
