"""Writes of the reports app: export jobs, in-app notifications, reminders and certificates."""

import logging
import secrets
import tempfile
from collections.abc import Iterator
from datetime import date

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_q.tasks import async_task
from unidecode import unidecode

from core import workflow
from core.collation import by_name
from core.notify import notify_user
from people.models import Commune, Province, Role, User
from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from reports import exports
from reports.models import (
    Certificate,
    ExportFormat,
    ExportJob,
    ExportStatus,
    Notification,
    ReminderKind,
    ReminderRun,
    ReminderSent,
)
from reports.scope import report_subject
from reports.selectors import (
    Level,
    ReportFilters,
    course_titles,
    official_rows,
    officials_with_overdue,
    province_report,
    reminder_message,
    report_of,
    sorted_rows,
)

logger = logging.getLogger(__name__)

# An export job's life, declared with the workflow core; the export worker (the system) fires it.
# A worker that dies mid-way leaves the job running; django-q2 runs the task again, which starts it
# over.
EXPORT = workflow.Workflow.of(
    name="export",
    label=gettext_lazy("Xuất báo cáo"),
    states=dict(ExportStatus.choices),
    state_field="status",
    transitions=[
        workflow.Transition(
            "run",
            gettext_lazy("Tạo tệp"),
            (ExportStatus.PENDING, ExportStatus.RUNNING, ExportStatus.FAILED),
            ExportStatus.RUNNING,
            (workflow.SYSTEM,),
        ),
        workflow.Transition(
            "finish", gettext_lazy("Đã xong"), (ExportStatus.RUNNING,), ExportStatus.DONE, (workflow.SYSTEM,)
        ),
        workflow.Transition(
            "fail",
            gettext_lazy("Lỗi"),
            (ExportStatus.PENDING, ExportStatus.RUNNING),
            ExportStatus.FAILED,
            (workflow.SYSTEM,),
        ),
    ],
)
# Officials' rows of a detailed export are counted this many communes at a time.
DETAIL_COMMUNES_PER_QUERY = 50
PROGRESS_EVERY_ROWS = 500


def _export_job_move(job: ExportJob, transition: str, **fields) -> None:
    """Fire ``transition`` of the ``EXPORT`` machine on the job, saving ``fields`` with its status; a
    move the machine does not allow is a programming error (``ValueError``)."""

    def store(step: workflow.Step) -> None:
        for name, value in fields.items():
            setattr(job, name, value)
        job.save(update_fields=["status", *fields])

    step = workflow.fire(EXPORT, transition, workflow.Context(obj=job, actor=workflow.SYSTEM), store=store)
    if not step.ok:
        raise ValueError(f"export job {job.pk}: {step.message}")


def export_job_create(
    *,
    user: User,
    level: str,
    scope_id: int | None,
    filters: ReportFilters,
    sort: str,
    export_format: str,
    detail: bool,
) -> ExportJob:
    """Queue an export of a dashboard view the user may see (404 otherwise)."""
    report_subject(user, level, scope_id)
    job = ExportJob.objects.create(
        requested_by=user,
        scope=level,
        scope_id=scope_id if level != Level.NATIONAL else None,
        filters={**filters.as_dict(), "sort": sort},
        format=export_format,
        detail=detail and level != Level.COMMUNE,
    )
    transaction.on_commit(lambda: async_task("reports.tasks.export_job_build", str(job.pk)))
    return job


def export_job_build(*, job_id: str) -> None:
    """Write the export file, reporting progress as it goes. The requester's scope is checked again:
    someone who lost access between asking and building gets a failed job, not the file."""
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    if job.status == ExportStatus.DONE:
        return
    _export_job_move(job, "run", progress=0, rows=0, error="")
    try:
        with translation.override(settings.LANGUAGE_CODE):
            tables, total, title, caption = _export_tables(job)
            written = 0

            def on_row() -> None:
                nonlocal written
                written += 1
                if written % PROGRESS_EVERY_ROWS == 0:
                    progress = min(99, written * 100 // max(total, 1))
                    ExportJob.objects.filter(pk=job.pk).update(progress=progress, rows=written)

            with tempfile.TemporaryFile() as out:
                if job.format == ExportFormat.CSV:
                    exports.write_csv(tables[-1] if job.detail else tables[0], out, on_row)
                else:
                    exports.write_xlsx(tables, out, on_row, caption)
                out.seek(0)
                name = (
                    f"tien-do-dao-tao-{slugify(unidecode(title))}-{timezone.localdate():%Y%m%d}.{job.format}"
                )
                job.file.save(name, File(out), save=False)
        _export_job_move(job, "finish", file=job.file, progress=100, rows=written, finished_at=timezone.now())
    except Http404:
        _export_job_move(
            job,
            "fail",
            error=_("Bạn không còn quyền xem báo cáo này."),
            finished_at=timezone.now(),
        )
    except Exception:
        _export_job_move(job, "fail", error=_("Không tạo được tệp, hãy thử lại."), finished_at=timezone.now())
        raise


def _export_tables(job: ExportJob) -> tuple[list[exports.Table], int, str, exports.Caption]:
    subject = report_subject(job.requested_by, job.scope, job.scope_id)
    filters = ReportFilters.from_dict(job.filters)
    report = report_of(level=job.scope, subject=subject, filters=filters)
    rows = sorted_rows(report.rows, job.filters.get("sort") or "")
    tables = exports.report_tables(report, rows)
    total = len(rows) + len(report.by_course) + len(report.by_job_role) + len(report.trend)
    title = report.title or _("toàn quốc")
    caption = exports.report_caption(report, filters, timezone.localdate())
    if job.detail:
        communes = Commune.objects.all() if subject is None else Commune.objects.filter(province=subject)
        commune_ids = list(communes.order_by(*by_name("province__name", "name")).values_list("pk", flat=True))
        officials = User.objects.filter(role=Role.OFFICIAL, commune_id__in=communes)
        if filters.job_role:
            officials = officials.filter(job_role=filters.job_role)
        total += officials.count()
        tables.append(exports.detail_table(_detail_lines(commune_ids, filters, report.today)))
    return tables, total, title, caption


def _detail_lines(commune_ids: list[int], filters: ReportFilters, today: date) -> Iterator[list]:
    for start in range(0, len(commune_ids), DETAIL_COMMUNES_PER_QUERY):
        chunk = commune_ids[start : start + DETAIL_COMMUNES_PER_QUERY]
        for row in official_rows(commune_ids=chunk, filters=filters, today=today):
            yield exports.official_line(row)


def notification_send(*, user: User, title: str, body: str = "", url: str = "") -> Notification:
    """Store an in-app notification and push it to the user's open tabs."""
    notification = Notification.objects.create(user=user, title=title, body=body, url=url)
    notify_user(
        user_id=user.pk,
        notification={"id": notification.pk, "title": title, "body": body, "url": url},
    )
    return notification


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def _reminder_claim(*, user: User, kind: str, period_key: str) -> bool:
    """Record the reminder before sending it; False when it was already sent for this period (a
    worker restarted, the schedule ran twice), so nobody is reminded twice."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(user=user, kind=kind, period_key=period_key)
    except IntegrityError:
        return False
    return True


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def overdue_reminders_send(
    *, today: date | None = None, province: Province | None = None, sent_by: User | None = None
) -> int:
    """Remind the officials with overdue courses, by e-mail and in the app, at most once a day each:
    every province's on the daily schedule, or one ``province``'s when its department head
    (``sent_by``) presses "Gửi ngay". Whoever was already reminded that day is skipped, so pressing
    twice, or pressing before the schedule runs, never reminds anyone twice. Each sending that reached
    someone is kept, per province, as a ``ReminderRun`` (the province's history)."""
    today = today or timezone.localdate()
    rows = list(officials_with_overdue(today=today, province_id=province.pk if province else None))
    users = User.objects.in_bulk([row["official_id"] for row in rows])
    site_url = _site_url(reverse("reports:my_progress"))
    sent_per_province: dict[int, int] = {}
    with mail.get_connection() as connection:
        for row in rows:
            user = users[row["official_id"]]
            if not _reminder_claim(user=user, kind=ReminderKind.OVERDUE, period_key=today.isoformat()):
                continue
            message = reminder_message(
                user=user, count=row["overdue"], oldest=row["oldest"], site_url=site_url
            )
            if user.email:
                mail.EmailMessage(message.title, message.email, to=[user.email], connection=connection).send()
            notification_send(user=user, title=message.title, body=message.notice, url=message.url)
            sent_per_province[user.province_id] = sent_per_province.get(user.province_id, 0) + 1
    ReminderRun.objects.bulk_create(
        ReminderRun(
            province_id=province_id,
            kind=ReminderKind.OVERDUE,
            by_hand=sent_by is not None,
            sent_by=sent_by,
            count=count,
        )
        for province_id, count in sent_per_province.items()
        if province_id is not None
    )
    return sum(sent_per_province.values())


def province_reminders_send(*, head: User, today: date | None = None) -> int:
    """A department head's "Gửi ngay": the overdue reminders of their own province, now (those not
    reminded yet today). Anyone else is refused."""
    if not (head.is_authenticated and head.is_department_head and head.province_id):
        raise PermissionDenied
    return overdue_reminders_send(today=today, province=head.province, sent_by=head)


def weekly_digest_send(*, today: date | None = None) -> int:
    """Send each department head their province's week: rate, overdue, the communes that lag."""
    today = today or timezone.localdate()
    year, week, _weekday = today.isocalendar()
    period_key = f"{year}-W{week:02d}"
    heads = User.objects.filter(
        role=Role.DEPARTMENT_HEAD, is_active=True, province__isnull=False
    ).select_related("province")
    url = reverse("reports:dashboard")
    sent = 0
    with mail.get_connection() as connection, translation.override(settings.LANGUAGE_CODE):
        for head in heads:
            if not _reminder_claim(user=head, kind=ReminderKind.WEEKLY_DIGEST, period_key=period_key):
                continue
            report = province_report(province=head.province, filters=ReportFilters(), today=today)
            lagging = [row for row in sorted_rows(report.rows, "rate") if row.counts.assigned][:5]
            title = _("Tiến độ đào tạo tuần %(week)s: %(province)s") % {
                "week": period_key,
                "province": head.province.name,
            }
            context = {"user": head, "report": report, "lagging": lagging, "url": _site_url(url)}
            if head.email:
                body = render_to_string("reports/email/weekly_digest.txt", context)
                mail.EmailMessage(title, body, to=[head.email], connection=connection).send()
            summary = _("Hoàn thành %(rate)s%%, quá hạn %(overdue)d.") % {
                "rate": report.totals.rate if report.totals.rate is not None else 0,
                "overdue": report.totals.overdue,
            }
            notification_send(user=head, title=title, body=summary, url=url)
            sent += 1
    return sent


class CertificateUnavailable(Exception):
    """The official has not completed this course (or it no longer exists)."""


def certificate_issue(*, official: User, course_id: int) -> Certificate:
    """The official's certificate for a completed course, issued on first request with a new
    unguessable verification code, then always the same one."""
    existing = Certificate.objects.filter(official=official, course_id=course_id).first()
    if existing is not None:
        return existing
    entry = ProgressEntry.objects.filter(
        official=official, kind=ProgressKind.COURSE, key=str(course_id), status=ProgressStatus.COMPLETED
    ).first()
    title = course_titles([course_id]).get(course_id)
    if entry is None or title is None:
        raise CertificateUnavailable
    commune = official.commune
    commune_name = f"{commune.name}, {commune.province.name}" if commune else ""
    completed_at = entry.completed_at or timezone.now()
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                official=official,
                course_id=course_id,
                code=secrets.token_urlsafe(12),
                official_name=official.get_full_name(),
                course_title=title,
                commune_name=commune_name,
                completed_on=timezone.localdate(completed_at),
            )
    except IntegrityError:
        # Asked twice at once: the other request issued it.
        return Certificate.objects.get(official=official, course_id=course_id)
