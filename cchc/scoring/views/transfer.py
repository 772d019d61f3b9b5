"""Excel export of a framework and import of a new one (check every row first, then create it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.orgunits.models import UnitGroup
from cchc.scoring import excel
from cchc.scoring.forms import ImportForm, add_service_error
from cchc.scoring.permissions import get_framework_for_user, manageable_roots

SIGNING_SALT = "cchc.scoring.import"
TOKEN_MAX_AGE = 6 * 3600


@login_required
@require_GET
def framework_export(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_framework_for_user(request.user, pk)
    response = HttpResponse(excel.export_xlsx(framework), content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="bo-tieu-chi-{framework.code}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def framework_import(request: HttpRequest) -> HttpResponse:
    """Step 1: upload; every row is checked and nothing is written. Step 2: confirm → created at once."""
    roots = manageable_roots(request.user)
    if not roots:
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, roots[0])
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    plan = None
    token = ""
    if request.method == "POST" and form.is_valid():
        try:
            plan = excel.plan_import(excel.read_xlsx(form.cleaned_data["file"].read()))
        except excel.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if not plan.has_errors:
                settings = {k: form.cleaned_data[k] for k in ("code", "name", "year")}
                group = form.cleaned_data["unit_group"]
                token = signing.dumps(
                    {
                        "rows": plan.rows,
                        "user_id": request.user.pk,
                        "group": group.pk if group else None,
                        **settings,
                    },
                    salt=SIGNING_SALT,
                    compress=True,
                )
    context = {"form": form, "plan": plan, "token": token, "columns": excel.COLUMNS}
    return render(request, "scoring/import.html", context)


def _confirm(request: HttpRequest, owner: object) -> HttpResponse:
    try:
        data = signing.loads(request.POST.get("token", ""), salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("The checked file has expired. Upload it again."))
        return redirect("scoring:import")
    if data.get("user_id") != request.user.pk:
        raise PermissionDenied
    group = UnitGroup.objects.filter(pk=data.get("group")).first() if data.get("group") else None
    try:
        framework = excel.apply_import(
            data["rows"],
            actor=request.user,
            owner=owner,  # type: ignore[arg-type]
            code=data["code"],
            name=data["name"],
            year=data["year"],
            unit_group=group,
        )
    except ValidationError as exc:
        form = ImportForm(initial={k: data.get(k) for k in ("code", "name", "year")})
        add_service_error(form, exc)
        return render(
            request,
            "scoring/import.html",
            {"form": form, "plan": None, "token": "", "columns": excel.COLUMNS},
        )
    messages.success(request, _("Framework “%(name)s” imported.") % {"name": framework.name})
    return redirect(framework)
