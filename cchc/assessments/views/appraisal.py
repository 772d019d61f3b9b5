"""Appraisal screens: assignment matrix, dashboard and queue, the side-by-side appraisal sheet."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.accounts import scope
from cchc.accounts.models import Membership, Role
from cchc.assessments import frameworks, selectors, services
from cchc.assessments.models import Assignment, Cycle
from cchc.assessments.views._common import flash_error

ROUND_OF = {Cycle.Status.APPRAISAL_1: 1, Cycle.Status.APPRAISAL_2: 2}


def _appraisal_cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    if not selectors.can_appraise_cycle(request.user, cycle):
        raise PermissionDenied
    return cycle


@login_required
@require_GET
def appraisal_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _appraisal_cycle(request, pk)
    per_unit, per_appraiser = selectors.appraisal_progress(cycle)
    mine = (
        Assignment.objects.filter(cycle=cycle, appraiser_id=request.user.pk)
        .select_related("assessment__unit", "domain")
        .order_by("assessment__unit__name", "domain__sort_order")
    )
    context = {
        "cycle": cycle,
        "per_unit": per_unit,
        "per_appraiser": per_appraiser,
        "mine": mine,
        "can_manage": selectors.can_manage(request.user, cycle),
        "round": ROUND_OF.get(Cycle.Status(cycle.status)),
    }
    return render(request, "assessments/appraisal_dashboard.html", context)


def eligible_appraisers(cycle: Cycle) -> list[Any]:
    """Holders of an appraiser role within the organising unit (conflicts are checked per unit)."""
    ids = (
        Membership.objects.filter(
            is_active=True, role__in=[Role.APPRAISER], unit__path__startswith=cycle.owner.path
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("full_name", "username"))


@login_required
@require_http_methods(["GET", "POST"])
def assignment_matrix(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    if not selectors.can_manage(request.user, cycle):
        raise PermissionDenied
    assessments = list(cycle.assessments.select_related("unit", "cycle_framework").order_by("unit__name"))
    trees = frameworks.load_trees({a.cycle_framework.framework_id for a in assessments})
    current = {(a.assessment_id, a.domain_id): a.appraiser_id for a in Assignment.objects.filter(cycle=cycle)}
    people = eligible_appraisers(cycle)
    by_id = {p.pk: p for p in people}
    if request.method == "POST":
        from cchc.scoring.models import Criterion

        changed = errors = 0
        for a in assessments:
            for domain in trees[a.cycle_framework.framework_id].roots:
                key = f"a_{a.pk}_{domain.id}"
                if key not in request.POST:
                    continue
                raw = request.POST[key]
                wanted = int(raw) if raw.isdigit() else None
                if wanted == current.get((a.pk, domain.id)):
                    continue
                try:
                    services.assignment_set(
                        actor=request.user,
                        assessment=a,
                        domain=Criterion.objects.get(pk=domain.id),
                        appraiser=by_id.get(wanted) if wanted else None,
                    )
                    changed += 1
                except ValidationError as error:
                    errors += 1
                    flash_error(request, error)
        if changed:
            messages.success(request, _("%(count)s assignments were saved.") % {"count": changed})
        if not errors:
            return redirect("assessments:assignments", cycle.pk)
        current = {
            (x.assessment_id, x.domain_id): x.appraiser_id for x in Assignment.objects.filter(cycle=cycle)
        }
    rows = [
        {
            "assessment": a,
            "cells": [
                {"domain": d, "name": f"a_{a.pk}_{d.id}", "value": current.get((a.pk, d.id))}
                for d in trees[a.cycle_framework.framework_id].roots
            ],
        }
        for a in assessments
    ]
    width = max((len(r["cells"]) for r in rows), default=0)  # type: ignore[arg-type]
    return render(
        request,
        "assessments/assignments.html",
        {"cycle": cycle, "rows": rows, "people": people, "width": range(width)},
    )


def _sheet_context(request: HttpRequest, assessment: Any) -> dict[str, Any]:
    cycle = assessment.cycle
    round_no = ROUND_OF.get(Cycle.Status(cycle.status))
    mine = set(
        Assignment.objects.filter(assessment=assessment, appraiser_id=request.user.pk).values_list(
            "domain_id", flat=True
        )
    )
    return {
        "assessment": assessment,
        "cycle": cycle,
        "round": round_no,
        "mine": mine,
        "conflict": services.has_conflict(request.user, assessment.unit),
    }


@login_required
@require_GET
def appraisal_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    if not (
        scope.can(request.user, scope.APPRAISE, assessment.unit)
        or selectors.can_manage(request.user, assessment.cycle)
    ):
        raise PermissionDenied
    context = _sheet_context(request, assessment)
    context["rows"] = selectors.sheet_rows(assessment)
    return render(request, "assessments/appraisal_sheet.html", context)


@login_required
@require_POST
def answer_appraise(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.get_answer_for_user(request.user, pk)
    round_no = ROUND_OF.get(Cycle.Status(answer.assessment.cycle.status), 0)
    error = ""
    raw_version = request.POST.get("version", "")
    declared = {k[2:]: v for k, v in request.POST.items() if k.startswith("f_")} or None
    try:
        services.answer_appraise(
            actor=request.user,
            answer=answer,
            round=round_no,
            decision=request.POST.get("decision", ""),
            points=request.POST.get("points") or None,
            declared=declared,
            comment=request.POST.get("comment", ""),
            version=int(raw_version) if raw_version.isdigit() else None,
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:  # type: ignore[attr-defined]
        if error:
            messages.error(request, error)
        return redirect("assessments:appraisal_sheet", answer.assessment_id)
    assessment = selectors.get_assessment_for_user(request.user, answer.assessment_id)
    context = _sheet_context(request, assessment)
    context["row"] = next(
        r for r in selectors.sheet_rows(assessment) if r.answer and r.answer.pk == answer.pk
    )
    context["error"] = error
    context["saved"] = not error
    return render(request, "assessments/appraisal_sheet.html#leaf", context)
