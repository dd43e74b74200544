"""Writes about accounts: lockout look-ups, password changes, officials' records, and bulk imports."""

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django_q.tasks import async_task

from core import workflow
from people.credentials import CREDENTIAL_TTL, one_time_password, one_time_password_hash, seal
from people.imports.files import FileProblem, problem, sheet_read, upload_check
from people.imports.rows import ImportPlan, NewOfficial, import_plan, taken_since_planned
from people.models import (
    IMPORT,
    IMPORT_FINISHED,
    IMPORT_RESUMABLE,
    ImportJob,
    IssuedCredential,
    Role,
    User,
    normalize_name,
)
from people.permissions import can_manage_officials

logger = logging.getLogger(__name__)

CREATE_BATCH = 500
HASH_PROGRESS_EVERY = 250
HASH_THREADS = min(4, os.cpu_count() or 1)


def account_unlock_time(*, username: str) -> datetime | None:
    """When a locked account may try again: the last failed attempt plus the cool-off time."""
    last = AccessAttempt.objects.filter(username=username).aggregate(last=Max("attempt_time"))["last"]
    cool_off = get_cool_off()
    if last is None or cool_off is None:
        return None
    return last + cool_off


@transaction.atomic
def user_password_chosen(*, user: User) -> None:
    """The user has just set a password of their own: a forced change is satisfied, and the one-time
    password an import gave them is no longer needed anywhere."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    IssuedCredential.objects.filter(user=user).delete()


def official_update(
    *, official: User, full_name: str, job_role: str, phone: str, email: str, is_active: bool
) -> User:
    """Correct an official's record or switch their account off or on (the form has checked that the
    phone and e-mail are nobody else's)."""
    official.full_name = normalize_name(full_name)
    official.job_role = job_role
    official.phone = phone
    official.email = email.strip().lower()
    official.is_active = is_active
    official.save(update_fields=["full_name", "job_role", "phone", "email", "is_active"])
    return official


# --- Bulk import -------------------------------------------------------------------------------------


def import_job_create(
    *, uploaded_by: User | None, fileobj: File, name: str, content_type: str | None, dry_run: bool
) -> ImportJob:
    """Check an upload (raising ``FileProblem`` for a refused file) and keep it as a pending job.

    ``uploaded_by`` is None only from the command line, which acts for the whole country. A department
    head's job is limited to their province, an administrator's to none.
    """
    if uploaded_by is not None and not can_manage_officials(uploaded_by):
        raise PermissionDenied
    upload_check(name=name, size=fileobj.size, content_type=content_type, fileobj=fileobj)
    province = None if uploaded_by is None or uploaded_by.is_administrator else uploaded_by.province
    job = ImportJob(uploaded_by=uploaded_by, province=province, original_name=name[:255], dry_run=dry_run)
    job.file.save(name, fileobj, save=False)
    job.save()
    return job


def import_job_submit(
    *, uploaded_by: User, fileobj: File, name: str, content_type: str | None, dry_run: bool
) -> ImportJob:
    """Create a job from an upload on the site and queue it for a task worker."""
    job = import_job_create(
        uploaded_by=uploaded_by, fileobj=fileobj, name=name, content_type=content_type, dry_run=dry_run
    )
    async_task("people.tasks.import_job_run", job.pk, task_name=f"import-officials-{job.pk}")
    return job


class ImportJobMoved(Exception):
    """Another worker moved the job first (a task delivered twice)."""


def _import_job_move(job: ImportJob, transition: str, **fields) -> None:
    """Fire ``transition`` of the ``IMPORT`` machine on the job, refusing a move the machine does not
    allow (``ValueError``: a programming error), and raising ``ImportJobMoved`` when another worker has
    moved the job meanwhile."""

    def store(step: workflow.Step) -> bool:
        fields["progressed_at"] = timezone.now()
        if step.to_state in IMPORT_FINISHED:
            fields["finished_at"] = fields["progressed_at"]
        current = ImportJob.objects.filter(pk=job.pk, state=step.from_state)
        return bool(current.update(state=step.to_state, **fields))

    step = workflow.fire(IMPORT, transition, workflow.Context(obj=job, actor=workflow.SYSTEM), store=store)
    if step.refused == workflow.STALE:
        raise ImportJobMoved(job.pk)
    if not step.ok:
        raise ValueError(f"import job {job.pk}: {step.message}")
    for name, value in fields.items():
        setattr(job, name, value)


def _progress(job: ImportJob):
    def report(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            progress_done=done, progress_total=total, progressed_at=timezone.now()
        )

    return report


def import_job_run(*, job_id: int) -> ImportJob:
    """Run a pending import to its end: check every row, then create every new account in one
    transaction, or nothing at all.

    A finished job (a task delivered twice) is returned untouched. A job found mid-way was left by a
    worker that died: the queue hands a task out again only after ``Q_CLUSTER["retry"]`` seconds,
    longer than its ``timeout``, by when the earlier run has been stopped; nothing of that run was
    applied (the accounts are written in one transaction), so the job runs again from its file. The
    uploaded file is deleted afterwards, whatever the outcome: the job keeps only counts and the
    problems.
    """
    job = ImportJob.objects.select_related("province").get(pk=job_id)
    if job.state not in IMPORT_RESUMABLE:
        return job
    try:
        _import_job_move(job, "run", progress_done=0, progress_total=0, runs=job.runs + 1)
    except ImportJobMoved:
        job.refresh_from_db()
        return job
    try:
        credentials_purge_expired()
        plan = _import_plan_of(job)
        if plan is not None:
            _import_finish(job, plan)
    except Exception:  # noqa: BLE001 - the last guard of a background task: record it, never leave a job hanging
        logger.exception("import job %s failed", job.pk)
        job.refresh_from_db(fields=["state"])
        if job.state not in IMPORT_FINISHED:
            _import_job_move(job, "fail", errors=[problem("internal")])
    finally:
        _import_file_discard(job)
    return job


# A run that has not moved its job for this long is dead: longer than the task timeout (after which
# django-q2 stops a task) and than the ORM broker's own re-delivery (``retry``), so a live run, or a
# re-delivery already under way, is never doubled.
IMPORT_STALLED_AFTER = timedelta(seconds=settings.Q_CLUSTER["retry"] + 180)
IMPORT_MAX_RUNS = 3


def import_jobs_stalled_sweep(*, now=None) -> dict[str, list[int]]:
    """Find imports whose worker died and queue them again, or, after ``IMPORT_MAX_RUNS`` runs, fail
    them with a message for the uploader. Needed with the Redis broker, which has no acknowledgement:
    a task taken by a worker that dies is never delivered again. Nothing of a dead run was applied
    (accounts are written in one transaction), so running the job again from its file is safe."""
    now = now or timezone.now()
    cutoff = now - IMPORT_STALLED_AFTER
    stalled = ImportJob.objects.filter(
        Q(state__in=IMPORT_RESUMABLE)
        & (Q(progressed_at__lt=cutoff) | Q(progressed_at__isnull=True, uploaded_at__lt=cutoff))
    ).order_by("pk")
    outcome = {"requeued": [], "failed": []}
    for job in stalled:
        if job.runs >= IMPORT_MAX_RUNS:
            try:
                _import_job_move(job, "fail", errors=[problem("stalled", runs=job.runs)])
            except ImportJobMoved:
                continue
            _import_file_discard(job)
            outcome["failed"].append(job.pk)
            continue
        # Claim it (a sweep running twice at once queues it once), then queue it after the claim commits.
        claimed = ImportJob.objects.filter(
            pk=job.pk, state=job.state, progressed_at=job.progressed_at
        ).update(progressed_at=now)
        if claimed:
            transaction.on_commit(
                lambda pk=job.pk: async_task(
                    "people.tasks.import_job_run", pk, task_name=f"import-officials-{pk}"
                )
            )
            outcome["requeued"].append(job.pk)
    if outcome["requeued"] or outcome["failed"]:
        logger.warning("import jobs stalled: requeued %s, failed %s", outcome["requeued"], outcome["failed"])
    import_files_left_discard(now=now)
    return outcome


def import_files_left_discard(*, now=None) -> list[int]:
    """Delete the uploads of finished jobs that still hold one: a worker that died between committing
    its job's final state and deleting the file leaves the officials' file behind otherwise."""
    cutoff = (now or timezone.now()) - IMPORT_STALLED_AFTER
    left = list(
        ImportJob.objects.filter(state__in=IMPORT_FINISHED, finished_at__lt=cutoff)
        .exclude(file="")
        .order_by("pk")
    )
    for job in left:
        _import_file_discard(job)
    if left:
        logger.warning("import files left by finished jobs discarded: %s", [job.pk for job in left])
    return [job.pk for job in left]


def _import_plan_of(job: ImportJob) -> ImportPlan | None:
    """Read and check the file; a file-wide fault rejects the job at once (and returns None)."""
    try:
        with job.file.open("rb") as fileobj:
            sheet = sheet_read(fileobj, job.original_name.rsplit(".", 1)[-1].lower())
    except FileProblem as fault:
        _import_job_move(job, "reject", errors=[fault.problem])
        return None
    ImportJob.objects.filter(pk=job.pk).update(rows_total=len(sheet.rows), progress_total=len(sheet.rows))
    job.rows_total = len(sheet.rows)
    return import_plan(sheet, province_id=job.province_id, progress=_progress(job))


def _import_finish(job: ImportJob, plan: ImportPlan) -> None:
    counts = {"unchanged_count": plan.unchanged, "created_count": 0}
    if plan.problems:
        _import_job_move(job, "reject", errors=plan.problems, **counts)
    elif job.dry_run:
        _import_job_move(job, "check", **{**counts, "created_count": len(plan.new)})
    else:
        _import_job_move(job, "create", progress_done=0, progress_total=len(plan.new))
        _import_accounts_create(job, plan)


def _import_accounts_create(job: ImportJob, plan: ImportPlan) -> None:
    """Hash the new accounts' passwords (the slow part, outside any transaction, with progress), then
    write every account in one transaction after checking nobody took a username, e-mail or phone
    since the rows were checked."""
    report = _progress(job)
    passwords = [one_time_password() for _official in plan.new]
    hashes = []
    # PBKDF2 runs in OpenSSL without holding the GIL, so a few threads use a few cores.
    with ThreadPoolExecutor(max_workers=HASH_THREADS) as pool:
        for done, encoded in enumerate(pool.map(one_time_password_hash, passwords), 1):
            hashes.append(encoded)
            if done % HASH_PROGRESS_EVERY == 0:
                report(done, len(plan.new))
    # Slips are for the uploader; an import from the command line without one prints none.
    sealed = seal(passwords) if job.uploaded_by_id else []
    with transaction.atomic():
        late = taken_since_planned(plan)
        if late:
            _import_job_move(job, "reject", errors=late, created_count=0)
            return
        users = User.objects.bulk_create(
            [_user_of(official, encoded) for official, encoded in zip(plan.new, hashes, strict=True)],
            batch_size=CREATE_BATCH,
        )
        if sealed:
            IssuedCredential.objects.bulk_create(
                [
                    IssuedCredential(job=job, user=user, secret=secret)
                    for user, secret in zip(users, sealed, strict=True)
                ],
                batch_size=CREATE_BATCH,
            )
        # The new officials get the courses already assigned to their commune, role or province.
        new_ids = [user.pk for user in users]
        transaction.on_commit(lambda: async_task("courses.tasks.course_assignments_apply", new_ids))
        _import_job_move(
            job,
            "finish",
            created_count=len(users),
            unchanged_count=plan.unchanged,
            progress_done=len(users),
        )


def _user_of(official: NewOfficial, encoded_password: str) -> User:
    # bulk_create skips User.save(): the name is normalised and the province set here instead.
    return User(
        username=official.username,
        full_name=official.full_name,
        email=official.email,
        phone=official.phone,
        job_role=official.job_role,
        commune_id=official.commune_id,
        province_id=official.province_id,
        role=Role.OFFICIAL,
        password=encoded_password,
        must_change_password=True,
    )


def _import_file_discard(job: ImportJob) -> None:
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def import_credentials_clear(*, job: ImportJob, user: User) -> int:
    """The uploader has handed out the slips: forget the job's one-time passwords now."""
    if job.uploaded_by_id != user.pk:
        raise PermissionDenied
    deleted, _ = IssuedCredential.objects.filter(job=job).delete()
    return deleted


def credentials_purge_expired() -> int:
    """Forget one-time passwords older than ``CREDENTIAL_TTL`` (the slips' shelf life)."""
    deleted, _ = IssuedCredential.objects.filter(issued_at__lt=timezone.now() - CREDENTIAL_TTL).delete()
    return deleted
