"""Reads shaped for the people pages: officials and communes with their filters, import slips.

Every query starts from ``people.permissions``, so nothing outside the viewer's scope is ever listed.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.collation import by_name
from people.credentials import CREDENTIAL_TTL, unseal
from people.models import Commune, ImportJob, IssuedCredential, Role, User
from people.permissions import communes_visible_to, officials_visible_to


class OfficialStatus:
    """The account-state filter of the officials' list."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    FIRST_SIGN_IN = "first_sign_in"


def officials_list(
    *,
    viewer: User,
    query: str = "",
    province_id: int | None = None,
    commune_id: int | None = None,
    job_role: str = "",
    status: str = "",
) -> QuerySet[User]:
    """Officials the viewer may see, searched by name, username, e-mail or phone, and filtered."""
    officials = officials_visible_to(viewer).select_related("commune", "province")
    if query:
        officials = officials.filter(
            Q(full_name__icontains=query)
            | Q(username__icontains=query)
            | Q(email__icontains=query)
            | Q(phone__contains=query)
        )
    if province_id:
        officials = officials.filter(province_id=province_id)
    if commune_id:
        officials = officials.filter(commune_id=commune_id)
    if job_role:
        officials = officials.filter(job_role=job_role)
    if status == OfficialStatus.ACTIVE:
        officials = officials.filter(is_active=True)
    elif status == OfficialStatus.INACTIVE:
        officials = officials.filter(is_active=False)
    elif status == OfficialStatus.FIRST_SIGN_IN:
        officials = officials.filter(is_active=True, must_change_password=True)
    return officials.order_by(*by_name("province__name", "commune__name", "full_name"), "pk")


def _official_counts() -> dict:
    officials = Q(users__role=Role.OFFICIAL)
    return {
        "officials": Count("users", filter=officials),
        "active": Count("users", filter=officials & Q(users__is_active=True)),
        "first_sign_in": Count(
            "users", filter=officials & Q(users__is_active=True, users__must_change_password=True)
        ),
    }


def communes_list(
    *, viewer: User, query: str = "", province_id: int | None = None, division_type: str = ""
) -> QuerySet[Commune]:
    """Communes the viewer may see, searched by name or code, with their officials counted."""
    communes = communes_visible_to(viewer).select_related("province")
    if query.isdigit():
        # A code as typed (a prefix) or as Excel shows it, without its leading zeros.
        communes = communes.filter(Q(code__startswith=query) | Q(code=query.zfill(5)))
    elif query:
        communes = communes.filter(name__icontains=query)
    if province_id:
        communes = communes.filter(province_id=province_id)
    if division_type:
        communes = communes.filter(division_type=division_type)
    return communes.annotate(**_official_counts()).order_by(*by_name("province__name", "name"))


def commune_division_types(*, viewer: User) -> list[str]:
    return list(
        communes_visible_to(viewer)
        .order_by("division_type")
        .values_list("division_type", flat=True)
        .distinct()
    )


def commune_summary(*, commune: Commune) -> dict:
    """A commune's officials counted overall and by job role."""
    officials = User.objects.filter(role=Role.OFFICIAL, commune=commune)
    totals = (
        Commune.objects.filter(pk=commune.pk)
        .annotate(**_official_counts())
        .values("officials", "active", "first_sign_in")[0]
    )
    by_role = dict(
        officials.filter(is_active=True).values_list("job_role").annotate(n=Count("pk")).order_by()
    )
    return {**totals, "by_job_role": by_role}


@dataclass(frozen=True)
class Slip:
    """One credential slip: who, where, and the one-time password (None if it can no longer be read)."""

    full_name: str
    username: str
    job_role: str
    password: str | None


@dataclass(frozen=True)
class SlipSheet:
    """The slips of one commune: one printed sheet."""

    commune: Commune
    slips: list[Slip]


def _printable_credentials(job: ImportJob) -> QuerySet[IssuedCredential]:
    """One-time passwords still worth printing: their owner has not chosen a password yet, the account
    is active, and they are younger than ``CREDENTIAL_TTL``."""
    return IssuedCredential.objects.filter(
        job=job,
        user__must_change_password=True,
        user__is_active=True,
        issued_at__gte=timezone.now() - CREDENTIAL_TTL,
    )


def import_slips(*, job: ImportJob, commune_code: str = "") -> list[SlipSheet]:
    """The credential slips of a job still worth printing, grouped by commune (one sheet each)."""
    credentials = (
        _printable_credentials(job)
        .select_related("user__commune__province")
        .order_by(*by_name("user__commune__name"), "user__commune_id", *by_name("user__full_name"), "user_id")
    )
    if commune_code:
        credentials = credentials.filter(user__commune__code=commune_code)
    credentials = list(credentials)
    passwords = unseal([credential.secret for credential in credentials])
    sheets: list[SlipSheet] = []
    for credential, password in zip(credentials, passwords, strict=True):
        user = credential.user
        if not sheets or sheets[-1].commune.pk != user.commune_id:
            sheets.append(SlipSheet(commune=user.commune, slips=[]))
        sheets[-1].slips.append(
            Slip(
                full_name=user.full_name,
                username=user.username,
                job_role=user.get_job_role_display(),
                password=password,
            )
        )
    return sheets


def import_slip_communes(*, job: ImportJob) -> list[tuple[Commune, int]]:
    """The communes that have slips to print in a job, with how many each."""
    counts = dict(
        _printable_credentials(job).values_list("user__commune_id").annotate(n=Count("pk")).order_by()
    )
    communes = Commune.objects.filter(pk__in=counts).order_by(*by_name("name"))
    return [(commune, counts[commune.pk]) for commune in communes]
