"""The progress ledger (``ProgressEntry``: one row per learning item of an official) and the activity
feed (``OfficialActivity``: where each official is right now).

The ledger is written only through ``progress.services.progress_record`` (and, in bulk, by the course
assignments of ``courses.services``); the activity feed only through ``progress.activity``. Both tables
were born in other apps (``courses``, ``live_sessions``) and keep their names.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.versions import VersionedRows, VersionedRowsQuerySet
from progress.ledger_cache import LEDGER_VERSIONS


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


class ProgressEntry(VersionedRows):
    """One learning item of one official: the progress ledger.

    Lessons, quizzes, sandbox scenarios and live sessions all write here, only through
    ``progress.services.progress_record``; an assigned course is an entry of kind ``course`` created
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

    # Every write, one row or in bulk, gives the official a new progress version
    # (``progress.ledger_cache``).
    objects = VersionedRowsQuerySet.as_manager()
    versions = LEDGER_VERSIONS
    owner_field = "official_id"

    class Meta:
        db_table = "courses_progressentry"
        verbose_name = _("tiến độ học tập")
        verbose_name_plural = _("sổ tiến độ học tập")
        constraints = [
            models.UniqueConstraint(fields=["official", "kind", "key"], name="progress_one_row_per_item")
        ]
        indexes = [
            models.Index(fields=["province", "kind", "status"], name="courses_pro_provinc_ecab27_idx"),
            models.Index(fields=["commune", "kind", "status"], name="courses_pro_commune_db1ffe_idx"),
            models.Index(fields=["official", "kind"], name="courses_pro_officia_967a7a_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.official_id} {self.kind}:{self.key} {self.status}"


class ItemKind(models.TextChoices):
    """What an official can be busy with (and ask help about)."""

    LESSON = "lesson", _("Bài học")
    SCENARIO = "scenario", _("Bài thực hành")
    QUIZ = "quiz", _("Bài kiểm tra")
    OTHER = "other", _("Khác")


class OfficialActivity(models.Model):
    """Where an official is right now (a lesson, a scenario, a quiz, and the step in it), since when,
    and how many checks in a row they failed there. One row per official, rewritten in place."""

    official = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="live_activity"
    )
    kind = models.CharField(max_length=12, choices=ItemKind.choices)
    key = models.CharField(max_length=64)
    label = models.CharField(max_length=200)
    step = models.CharField(max_length=200, blank=True)
    since = models.DateTimeField()
    failed_checks = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "live_sessions_officialactivity"
        verbose_name = _("vị trí học hiện tại")
        verbose_name_plural = _("vị trí học hiện tại")

    def __str__(self) -> str:
        return f"{self.official_id}: {self.kind}:{self.key} {self.step}"
