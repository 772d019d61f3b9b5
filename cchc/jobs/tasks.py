from __future__ import annotations

import logging
from typing import Any

from django.tasks import task
from django.utils.translation import gettext as _

from cchc.jobs.models import Job
from cchc.jobs.registry import handler_for
from cchc.jobs.services import job_fail, job_progress, job_start, job_succeed

log = logging.getLogger(__name__)


@task()
def run_job(job_id: str) -> dict[str, Any]:
    """Run one Job through its registered handler; failures are stored for the user to read."""
    job = Job.objects.select_related("created_by", "unit").get(pk=job_id)
    job_start(job=job)
    try:
        handler = handler_for(job.kind)
        result = handler(
            job, lambda percent, message: job_progress(job=job, percent=percent, message=message)
        )
    except Exception as exc:  # the user sees the message; the log keeps the traceback
        log.exception("Job %s (%s) failed", job.pk, job.kind)
        job_fail(job=job, error=str(exc) or exc.__class__.__name__)
        return {"ok": False}
    job_succeed(job=job, result=result, message=str(result.get("message", _("Done."))))
    return {"ok": True}
