"""Background jobs of the plans app (registered with cchc.jobs on start-up)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage

from cchc.jobs.registry import Report, job_handler
from cchc.plans import imports
from cchc.plans.models import Plan

IMPORT_KIND = "plans.import"


@job_handler(IMPORT_KIND)
def import_tasks(job: Any, report: Report) -> dict[str, Any]:
    """params: {"path": storage name, "user_id": importing user, "plan_id": target plan}. All or nothing."""
    params = job.params
    actor = get_user_model().objects.get(pk=params["user_id"])
    plan = Plan.objects.get(pk=params["plan_id"])
    with default_storage.open(str(params["path"]), "rb") as handle:
        data = handle.read()
    report(5, "")
    try:
        return imports.apply(data, plan, actor=actor, report=report)
    except imports.ImportError_ as exc:
        raise RuntimeError("\n".join(exc.errors[:50])) from exc
