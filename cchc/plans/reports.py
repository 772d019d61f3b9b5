"""Statistics of a plan (or any set of tasks) for a period: what the statistics page, the export
and the API show. Three queries whatever the number of tasks (see selectors.task_rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from cchc.plans import periods, stats
from cchc.plans.models import Task
from cchc.plans.selectors import task_rows


@dataclass
class PlanStatistics:
    period: periods.Period
    summary: stats.Summary
    by_area: list[tuple[str, stats.Summary]]
    by_unit: list[tuple[str, stats.Summary]]  # behind first
    overdue: list[tuple[stats.TaskRow, stats.Classified]]
    sentence: str


def statistics(tasks: QuerySet[Task], period: periods.Period) -> PlanStatistics:
    rows = task_rows(tasks)
    areas = {r.area_id: r.area_name for r in rows}
    units = {r.lead_unit_id: r.lead_unit_name for r in rows}
    by_area = stats.summarise_by(rows, period, lambda r: r.area_id)
    by_unit = stats.summarise_by(rows, period, lambda r: r.lead_unit_id)
    summary = stats.summarise(rows, period)
    return PlanStatistics(
        period=period,
        summary=summary,
        by_area=[(areas[k], s) for k, s in by_area.items() if s.total or s.cancelled],  # type: ignore[index]
        by_unit=[(units[k], s) for k, s in stats.behind_first(by_unit) if s.total or s.cancelled],  # type: ignore[index]
        overdue=stats.overdue_rows(rows, period),
        sentence=stats.summary_sentence(summary),
    )


def period_from(params: Any, default_year: int) -> periods.Period:
    """The period named by request parameters ?period=<key>&year=<y>, defaulting to the whole year."""
    key = params.get("period") or "year"
    try:
        year = int(params.get("year") or default_year)
    except (TypeError, ValueError):
        year = default_year
    if key not in periods.BY_KEY or not 2000 <= year <= 2100:
        key, year = "year", default_year
    return periods.period(key, year)


def chart_data(result: PlanStatistics) -> dict[str, Any]:
    """ECharts input (via json_script): per area, completed on time / late / in progress / not started."""
    return {
        "areas": [name for name, _s in result.by_area],
        "series": {
            "on_time": [s.completed_on_time for _n, s in result.by_area],
            "late": [s.completed_late for _n, s in result.by_area],
            "in_progress": [s.in_progress for _n, s in result.by_area],
            "not_started": [s.not_started + s.not_done for _n, s in result.by_area],
        },
    }


def today() -> dt.date:
    return dt.date.today()
