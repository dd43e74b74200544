"""Who may see whom: the one place scoping rules live. Every view, consumer, export and admin screen
asks these functions instead of filtering by hand.

- an administrator sees everything;
- a department head sees their own province: its communes and the people in them;
- a trainer sees the participants of their own live sessions (and their province's communes, to
  choose an audience): ``live_sessions`` knows who they are, and hands that answer in at start-up
  (``trainer_officials_source_set``, from ``LiveSessionsConfig.ready``), since people sits below it;
- an official sees only themself;
- an import's report is visible in the uploader's province; its one-time passwords only to the uploader.

Out-of-scope objects are answered with 404 (``get_object_or_404`` over a scoped queryset), so a guessed
URL does not even reveal that the object exists.
"""

from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from people.models import Commune, ImportJob, Province, Role, User

# Where the ids of the officials a trainer works with come from (``source(*, trainer) -> ids``).
_SOURCES: dict[str, Callable[..., Iterable[int]]] = {}


def trainer_officials_source_set(source: Callable[..., Iterable[int]]) -> None:
    """Say where the ids of a trainer's officials come from: ``source(*, trainer)``. Until an app
    says, a trainer sees no official."""
    _SOURCES["trainer_officials"] = source


def provinces_visible_to(user: User) -> QuerySet[Province]:
    if not user.is_authenticated:
        return Province.objects.none()
    if user.is_administrator:
        return Province.objects.all()
    if user.province_id:
        return Province.objects.filter(pk=user.province_id)
    return Province.objects.none()


def communes_visible_to(user: User) -> QuerySet[Commune]:
    if not user.is_authenticated:
        return Commune.objects.none()
    if user.is_administrator:
        return Commune.objects.all()
    if user.role in (Role.DEPARTMENT_HEAD, Role.TRAINER) and user.province_id:
        return Commune.objects.filter(province_id=user.province_id)
    if user.commune_id:
        return Commune.objects.filter(pk=user.commune_id)
    return Commune.objects.none()


def officials_visible_to(user: User) -> QuerySet[User]:
    """The officials whose records (progress, sandbox, answers) this user may look at."""
    officials = User.objects.filter(role=Role.OFFICIAL)
    if not user.is_authenticated:
        return officials.none()
    if user.is_administrator:
        return officials
    if user.is_department_head:
        return officials.filter(province_id=user.province_id) if user.province_id else officials.none()
    if user.is_trainer:
        source = _SOURCES.get("trainer_officials")
        return officials.filter(pk__in=list(source(trainer=user)) if source else [])
    return officials.filter(pk=user.pk)


def can_view_official(user: User, official: User) -> bool:
    return officials_visible_to(user).filter(pk=official.pk).exists()


def can_manage_officials(user: User) -> bool:
    """Bulk import and account administration: department heads (own province) and administrators.
    A department head not yet given a province manages nobody."""
    return user.is_authenticated and (
        user.is_administrator or (user.is_department_head and user.province_id is not None)
    )


def import_jobs_visible_to(user: User) -> QuerySet[ImportJob]:
    """Imports whose progress and error report this user may read: an administrator's are all of them,
    a department head's those of their province."""
    jobs = ImportJob.objects.select_related("uploaded_by", "province")
    if not can_manage_officials(user):
        return jobs.none()
    if user.is_administrator:
        return jobs
    return jobs.filter(province_id=user.province_id)


def can_read_credentials(user: User, job: ImportJob) -> bool:
    """One-time passwords are for the person who uploaded the file, and for no one else."""
    return user.is_authenticated and job.uploaded_by_id == user.pk
