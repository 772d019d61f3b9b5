"""Resolution programmes, their targets (chỉ tiêu) and the yearly/quarterly values recorded on them.

Programmes and targets are managed with APPROVE on the programme's issuing unit (the province
admin, a unit leader); actual values may also be recorded by the target's responsible unit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.accounts import scope
from cchc.audit.services import snapshot
from cchc.orgunits.forms import add_service_error
from cchc.plans import targets
from cchc.plans.forms import ProgrammeForm, TargetForm, TargetValueForm
from cchc.plans.models import Programme, Target
from cchc.plans.views.plans import form_data


def _crumbs(programme: Programme | None = None, target: Target | None = None) -> list[tuple[str, str]]:
    crumbs = [(reverse("plans:programme_list"), _("Resolution targets"))]
    if programme is not None:
        crumbs.append((programme.get_absolute_url(), programme.title))
    if target is not None:
        crumbs.append((reverse("plans:target_detail", args=[target.pk]), str(target)))
    return crumbs


def _form_page(
    request: HttpRequest, form: Any, title: str, submit: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, "submit": submit, "crumbs": extra.pop("crumbs"), "back": back}
    return render(request, "plans/form.html", context | extra)


@login_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = targets.programmes_for_user(request.user).select_related("issuing_unit")
    return render(
        request,
        "plans/programme_list.html",
        {
            "programmes": programmes,
            "can_create": scope.has_capability_anywhere(request.user, scope.APPROVE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    if not scope.has_capability_anywhere(request.user, scope.APPROVE):
        raise PermissionDenied
    year = dt.date.today().year
    form = ProgrammeForm(
        *form_data(request), user=request.user, initial={"start_year": year, "end_year": year + 4}
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = targets.programme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Programme created. Add its targets."))
            return redirect(programme)
    return _form_page(
        request,
        form,
        _("New resolution programme"),
        _("Create programme"),
        reverse("plans:programme_list"),
        crumbs=_crumbs(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = targets.get_programme_for_user(request.user, pk, scope.APPROVE)
    initial = snapshot(programme, targets.PROGRAMME_FIELDS)
    form = ProgrammeForm(*form_data(request), user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            targets.programme_update(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Programme saved."))
            return redirect(programme)
    return _form_page(
        request, form, _("Edit programme"), _("Save"), programme.get_absolute_url(), crumbs=_crumbs(programme)
    )


def _period(request: HttpRequest, programme: Programme) -> tuple[int, int]:
    """The year and quarter (0 = whole year) asked for, clamped to the programme's years."""
    today = dt.date.today()
    default = min(max(today.year - 1, programme.start_year), programme.end_year)
    try:
        year = int(request.GET.get("year") or default)
        quarter = int(request.GET.get("quarter") or 0)
    except ValueError:
        year, quarter = default, 0
    year = min(max(year, programme.start_year), programme.end_year)
    return year, quarter if quarter in (0, 1, 2, 3, 4) else 0


@login_required
@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = targets.get_programme_for_user(request.user, pk)
    year, quarter = _period(request, programme)
    return render(
        request,
        "plans/programme_detail.html",
        {
            "programme": programme,
            "summary": targets.target_summary(programme, year, quarter),
            "year": year,
            "quarter": quarter,
            "years": range(programme.start_year, programme.end_year + 1),
            "can_manage": targets.can_manage(request.user, programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = targets.get_programme_for_user(request.user, pk, scope.APPROVE)
    form = TargetForm(*form_data(request), initial={"direction": "ge"})
    if request.method == "POST" and form.is_valid():
        try:
            target = targets.target_create(actor=request.user, programme=programme, **form.service_kwargs())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Target added."))
            if "another" in request.POST:
                return redirect("plans:target_create", programme.pk)
            return redirect("plans:target_detail", target.pk)
    return _form_page(
        request,
        form,
        _("New target"),
        _("Add target"),
        programme.get_absolute_url(),
        crumbs=_crumbs(programme),
        another=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = targets.get_target_for_user(request.user, pk)
    if not targets.can_manage(request.user, target.programme):
        raise PermissionDenied
    form = TargetForm(*form_data(request), initial=snapshot(target, targets.TARGET_FIELDS))
    if request.method == "POST" and form.is_valid():
        try:
            targets.target_update(actor=request.user, target=target, **form.service_kwargs())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Target saved."))
            return redirect("plans:target_detail", target.pk)
    back = reverse("plans:target_detail", args=[target.pk])
    return _form_page(
        request, form, _("Edit target"), _("Save"), back, crumbs=_crumbs(target.programme, target)
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The target's planned and actual values by year and quarter, and the form to record one."""
    target = targets.get_target_for_user(request.user, pk)
    programme = target.programme
    can_manage = targets.can_manage(request.user, programme)
    can_record = targets.can_record_actual(request.user, target)
    year, quarter = _period(request, programme)
    form = TargetValueForm(
        *form_data(request), can_plan=can_manage, initial={"year": year, "quarter": quarter}
    )
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                targets.target_value_set(
                    actor=request.user,
                    target=target,
                    year=data["year"],
                    quarter=data["quarter"],
                    planned=data.get("planned"),
                    actual=data["actual"],
                    source=data["source"],
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Value recorded."))
                return redirect(f"{request.path}?year={data['year']}&quarter={data['quarter']}")
    values = list(target.values.select_related("recorded_by").order_by("year", "quarter"))
    results = {(v.year, v.quarter): targets.evaluate(target, values, v.year, v.quarter) for v in values}
    return render(
        request,
        "plans/target_detail.html",
        {
            "target": target,
            "programme": programme,
            "rows": [(v, results[(v.year, v.quarter)]) for v in values],
            "form": form,
            "can_manage": can_manage,
            "can_record": can_record,
        },
    )
