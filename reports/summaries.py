"""Completion summaries the dashboards read, kept in step with the progress ledger.

Two measures, each at two levels:

- course counts per (commune, course, job role, due date, status), and the same summed per province;
- completions per (commune, course, job role, week), and the same summed per province.

``course_entries_changed`` recounts only the communes of the officials whose course rows changed (one
grouped query over those communes' ledger rows per measure) and applies the difference to the
province rows, so a write costs the same whether the country has 3 communes or 3,321.
``summaries_rebuild`` recomputes everything from the ledger in the database (``INSERT ... SELECT``);
``manage.py rebuild_summaries`` and a nightly schedule run it to repair any drift.
"""

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, DateField, F, IntegerField, Model, QuerySet, Sum
from django.db.models.functions import Cast, TruncWeek
from django_q.tasks import async_task

from people.models import Commune, Province
from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from reports.models import (
    CommuneCourseCount,
    CommuneWeekCount,
    CountedOfficial,
    ProvinceCourseCount,
    ProvinceWeekCount,
    SummaryStamp,
)

logger = logging.getLogger(__name__)

# A change touching more communes than this (a national bulk assignment) is cheaper to apply as one
# rebuild inside the database than as a recount fetched into Python.
REBUILD_THRESHOLD_COMMUNES = 300
# Keeps ``IN (...)`` lists under SQLite's limit on query parameters.
ID_CHUNK = 5000


def _count_courses(entries: QuerySet) -> QuerySet:
    return (
        entries.order_by()
        .values("province_id", "commune_id", "due_date", "status")
        .annotate(course_id=Cast("key", IntegerField()), job_role=F("official__job_role"))
        .annotate(n=Count("id"))
    )


def _count_weekly_completions(entries: QuerySet) -> QuerySet:
    return (
        entries.filter(status=ProgressStatus.COMPLETED, completed_at__isnull=False)
        .order_by()
        .values("province_id", "commune_id")
        .annotate(
            course_id=Cast("key", IntegerField()),
            job_role=F("official__job_role"),
            # Weeks start on Monday in the site's time zone.
            week=TruncWeek("completed_at", output_field=DateField()),
        )
        .annotate(n=Count("id"))
    )


@dataclass(frozen=True)
class Measure:
    """One summary measure: its commune and province tables, and how to count it from the ledger."""

    commune_model: type[Model]
    province_model: type[Model]
    # Key fields of a province row, in order; a commune row adds ``commune_id``.
    key: tuple[str, ...]
    # Ledger rows -> ``values()`` rows with the key fields, ``commune_id`` and the count ``n``.
    count: Callable[[QuerySet], QuerySet]


COURSE_COUNTS = Measure(
    CommuneCourseCount,
    ProvinceCourseCount,
    ("province_id", "course_id", "job_role", "due_date", "status"),
    _count_courses,
)
WEEK_COUNTS = Measure(
    CommuneWeekCount,
    ProvinceWeekCount,
    ("province_id", "course_id", "job_role", "week"),
    _count_weekly_completions,
)
MEASURES = (COURSE_COUNTS, WEEK_COUNTS)


def _course_entries() -> QuerySet:
    return ProgressEntry.objects.filter(kind=ProgressKind.COURSE, commune__isnull=False)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def course_entries_changed_queue(*, official_ids: list[int]) -> None:
    """The ledger's listener (``progress.registry.on_course_rows_changed``, registered by
    ``ReportsConfig.ready``): after commit, queue :func:`course_entries_changed` for these officials
    as a task. Their recount locks the official's province (one writer per province), which at the
    peak would make every learner of a province wait for every other (docs/benchmarks.md, "Peak
    load"). A recount that succeeds leaves no result row (``save=False``): saving one cost the task
    cluster's monitor nearly as much CPU as each worker (docs/benchmarks.md, 300 officials at once);
    a failed one is still saved, listed among the failed tasks of /django-admin/."""
    ids = list(official_ids)
    transaction.on_commit(
        lambda: async_task("reports.summaries.course_entries_changed", official_ids=ids, save=False)
    )


def course_entries_changed(*, official_ids: Iterable[int]) -> None:
    """Called (after commit) whenever course-kind ledger rows of these officials were written.

    Recounts the communes these officials are counted in now and were counted in before (an official
    who moved leaves counts behind in the old commune), then bumps the stamps of the provinces touched.
    """
    ids = sorted(set(official_ids))
    if not ids:
        return
    with transaction.atomic():
        new_pairs: set[tuple[int, int]] = set()
        old_pairs: set[tuple[int, int]] = set()
        for chunk in _chunks(ids):
            new_pairs.update(
                _course_entries()
                .filter(official_id__in=chunk)
                .order_by()
                .values_list("official_id", "commune_id")
                .distinct()
            )
            old_pairs.update(
                CountedOfficial.objects.filter(official_id__in=chunk).values_list("official_id", "commune_id")
            )
        commune_ids = sorted({commune_id for _official, commune_id in new_pairs | old_pairs})
        if not commune_ids:
            return
        if len(commune_ids) > REBUILD_THRESHOLD_COMMUNES:
            summaries_rebuild()
            return
        province_ids = sorted(
            set(Commune.objects.filter(pk__in=commune_ids).values_list("province_id", flat=True))
        )
        # One writer per province at a time: two recounts of the same commune must not interleave.
        provinces_lock(province_ids)
        for measure in MEASURES:
            _recount_communes(measure, commune_ids)
        if old_pairs != new_pairs:
            for chunk in _chunks(ids):
                CountedOfficial.objects.filter(official_id__in=chunk).delete()
            CountedOfficial.objects.bulk_create(
                [CountedOfficial(official_id=o, commune_id=c) for o, c in new_pairs],
                batch_size=1000,
                ignore_conflicts=True,
            )
        _bump_stamps(province_ids)


def _recount_communes(measure: Measure, commune_ids: list[int]) -> None:
    """Bring the communes' rows in line with a fresh count from the ledger, writing only the rows
    that differ (a completed course changes two), and add the difference to the province rows."""
    commune_key = ("commune_id", *measure.key)
    old = {
        tuple(row[name] for name in commune_key): (row["pk"], row["count"])
        for row in measure.commune_model.objects.filter(commune_id__in=commune_ids).values(
            "pk", *commune_key, "count"
        )
    }
    fresh = {
        tuple(row[name] for name in commune_key): row["n"]
        for row in measure.count(_course_entries().filter(commune_id__in=commune_ids))
    }
    delta: Counter = Counter()
    changed, removed = [], []
    for key, (pk, count) in old.items():
        new_count = fresh.get(key, 0)
        if new_count != count:
            delta[key[1:]] += new_count - count
            if new_count:
                changed.append(measure.commune_model(pk=pk, count=new_count))
            else:
                removed.append(pk)
    added = []
    for key, count in fresh.items():
        if key not in old:
            delta[key[1:]] += count
            added.append(measure.commune_model(count=count, **dict(zip(commune_key, key, strict=True))))
    if removed:
        measure.commune_model.objects.filter(pk__in=removed).delete()
    measure.commune_model.objects.bulk_update(changed, ["count"], batch_size=1000)
    measure.commune_model.objects.bulk_create(added, batch_size=1000)
    _apply_to_provinces(measure, {key: change for key, change in delta.items() if change})


def _apply_to_provinces(measure: Measure, delta: dict[tuple, int]) -> None:
    if not delta:
        return
    model = measure.province_model
    rows = model.objects.filter(
        province_id__in={key[0] for key in delta}, course_id__in={key[1] for key in delta}
    )
    existing = {tuple(getattr(row, name) for name in measure.key): row for row in rows}
    changed, created, emptied = [], [], []
    for key, change in delta.items():
        row = existing.get(key)
        if row is None:
            if change > 0:
                created.append(model(count=change, **dict(zip(measure.key, key, strict=True))))
            else:
                logger.warning("summary drift at %s %s; rebuild_summaries repairs it", model.__name__, key)
            continue
        row.count += change
        (changed if row.count > 0 else emptied).append(row)
    if emptied:
        model.objects.filter(pk__in=[row.pk for row in emptied]).delete()
    model.objects.bulk_update(changed, ["count"], batch_size=1000)
    model.objects.bulk_create(created, batch_size=1000)


def _bump_stamps(province_ids: Iterable[int]) -> None:
    keys = [SummaryStamp.NATIONAL, *(SummaryStamp.province_key(pk) for pk in province_ids)]
    SummaryStamp.objects.bulk_create([SummaryStamp(key=key) for key in keys], ignore_conflicts=True)
    SummaryStamp.objects.filter(key__in=keys).update(version=F("version") + 1)


def _insert_select(model: type[Model], queryset: QuerySet, rename: dict[str, str]) -> int:
    """Run ``INSERT INTO <model> (...) SELECT ...`` for a ``values()`` queryset, in the database."""
    query = queryset.query
    names = [*query.values_select, *query.annotation_select]
    columns = [model._meta.get_field(rename.get(name, name)).column for name in names]
    sql, params = query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) {sql}", params
        )
        return cursor.rowcount


def provinces_lock(province_ids) -> None:
    """Lock these provinces' rows (all when None) until the transaction ends: one recount at a time
    per province. FOR NO KEY UPDATE, not FOR UPDATE: every ledger row refers to its province, and
    PostgreSQL checks that reference at commit with FOR KEY SHARE, which FOR UPDATE would block. With
    FOR UPDATE, each learner's write in the province waited at COMMIT for the whole recount (the peak
    load test, docs/benchmarks.md)."""
    provinces = Province.objects.select_for_update(no_key=True).order_by("pk")
    if province_ids is not None:
        provinces = provinces.filter(pk__in=province_ids)
    list(provinces.values("pk"))


@transaction.atomic
def summaries_rebuild() -> dict[str, int]:
    """Recompute every summary table from the ledger; returns the number of rows per table."""
    provinces_lock(None)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The grouped inserts sort millions of rows: in memory, not in temporary files.
            cursor.execute("SET LOCAL work_mem = '128MB'")
    tables = (CommuneCourseCount, ProvinceCourseCount, CommuneWeekCount, ProvinceWeekCount, CountedOfficial)
    for model in tables:
        model.objects.all().delete()
    counts = {}
    for measure in MEASURES:
        # Ordered so that each province's rows sit together on disk: a province view reads a few
        # hundred pages instead of the whole table.
        counts[measure.commune_model.__name__] = _insert_select(
            measure.commune_model,
            measure.count(_course_entries()).order_by("province_id", "commune_id"),
            {"n": "count"},
        )
        province_totals = (
            measure.commune_model.objects.order_by().values(*measure.key).annotate(total=Sum("count"))
        )
        counts[measure.province_model.__name__] = _insert_select(
            measure.province_model, province_totals, {"total": "count"}
        )
    counts[CountedOfficial.__name__] = _insert_select(
        CountedOfficial,
        _course_entries().order_by().values("official_id", "commune_id").distinct(),
        {},
    )
    _bump_stamps(Province.objects.values_list("pk", flat=True))
    return counts
