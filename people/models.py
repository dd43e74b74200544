"""The post-reform administrative map (34 provinces, 3,321 communes and wards) and the platform's users.

A user has one role. Officials belong to a commune (and through it to a province) and have a job role;
trainers and department heads belong to a province; administrators to none.
"""

import unicodedata

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """A province or centrally-run city (tỉnh / thành phố), identified by its official code."""

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    division_type = models.CharField(_("loại"), max_length=40, blank=True)
    codename = models.SlugField(max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
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
        ordering = ["province__name", "name"]
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
