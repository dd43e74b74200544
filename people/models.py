"""The post-reform administrative map (34 provinces, 3,321 communes and wards) and the platform's users.

A user has one role. Officials belong to a commune (and through it to a province) and have a job role;
trainers and department heads belong to a province; administrators to none. Officials arrive in bulk
through an ``ImportJob``; the one-time passwords it hands out wait, encrypted, in ``IssuedCredential``.
"""

import unicodedata
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.collation import by_name
from core.workflow import SYSTEM, Transition, Workflow


class Province(models.Model):
    """A province or centrally-run city (tỉnh / thành phố), identified by its official code."""

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    division_type = models.CharField(_("loại"), max_length=40, blank=True)
    codename = models.SlugField(max_length=120, blank=True)

    class Meta:
        ordering = by_name("name")
        verbose_name = _("tỉnh/thành phố")
        verbose_name_plural = _("tỉnh/thành phố")

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A commune, ward or special zone (xã / phường / đặc khu) since 1 July 2025; no district level."""

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    division_type = models.CharField(_("loại"), max_length=40, blank=True)
    codename = models.SlugField(max_length=120, blank=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("tỉnh/thành phố")
    )

    class Meta:
        ordering = by_name("province__name", "name")
        verbose_name = _("xã/phường")
        verbose_name_plural = _("xã/phường")

    def __str__(self) -> str:
        return f"{self.name}, {self.province.name}"


class Role(models.TextChoices):
    OFFICIAL = "official", _("Cán bộ xã/phường")
    TRAINER = "trainer", _("Giảng viên hỗ trợ")
    DEPARTMENT_HEAD = "department_head", _("Lãnh đạo sở")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


class JobRole(models.TextChoices):
    """An official's position in the commune; courses are assigned by it."""

    CHAIRMAN = "chairman", _("Chủ tịch/Phó Chủ tịch")
    OFFICE = "office", _("Văn phòng - Thống kê")
    CIVIL_STATUS = "civil_status", _("Tư pháp - Hộ tịch")
    ONE_STOP = "one_stop", _("Bộ phận một cửa")
    LAND = "land", _("Địa chính - Xây dựng")
    CULTURE = "culture", _("Văn hóa - Xã hội")
    FINANCE = "finance", _("Tài chính - Kế toán")
    OTHER = "other", _("Khác")


def normalize_name(value: str) -> str:
    """Vietnamese names are stored NFC-normalised with single spaces, whatever the keyboard sent."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


class User(AbstractUser):
    """Anyone who signs in. ``role`` decides what they see; ``province``/``commune`` scope it."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.OFFICIAL)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("tỉnh/thành phố"),
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("xã/phường"),
    )
    job_role = models.CharField(_("chức danh"), max_length=20, choices=JobRole.choices, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        indexes = [
            models.Index(fields=["role", "province"]),
            models.Index(fields=["commune", "job_role"]),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        # Keep the province consistent with the commune; the one place a user's scope is derived.
        self.full_name = normalize_name(self.full_name)
        if self.commune_id and not self.province_id:
            self.province_id = self.commune.province_id
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    @property
    def is_official(self) -> bool:
        return self.role == Role.OFFICIAL

    @property
    def is_trainer(self) -> bool:
        return self.role == Role.TRAINER

    @property
    def is_department_head(self) -> bool:
        return self.role == Role.DEPARTMENT_HEAD

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR or self.is_superuser

    def start_url(self) -> str:
        """The page a user lands on after signing in."""
        if self.is_administrator:
            return reverse("wagtailadmin_home")
        if self.is_department_head:
            return reverse("reports:dashboard")
        if self.is_trainer:
            return reverse("live_sessions:list")
        return reverse("courses:my_courses")


class ImportState(models.TextChoices):
    """Where a bulk import of officials stands (see ``IMPORT``)."""

    PENDING = "pending", _("Đang chờ xử lý")
    VALIDATING = "validating", _("Đang kiểm tra từng dòng")
    CREATING = "creating", _("Đang tạo tài khoản")
    REJECTED = "rejected", _("Bị từ chối: chưa nhập gì")
    CHECKED = "checked", _("Đã kiểm tra: tệp hợp lệ (chưa nhập)")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi hệ thống: chưa nhập gì")


# The import's state machine, declared with the workflow core; every move goes through
# ``people.services._import_job_move``, fired by the import worker (the system). A run interrupted
# mid-way (its worker died) starts again at "validating": nothing of it was applied.
_VALIDATING, _CREATING = ImportState.VALIDATING, ImportState.CREATING
IMPORT = Workflow.of(
    name="import",
    label=_("Nhập danh sách cán bộ"),
    states=dict(ImportState.choices),
    transitions=[
        Transition(
            "run",
            _("Bắt đầu kiểm tra"),
            (ImportState.PENDING, _VALIDATING, _CREATING),
            _VALIDATING,
            (SYSTEM,),
        ),
        Transition("reject", _("Từ chối tệp"), (_VALIDATING, _CREATING), ImportState.REJECTED, (SYSTEM,)),
        Transition("check", _("Kiểm tra xong (chưa nhập)"), (_VALIDATING,), ImportState.CHECKED, (SYSTEM,)),
        Transition("create", _("Tạo tài khoản"), (_VALIDATING,), _CREATING, (SYSTEM,)),
        Transition("finish", _("Hoàn thành"), (_CREATING,), ImportState.DONE, (SYSTEM,)),
        Transition("fail", _("Lỗi hệ thống"), (_VALIDATING, _CREATING), ImportState.FAILED, (SYSTEM,)),
    ],
)
IMPORT_FINISHED = frozenset({ImportState.REJECTED, ImportState.CHECKED, ImportState.DONE, ImportState.FAILED})
# The states a run of the import task starts from: a new job, or one whose earlier run died.
IMPORT_RESUMABLE = frozenset({ImportState.PENDING, ImportState.VALIDATING, ImportState.CREATING})


def import_upload_path(job: "ImportJob", filename: str) -> str:
    # The original name is kept on the job; the stored name reveals nothing about the file.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"imports/{job.uploaded_at:%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class ImportJob(models.Model):
    """One bulk import of officials from a CSV or XLSX file, run in the background.

    The uploaded file is deleted as soon as the job has run; the job keeps the counts and the per-row
    error report. ``province`` is the uploader's scope (empty for an administrator: the whole country).
    Progress is ``progress_done`` of ``progress_total`` within the current state (rows checked while
    validating, accounts prepared while creating).
    """

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name=_("người tải lên"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name=_("tỉnh/thành phố"),
    )
    file = models.FileField(_("tệp"), upload_to=import_upload_path, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    dry_run = models.BooleanField(_("chỉ kiểm tra"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ImportState.choices, default=ImportState.PENDING
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(_("số dòng"), default=0)
    created_count = models.PositiveIntegerField(_("tài khoản mới"), default=0)
    unchanged_count = models.PositiveIntegerField(_("đã có, không thay đổi"), default=0)
    # [{"row": 5, "column": "phone", "code": "phone_invalid", "value": "123", "params": {...}}]
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)
    # When a run last moved the job or reported progress, and how many runs began: a job that stops
    # progressing is re-queued by ``people.services.import_jobs_stalled_sweep`` (its worker died).
    progressed_at = models.DateTimeField(null=True, blank=True, editable=False)
    runs = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("lần nhập cán bộ")
        verbose_name_plural = _("các lần nhập cán bộ")
        indexes = [models.Index(fields=["uploaded_by", "-uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in IMPORT_FINISHED

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)


class IssuedCredential(models.Model):
    """The one-time password an import gave a new account, kept only to print its slip.

    Stored encrypted (``people.credentials``), readable only by the job's uploader, and deleted when the
    official chooses their own password, when the uploader says the slips are handed out, or after
    ``people.credentials.CREDENTIAL_TTL``, whichever comes first.
    """

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="credentials")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="issued_credential"
    )
    secret = models.TextField()
    issued_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("mật khẩu cấp lần đầu")
        verbose_name_plural = _("mật khẩu cấp lần đầu")

    def __str__(self) -> str:
        return f"{self.user_id} ({self.job_id})"
