"""Import (dry run, then a background job) and export of units."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.jobs.services import job_enqueue
from cchc.orgunits import exports, selectors
from cchc.orgunits.forms import ImportUploadForm, UnitListFilterForm
from cchc.orgunits.imports import COLUMNS, ImportFileError, ImportPlan, plan_import, read_table
from cchc.orgunits.jobs import IMPORT_KIND
from cchc.orgunits.models import UnitType
from cchc.orgunits.views._common import form_data, optional_url, require_manage_anywhere

SIGNING_SALT = "cchc.orgunits.import"
TOKEN_MAX_AGE = 6 * 3600
SAMPLES_DIR = Path(settings.BASE_DIR) / "docs" / "samples"
SAMPLE_FILES = {"csv": "don-vi-mau.csv", "xlsx": "don-vi-mau.xlsx"}


def _store_upload(data: bytes, filename: str, user: Any) -> str:
    """Keep a checked file under MEDIA_ROOT/imports/ and return a signed token naming it."""
    suffix = PurePath(filename).suffix.lower()
    path = default_storage.save(f"imports/{uuid.uuid4().hex}{suffix}", ContentFile(data))
    return signing.dumps({"path": path, "user_id": user.pk, "filename": filename}, salt=SIGNING_SALT)


def _confirm(request: HttpRequest) -> HttpResponse:
    try:
        params = signing.loads(request.POST.get("token", ""), salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("The checked file has expired. Upload it again."))
        return redirect("orgunits:import")
    if params.get("user_id") != request.user.pk:
        raise PermissionDenied
    job = job_enqueue(
        actor=request.user,
        kind=IMPORT_KIND,
        title=_("Import units from %(name)s") % {"name": params.get("filename", "")},
        params=params,
    )
    messages.info(request, _("The import has started. This page shows its progress."))
    return redirect(optional_url("jobs:detail", job.pk) or "orgunits:list")


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check every row (nothing is written). Step 2: confirm → background job."""
    require_manage_anywhere(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    form = ImportUploadForm(*form_data(request))
    plan: ImportPlan | None = None
    token = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = plan_import(read_table(data, upload.name), user=request.user)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if not plan.has_errors and (plan.counts()["create"] or plan.counts()["update"]):
                token = _store_upload(data, upload.name, request.user)
    context = {
        "form": form,
        "plan": plan,
        "counts": plan.counts() if plan else None,
        "token": token,
        "columns": COLUMNS,
        "unit_types": UnitType.objects.order_by("sort_order", "code"),
        "filename": form.cleaned_data["file"].name if plan else "",
    }
    return render(request, "orgunits/import.html", context)


@login_required
@require_GET
def import_sample(request: HttpRequest, fmt: str) -> FileResponse:
    """The sample file of docs/samples (a fictitious province), to start from."""
    name = SAMPLE_FILES.get(fmt, "")
    path = SAMPLES_DIR / name
    if not name or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@login_required
@require_GET
def unit_export(request: HttpRequest) -> HttpResponse:
    """The units of the list (same filters, default: the tree as of today) as CSV or XLSX."""
    form = UnitListFilterForm(request.GET)
    filters = form.filters()
    rows = exports.export_rows(selectors.unit_listing(request.user, **filters))
    day: dt.date = filters["as_of"]
    if request.GET.get("format") == "xlsx":
        content, content_type, ext = exports.to_xlsx(rows), exports.XLSX_CONTENT_TYPE, "xlsx"
    else:
        content, content_type, ext = exports.to_csv(rows), exports.CSV_CONTENT_TYPE, "csv"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="don-vi-{day:%Y-%m-%d}.{ext}"'
    return response
