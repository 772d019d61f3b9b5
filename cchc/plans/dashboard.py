"""Home-page card of the PAR plans: how far this year's plan is, from the plan's own statistics.

The plan is the working unit's own plan of the year (the province plan for province-level users),
or else the first plan of the year the user sees through tasks their unit leads. Each figure is
the one of the page it links to:

* completion ("hoàn thành X/Y nhiệm vụ, chiếm Z%"), the chart, its legend and the units furthest
  behind are the statistics page's, for its default period, the whole year (`reports.statistics`:
  a recurring task counts once its report for the year is in, as in the official reports);
* "overdue today" is the plan page's count (each task's state today, `selectors.states_for`),
  as the plan page's "overdue" filter lists them: by the year's end every open task would be.

Constant queries: one for the plan, three for the statistics, three for today's states, three
for "my tasks due soon", one for reports awaiting review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.accounts.models import Role
from cchc.core.dashboard import (
    Card,
    Figure,
    FigureGroup,
    fmt_number,
    fmt_percent,
    fmt_ratio,
    has_role,
    is_province_level,
    working_unit,
)
from cchc.orgunits.models import OrgUnit
from cchc.plans import periods, reports, selectors, stats
from cchc.plans.models import Plan

DUE_SOON_DAYS = 7
BEHIND_SHOWN = 3
# Roles that carry out tasks (report progress): they get "my tasks due soon".
TASK_ROLES = (Role.FOCAL_OFFICER, Role.UNIT_LEADER)

CHART_COLORS = ["#198754", "#fd7e14", "#0d6efd", "#adb5bd"]


def current_plan(user: Any, unit: OrgUnit, year: int) -> Plan | None:
    """The unit's own plan of the year (approved, else closed, else draft), else the first plan
    of the year the user sees (the province plan comes first: plans are ordered by unit path)."""
    status_rank = Case(
        When(status=Plan.Status.APPROVED, then=Value(0)),
        When(status=Plan.Status.CLOSED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    own = Case(When(issuing_unit=unit, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        selectors.plans_for_user(user)
        .filter(year=year)
        .select_related("issuing_unit")
        .annotate(own=own, status_rank=status_rank)
        .order_by("own", "status_rank", "issuing_unit__path", "-id")
        .first()
    )


@dataclass
class PlanFigures:
    year: reports.PlanStatistics  # the statistics page's, for the whole year
    today: stats.Summary  # the plan page's cards: each task's state today

    @property
    def sentence(self) -> str:
        """ "hoàn thành X/Y nhiệm vụ, chiếm Z%": the first clause of the statistics sentence."""
        summary = self.year.summary
        return stats.ratio_sentence(summary.completed, summary.total)


def plan_figures(user: Any, plan: Plan, today: dt.date) -> PlanFigures:
    tasks = selectors.visible_plan_tasks(user, plan)
    year = reports.statistics(tasks, periods.period("year", plan.year))
    rows = selectors.task_rows(tasks)
    return PlanFigures(year, selectors.summary_of_states(rows, selectors.states_for(rows, today)))


def due_soon_count(user: Any, today: dt.date) -> int:
    """The user's open tasks (led or coordinated, as on "My tasks") with a deadline in the next
    DUE_SOON_DAYS days, today included; completed ones do not count."""
    due = selectors.my_tasks(user).filter(
        deadline__gte=today, deadline__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
    )
    rows = selectors.task_rows(due)
    states = selectors.states_for(rows, today)
    done = (stats.COMPLETED_ON_TIME, stats.COMPLETED_LATE)
    return sum(1 for row in rows if states[row.id].bucket not in done)


def _chart(summary: stats.Summary) -> dict[str, Any] | None:
    if not summary.total:
        return None
    return {
        "kind": "donut",
        "labels": [str(label) for label, _count in _segments(summary)],
        "values": [count for _label, count in _segments(summary)],
        "colors": CHART_COLORS,
    }


def _segments(summary: stats.Summary) -> list[tuple[str, int]]:
    """The donut's parts, in CHART_COLORS order (not carried out counts with not started)."""
    return [
        (_("Completed on time"), summary.completed_on_time),
        (_("Completed late"), summary.completed_late),
        (_("In progress"), summary.in_progress),
        (_("Not started"), summary.not_started + summary.not_done),
    ]


def _behind_group(figures: PlanFigures, link: str) -> FigureGroup | None:
    """For the province: the lead units furthest behind (only when some unit is behind)."""
    by_unit = figures.year.by_unit  # behind first
    behind = [(name, s) for name, s in by_unit if s.total and s.completed < s.total][:BEHIND_SHOWN]
    if len(by_unit) < 2 or not behind:
        return None
    return FigureGroup(
        _("Lead units furthest behind"),
        [
            Figure(name, f"{fmt_ratio(s.completed, s.total)} ({fmt_percent(s.completed_percent)})", link)
            for name, s in behind
        ],
    )


def cards(user: Any, today: dt.date) -> list[Card]:
    unit = working_unit(user)
    if unit is None or not scope.has_capability_anywhere(user, scope.READ):
        return []
    card = Card(
        title=_("PAR plan %(year)s") % {"year": today.year},
        icon="bi-list-check",
        link=reverse("plans:list") + f"?year={today.year}",
        link_label=_("All plans"),
        order=10,
    )
    plan = current_plan(user, unit, today.year)
    if plan is None:
        card.note = _("No plan of %(year)s is visible to you yet.") % {"year": today.year}
    else:
        result = plan_figures(user, plan, today)
        summary = result.year.summary
        detail = plan.get_absolute_url()
        card.subtitle = f"{plan.title} · {plan.issuing_unit.name}"
        if plan.status == Plan.Status.DRAFT:
            card.subtitle += f" ({plan.get_status_display()})"
        card.headline = result.sentence
        card.link = reverse("plans:statistics", args=[plan.pk]) + f"?period=year&year={plan.year}"
        card.link_label = _("Plan statistics")
        card.chart = _chart(summary)
        card.figures.append(Figure(_("Tasks (not cancelled)"), fmt_number(summary.total), card.link))
        if summary.total:
            card.figures += [
                Figure(label, fmt_number(count), swatch=color)
                for (label, count), color in zip(_segments(summary), CHART_COLORS, strict=True)
            ]
        overdue = result.today.overdue
        card.figures.append(
            Figure(
                _("Overdue today"), fmt_number(overdue), f"{detail}?overdue=on", "danger" if overdue else ""
            )
        )
        if is_province_level(unit):
            group = _behind_group(result, card.link)
            if group is not None:
                card.groups.append(group)
    if has_role(user, *TASK_ROLES):
        count = due_soon_count(user, today)
        card.figures.append(
            Figure(
                _("My tasks due in the next %(days)s days") % {"days": DUE_SOON_DAYS},
                fmt_number(count),
                reverse("plans:my_tasks"),
                "warning" if count else "",
            )
        )
    if scope.has_capability_anywhere(user, scope.APPROVE):
        waiting = selectors.pending_reviews(user).count()
        card.figures.append(
            Figure(
                _("Reports awaiting your review"),
                fmt_number(waiting),
                reverse("plans:my_tasks"),
                "warning" if waiting else "",
            )
        )
    return [card]
