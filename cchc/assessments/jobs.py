"""Background jobs of the PAR INDEX cycles."""

from __future__ import annotations

from typing import Any

from cchc.assessments.models import Cycle
from cchc.assessments.services.results import results_recompute
from cchc.jobs.registry import Report, job_handler

RECOMPUTE_KIND = "assessments.recompute"


@job_handler(RECOMPUTE_KIND)
def recompute(job: Any, report: Report) -> dict[str, Any]:
    """Recompute every result of a cycle (constant number of queries); params: {"cycle_id": …}."""
    cycle = Cycle.objects.select_related("owner").get(pk=job.params["cycle_id"])
    report(5, "")
    count = results_recompute(actor=job.created_by, cycle=cycle, report=report)
    return {"results": count}
