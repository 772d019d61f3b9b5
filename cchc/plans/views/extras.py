"""Meetings with conclusions, and the plan import."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.accounts import scope
from cchc.jobs.services import job_enqueue
from cchc.orgunits.forms import add_service_error
from cchc.plans import imports, meetings, periods, reports
from cchc.plans.forms import ConclusionTaskForm, ImportForm, MeetingForm
from cchc.plans.jobs import IMPORT_KIND
from cchc.plans.models import Plan
from cchc.plans.selectors import plans_for_user
from cchc.plans.views.plans import form_data

SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "plan-mau.xlsx"
SIGNING_SALT = "cchc.plans.import"


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    period = reports.period_from(request.GET, dt.date.today().year)
    qs = meetings.meetings_for_user(request.user)
    return render(
        request,
        "plans/meeting_list.html",
        {
            "meetings": qs.filter(date__range=(period.start, period.end)).select_related("unit")[:500],
            "by_kind": meetings.count_by_kind_and_level(qs, period.start, period.end),
            "by_period": meetings.count_by_period(qs, period.year),
            "period": period,
            "period_choices": periods.CHOICES,
            "can_create": scope.has_capability_anywhere(request.user, scope.WRITE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not scope.has_capability_anywhere(request.user, scope.WRITE):
        raise PermissionDenied
    form = MeetingForm(*form_data(request), user=request.user, initial={"date": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.meeting_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect(meeting)
    return render(request, "plans/form.html", {"form": form, "title": _("New meeting"), "submit": _("Save")})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meetings.get_meeting_for_user(request.user, pk)
    can_write = scope.can(request.user, scope.WRITE, meeting.unit)
    plans = Plan.objects.filter(issuing_unit=meeting.unit).exclude(status=Plan.Status.CLOSED)
    form = ConclusionTaskForm(*form_data(request), plans=plans)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                from django.db import transaction

                with transaction.atomic():
                    conclusion = meetings.conclusion_add(
                        actor=request.user, meeting=meeting, text=data["text"], number=data["number"]
                    )
                    if form.assigns_task:
                        meetings.conclusion_assign_task(
                            actor=request.user,
                            conclusion=conclusion,
                            plan=data["plan"],
                            area=data["area"],
                            what=data["what"],
                            who=data["who"],
                            by_when=data["by_when"],
                            expected_result=data["expected_result"],
                            responsibility=data["responsibility"],
                        )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Conclusion recorded."))
                return redirect(meeting)
    conclusions = meeting.conclusions.prefetch_related("tasks__lead_unit")
    return render(
        request,
        "plans/meeting_detail.html",
        {"meeting": meeting, "conclusions": conclusions, "form": form, "can_write": can_write},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check every row (dry run). Step 2: confirm → all-or-nothing background job."""
    if not scope.has_capability_anywhere(request.user, scope.WRITE):
        raise PermissionDenied
    plans = (
        plans_for_user(request.user)
        .filter(
            issuing_unit__in=scope.visible_units(request.user).filter(
                scope.unit_q(request.user, capability=scope.WRITE, prefix="")
            )
        )
        .exclude(status=Plan.Status.CLOSED)
    )
    if request.method == "POST" and "token" in request.POST:
        try:
            params = signing.loads(request.POST["token"], salt=SIGNING_SALT, max_age=6 * 3600)
        except signing.BadSignature:
            messages.error(request, _("The checked file has expired. Upload it again."))
            return redirect("plans:import")
        if params.get("user_id") != request.user.pk or not plans.filter(pk=params.get("plan_id")).exists():
            raise PermissionDenied
        job = job_enqueue(
            actor=request.user,
            kind=IMPORT_KIND,
            title=_("Import tasks from %(name)s") % {"name": params.get("filename", "")},
            params=params,
        )
        messages.info(request, _("The import has started. This page shows its progress."))
        return redirect("jobs:detail", job.pk)
    form = ImportForm(*form_data(request), plans=plans, initial={"plan": request.GET.get("plan")})
    result = None
    token = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        plan = form.cleaned_data["plan"]
        try:
            result = imports.check(data, plan)
        except imports.ImportError_ as exc:
            form.add_error("file", " ".join(exc.errors))
        else:
            if not result.errors:
                path = default_storage.save(f"imports/{uuid.uuid4().hex}.xlsx", ContentFile(data))
                token = signing.dumps(
                    {"path": path, "user_id": request.user.pk, "plan_id": plan.pk, "filename": upload.name},
                    salt=SIGNING_SALT,
                )
    return render(
        request,
        "plans/import.html",
        {"form": form, "result": result, "token": token, "headers": imports.HEADERS},
    )


@login_required
@require_GET
def import_sample(request: HttpRequest) -> FileResponse:
    if not SAMPLE.is_file():
        raise Http404
    return FileResponse(SAMPLE.open("rb"), as_attachment=True, filename=SAMPLE.name)
