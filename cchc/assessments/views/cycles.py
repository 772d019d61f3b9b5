"""Cycle list, set-up, phase actions, results and corrections."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.assessments import selectors, services
from cchc.assessments.forms import (
    DEADLINES,
    STATUS_BADGES,
    CorrectionForm,
    CycleForm,
    FrameworkAddForm,
    add_service_error,
)
from cchc.assessments.models import Answer, Assessment, Cycle, DeadlineExtension, Result
from cchc.assessments.views._common import flash_error, form_data, require_create
from cchc.jobs.services import job_enqueue

PHASES = [
    (Cycle.Status.SELF_ASSESSMENT, "self_deadline"),
    (Cycle.Status.APPRAISAL_1, "appraisal1_deadline"),
    (Cycle.Status.EXPLANATION, "explanation_deadline"),
    (Cycle.Status.APPRAISAL_2, "appraisal2_deadline"),
    (Cycle.Status.PUBLISHED, "publication_deadline"),
]


@login_required
@require_GET
def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = list(selectors.cycles_for_user(request.user).order_by("-year", "name"))
    for cycle in cycles:
        cycle.badge = STATUS_BADGES.get(cycle.status, "text-bg-light")  # type: ignore[attr-defined]
    can_create = selectors_can_create(request.user)
    return render(request, "assessments/cycle_list.html", {"cycles": cycles, "can_create": can_create})


def selectors_can_create(user: Any) -> bool:
    try:
        require_create(user)
    except PermissionDenied:
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def cycle_create(request: HttpRequest) -> HttpResponse:
    owners = require_create(request.user)
    initial = {
        "owner": owners.first(),
        "survey_ran": True,
        "bands": [["Tốt", "90"], ["Khá", "80"], ["Trung bình", "70"], ["Yếu", "0"]],
    }
    form = CycleForm(*form_data(request), owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(
                actor=request.user, owner=form.cleaned_data["owner"], **form.service_fields()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The cycle was created. Add its frameworks and participants."))
            return redirect(cycle)
    return render(request, "assessments/cycle_form.html", {"form": form, "cycle": None})


def _phases(cycle: Cycle) -> list[dict[str, Any]]:
    order = [str(s) for s, _f in PHASES]
    current = order.index(cycle.status) if cycle.status in order else -1
    return [
        {
            "label": Cycle.Status(status).label,
            "deadline": getattr(cycle, field),
            "state": "done" if i < current else ("current" if i == current else "later"),
        }
        for i, (status, field) in enumerate(PHASES)
    ]


@login_required
@require_GET
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    can_manage = selectors.can_manage(request.user, cycle)
    assessments = list(selectors.assessments_for_user(request.user, cycle).prefetch_related("extensions"))
    results = {r.assessment_id: r for r in Result.objects.filter(assessment__in=assessments)}
    for a in assessments:
        a.cycle = cycle
        a.late = selectors.is_late(a, list(a.extensions.all()))  # type: ignore[attr-defined]
        a.result = results.get(a.pk)  # type: ignore[attr-defined]
    context = {
        "cycle": cycle,
        "badge": STATUS_BADGES.get(cycle.status),
        "phases": _phases(cycle),
        "entries": list(
            cycle.frameworks.select_related("framework", "unit_group").prefetch_related("unit_types")
        ),
        "assessments": assessments,
        "late_count": sum(1 for a in assessments if getattr(a, "late", False)),
        "can_manage": can_manage,
        "can_see_all": selectors.can_see_all(request.user, cycle),
        "can_appraise": selectors.can_appraise_cycle(request.user, cycle),
        "framework_form": FrameworkAddForm(owner=cycle.owner)
        if can_manage and cycle.status == Cycle.Status.DRAFT
        else None,
        "publications": list(cycle.publications.order_by("-version")),
        "correction_form": CorrectionForm()
        if can_manage and cycle.status == Cycle.Status.PUBLISHED
        else None,
    }
    return render(request, "assessments/cycle_detail.html", context)


def _managed_cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    if not selectors.can_manage(request.user, cycle):
        raise PermissionDenied
    return cycle


@login_required
@require_http_methods(["GET", "POST"])
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _managed_cycle(request, pk)
    initial = {
        f: getattr(cycle, f) for f in ("year", "name", "survey_ran", "bonus_cap", "penalty_cap", "bands")
    }
    initial.update({name: getattr(cycle, name) for name, _label in DEADLINES})
    form = CycleForm(*form_data(request), initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_update(actor=request.user, cycle=cycle, **form.service_fields())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The cycle was saved."))
            return redirect(cycle)
    return render(request, "assessments/cycle_form.html", {"form": form, "cycle": cycle})


@login_required
@require_POST
def cycle_framework_add(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _managed_cycle(request, pk)
    form = FrameworkAddForm(request.POST, owner=cycle.owner)
    if form.is_valid():
        try:
            services.cycle_framework_add(actor=request.user, cycle=cycle, **form.cleaned_data)
            messages.success(request, _("The framework was added."))
        except ValidationError as error:
            flash_error(request, error)
    else:
        messages.error(request, _("Choose a framework and name the ranking group."))
    return redirect(cycle)


@login_required
@require_POST
def cycle_participants_add(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _managed_cycle(request, pk)
    try:
        created = services.cycle_participants_add(actor=request.user, cycle=cycle)
        messages.success(request, _("%(count)s units were enrolled.") % {"count": len(created)})
    except ValidationError as error:
        flash_error(request, error)
    return redirect(cycle)


@login_required
@require_POST
def cycle_action(request: HttpRequest, pk: int) -> HttpResponse:
    """open / advance / publish / recompute (a background job) / refresh automatic inputs."""
    cycle = _managed_cycle(request, pk)
    action = request.POST.get("action", "")
    try:
        if action == "open":
            services.cycle_open(actor=request.user, cycle=cycle)
            messages.success(request, _("The cycle is open for self-assessment."))
        elif action == "advance":
            cycle = services.cycle_advance(actor=request.user, cycle=cycle)
            messages.success(
                request, _("The cycle moved to: %(phase)s.") % {"phase": cycle.get_status_display()}
            )
        elif action == "publish":
            publication = services.cycle_publish(actor=request.user, cycle=cycle)
            messages.success(request, _("Published (SHA-256 %(hash)s).") % {"hash": publication.sha256[:16]})
        elif action == "refresh_auto":
            count = services.answers_refresh_auto(actor=request.user, cycle=cycle)
            messages.success(request, _("%(count)s automatic values were updated.") % {"count": count})
        elif action == "recompute":
            if cycle.status == Cycle.Status.PUBLISHED:
                raise ValidationError(
                    _("The results are published and cannot change; publish a correction instead.")
                )
            job = job_enqueue(
                actor=request.user,
                kind="assessments.recompute",
                title=_("Recompute results: %(cycle)s") % {"cycle": cycle.name},
                params={"cycle_id": cycle.pk},
                unit=cycle.owner,
            )
            return redirect("jobs:detail", job.pk)
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        flash_error(request, error)
    return redirect(cycle)


@login_required
@require_GET
def cycle_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Ranking per group with charts; province-level readers only (units see their own sheet)."""
    cycle = selectors.get_cycle_for_user(request.user, pk)
    if not selectors.can_see_all(request.user, cycle):
        raise PermissionDenied
    results = list(
        Result.objects.filter(cycle=cycle)
        .select_related("unit", "cycle_framework")
        .order_by("cycle_framework__sort_order", "rank", "unit__name")
    )
    groups: dict[int, dict[str, Any]] = {}
    for r in results:
        group = groups.setdefault(
            r.cycle_framework_id, {"entry": r.cycle_framework, "results": [], "domains": []}
        )
        group["results"].append(r)
        if not group["domains"]:
            group["domains"] = [{"code": d["code"], "title": d["title"]} for d in r.domains]
    charts = []
    for key, group in groups.items():
        ordered = [r for r in group["results"] if r.index is not None]
        charts.append(
            {
                "id": key,
                "name": group["entry"].name,
                "units": [r.unit.short_name or r.unit.name for r in ordered],
                "index": [float(r.index) for r in ordered],
                "domains": [d["code"] for d in group["domains"]],
                "heat": [
                    [j, i, float(Decimal(d["index"])) if d["index"] is not None else None]
                    for i, r in enumerate(ordered)
                    for j, d in enumerate(r.domains)
                ],
            }
        )
    context = {
        "cycle": cycle,
        "groups": list(groups.values()),
        "charts": charts,
        "can_manage": selectors.can_manage(request.user, cycle),
        "publication": selectors.latest_publication(cycle),
    }
    return render(request, "assessments/results.html", context)


@login_required
@require_POST
def publication_correct(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _managed_cycle(request, pk)
    form = CorrectionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write the corrections and the reason."))
        corrections = []
        answers = Answer.objects.filter(assessment__cycle=cycle).select_related(
            "assessment__unit", "criterion"
        )
        index = {(a.assessment.unit.code, a.criterion.code): a for a in answers}
        for unit_code, code, points in form.parsed():
            answer = index.get((unit_code, code))
            if answer is None:
                raise ValidationError(
                    _("No criterion %(code)s for unit %(unit)s in this cycle.")
                    % {"code": code, "unit": unit_code}
                )
            corrections.append(services.Correction(answer, points))
        publication = services.publication_correct(
            actor=request.user, cycle=cycle, corrections=corrections, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Correction published as version %(v)s.") % {"v": publication.version})
    except ValidationError as error:
        flash_error(request, error)
    return redirect(cycle)


__all__ = ["Assessment", "DeadlineExtension", "defaultdict"]
