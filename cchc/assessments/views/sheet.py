"""The unit's scoring sheet: declared values saved per criterion (htmx), evidence, submission,
and in the explanation window the unit's answers to the appraisal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import scope
from cchc.assessments import filetypes, frameworks, selectors, services
from cchc.assessments.forms import STATUS_BADGES, EvidenceForm, ExtensionForm
from cchc.assessments.models import Answer, Assessment, Cycle, Evidence, Result
from cchc.assessments.services._common import effective_deadline
from cchc.assessments.views._common import flash_error


def _permissions(user: Any, assessment: Assessment) -> dict[str, bool]:
    cycle = assessment.cycle
    write = scope.can(user, scope.WRITE, assessment.unit)
    approve = scope.can(user, scope.APPROVE, assessment.unit)
    self_phase = cycle.status == Cycle.Status.SELF_ASSESSMENT and not assessment.is_locked
    explain_phase = cycle.status == Cycle.Status.EXPLANATION and assessment.explanation_submitted_at is None
    return {
        "can_edit": write and self_phase,
        "can_submit": approve and self_phase,
        "can_explain": write and explain_phase,
        "can_submit_explanation": approve and explain_phase,
        "can_upload": write and (self_phase or explain_phase),
        "can_extend": selectors.can_manage(user, cycle) and cycle.status != Cycle.Status.PUBLISHED,
        "can_appraise": scope.can(user, scope.APPRAISE, assessment.unit)
        and cycle.status in (Cycle.Status.APPRAISAL_1, Cycle.Status.APPRAISAL_2),
        "show_appraisal": cycle.status not in (Cycle.Status.DRAFT, Cycle.Status.SELF_ASSESSMENT),
    }


def _answer_choices(assessment: Assessment) -> list[tuple[int, str]]:
    position = frameworks.tree_position(assessment.cycle_framework.framework_id)
    answers = sorted(
        assessment.answers.select_related("criterion"), key=lambda a: position.get(a.criterion_id, 0)
    )
    return [
        (a.pk, f"{a.criterion.code} {a.criterion.title}"[:120])
        for a in answers
        if a.criterion.method != "survey"
    ]


@login_required
@require_GET
def assessment_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    perms = _permissions(request.user, assessment)
    done, total = services.completeness(assessment)
    extensions = list(assessment.extensions.all())
    context = {
        "assessment": assessment,
        "cycle": assessment.cycle,
        "badge": STATUS_BADGES.get(assessment.cycle.status),
        "rows": selectors.sheet_rows(assessment),
        "done": done,
        "total": total,
        "missing": services.missing_items(assessment) if perms["can_edit"] or perms["can_submit"] else [],
        "evidence": list(assessment.evidence.prefetch_related("answers__criterion")),
        "evidence_form": EvidenceForm(answer_choices=_answer_choices(assessment))
        if perms["can_upload"]
        else None,
        "extension_form": ExtensionForm() if perms["can_extend"] else None,
        "extensions": extensions,
        "self_deadline": effective_deadline(assessment, "self", extensions),
        "explanation_deadline": effective_deadline(assessment, "explanation", extensions),
        "late": selectors.is_late(assessment, extensions),
        # The unit sees its result once published (before that it changes with the appraisal).
        "result": Result.objects.filter(assessment=assessment).first()
        if assessment.cycle.status == Cycle.Status.PUBLISHED
        else None,
        **perms,
    }
    return render(request, "assessments/sheet.html", context)


def _declared(request: HttpRequest) -> dict[str, str]:
    return {key[2:]: str(value) for key, value in request.POST.items() if key.startswith("f_")}


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _row_response(request: HttpRequest, answer: Answer, error: str = "") -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, answer.assessment_id)
    perms = _permissions(request.user, assessment)
    row = next(r for r in selectors.sheet_rows(assessment) if r.answer and r.answer.pk == answer.pk)
    if error and row.answer is not None:
        row.answer.declared = {**row.answer.declared, **_declared(request)}  # keep what was typed
    return render(
        request,
        "assessments/sheet.html#leaf",
        {"row": row, "assessment": assessment, "error": error, "saved": not error, **perms},
    )


@login_required
@require_POST
def answer_save(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.get_answer_for_user(request.user, pk, scope.WRITE)
    error = ""
    try:
        services.answer_save_self(
            actor=request.user,
            answer=answer,
            declared=_declared(request),
            explanation=request.POST.get("explanation"),
            version=_version(request),
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:  # type: ignore[attr-defined]
        return _row_response(request, answer, error)
    if error:
        messages.error(request, error)
    return redirect(f"{answer.assessment.get_absolute_url()}#c{answer.criterion_id}")


@login_required
@require_POST
def answer_explain(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.get_answer_for_user(request.user, pk, scope.WRITE)
    error = ""
    try:
        services.answer_explain(
            actor=request.user,
            answer=answer,
            response=request.POST.get("response", ""),
            version=_version(request),
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:  # type: ignore[attr-defined]
        return _row_response(request, answer, error)
    if error:
        messages.error(request, error)
    return redirect(f"{answer.assessment.get_absolute_url()}#c{answer.criterion_id}")


@login_required
@require_POST
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the self-assessment (or, in the explanation window, the explanations)."""
    assessment = selectors.get_assessment_for_user(request.user, pk, scope.APPROVE)
    try:
        if assessment.cycle.status == Cycle.Status.EXPLANATION:
            services.assessment_submit_explanation(actor=request.user, assessment=assessment)
            messages.success(request, _("The explanations were sent to the appraisal council."))
        else:
            services.assessment_submit(actor=request.user, assessment=assessment)
            messages.success(request, _("The self-assessment was submitted and is now locked."))
    except ValidationError as error:
        flash_error(request, error)
    return redirect(assessment)


@login_required
@require_POST
def assessment_extend(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    if not selectors.can_manage(request.user, assessment.cycle):
        raise PermissionDenied
    form = ExtensionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the phase, a valid new deadline and the reason."))
        services.deadline_extend(actor=request.user, assessment=assessment, **form.cleaned_data)
        messages.success(request, _("The deadline was extended for this unit."))
    except ValidationError as error:
        flash_error(request, error)
    return redirect(assessment)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk, scope.WRITE)
    form = EvidenceForm(request.POST, request.FILES, answer_choices=_answer_choices(assessment))
    try:
        if not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        answers = list(
            Answer.objects.filter(
                assessment=assessment, pk__in=[int(x) for x in data["answers"]]
            ).select_related("criterion")
        )
        services.evidence_upload(
            actor=request.user,
            assessment=assessment,
            upload=data["file"],
            title=data["title"],
            doc_number=data["doc_number"],
            doc_date=data["doc_date"],
            answers=answers,
        )
        messages.success(request, _("The document was uploaded."))
    except ValidationError as error:
        flash_error(request, error)
    return redirect(f"{assessment.get_absolute_url()}#evidence")


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.get_evidence_for_user(request.user, pk)
    scope.require(request.user, scope.WRITE, evidence.assessment.unit)
    try:
        services.evidence_delete(actor=request.user, evidence=evidence)
        messages.success(request, _("The document was removed."))
    except ValidationError as error:
        flash_error(request, error)
    return redirect(f"{evidence.assessment.get_absolute_url()}#evidence")


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Served through this view only (the files are outside the web root), to those who may see the sheet."""
    evidence = selectors.get_evidence_for_user(request.user, pk)
    kind = filetypes.KINDS.get(evidence.kind)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


__all__ = ["Evidence"]
