"""Task detail, create/edit/cancel, progress reports with evidence, review, and "my tasks"."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.accounts import scope
from cchc.audit.selectors import history_for_object
from cchc.orgunits.forms import add_service_error
from cchc.plans import selectors, services, stats
from cchc.plans.forms import CancelForm, ContributionForm, ReviewForm, TaskForm, UpdateForm
from cchc.plans.models import Evidence, Plan, Task, TaskUpdate
from cchc.plans.views.plans import form_data


def _evidence(form: Any) -> list[services.EvidenceFile]:
    upload = form.cleaned_data.get("evidence_file")
    if not upload:
        return []
    return [
        services.EvidenceFile(
            upload, form.cleaned_data.get("evidence_number") or "", form.cleaned_data.get("evidence_date")
        )
    ]


@login_required
@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    user = request.user
    plan = task.plan
    open_plan = plan.status == Plan.Status.APPROVED
    coordinating = list(task.coordinating_units.all())
    contributing = [u for u in coordinating if scope.can(user, scope.WRITE, u)]
    updates = list(
        task.updates.select_related("unit", "author", "reviewed_by")
        .prefetch_related("evidence")
        .order_by("-reported_on", "-id")
    )
    context = {
        "task": task,
        "plan": plan,
        "state": selectors.current_state(task),
        "subtasks": list(task.subtasks.select_related("lead_unit").order_by("sort_order", "id")),
        "coordinating": coordinating,
        "updates": updates,
        "can_report": open_plan and not task.is_cancelled and scope.can(user, scope.WRITE, task.lead_unit),
        "can_contribute": open_plan and not task.is_cancelled and bool(contributing),
        "can_review": scope.can(user, scope.APPROVE, plan.issuing_unit),
        "can_edit": plan.status != Plan.Status.CLOSED and scope.can(user, scope.WRITE, plan.issuing_unit),
        "history": list(history_for_object(task)[:50]),
        "review_form": ReviewForm(),
    }
    return render(request, "plans/task_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk, scope.WRITE)
    if plan.status == Plan.Status.CLOSED:
        raise PermissionDenied
    initial = {"deadline_kind": "date", "weight": 1, "lead_unit": plan.issuing_unit_id}
    form = TaskForm(*form_data(request), plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data.get("reason", "")
        try:
            task = services.task_create(actor=request.user, plan=plan, reason=reason, **form.service_kwargs())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Task added."))
            if "another" in request.POST:
                return redirect("plans:task_create", plan.pk)
            return redirect(task)
    return render(
        request,
        "plans/form.html",
        {"form": form, "plan": plan, "title": _("New task"), "submit": _("Add task"), "another": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    plan = task.plan
    if not scope.can(request.user, scope.WRITE, plan.issuing_unit) or plan.status == Plan.Status.CLOSED:
        raise PermissionDenied
    form = TaskForm(*form_data(request), plan=plan, task=task, initial=TaskForm.initial_for(task))
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data.get("reason", "")
        try:
            services.task_update(actor=request.user, task=task, reason=reason, **form.service_kwargs())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Task saved."))
            return redirect(task)
    return render(
        request,
        "plans/form.html",
        {"form": form, "plan": plan, "task": task, "title": _("Edit task"), "submit": _("Save")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    plan = task.plan
    if not scope.can(request.user, scope.WRITE, plan.issuing_unit) or plan.status == Plan.Status.CLOSED:
        raise PermissionDenied
    form = CancelForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.task_cancel(
                actor=request.user,
                task=task,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["cancelled_on"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Task cancelled; it no longer counts in the statistics."))
            return redirect(task)
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "plan": plan,
            "task": task,
            "title": _("Cancel task"),
            "submit": _("Cancel task"),
            "submit_class": "btn-danger",
            "intro": _("A cancelled task is excluded from the statistics from the day it is cancelled."),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def update_create(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    if not scope.can(request.user, scope.WRITE, task.lead_unit):
        raise PermissionDenied
    initial = {"reported_on": dt.date.today(), "status": "in_progress"}
    form = UpdateForm(*form_data(request), task=task, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_create(
                actor=request.user,
                task=task,
                status=data["status"],
                text=data["text"],
                percent=data["percent"],
                reason=data["reason"],
                reported_on=data["reported_on"],
                completed_on=data["completed_on"],
                period_key=data.get("period_key") or "",
                evidence=_evidence(form),
            )
        except ValidationError as exc:
            add_service_error(form, exc, {"evidence": "evidence_file"})
        else:
            messages.success(request, _("Progress report sent."))
            return redirect(task)
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "plan": task.plan,
            "task": task,
            "title": _("Report progress"),
            "submit": _("Send report"),
            "multipart": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_create(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    units = task.coordinating_units.filter(scope.unit_q(request.user, capability=scope.WRITE, prefix=""))
    if not units.exists():
        raise PermissionDenied
    form = ContributionForm(*form_data(request), units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_create(
                actor=request.user,
                task=task,
                unit=form.cleaned_data["unit"],
                text=form.cleaned_data["text"],
                evidence=_evidence(form),
            )
        except ValidationError as exc:
            add_service_error(form, exc, {"evidence": "evidence_file"})
        else:
            messages.success(request, _("Contribution recorded."))
            return redirect(task)
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "plan": task.plan,
            "task": task,
            "title": _("Add a contribution"),
            "submit": _("Save"),
            "multipart": True,
        },
    )


@login_required
@require_POST
def update_review(request: HttpRequest, pk: int) -> HttpResponse:
    update = selectors.get_update_for_user(request.user, pk)
    task = update.task
    if not scope.can(request.user, scope.APPROVE, task.plan.issuing_unit):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.update_review(
                actor=request.user,
                update=update,
                accept=form.cleaned_data["decision"] == "accept",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Report accepted.") if form.cleaned_data["decision"] == "accept" else _("Report returned."),
            )
    else:
        messages.error(request, _("Choose to accept or return the report."))
    return redirect(task)


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence files live under MEDIA_ROOT and are served only to users who may see the task."""
    try:
        evidence = Evidence.objects.select_related("update").get(pk=pk)
    except Evidence.DoesNotExist:
        raise Http404 from None
    selectors.get_task_for_user(request.user, evidence.update.task_id)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=PurePath(evidence.original_name).name)


@login_required
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponse:
    """Tasks the user's units lead or coordinate, most urgent first, and reports awaiting review."""
    tasks = list(
        selectors.my_tasks(request.user)
        .select_related("plan", "lead_unit", "area")
        .order_by("deadline", "id")
    )
    states = selectors.states_for(selectors.task_rows(Task.objects.filter(pk__in=[t.pk for t in tasks])))
    rows = [(t, states.get(t.pk)) for t in tasks]
    open_rows = [
        r for r in rows if r[1] is None or r[1].bucket not in (stats.COMPLETED_ON_TIME, stats.COMPLETED_LATE)
    ]
    done_rows = [r for r in rows if r not in open_rows]
    reviews = list(
        selectors.pending_reviews(request.user)
        .select_related("task", "task__plan", "unit")
        .order_by("reported_on", "id")[:100]
    )
    return render(
        request,
        "plans/my_tasks.html",
        {
            "open_rows": open_rows,
            "done_rows": done_rows,
            "reviews": reviews,
            "today": dt.date.today(),
            "Review": TaskUpdate.Review,
        },
    )
