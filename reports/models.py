"""Completion summaries, exports, reminders, notifications and certificates.

The summary tables are derived data: ``reports.summaries`` keeps them in step with the progress ledger
(``courses.models.ProgressEntry``) and can rebuild them from it at any time. They hold counts, never
people, so a dashboard at national scale reads thousands of rows instead of millions.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.versions import VersionedRows, VersionedRowsQuerySet, Versions

# Summary rows are derived data, rebuilt nightly by millions: no database-level foreign keys (PostgreSQL
# would check each row at commit) and no index the tables' own composite indexes already cover. Django
# still deletes them with their province or commune.
SUMMARY_PROVINCE = {
    "to": "people.Province",
    "on_delete": models.CASCADE,
    "related_name": "+",
    "db_constraint": False,
    "db_index": False,
}
SUMMARY_COMMUNE = {
    "to": "people.Commune",
    "on_delete": models.CASCADE,
    "related_name": "+",
    "db_constraint": False,
}


class CourseStatusCount(models.Model):
    """How many assigned courses are in one status, for one course, job role and due date.

    Keeping the due date in the key lets "overdue as of today" be a cheap sum (not completed and due
    before today), so the counts roll over at midnight without being rewritten.
    """

    province = models.ForeignKey(**SUMMARY_PROVINCE)
    course_id = models.PositiveIntegerField()
    job_role = models.CharField(max_length=20, blank=True)
    due_date = models.DateField(null=True)
    status = models.CharField(max_length=20)
    count = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.course_id}/{self.job_role}/{self.due_date}/{self.status}: {self.count}"


class CommuneCourseCount(CourseStatusCount):
    """Course counts of one commune; recounted from the ledger whenever its officials' courses change."""

    commune = models.ForeignKey(**SUMMARY_COMMUNE)

    class Meta:
        verbose_name = _("thống kê khóa học theo xã")
        verbose_name_plural = _("thống kê khóa học theo xã")
        indexes = [
            # Covering (PostgreSQL): a province view is an index-only scan of its communes' rows.
            models.Index(
                fields=["province", "commune"],
                include=["course_id", "job_role", "due_date", "status", "count"],
                name="commune_course_count_cover",
            )
        ]


class ProvinceCourseCount(CourseStatusCount):
    """The same counts summed over a province's communes: what the national view reads."""

    class Meta:
        verbose_name = _("thống kê khóa học theo tỉnh")
        verbose_name_plural = _("thống kê khóa học theo tỉnh")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "course_id", "job_role", "due_date", "status"],
                name="province_course_count_key",
            )
        ]


class WeeklyCompletionCount(models.Model):
    """How many courses were completed in one week (starting Monday, local time), per course and job
    role: the dashboards' week-by-week trend."""

    province = models.ForeignKey(**SUMMARY_PROVINCE)
    course_id = models.PositiveIntegerField()
    job_role = models.CharField(max_length=20, blank=True)
    week = models.DateField()
    count = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.course_id}/{self.job_role}/{self.week}: {self.count}"


class CommuneWeekCount(WeeklyCompletionCount):
    """Weekly completions of one commune."""

    commune = models.ForeignKey(**SUMMARY_COMMUNE)

    class Meta:
        verbose_name = _("số hoàn thành theo tuần của xã")
        verbose_name_plural = _("số hoàn thành theo tuần của xã")


class ProvinceWeekCount(WeeklyCompletionCount):
    """Weekly completions summed over a province's communes."""

    class Meta:
        verbose_name = _("số hoàn thành theo tuần của tỉnh")
        verbose_name_plural = _("số hoàn thành theo tuần của tỉnh")
        indexes = [models.Index(fields=["province", "week"])]


class CountedOfficial(models.Model):
    """Which commune an official's course rows were last counted in.

    When an official moves, the ledger rows are rewritten to the new commune; this row tells the
    recount which old commune still holds their counts.
    """

    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    commune = models.ForeignKey("people.Commune", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("cán bộ đã thống kê")
        verbose_name_plural = _("cán bộ đã thống kê")
        constraints = [models.UniqueConstraint(fields=["official", "commune"], name="counted_official_once")]

    def __str__(self) -> str:
        return f"{self.official_id}@{self.commune_id}"


class SummaryStamp(models.Model):
    """A counter bumped whenever the summaries of a province (or of the whole country) change.

    Cached dashboard data is keyed by it, so every server process sees a change at once, whatever
    cache it uses.
    """

    NATIONAL = "national"

    key = models.CharField(max_length=32, unique=True)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("phiên bản số liệu")
        verbose_name_plural = _("phiên bản số liệu")

    def __str__(self) -> str:
        return f"{self.key}@{self.version}"

    @staticmethod
    def province_key(province_id: int) -> str:
        return f"province:{province_id}"


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


def export_upload_to(job: "ExportJob", filename: str) -> str:
    # Under the job's random id: a file name alone (province, date) would be guessable.
    return f"reports/exports/{job.pk}/{filename}"


class ExportJob(models.Model):
    """A dashboard view exported to a file in the background; only its requester may download it.

    ``scope`` names the view (``national``, ``province``, ``commune``) and ``scope_id`` its object;
    ``filters`` holds the dashboard's filter values as they were when the export was asked for.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_exports"
    )
    scope = models.CharField(max_length=20)
    scope_id = models.PositiveIntegerField(null=True, blank=True)
    detail = models.BooleanField(_("chi tiết từng cán bộ"), default=False)
    filters = models.JSONField(default=dict, blank=True)
    format = models.CharField(_("định dạng"), max_length=8, choices=ExportFormat.choices)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    file = models.FileField(upload_to=export_upload_to, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tệp xuất báo cáo")
        verbose_name_plural = _("tệp xuất báo cáo")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.scope}:{self.scope_id} {self.format} {self.status}"


# Each user's notifications have a version in the cache, new after any write of them: "Tiến độ của
# tôi", which lists them, is kept under it (``reports.pages``).
NOTIFICATION_VERSIONS = Versions("reports:notifications-version:1", 6 * 3600)


class Notification(VersionedRows):
    """An in-app message to one user (reminders, digests), listed on their page."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = VersionedRowsQuerySet.as_manager()
    versions = NOTIFICATION_VERSIONS
    owner_field = "user_id"

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return self.title


class ReminderKind(models.TextChoices):
    OVERDUE = "overdue", _("Nhắc khóa học quá hạn")
    WEEKLY_DIGEST = "weekly_digest", _("Tổng hợp hằng tuần")


class ReminderSent(models.Model):
    """A reminder that has been sent (or is being sent): inserted before sending, so a worker that
    restarts and runs the same job again skips everyone already reminded for that period."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    # The day (overdue reminders) or ISO week (digests) the reminder covers: 2026-11-24, 2026-W48.
    period_key = models.CharField(max_length=16)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhắc nhở đã gửi")
        verbose_name_plural = _("nhắc nhở đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "period_key"], name="reminder_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period_key} → {self.user_id}"


class ReminderRun(models.Model):
    """One sending of the overdue reminders to the officials of a province: by the daily schedule or
    by a department head's "Gửi ngay" (``by_hand``, ``sent_by`` the head while their account exists).
    Listed as the province's history."""

    province = models.ForeignKey("people.Province", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices, default=ReminderKind.OVERDUE)
    by_hand = models.BooleanField(default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    count = models.PositiveIntegerField(_("số người được nhắc"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần gửi nhắc nhở")
        verbose_name_plural = _("lần gửi nhắc nhở")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["province", "-sent_at"], name="reminder_run_province")]

    def __str__(self) -> str:
        return f"{self.kind} {self.province_id} {self.sent_at:%Y-%m-%d %H:%M} ({self.count})"


class Certificate(models.Model):
    """A certificate of completion of one course by one official, verifiable by its code.

    What the certificate shows (names, course title, date) is copied at issue, so the verification
    page shows exactly what was printed even if a name changes later.
    """

    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    course_id = models.PositiveIntegerField()
    code = models.CharField(_("mã xác minh"), max_length=32, unique=True)
    official_name = models.CharField(_("họ và tên"), max_length=150)
    course_title = models.CharField(_("khóa học"), max_length=255)
    commune_name = models.CharField(_("xã/phường"), max_length=255)
    completed_on = models.DateField(_("ngày hoàn thành"))
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chứng nhận")
        verbose_name_plural = _("chứng nhận")
        constraints = [
            models.UniqueConstraint(fields=["official", "course_id"], name="one_certificate_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.official_name}: {self.course_title}"
