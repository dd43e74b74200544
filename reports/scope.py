"""Who may see which report. Built on ``people.permissions`` (the one scoping module) and adds one
rule of this app: an official whose job role is chairman sees the officials of their own commune.

Out-of-scope objects are looked up through these querysets and so answer 404.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from people.models import Commune, JobRole, Province, Role, User
from people.permissions import communes_visible_to, officials_visible_to, provinces_visible_to
from reports.selectors import Level


def sees_dashboards(user: User) -> bool:
    """Department heads (their province) and administrators (the country) have the dashboards."""
    return user.is_authenticated and (user.is_department_head or user.is_administrator)


def is_commune_chairman(user: User) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.OFFICIAL
        and user.job_role == JobRole.CHAIRMAN
        and bool(user.commune_id)
    )


def report_provinces(user: User) -> QuerySet[Province]:
    return provinces_visible_to(user) if sees_dashboards(user) else Province.objects.none()


def report_communes(user: User) -> QuerySet[Commune]:
    if sees_dashboards(user):
        return communes_visible_to(user)
    if is_commune_chairman(user):
        return Commune.objects.filter(pk=user.commune_id)
    return Commune.objects.none()


def report_officials(user: User) -> QuerySet[User]:
    """Officials whose progress page this user may open (an official may always open their own;
    trainers follow their learners on the live board, not here)."""
    if sees_dashboards(user):
        return officials_visible_to(user)
    if is_commune_chairman(user):
        return User.objects.filter(role=Role.OFFICIAL, commune_id=user.commune_id)
    if user.is_authenticated and user.is_official:
        return User.objects.filter(pk=user.pk)
    return User.objects.none()


def report_subject(user: User, level: str, scope_id: int | None) -> Province | Commune | None:
    """The province or commune of a dashboard view, if this user may see it (``None`` is the
    national view, administrators only); anything else answers 404."""
    if level == Level.NATIONAL and user.is_authenticated and user.is_administrator:
        return None
    if level == Level.PROVINCE:
        return get_object_or_404(report_provinces(user), pk=scope_id)
    if level == Level.COMMUNE:
        return get_object_or_404(report_communes(user).select_related("province"), pk=scope_id)
    raise Http404
