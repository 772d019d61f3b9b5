"""Automatic input for PAR INDEX: the share of a unit's plan tasks completed (cchc/scoring/providers.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext_lazy as _

from cchc.plans import periods, selectors, stats
from cchc.plans.models import Plan, Task
from cchc.scoring.providers import Provided, provider


@provider("plans.completion_rate", label=_("Share of plan tasks completed"), unit_of_measure="%")
def completion_rate(*, unit_ids: Sequence[int], start: date, end: date) -> dict[int, Provided]:
    """Per lead unit: tasks of approved or closed plans with a deadline in [start, end], completed
    (accepted, or reported where the plan trusts reports) by `end`. Three queries for all units."""
    tasks = Task.objects.filter(
        lead_unit_id__in=list(unit_ids),
        deadline__range=(start, end),
        plan__status__in=[Plan.Status.APPROVED, Plan.Status.CLOSED],
    )
    rows = selectors.task_rows(tasks)
    period = periods.custom(start, end)
    summaries: dict[int, stats.Summary] = defaultdict(stats.Summary)
    names: dict[int, str] = {}
    for row in rows:
        assert row.lead_unit_id is not None
        summaries[row.lead_unit_id].add(row, stats.classify(row, period))
        names[row.lead_unit_id] = row.lead_unit_name
    years = f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    out: dict[int, Provided] = {}
    for unit_id, summary in summaries.items():
        value = summary.completed_percent
        if value is None:
            continue  # every task cancelled: no data rather than 0
        out[unit_id] = Provided(
            value=value,
            source=f"Kế hoạch CCHC năm {years} của {names[unit_id]}: "
            f"hoàn thành {summary.completed}/{summary.total} nhiệm vụ",
            detail={"completed": summary.completed, "total": summary.total, "overdue": summary.overdue},
        )
    return out
