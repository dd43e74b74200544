"""Course and lesson pages, assignments, and the one progress ledger every activity writes into."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgressKind(models.TextChoices):
    COURSE = "course", _("Khóa học")
    LESSON = "lesson", _("Bài học")
    QUIZ = "quiz", _("Bài kiểm tra")
    SCENARIO = "scenario", _("Bài thực hành")
    LIVE_SESSION = "live_session", _("Buổi hỗ trợ trực tuyến")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    IN_PROGRESS = "in_progress", _("Đang học")
    COMPLETED = "completed", _("Hoàn thành")
    FAILED = "failed", _("Chưa đạt")


class ProgressEntry(models.Model):
    """One learning item of one official: the progress ledger.

    Lessons, quizzes, sandbox scenarios and live sessions all write here, only through
    ``courses.services.progress_record``; an assigned course is an entry of kind ``course`` created
    at assignment with its due date. The dashboards aggregate this table, so the official's commune
    and province are copied onto each row when it is written (officials rarely move; a move rewrites
    their rows).
    """

    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress_entries"
    )
    province = models.ForeignKey("people.Province", on_delete=models.PROTECT, null=True, related_name="+")
    commune = models.ForeignKey("people.Commune", on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=ProgressKind.choices)
    # The item's identity within its kind: a page id, a quiz id, a scenario slug, a session id.
    key = models.CharField(_("mã mục"), max_length=64)
    # The course this item counts towards, when known (a course entry points at itself).
    course_id_ref = models.PositiveIntegerField(_("khóa học"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED
    )
    score = models.FloatField(_("điểm"), null=True, blank=True)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tiến độ học tập")
        verbose_name_plural = _("sổ tiến độ học tập")
        constraints = [
            models.UniqueConstraint(fields=["official", "kind", "key"], name="progress_one_row_per_item")
        ]
        indexes = [
            models.Index(fields=["province", "kind", "status"]),
            models.Index(fields=["commune", "kind", "status"]),
            models.Index(fields=["official", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.official_id} {self.kind}:{self.key} {self.status}"
