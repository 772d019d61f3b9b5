"""Dossier list (filters, pages without COUNT), detail, and the import page."""

from __future__ import annotations

import uuid
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.accounts import scope
from cchc.dossiers import classify, selectors
from cchc.dossiers.columns import COLUMNS
from cchc.dossiers.forms import DossierFilterForm, DossierUploadForm
from cchc.dossiers.jobs import IMPORT_KIND
from cchc.jobs.services import job_enqueue

SAMPLES_DIR = Path(settings.BASE_DIR) / "docs" / "samples"
SAMPLE_FORMATS = {"csv", "xlsx", "json"}


def _filtered(request: HttpRequest, form: DossierFilterForm) -> Any:
    qs = selectors.dossiers_for_user(request.user).select_related("procedure", "unit")
    if not form.is_valid():
        return qs.none()
    d = form.cleaned_data
    if d["q"]:
        qs = qs.filter(code__icontains=d["q"].strip())
    if d["unit"]:
        qs = qs.filter(unit__path__startswith=d["unit"].path)
    if d["procedure"]:
        qs = qs.filter(procedure=d["procedure"])
    if d["channel"]:
        qs = qs.filter(channel=d["channel"])
    status = d["status"]
    today = timezone.localdate()
    if status == "pending":
        qs = qs.filter(ended_on__isnull=True)
    elif status == "overdue":
        qs = qs.filter(ended_on__isnull=True, due_on__lt=today)
    elif status in ("early", "on_time", "late"):
        qs = qs.filter(timeliness=status)
    elif status:
        qs = qs.filter(outcome=status)
    if d["received_from"]:
        qs = qs.filter(received_on__gte=d["received_from"])
    if d["received_to"]:
        qs = qs.filter(received_on__lte=d["received_to"])
    return qs.order_by("-received_at", "-id")


@login_required
@require_GET
def dossier_list(request: HttpRequest) -> HttpResponse:
    form = DossierFilterForm(request.GET or None, units=selectors.units_for_user(request.user))
    if not request.GET:
        form = DossierFilterForm({}, units=selectors.units_for_user(request.user))
    page = selectors.LazyPage(_filtered(request, form), request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "today": timezone.localdate(),
        "can_import": scope.has_capability_anywhere(request.user, scope.WRITE),
    }
    return render(request, "dossiers/list.html", context)


@login_required
@require_GET
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, pk)
    today = timezone.localdate()
    steps = []
    for step in dossier.steps or []:
        if not isinstance(step, dict):
            continue
        due = _parse(step.get("due_at"))
        done = _parse(step.get("finished_at"))
        state = ""
        if due and done:
            state = classify.timeliness(
                "resolved", classify.local_date(done), classify.local_date(due) or today
            )
        steps.append({"unit": step.get("unit", ""), "due": due, "done": done, "state": state})
    overdue = classify.is_overdue_at(today, dossier.due_on, dossier.ended_on)
    return render(request, "dossiers/detail.html", {"d": dossier, "steps": steps, "overdue_now": overdue})


def _parse(value: Any) -> Any:
    from cchc.dossiers.parsing import RowError, parse_datetime

    try:
        return parse_datetime(value, "")
    except RowError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def dossier_import(request: HttpRequest) -> HttpResponse:
    """Upload → stored under MEDIA_ROOT/imports/ → background job (check only, or write)."""
    if not scope.has_capability_anywhere(request.user, scope.WRITE):
        raise PermissionDenied
    form = DossierUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower()
        path = default_storage.save(f"imports/dossiers-{uuid.uuid4().hex}{suffix}", upload)
        dry_run = form.cleaned_data["dry_run"]
        title = (_("Check dossier file %(name)s") if dry_run else _("Import dossiers from %(name)s")) % {
            "name": upload.name
        }
        job = job_enqueue(
            actor=request.user,
            kind=IMPORT_KIND,
            title=title,
            params={
                "path": path,
                "filename": upload.name,
                "user_id": request.user.pk,
                "source": form.cleaned_data["source"].strip().upper(),
                "dry_run": dry_run,
            },
        )
        messages.info(request, _("The file is being processed. This page shows its progress."))
        return redirect("jobs:detail", job.pk)
    return render(request, "dossiers/import.html", {"form": form, "columns": COLUMNS})


@login_required
@require_GET
def import_sample(request: HttpRequest, fmt: str) -> FileResponse:
    if fmt not in SAMPLE_FORMATS:
        raise Http404
    name = f"dossiers-mau.{fmt}"
    return FileResponse((SAMPLES_DIR / name).open("rb"), as_attachment=True, filename=name)
