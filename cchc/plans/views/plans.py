"""Plan list and detail, create/edit/approve/close, baseline changes, timeline and statistics."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.accounts import scope
from cchc.audit.services import snapshot
from cchc.orgunits.forms import add_service_error
from cchc.orgunits.models import OrgUnit
from cchc.plans import exports, reports, selectors, services, stats
from cchc.plans.forms import PlanFilterForm, PlanForm, StatsForm, TaskFilterForm
from cchc.plans.models import Plan, PlanArea


def form_data(request: HttpRequest) -> tuple[Any, ...]:
    return (request.POST, request.FILES) if request.method == "POST" else ()


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET, plans=selectors.plans_for_user(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.filtered_plans(
        request.user,
        year=filters.get("year"),
        status=filters.get("status") or "",
        unit=filters.get("unit"),
        query=filters.get("q") or "",
    ).select_related("issuing_unit", "parent")
    page = Paginator(plans, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/list.html",
        {
            "form": form,
            "plans": page.object_list,
            "page_obj": page,
            "can_create": scope.has_capability_anywhere(request.user, scope.WRITE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    if not scope.has_capability_anywhere(request.user, scope.WRITE):
        raise PermissionDenied
    form = PlanForm(
        *form_data(request), user=request.user, initial={"year": dt.date.today().year, "escalation_days": 7}
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Plan created. Add its tasks, then approve it."))
            return redirect(plan)
    return render(
        request, "plans/form.html", {"form": form, "title": _("New PAR plan"), "submit": _("Create plan")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk, scope.WRITE)
    initial = snapshot(plan, services.PLAN_FIELDS)
    form = PlanForm(*form_data(request), user=request.user, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Plan saved."))
            return redirect(plan)
    return render(
        request, "plans/form.html", {"form": form, "plan": plan, "title": _("Edit plan"), "submit": _("Save")}
    )


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk, scope.APPROVE)
    try:
        services.plan_approve(actor=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Plan approved. Its tasks are now the baseline."))
    return redirect(plan)


@login_required
@require_POST
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk, scope.APPROVE)
    try:
        services.plan_close(actor=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Plan closed."))
    return redirect(plan)


def _plan_context(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    user = request.user
    return {
        "plan": plan,
        "can_write": scope.can(user, scope.WRITE, plan.issuing_unit) and plan.status != Plan.Status.CLOSED,
        "can_approve": scope.can(user, scope.APPROVE, plan.issuing_unit),
        "whole_plan": selectors.can_see_whole_plan(user, plan),
    }


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    tasks = list(
        selectors.visible_plan_tasks(request.user, plan)
        .select_related("area", "lead_unit", "plan")
        .prefetch_related("coordinating_units")
        .order_by("area__sort_order", "sort_order", "id")
    )
    today = dt.date.today()
    rows = selectors.task_rows(selectors.visible_plan_tasks(request.user, plan))
    states = selectors.states_for(rows, today)
    unit_ids = {t.lead_unit_id for t in tasks}
    form = TaskFilterForm(request.GET, unit_ids=unit_ids)
    filters = form.cleaned_data if form.is_valid() else {}
    shown = []
    for task in tasks:
        state = states.get(task.pk)
        if filters.get("area") and task.area_id != filters["area"].pk:
            continue
        if filters.get("unit") and task.lead_unit_id != filters["unit"].pk:
            continue
        wanted = filters.get("state")
        bucket = state.bucket if state else ""
        if wanted == "completed" and bucket not in (stats.COMPLETED_ON_TIME, stats.COMPLETED_LATE):
            continue
        if wanted and wanted != "completed" and bucket != wanted:
            continue
        if filters.get("overdue") and not (state and state.overdue):
            continue
        shown.append((task, state))
    groups: dict[PlanArea, list[Any]] = defaultdict(list)
    for task, state in shown:
        groups[task.area].append((task, state))
    context = _plan_context(request, plan)
    context.update(
        {
            "form": form,
            "groups": list(groups.items()),
            "shown_count": len(shown),
            "task_count": len(tasks),
            "derived": selectors.plans_for_user(request.user)
            .filter(parent=plan)
            .select_related("issuing_unit"),
            # The cards count the states the rows show (a recurring task as of its latest period).
            "summary": selectors.summary_of_states(rows, states),
        }
    )
    return render(request, "plans/detail.html", context)


@login_required
@require_GET
def plan_changes(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    if not selectors.can_see_whole_plan(request.user, plan):
        raise PermissionDenied
    changes = services.baseline_changes(plan)
    units = dict(OrgUnit.objects.values_list("pk", "name"))
    areas = dict(PlanArea.objects.values_list("pk", "name"))
    for change in changes:
        for attr in ("before", "after"):
            value = getattr(change, attr)
            if change.field == "lead_unit":
                value = units.get(value, value)
            elif change.field == "area":
                value = areas.get(value, value)
            elif isinstance(value, str) and len(value) == 10 and value[4] == "-":
                value = dt.date.fromisoformat(value).strftime("%d/%m/%Y")
            elif isinstance(value, dt.date):
                value = value.strftime("%d/%m/%Y")
            setattr(change, attr, value)
        change.field_label = _field_label(change.field)  # type: ignore[attr-defined]
    context = _plan_context(request, plan)
    context["changes"] = changes
    return render(request, "plans/changes.html", context)


def _field_label(name: str) -> str:
    from cchc.plans.models import Task

    if not name:
        return ""
    return str(getattr(Task._meta.get_field(name), "verbose_name", name))


@login_required
@require_GET
def plan_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """Deadlines month by month, with each task's state today."""
    plan = selectors.get_plan_for_user(request.user, pk)
    tasks = list(
        selectors.visible_plan_tasks(request.user, plan)
        .filter(cancelled_on__isnull=True, subtasks__isnull=True)
        .select_related("lead_unit", "area")
        .order_by("deadline", "id")
    )
    states = selectors.states_for(selectors.task_rows(selectors.visible_plan_tasks(request.user, plan)))
    months: dict[dt.date, list[Any]] = defaultdict(list)
    for task in tasks:
        months[task.deadline.replace(day=1)].append((task, states.get(task.pk)))
    context = _plan_context(request, plan)
    context["months"] = sorted(months.items())
    context["today"] = dt.date.today()
    return render(request, "plans/timeline.html", context)


def _statistics(request: HttpRequest, plan: Plan) -> reports.PlanStatistics:
    period = reports.period_from(request.GET, plan.year)
    return reports.statistics(selectors.visible_plan_tasks(request.user, plan), period)


@login_required
@require_GET
def plan_statistics(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    result = _statistics(request, plan)
    form = StatsForm(initial={"period": result.period.key, "year": result.period.year})
    context = _plan_context(request, plan)
    context.update(
        {
            "form": form,
            "result": result,
            "chart": reports.chart_data(result),
            "query": request.GET.urlencode(),
        }
    )
    return render(request, "plans/statistics.html", context)


@login_required
@require_GET
def statistics_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    result = _statistics(request, plan)
    return exports.xlsx_response(
        exports.statistics_workbook(plan, result), f"thong-ke-ke-hoach-{plan.pk}.xlsx"
    )


@login_required
@require_GET
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    tasks = selectors.visible_plan_tasks(request.user, plan)
    return exports.xlsx_response(exports.plan_workbook(plan, tasks), f"ke-hoach-{plan.pk}.xlsx")
