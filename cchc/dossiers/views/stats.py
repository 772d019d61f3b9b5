"""The statistics report (charts, lists, reconciliation, Excel) and the Decision 766 page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.accounts import scope
from cchc.dossiers import decision766 as scoring_766
from cchc.dossiers import selectors
from cchc.dossiers.forms import IndicatorValueForm, ReportedTotalsForm, ReportForm
from cchc.dossiers.models import Indicator, IndicatorValue, ReportedTotals
from cchc.dossiers.periods import period_for
from cchc.dossiers.report_export import XLSX, report_xlsx
from cchc.dossiers.services import indicator_value_set, reported_totals_set
from cchc.dossiers.statistics import Figures, report, total
from cchc.orgunits.models import OrgUnit

TREND_MONTHS = 12


def _form(request: HttpRequest) -> ReportForm:
    return ReportForm(
        request.GET, units=selectors.units_for_user(request.user), fields=selectors.fields_list()
    )


def _filters(form: ReportForm) -> selectors.Filters:
    d = form.cleaned_data
    return selectors.Filters(unit=d.get("unit"), field=d.get("field") or "", procedure=d.get("procedure"))


def _rows(
    user: Any, filters: selectors.Filters, group_by: str, start: dt.date, end: dt.date
) -> list[tuple[str, Figures]]:
    figures = report(selectors.statistics_selection(user, filters, group_by), start, end)
    if group_by == "unit":
        names = dict(OrgUnit.objects.filter(pk__in=list(figures)).values_list("pk", "name"))
        paths = dict(OrgUnit.objects.filter(pk__in=list(figures)).values_list("pk", "path"))
        keys = sorted(figures, key=lambda k: paths.get(k, ""))
        return [(names.get(k, str(k)), figures[k]) for k in keys]
    return [(str(k), figures[k]) for k in sorted(figures, key=str)]


def _trend(user: Any, filters: selectors.Filters, end: dt.date) -> dict[str, list[Any]]:
    """Last 12 months up to the period end: on-time, online and digitisation rates."""
    months: list[str] = []
    on_time: list[str | None] = []
    online: list[str | None] = []
    digitised: list[str | None] = []
    year, month = end.year, end.month
    spans = []
    for _i in range(TREND_MONTHS):
        spans.append(period_for("month", year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    for p in reversed(spans):
        f = total(report(selectors.statistics_selection(user, filters, "total"), p.start, p.end).values())
        months.append(f"{p.start:%m/%Y}")
        for series, value in (
            (on_time, f.on_time_rate),
            (online, f.online_rate),
            (digitised, f.digitisation_rate),
        ):
            series.append(None if value is None else str(value))
    return {"months": months, "on_time": on_time, "online": online, "digitised": digitised}


def _reconciliation(user: Any, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Reported totals of the exact period, against their own identity and the dossiers."""
    reported = ReportedTotals.objects.filter(
        scope.unit_q(user, prefix="unit__"), start=start, end=end
    ).select_related("unit")
    out = []
    for r in reported:
        computed = total(
            report(
                selectors.statistics_selection(user, selectors.Filters(unit=r.unit), "total"), start, end
            ).values()
        )
        diffs = {
            _("carried over"): r.carried_over - computed.carried_over,
            _("new received"): r.received - computed.received,
            _("resolved"): r.resolved - computed.resolved,
            _("pending"): r.pending - computed.pending,
        }
        out.append({"r": r, "unaccounted": r.unaccounted, "diffs": {k: v for k, v in diffs.items() if v}})
    return out


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        period = form.period().until(timezone.localdate())
        filters = _filters(form)
        group_by = form.cleaned_data.get("group_by") or "unit"
        rows = _rows(request.user, filters, group_by, period.start, period.end)
        whole = total(f for _n, f in rows)
        late = selectors.LazyPage(
            selectors.late_dossiers(request.user, filters, period.start, period.end),
            request.GET.get("late_page"),
            20,
        )
        overdue = selectors.LazyPage(
            selectors.overdue_pending(request.user, filters, period.end), request.GET.get("overdue_page"), 20
        )
        context.update(
            period=period,
            rows=rows,
            total=whole,
            late=late,
            overdue=overdue,
            reconciliation=_reconciliation(request.user, period.start, period.end),
            charts={
                "trend": _trend(request.user, filters, period.end),
                "channels": [
                    {"name": _("Online"), "value": whole.received_online},
                    {"name": _("In person"), "value": whole.received_direct},
                    {"name": _("Public postal service"), "value": whole.received_postal},
                ],
                "labels": {
                    "on_time": _("On-time rate"),
                    "online": _("Online rate"),
                    "digitised": _("Digitisation rate"),
                },
            },
            query=request.GET.urlencode(),
        )
    return render(request, "dossiers/statistics.html", context)


@login_required
@require_GET
def statistics_export(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return redirect("dossiers:statistics")
    period = form.period().until(timezone.localdate())
    group_by = form.cleaned_data.get("group_by") or "unit"
    rows = _rows(request.user, _filters(form), group_by, period.start, period.end)
    content = report_xlsx(
        "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        period.label,
        rows,
        total(f for _n, f in rows),
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="thong-ke-ho-so-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def reported_totals(request: HttpRequest) -> HttpResponse:
    """Figures a unit reported by hand (compared on the report page, never corrected)."""
    units = OrgUnit.objects.filter(scope.unit_q(request.user, capability=scope.WRITE, prefix="")).order_by(
        "path"
    )
    form = ReportedTotalsForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            reported_totals_set(
                actor=request.user,
                unit=data.pop("unit"),
                start=data.pop("start"),
                end=data.pop("end"),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The reported figures were recorded."))
            return redirect("dossiers:reported")
    rows = (
        ReportedTotals.objects.filter(scope.unit_q(request.user, prefix="unit__"))
        .select_related("unit")
        .order_by("-end", "unit__path")[:200]
    )
    return render(
        request, "dossiers/reported.html", {"form": form, "rows": rows, "can_write": units.exists()}
    )


@login_required
@require_GET
def decision766(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        period = form.period().until(timezone.localdate())
        iset = scoring_766.current_set(period.end.year)
        context.update(period=period, iset=iset)
        if iset is not None:
            filters = _filters(form)
            selection = selectors.statistics_selection(request.user, filters, "unit")
            # Imported values of the whole selection are those entered for its top unit.
            top = filters.unit or min(
                (m.unit for m in scope.memberships(request.user)), key=lambda u: u.depth, default=None
            )
            ranked, province = scoring_766.scores(
                iset, selection, period.start, period.end, province_unit_id=top.pk if top else None
            )
            names = dict(OrgUnit.objects.filter(pk__in=[s.key for s in ranked]).values_list("pk", "name"))
            groups = list(iset.groups.order_by("number"))
            context.update(
                groups=groups,
                ranked=[(names.get(s.key, ""), s) for s in ranked],
                province=province,
                max_total=sum((g.max_points for g in groups), Decimal(0)),
            )
    return render(request, "dossiers/decision766.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_values(request: HttpRequest) -> HttpResponse:
    """Values of the 766 indicators CCHC cannot compute, entered with their provenance."""
    units = OrgUnit.objects.filter(scope.unit_q(request.user, capability=scope.WRITE, prefix="")).order_by(
        "path"
    )
    indicators = Indicator.objects.filter(source="imported").select_related("group__indicator_set")
    indicators = indicators.order_by("-group__indicator_set__year", "group__number", "order")
    form = IndicatorValueForm(request.POST or None, indicators=indicators, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_value_set(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The value was recorded."))
            return redirect("dossiers:indicator_values")
    values = (
        IndicatorValue.objects.filter(scope.unit_q(request.user, prefix="unit__"))
        .select_related("indicator__group__indicator_set", "unit")
        .order_by("-end", "unit__path", "indicator__code")[:300]
    )
    return render(
        request,
        "dossiers/indicator_values.html",
        {"form": form, "values": values, "can_write": units.exists()},
    )
