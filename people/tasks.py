"""Background tasks (django-q2): each takes ids and calls one service."""

from people.services import import_job_run as import_job_run_service
from people.services import import_jobs_stalled_sweep as import_jobs_stalled_sweep_service


def import_job_run(job_id: int) -> str:
    """Run one bulk import of officials; return its final state for the task log."""
    return import_job_run_service(job_id=job_id).state


def import_jobs_stalled_sweep() -> str:
    """Queue again the imports whose worker died (scheduled every five minutes)."""
    outcome = import_jobs_stalled_sweep_service()
    return f"requeued {outcome['requeued']}, failed {outcome['failed']}"
