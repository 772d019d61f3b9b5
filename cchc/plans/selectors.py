"""Scoped reads of plans, tasks and updates, and the rows the statistics engine counts.

A plan is visible to whoever may read its issuing unit, and also to the units that lead or
coordinate one of its tasks (they see those tasks only). A task is visible through its plan's
issuing unit, its lead unit or one of its coordinating units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from cchc.accounts import scope
from cchc.core.text import fold
from cchc.orgunits.models import OrgUnit
from cchc.plans import periods, stats
from cchc.plans.models import Plan, Task, TaskUpdate
from cchc.plans.models.plans import COMPLETED_STATUSES


def _unit_ids_q(user: Any, capability: str = scope.READ) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(scope.unit_q(user, capability=capability, prefix=""))


def task_scope_q(user: Any, capability: str = scope.READ) -> Q:
    """Tasks the user may see (READ) or work on as lead/coordinating unit (WRITE)."""
    if scope.is_system_admin(user):
        return Q()
    units = _unit_ids_q(user, capability)
    coordinated = Task.coordinating_units.through.objects.filter(task_id=OuterRef("pk"), orgunit__in=units)
    return (
        scope.unit_q(user, capability=capability, prefix="plan__issuing_unit__")
        | scope.unit_q(user, capability=capability, prefix="lead_unit__")
        | Q(Exists(coordinated))
    )


def tasks_for_user(user: Any) -> QuerySet[Task]:
    return Task.objects.filter(task_scope_q(user))


def plans_for_user(user: Any) -> QuerySet[Plan]:
    if scope.is_system_admin(user):
        return Plan.objects.all()
    through_tasks = Task.objects.filter(task_scope_q(user), plan=OuterRef("pk"))
    derived = Task.objects.filter(task_scope_q(user), plan=OuterRef("parent_id"))
    return Plan.objects.filter(
        scope.unit_q(user, prefix="issuing_unit__") | Q(Exists(through_tasks)) | Q(Exists(derived))
    )


def filtered_plans(
    user: Any,
    *,
    year: int | None = None,
    status: str = "",
    unit: OrgUnit | None = None,
    query: str = "",
) -> QuerySet[Plan]:
    """The plan list: every filter runs in the database (search without accents, word by word, in
    the plan's title and number or its issuing unit's name, code and abbreviation)."""
    plans = plans_for_user(user)
    if year:
        plans = plans.filter(year=year)
    if status:
        plans = plans.filter(status=status)
    if unit is not None:
        plans = plans.filter(issuing_unit=unit)
    for word in fold(query).split():
        plans = plans.filter(Q(search_text__contains=word) | Q(issuing_unit__search_text__contains=word))
    return plans


def can_see_whole_plan(user: Any, plan: Plan) -> bool:
    return scope.can(user, scope.READ, plan.issuing_unit)


def get_plan_for_user(user: Any, pk: Any, capability: str = scope.READ) -> Plan:
    """404 when the plan is invisible; 403 when visible but the capability on its unit is missing."""
    try:
        plan = (
            plans_for_user(user).select_related("issuing_unit", "parent", "parent__issuing_unit").get(pk=pk)
        )
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if capability != scope.READ and not scope.can(user, capability, plan.issuing_unit):
        raise scope.PermissionDenied
    return plan


def get_task_for_user(user: Any, pk: Any) -> Task:
    try:
        return (
            tasks_for_user(user)
            .select_related(
                "plan", "plan__issuing_unit", "area", "lead_unit", "parent", "conclusion__meeting"
            )
            .prefetch_related("coordinating_units")
            .get(pk=pk)
        )
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_update_for_user(user: Any, pk: Any) -> TaskUpdate:
    try:
        update = TaskUpdate.objects.select_related("task").get(pk=pk)
    except (TaskUpdate.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not tasks_for_user(user).filter(pk=update.task_id).exists():
        raise Http404
    return update


def plan_tasks(plan: Plan) -> QuerySet[Task]:
    """The plan's own tasks, plus the tasks of the plan it derives from that its unit leads."""
    q = Q(plan=plan)
    if plan.parent_id:
        q |= Q(plan_id=plan.parent_id, lead_unit_id=plan.issuing_unit_id)
    return Task.objects.filter(q)


def visible_plan_tasks(user: Any, plan: Plan) -> QuerySet[Task]:
    tasks = plan_tasks(plan)
    if not can_see_whole_plan(user, plan):
        tasks = tasks.filter(task_scope_q(user))
    return tasks


def my_tasks(user: Any) -> QuerySet[Task]:
    """Tasks the user's units lead or coordinate (WRITE), in plans that are not drafts."""
    if scope.is_system_admin(user):
        return Task.objects.none()
    units = _unit_ids_q(user, scope.WRITE)
    return (
        Task.objects.filter(Q(lead_unit__in=units) | Q(coordinating_units__in=units))
        .exclude(plan__status=Plan.Status.DRAFT)
        .filter(cancelled_on__isnull=True)
        .distinct()
    )


def pending_reviews(user: Any) -> QuerySet[TaskUpdate]:
    """Progress reports waiting for the user's acceptance (APPROVE on the plan's unit)."""
    return TaskUpdate.objects.filter(
        scope.unit_q(user, capability=scope.APPROVE, prefix="task__plan__issuing_unit__"),
        kind=TaskUpdate.Kind.PROGRESS,
        review=TaskUpdate.Review.PENDING,
    )


# --- Rows for the statistics engine ------------------------------------------------------------


def _report_period(key: str, year: int) -> tuple[dt.date, dt.date] | None:
    if not key:
        return None
    try:
        p = periods.period(key, year)
    except KeyError:
        return None
    return (p.start, p.end)


def update_counts(update: TaskUpdate | dict[str, Any], trusted: bool) -> bool:
    review = update["review"] if isinstance(update, dict) else update.review
    return review == TaskUpdate.Review.ACCEPTED or (trusted and review != TaskUpdate.Review.RETURNED)


def task_rows(tasks: QuerySet[Task] | Iterable[Task]) -> list[stats.TaskRow]:
    """Countable (leaf) tasks with their progress reports: three queries whatever the size."""
    qs = tasks if isinstance(tasks, QuerySet) else Task.objects.filter(pk__in=[t.pk for t in tasks])
    records = list(
        qs.values(
            "id",
            "number",
            "title",
            "deadline",
            "deadline_kind",
            "added_on",
            "cancelled_on",
            "area_id",
            "area__name",
            "lead_unit_id",
            "lead_unit__name",
            "weight",
            "plan__year",
            "plan__trust_self_reports",
        ).order_by("area__sort_order", "sort_order", "id")
    )
    ids = [r["id"] for r in records]
    parents = set(Task.objects.filter(parent_id__in=ids).values_list("parent_id", flat=True).distinct())
    reports: dict[int, list[stats.Report]] = defaultdict(list)
    meta = {r["id"]: r for r in records}
    for u in TaskUpdate.objects.filter(task_id__in=ids, kind=TaskUpdate.Kind.PROGRESS).values(
        "id", "task_id", "reported_on", "status", "review", "completed_on", "period_key", "percent"
    ):
        task = meta[u["task_id"]]
        reports[u["task_id"]].append(
            stats.Report(
                reported_on=u["reported_on"],
                status=u["status"],
                counts=update_counts(dict(u), task["plan__trust_self_reports"]),
                completed_on=u["completed_on"],
                period=_report_period(u["period_key"], task["plan__year"]),
                period_key=u["period_key"],
                percent=u["percent"],
                seq=u["id"],
                pending=u["review"] == TaskUpdate.Review.PENDING,
            )
        )
    return [
        stats.TaskRow(
            id=r["id"],
            deadline=r["deadline"],
            recurring=r["deadline_kind"] == "recurring",
            added_on=r["added_on"],
            cancelled_on=r["cancelled_on"],
            area_id=r["area_id"],
            lead_unit_id=r["lead_unit_id"],
            weight=r["weight"],
            reports=reports.get(r["id"], []),
            title=r["title"],
            number=r["number"],
            lead_unit_name=r["lead_unit__name"],
            area_name=r["area__name"],
        )
        for r in records
        if r["id"] not in parents
    ]


def display_state(row: stats.TaskRow, today: dt.date) -> stats.Classified:
    """What a task is today, for lists and the detail page.

    A recurring task is shown as of the latest period it was reported for (it restarts each
    period); any other task as of today.
    """
    if row.recurring:
        covered = [r.period for r in row.reports if r.period is not None and r.reported_on <= today]
        if covered:
            start, end = max(covered, key=lambda p: p[1])
            return stats.classify(row, periods.Period("report", end.year, start, end, ""))
    return stats.classify(row, periods.custom(dt.date(2000, 1, 1), today))


def states_for(rows: list[stats.TaskRow], today: dt.date | None = None) -> dict[int, stats.Classified]:
    today = today or dt.date.today()
    return {row.id: display_state(row, today) for row in rows}


def summary_of_states(rows: list[stats.TaskRow], states: dict[int, stats.Classified]) -> stats.Summary:
    summary = stats.Summary()
    for row in rows:
        summary.add(row, states[row.id])
    return summary


def current_state(task: Task, today: dt.date | None = None) -> stats.Classified | None:
    """The task's state today; None for a task with sub-tasks (its sub-tasks carry the state)."""
    rows = task_rows(Task.objects.filter(pk=task.pk))
    return display_state(rows[0], today or dt.date.today()) if rows else None


def completion_reports(task: Task) -> QuerySet[TaskUpdate]:
    return task.updates.filter(status__in=COMPLETED_STATUSES)
