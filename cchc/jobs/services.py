"""Starting jobs and recording their progress."""

from __future__ import annotations

import logging
from typing import Any

from django.db import connections, router, transaction
from django.utils import timezone

from cchc.audit.services import audit_record
from cchc.jobs.models import Job

log = logging.getLogger(__name__)


def job_enqueue(*, actor: Any, kind: str, title: str, params: dict[str, Any], unit: Any = None) -> Job:
    """Record a job and hand it to the task worker once the transaction commits."""
    from cchc.jobs.tasks import run_job

    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title,
            params=params,
            unit=unit,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(actor=actor, action="job.enqueue", obj=job, unit=unit, changes={"kind": [None, kind]})

        def _enqueue() -> None:
            result = run_job.enqueue(str(job.pk))
            Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))

        transaction.on_commit(_enqueue)
    return job


def job_progress(*, job: Job, percent: int, message: str = "") -> None:
    """Record progress so the user sees it while the job runs.

    Handlers often do their writes in one all-or-nothing transaction. Progress written on that
    connection would stay invisible until the commit (and vanish on rollback), so inside a
    transaction it goes through a separate connection on PostgreSQL. SQLite allows a single
    writer, so there the progress of the transactional phase becomes visible at its end.
    """
    percent = max(0, min(100, int(percent)))
    message = message[:500]
    job.progress, job.message, job.status = percent, message, Job.Status.RUNNING
    conn = connections[router.db_for_write(Job)]
    if (
        conn.in_atomic_block
        and conn.vendor == "postgresql"
        and _write_progress_autonomously(conn.alias, job.pk, percent, message)
    ):
        return
    # Outside a transaction; or SQLite (visible at commit); or the job row is not committed yet.
    Job.objects.filter(pk=job.pk).update(progress=percent, message=message, status=Job.Status.RUNNING)


def _write_progress_autonomously(alias: str, job_id: Any, percent: int, message: str) -> bool:
    """Update the job row on a separate connection; False when that connection cannot see it."""
    side = connections.create_connection(alias)
    try:
        with side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Job._meta.db_table} SET progress = %s, message = %s, status = %s WHERE id = %s",
                [percent, message, Job.Status.RUNNING.value, job_id],
            )
            updated = cursor.rowcount
        if not side.get_autocommit():
            side.commit()
        return bool(updated)
    finally:
        side.close()


def job_start(*, job: Job) -> None:
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=now)
    job.status, job.started_at = Job.Status.RUNNING, now


def job_succeed(*, job: Job, result: dict[str, Any], message: str = "") -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.SUCCEEDED,
            progress=100,
            result=result,
            message=message[:500],
            finished_at=timezone.now(),
        )
        audit_record(actor=job.created_by, action="job.succeed", obj=job, unit=job.unit)


def job_fail(*, job: Job, error: str) -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, error=error[:5000], finished_at=timezone.now()
        )
        audit_record(actor=job.created_by, action="job.fail", obj=job, unit=job.unit, reason=error[:500])
