"""Reads for the dashboards, shaped for the page: a fixed number of queries whatever the number of
communes, and cached under the summaries' stamp so a change is visible at once.

The national and province views read only the summary tables; the commune view counts its officials'
rows in the ledger directly (a commune has a few dozen officials).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_q.models import Schedule
from wagtail.models import Page

from core.collation import by_name, vi_sort_key, vi_sorted
from people.models import Commune, JobRole, Province, Role, User
from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from reports.models import (
    Certificate,
    CommuneCourseCount,
    CommuneWeekCount,
    ProvinceCourseCount,
    ProvinceWeekCount,
    ReminderKind,
    ReminderRun,
    ReminderSent,
    SummaryStamp,
)

CACHE_SECONDS = 10 * 60
TREND_WEEKS = 12
MAX_TREND_WEEKS = 52
STARTED = (ProgressStatus.IN_PROGRESS, ProgressStatus.FAILED)


class Level:
    NATIONAL = "national"
    PROVINCE = "province"
    COMMUNE = "commune"
    ALL = (NATIONAL, PROVINCE, COMMUNE)


@dataclass(frozen=True)
class ReportFilters:
    """The dashboard's filters. The period selects assigned courses by their due date; the trend
    shows the completions of the weeks inside it."""

    course_id: int | None = None
    job_role: str = ""
    due_from: date | None = None
    due_to: date | None = None

    def as_dict(self) -> dict:
        return {
            "course": self.course_id or "",
            "job_role": self.job_role,
            "due_from": self.due_from.isoformat() if self.due_from else "",
            "due_to": self.due_to.isoformat() if self.due_to else "",
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ReportFilters":
        return cls(
            course_id=int(data["course"]) if data.get("course") else None,
            job_role=data.get("job_role") or "",
            due_from=date.fromisoformat(data["due_from"]) if data.get("due_from") else None,
            due_to=date.fromisoformat(data["due_to"]) if data.get("due_to") else None,
        )

    def cache_key(self) -> str:
        return "|".join(str(value) for value in self.as_dict().values())


@dataclass
class Counts:
    assigned: int = 0
    completed: int = 0
    in_progress: int = 0
    overdue: int = 0

    @property
    def not_started(self) -> int:
        return self.assigned - self.completed - self.in_progress

    @property
    def rate(self) -> float | None:
        """Completion rate in percent, or None when nothing is assigned."""
        return round(100 * self.completed / self.assigned, 1) if self.assigned else None


@dataclass
class Row:
    """One line of a dashboard table: a province, commune, official, course or job role."""

    key: int | str
    label: str
    counts: Counts = field(default_factory=Counts)
    extra: dict = field(default_factory=dict)


@dataclass
class Report:
    level: str
    scope_id: int | None
    title: str
    rows: list[Row]
    totals: Counts
    by_course: list[Row]
    by_job_role: list[Row]
    trend: list[tuple[date, int]]
    course_options: list[tuple[int, str]]
    today: date
    province_id: int | None = None
    # The cache key it was stored under: rendered fragments of it are cached under the same key.
    cache_key: str = ""


def _summed(today: date, value: str = "count") -> dict:
    """Aggregates of the four figures over summary rows (``Sum`` of ``count``) or ledger rows."""
    total = Sum(value) if value == "count" else Count(value)

    def part(condition: Q):
        return Sum(value, filter=condition) if value == "count" else Count(value, filter=condition)

    return {
        "assigned": total,
        "completed": part(Q(status=ProgressStatus.COMPLETED)),
        "in_progress": part(Q(status__in=STARTED)),
        "overdue": part(Q(due_date__lt=today) & ~Q(status=ProgressStatus.COMPLETED)),
    }


def _counts(row: dict) -> Counts:
    return Counts(
        assigned=row["assigned"] or 0,
        completed=row["completed"] or 0,
        in_progress=row["in_progress"] or 0,
        overdue=row["overdue"] or 0,
    )


def _filtered(
    queryset: QuerySet,
    filters: ReportFilters,
    *,
    course_field: str = "course_id",
    role_field: str = "job_role",
):
    if filters.course_id:
        queryset = queryset.filter(**{course_field: filters.course_id})
    if filters.job_role:
        queryset = queryset.filter(**{role_field: filters.job_role})
    if filters.due_from:
        queryset = queryset.filter(due_date__gte=filters.due_from)
    if filters.due_to:
        queryset = queryset.filter(due_date__lte=filters.due_to)
    return queryset


def _grouped(queryset: QuerySet, group_by: str, today: date, value: str = "count") -> dict:
    return {
        row[group_by]: _counts(row)
        for row in queryset.order_by().values(group_by).annotate(**_summed(today, value))
    }


def _totals(grouped: dict) -> Counts:
    totals = Counts()
    for counts in grouped.values():
        totals.assigned += counts.assigned
        totals.completed += counts.completed
        totals.in_progress += counts.in_progress
        totals.overdue += counts.overdue
    return totals


def job_role_label(job_role: str) -> str:
    return JobRole(job_role).label if job_role in JobRole.values else _("Chưa có chức danh")


def course_titles(course_ids) -> dict[int, str]:
    """Course page titles in one query, from Wagtail's page table (the ledger keeps page ids)."""
    return dict(Page.objects.filter(pk__in=list(course_ids)).values_list("pk", "title"))


def _course_title(titles: dict[int, str], course_id: int) -> str:
    return titles.get(course_id) or f"#{course_id}"


def _breakdowns(course_rows: QuerySet, filters: ReportFilters, today: date):
    """Per-course and per-job-role rows, and the course choices of the filter."""
    option_ids = sorted(set(course_rows.order_by().values_list("course_id", flat=True).distinct()))
    titles = course_titles(option_ids)
    filtered = _filtered(course_rows, filters)
    by_course = [
        Row(course_id, _course_title(titles, course_id), counts)
        for course_id, counts in _grouped(filtered, "course_id", today).items()
    ]
    by_course.sort(key=lambda row: name_order(row.label))
    role_counts = _grouped(filtered, "job_role", today)
    by_job_role = [
        Row(role, job_role_label(role), role_counts[role])
        for role in [*JobRole.values, ""]
        if role in role_counts
    ]
    options = vi_sorted(
        ((course_id, _course_title(titles, course_id)) for course_id in option_ids), key=lambda o: o[1]
    )
    return by_course, by_job_role, options


def trend_weeks(filters: ReportFilters, today: date) -> list[date]:
    """The Mondays the trend chart shows: the period's weeks (up to a year), else the last 12."""
    last = min(filters.due_to or today, today)
    first = filters.due_from or last - timedelta(weeks=TREND_WEEKS - 1)
    first = max(first, last - timedelta(weeks=MAX_TREND_WEEKS - 1))
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(weeks=1)
    return weeks


def _trend(week_rows: QuerySet, filters: ReportFilters, today: date) -> list[tuple[date, int]]:
    weeks = trend_weeks(filters, today)
    if not weeks:
        return []
    week_rows = week_rows.filter(week__gte=weeks[0], week__lte=weeks[-1])
    if filters.course_id:
        week_rows = week_rows.filter(course_id=filters.course_id)
    if filters.job_role:
        week_rows = week_rows.filter(job_role=filters.job_role)
    done = dict(week_rows.order_by().values("week").annotate(n=Sum("count")).values_list("week", "n"))
    return [(week, done.get(week, 0)) for week in weeks]


def _stamp(key: str) -> int:
    return SummaryStamp.objects.filter(key=key).values_list("version", flat=True).first() or 0


def _cached(level: str, scope_id, stamp_key: str, filters: ReportFilters, today: date, build) -> Report:
    key = f"reports:{level}:{scope_id}:{_stamp(stamp_key)}:{today.isoformat()}:{filters.cache_key()}"
    report = cache.get(key)
    if report is None:
        report = build()
        report.cache_key = key
        cache.set(key, report, CACHE_SECONDS)
    return report


def national_report(*, filters: ReportFilters, today: date | None = None) -> Report:
    """Every province of the country, from the province summaries."""
    today = today or timezone.localdate()

    def build() -> Report:
        course_rows = ProvinceCourseCount.objects.all()
        per_province = _grouped(_filtered(course_rows, filters), "province_id", today)
        rows = [
            Row(pk, name, per_province.get(pk, Counts()))
            for pk, name in Province.objects.order_by(*by_name("name")).values_list("pk", "name")
        ]
        by_course, by_job_role, options = _breakdowns(course_rows, filters, today)
        return Report(
            level=Level.NATIONAL,
            scope_id=None,
            title="",
            rows=rows,
            totals=_totals(per_province),
            by_course=by_course,
            by_job_role=by_job_role,
            trend=_trend(ProvinceWeekCount.objects.all(), filters, today),
            course_options=options,
            today=today,
        )

    return _cached(Level.NATIONAL, None, SummaryStamp.NATIONAL, filters, today, build)


def province_report(*, province: Province, filters: ReportFilters, today: date | None = None) -> Report:
    """The communes of one province, from the commune summaries."""
    today = today or timezone.localdate()

    def build() -> Report:
        commune_rows = _filtered(CommuneCourseCount.objects.filter(province=province), filters)
        per_commune = _grouped(commune_rows, "commune_id", today)
        rows = [
            Row(pk, name, per_commune.get(pk, Counts()))
            for pk, name in Commune.objects.filter(province=province)
            .order_by(*by_name("name"))
            .values_list("pk", "name")
        ]
        by_course, by_job_role, options = _breakdowns(
            ProvinceCourseCount.objects.filter(province=province), filters, today
        )
        return Report(
            level=Level.PROVINCE,
            scope_id=province.pk,
            title=province.name,
            rows=rows,
            totals=_totals(per_commune),
            by_course=by_course,
            by_job_role=by_job_role,
            trend=_trend(ProvinceWeekCount.objects.filter(province=province), filters, today),
            course_options=options,
            today=today,
            province_id=province.pk,
        )

    return _cached(Level.PROVINCE, province.pk, SummaryStamp.province_key(province.pk), filters, today, build)


def commune_report(*, commune: Commune, filters: ReportFilters, today: date | None = None) -> Report:
    """The officials of one commune, counted from their ledger rows."""
    today = today or timezone.localdate()

    def build() -> Report:
        rows = official_rows(commune_ids=[commune.pk], filters=filters, today=today)
        by_course, by_job_role, options = _breakdowns(
            CommuneCourseCount.objects.filter(commune=commune), filters, today
        )
        return Report(
            level=Level.COMMUNE,
            scope_id=commune.pk,
            title=commune.name,
            rows=rows,
            totals=_totals({row.key: row.counts for row in rows}),
            by_course=by_course,
            by_job_role=by_job_role,
            trend=_trend(CommuneWeekCount.objects.filter(commune=commune), filters, today),
            course_options=options,
            today=today,
            province_id=commune.province_id,
        )

    return _cached(
        Level.COMMUNE, commune.pk, SummaryStamp.province_key(commune.province_id), filters, today, build
    )


def official_rows(*, commune_ids: list[int], filters: ReportFilters, today: date) -> list[Row]:
    """One row per official of these communes, counted from the ledger (two queries)."""
    entries = _filtered(
        ProgressEntry.objects.filter(kind=ProgressKind.COURSE, commune_id__in=commune_ids),
        filters,
        course_field="key",
        role_field="official__job_role",
    )
    per_official = _grouped(entries, "official_id", today, value="id")
    officials = User.objects.filter(role=Role.OFFICIAL, commune_id__in=commune_ids)
    if filters.job_role:
        officials = officials.filter(job_role=filters.job_role)
    columns = ("pk", "full_name", "username", "job_role", "phone", "commune__name", "province__name")
    return [
        Row(
            pk,
            name or username,
            per_official.get(pk, Counts()),
            {
                "job_role": job_role,
                "job_role_label": job_role_label(job_role),
                "phone": phone,
                "commune": commune,
                "province": province,
            },
        )
        for pk, name, username, job_role, phone, commune, province in officials.order_by(
            *by_name("commune__name", "full_name"), "username"
        ).values_list(*columns)
    ]


def report_of(*, level: str, subject: Province | Commune | None, filters: ReportFilters) -> Report:
    """The report of a dashboard view: the country, a province or a commune."""
    if level == Level.PROVINCE:
        return province_report(province=subject, filters=filters)
    if level == Level.COMMUNE:
        return commune_report(commune=subject, filters=filters)
    return national_report(filters=filters)


def name_order(name: str) -> tuple:
    """Vietnamese names in alphabetical order ("Đ" after every "D", not after "Z" as in code-point
    order), the one order of ``core.collation``."""
    return vi_sort_key(str(name))


def sort_or_default(sort: str) -> str:
    return sort if sort.lstrip("-") in SORT_KEYS else DEFAULT_SORT


SORT_KEYS = {
    "name": lambda row: name_order(row.label),
    "assigned": lambda row: row.counts.assigned,
    "completed": lambda row: row.counts.completed,
    "in_progress": lambda row: row.counts.in_progress,
    "overdue": lambda row: row.counts.overdue,
    "rate": lambda row: row.counts.rate,
}
DEFAULT_SORT = "rate"


def sorted_rows(rows: list[Row], sort: str) -> list[Row]:
    """Rows ordered by a column (``-`` for descending). Rows with nothing assigned go last either way;
    the default puts the lagging ones (lowest rate, then most overdue) first."""
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name not in SORT_KEYS:
        name, descending = DEFAULT_SORT, False
    value = SORT_KEYS[name]
    present = [row for row in rows if value(row) is not None]
    missing = [row for row in rows if value(row) is None]
    present.sort(key=lambda row: (-row.counts.overdue, name_order(row.label)))
    present.sort(key=value, reverse=descending)
    return present + sorted(missing, key=lambda row: name_order(row.label))


@dataclass
class CourseLine:
    """One assigned course on an official's own page."""

    course_id: int
    title: str
    status: str
    due_date: date | None
    completed_at: object
    overdue: bool
    certificate_code: str = ""

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label


def official_courses(*, official: User, today: date | None = None) -> list[CourseLine]:
    """The official's assigned courses: overdue first, then by due date."""
    today = today or timezone.localdate()
    entries = list(
        ProgressEntry.objects.filter(official=official, kind=ProgressKind.COURSE).values_list(
            "key", "status", "due_date", "completed_at"
        )
    )
    course_ids = [int(key) for key, *_rest in entries]
    titles = course_titles(course_ids)
    codes = dict(
        Certificate.objects.filter(official=official, course_id__in=course_ids).values_list(
            "course_id", "code"
        )
    )
    lines = [
        CourseLine(
            course_id=int(key),
            title=_course_title(titles, int(key)),
            status=status,
            due_date=due_date,
            completed_at=completed_at,
            overdue=bool(due_date and due_date < today and status != ProgressStatus.COMPLETED),
            certificate_code=codes.get(int(key), ""),
        )
        for key, status, due_date, completed_at in entries
    ]
    lines.sort(key=lambda line: (not line.overdue, line.due_date or date.max, vi_sort_key(line.title)))
    return lines


def officials_with_overdue(*, today: date, province_id: int | None = None) -> QuerySet:
    """Officials with at least one assigned course past its due date: id, count, oldest due date
    (the rule of the daily reminder); ``province_id`` keeps one province's officials."""
    entries = ProgressEntry.objects.filter(
        kind=ProgressKind.COURSE,
        due_date__lt=today,
        official__is_active=True,
        official__role=Role.OFFICIAL,
    ).exclude(status=ProgressStatus.COMPLETED)
    if province_id is not None:
        entries = entries.filter(official__province_id=province_id)
    return (
        entries.order_by()
        .values("official_id")
        .annotate(overdue=Count("id"), oldest=Min("due_date"))
        .order_by("official_id")
    )


# The django-q2 schedule of the daily overdue reminders (created by migration 0002_schedules).
OVERDUE_SCHEDULE = "reports: overdue reminders (daily)"


@dataclass
class OverdueCourse:
    title: str
    due_date: date
    status: str

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label


@dataclass
class ReminderLine:
    """An official the overdue reminder goes to, with what they have left to do."""

    official_id: int
    name: str
    commune: str
    overdue: int
    oldest: date
    courses: list[OverdueCourse]
    # When they were reminded of the day already (by the schedule or a department head), if they were.
    reminded_at: object = None


def reminder_lines(*, province: Province, today: date | None = None) -> list[ReminderLine]:
    """The province's officials the overdue reminder goes to (the daily rule), by commune and name,
    each with their overdue courses; three queries whatever their number."""
    today = today or timezone.localdate()
    rows = {row["official_id"]: row for row in officials_with_overdue(today=today, province_id=province.pk)}
    if not rows:
        return []
    officials = User.objects.filter(pk__in=list(rows)).select_related("commune")
    entries = (
        ProgressEntry.objects.filter(official_id__in=list(rows), kind=ProgressKind.COURSE, due_date__lt=today)
        .exclude(status=ProgressStatus.COMPLETED)
        .order_by("due_date")
        .values_list("official_id", "key", "due_date", "status")
    )
    entries = list(entries)
    titles = course_titles({int(key) for _official, key, *_rest in entries})
    courses: dict[int, list[OverdueCourse]] = {}
    for official_id, key, due_date, status in entries:
        courses.setdefault(official_id, []).append(
            OverdueCourse(title=_course_title(titles, int(key)), due_date=due_date, status=status)
        )
    reminded = dict(
        ReminderSent.objects.filter(
            user_id__in=list(rows), kind=ReminderKind.OVERDUE, period_key=today.isoformat()
        ).values_list("user_id", "sent_at")
    )
    lines = [
        ReminderLine(
            official_id=official.pk,
            name=official.get_full_name(),
            commune=official.commune.name if official.commune_id else "",
            overdue=rows[official.pk]["overdue"],
            oldest=rows[official.pk]["oldest"],
            courses=courses.get(official.pk, []),
            reminded_at=reminded.get(official.pk),
        )
        for official in officials
    ]
    lines.sort(key=lambda line: (name_order(line.commune), name_order(line.name)))
    return lines


def reminder_history(*, province: Province, limit: int = 30) -> list[ReminderRun]:
    """The province's latest sendings of the overdue reminder, newest first."""
    return list(
        ReminderRun.objects.filter(province=province, kind=ReminderKind.OVERDUE).select_related("sent_by")[
            :limit
        ]
    )


def reminder_next_run():
    """When the daily overdue reminders go out next (``None`` if the schedule was removed)."""
    schedules = Schedule.objects.filter(name=OVERDUE_SCHEDULE).exclude(repeats=0)
    return schedules.values_list("next_run", flat=True).first()


@dataclass(frozen=True)
class ReminderMessage:
    """What an overdue official receives: the e-mail (subject and text) and the in-app notification."""

    title: str
    email: str
    notice: str
    url: str


def reminder_message(*, user: User, count: int, oldest: date, site_url: str) -> ReminderMessage:
    """The overdue reminder of one official, in the interface's default language (the one it is sent
    in); ``site_url`` is the address of their progress page in the e-mail."""
    with translation.override(settings.LANGUAGE_CODE):
        title = ngettext(
            "%(count)d khóa học của bạn đã quá hạn",
            "%(count)d khóa học của bạn đã quá hạn",
            count,
        ) % {"count": count}
        context = {"user": user, "count": count, "oldest": oldest, "url": site_url}
        return ReminderMessage(
            title=title,
            email=render_to_string("reports/email/overdue_reminder.txt", context),
            notice=gettext("Hãy hoàn thành các khóa học quá hạn."),
            url=reverse("reports:my_progress"),
        )
