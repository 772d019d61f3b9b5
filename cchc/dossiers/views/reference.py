"""Reference data screens: the procedure catalogue (with Excel import/export) and the calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.dossiers import catalogue_io
from cchc.dossiers.forms import CalendarDayForm, CalendarYearForm, ProcedureUploadForm
from cchc.dossiers.models import CalendarDay, CalendarYear, Procedure
from cchc.dossiers.services import (
    calendar_day_delete as day_delete,
)
from cchc.dossiers.services import (
    calendar_day_set,
    calendar_year_set,
    can_manage_reference,
    require_manage_reference,
)
from cchc.dossiers.workdays import WorkCalendar


@login_required
@require_GET
def procedure_list(request: HttpRequest) -> HttpResponse:
    qs = Procedure.objects.order_by("field", "code")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q) | Q(field__icontains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dossiers/procedures.html",
        {"page_obj": page, "q": q, "can_manage": can_manage_reference(request.user)},
    )


@login_required
@require_GET
def procedure_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        catalogue_io.export_catalogue(Procedure.objects.order_by("field", "code")),
        content_type=catalogue_io.XLSX,
    )
    response["Content-Disposition"] = 'attachment; filename="danh-muc-tthc.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def procedure_import(request: HttpRequest) -> HttpResponse:
    """Upload → every row checked (dry run) → "Import" re-sends the file to write all rows or none."""
    require_manage_reference(request.user)
    form = ProcedureUploadForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        plan = catalogue_io.plan_catalogue(data)
        if request.POST.get("apply") and not plan.has_errors:
            try:
                count = catalogue_io.apply_catalogue(plan, actor=request.user)
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                messages.success(request, _("%(n)s procedures were imported.") % {"n": count})
                return redirect("dossiers:procedures")
    return render(
        request,
        "dossiers/procedure_import.html",
        {
            "form": form,
            "plan": plan,
            "counts": plan.counts() if plan else None,
            "headers": catalogue_io.HEADERS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    can_manage = can_manage_reference(request.user)
    config = CalendarYear.objects.filter(year=year).first() or CalendarYear(year=year)
    day_form = CalendarDayForm(prefix="day")
    year_form = CalendarYearForm(
        prefix="year",
        initial={
            "weekend_days": config.weekend_days,
            "morning_start": config.morning_start,
            "morning_end": config.morning_end,
            "afternoon_start": config.afternoon_start,
            "afternoon_end": config.afternoon_end,
        },
    )
    if request.method == "POST":
        require_manage_reference(request.user)
        target = "day" if "day-date" in request.POST else "year"
        form: Any = (
            CalendarDayForm(request.POST, prefix="day")
            if target == "day"
            else CalendarYearForm(request.POST, prefix="year")
        )
        if form.is_valid():
            try:
                if target == "day":
                    calendar_day_set(actor=request.user, **form.cleaned_data)
                else:
                    calendar_year_set(actor=request.user, year=year, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The calendar was updated."))
                return redirect(f"{reverse('dossiers:calendar')}?nam={year}")
        if target == "day":
            day_form = form
        else:
            year_form = form
    days = CalendarDay.objects.filter(date__year=year)
    cal = WorkCalendar.load()
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    context = {
        "year": year,
        "config": config,
        "days": days,
        "working_days": cal.working_days_between(first, last),
        "day_form": day_form,
        "year_form": year_form,
        "can_manage": can_manage,
        "years": [year - 1, year, year + 1],
    }
    return render(request, "dossiers/calendar.html", context)


@login_required
@require_POST
def calendar_day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_manage_reference(request.user)
    day = get_object_or_404(CalendarDay, pk=pk)
    year = day.date.year
    day_delete(actor=request.user, day=day)
    messages.success(request, _("The day was removed from the calendar."))
    return redirect(f"{reverse('dossiers:calendar')}?nam={year}")
