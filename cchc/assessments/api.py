"""API: PAR INDEX cycles, assessments, answers, evidence metadata, appraisal, results.

Scoped exactly like the screens (same selectors and services): out of scope → 404, in scope
without the capability → 403, a rule or workflow refusal → 422.
"""

# No `from __future__ import annotations`: ninja evaluates the annotations of the operations.

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router

from cchc.accounts import scope
from cchc.api.auth import current_user
from cchc.api.schemas.common import ERRORS_READ, ERRORS_WRITE, ErrorOut
from cchc.assessments import frameworks, selectors, services
from cchc.assessments.models import Answer, Assessment, Cycle, Result
from cchc.assessments.schemas import (
    AnswerOut,
    AppraiseIn,
    AssessmentOut,
    CycleDetailOut,
    CycleOut,
    EvidenceOut,
    ExplainIn,
    ResultOut,
    SelfIn,
)

router = Router(tags=["Chỉ số CCHC"])
ROUND_OF = {Cycle.Status.APPRAISAL_1: 1, Cycle.Status.APPRAISAL_2: 2}


def _unit(u: Any) -> dict[str, Any]:
    return {"id": u.pk, "code": u.code, "name": u.name}


def _cycle(c: Cycle) -> dict[str, Any]:
    data = {f: getattr(c, f) for f in CycleOut.model_fields if f != "owner"}
    data["owner"] = _unit(c.owner)
    return data


def _answer(a: Answer) -> dict[str, Any]:
    data = {f: getattr(a, f) for f in AnswerOut.model_fields if hasattr(a, f) and f != "id"}
    data.update(
        id=a.pk,
        code=a.criterion.code,
        title=a.criterion.title,
        max_points=a.criterion.max_points,
        method=a.criterion.method,
    )
    return data


def _assessment(a: Assessment) -> dict[str, Any]:
    position = frameworks.tree_position(a.cycle_framework.framework_id)
    answers = sorted(a.answers.select_related("criterion"), key=lambda x: position.get(x.criterion_id, 0))
    return {
        "id": a.pk,
        "cycle_id": a.cycle_id,
        "unit": _unit(a.unit),
        "status": a.status,
        "submitted_at": a.submitted_at,
        "explanation_submitted_at": a.explanation_submitted_at,
        "answers": [_answer(x) for x in answers],
    }


@router.get(
    "/cycles",
    response={200: list[CycleOut], 401: ErrorOut},
    summary="Các đợt đánh giá",
    url_name="par_cycles",
)
def cycle_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Các đợt đánh giá mà đơn vị tổ chức hoặc một đơn vị tham gia thuộc phạm vi của người gọi."""
    return [_cycle(c) for c in selectors.cycles_for_user(current_user(request)).order_by("-year", "name")]


@router.get(
    "/cycles/{cycle_id}", response={200: CycleDetailOut, **ERRORS_READ}, summary="Chi tiết đợt đánh giá"
)
def cycle_detail(request: HttpRequest, cycle_id: int) -> dict[str, Any]:
    user = current_user(request)
    cycle = selectors.get_cycle_for_user(user, cycle_id)
    participants = []
    for a in selectors.assessments_for_user(user, cycle).prefetch_related("extensions"):
        a.cycle = cycle
        participants.append(
            {
                "assessment_id": a.pk,
                "unit": _unit(a.unit),
                "group": a.cycle_framework.name,
                "status": a.status,
                "late": selectors.is_late(a, list(a.extensions.all())),
            }
        )
    return {**_cycle(cycle), "participants": participants}


@router.post(
    "/cycles/{cycle_id}/advance", response={200: CycleOut, **ERRORS_WRITE}, summary="Chuyển giai đoạn"
)
def cycle_advance(request: HttpRequest, cycle_id: int) -> dict[str, Any]:
    """Chuyển đợt sang giai đoạn kế tiếp (quản trị cấp tỉnh). Mở đợt khi đang ở bản nháp."""
    user = current_user(request)
    cycle = selectors.get_cycle_for_user(user, cycle_id)
    if cycle.status == Cycle.Status.DRAFT:
        cycle = services.cycle_open(actor=user, cycle=cycle)
    else:
        cycle = services.cycle_advance(actor=user, cycle=cycle)
    return _cycle(cycle)


@router.get(
    "/cycles/{cycle_id}/results",
    response={200: list[ResultOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Kết quả và xếp hạng",
)
def cycle_results(request: HttpRequest, cycle_id: int) -> list[dict[str, Any]]:
    """Kết quả hiện tại (tạm tính trước khi công bố) — chỉ người xem được cấp tỉnh."""
    user = current_user(request)
    cycle = selectors.get_cycle_for_user(user, cycle_id)
    if not selectors.can_see_all(user, cycle):
        raise PermissionDenied
    rows = (
        Result.objects.filter(cycle=cycle)
        .select_related("unit", "cycle_framework")
        .order_by("cycle_framework__sort_order", "rank")
    )
    return [
        {
            "unit": _unit(r.unit),
            "group": r.cycle_framework.name,
            **{
                k: getattr(r, k)
                for k in (
                    "rank",
                    "total",
                    "max_applicable",
                    "index",
                    "band",
                    "bonus",
                    "penalty",
                    "domains",
                    "prev_total",
                    "prev_rank",
                )
            },
        }
        for r in rows
    ]


@router.get(
    "/assessments/{assessment_id}", response={200: AssessmentOut, **ERRORS_READ}, summary="Phiếu chấm điểm"
)
def assessment_detail(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    return _assessment(selectors.get_assessment_for_user(current_user(request), assessment_id))


@router.post(
    "/assessments/{assessment_id}/submit", response={200: AssessmentOut, **ERRORS_WRITE}, summary="Gửi phiếu"
)
def assessment_submit(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    """Lãnh đạo đơn vị gửi phiếu tự chấm (hoặc, trong thời hạn giải trình, gửi giải trình)."""
    user = current_user(request)
    assessment = selectors.get_assessment_for_user(user, assessment_id, scope.APPROVE)
    if assessment.cycle.status == Cycle.Status.EXPLANATION:
        services.assessment_submit_explanation(actor=user, assessment=assessment)
    else:
        services.assessment_submit(actor=user, assessment=assessment)
    return _assessment(selectors.get_assessment_for_user(user, assessment_id))


@router.get(
    "/assessments/{assessment_id}/evidence",
    response={200: list[EvidenceOut], **ERRORS_READ},
    summary="Tài liệu kiểm chứng (thông tin)",
)
def evidence_list(request: HttpRequest, assessment_id: int) -> list[dict[str, Any]]:
    assessment = selectors.get_assessment_for_user(current_user(request), assessment_id)
    return [
        {
            **{
                k: getattr(e, k)
                for k in (
                    "id",
                    "title",
                    "doc_number",
                    "doc_date",
                    "kind",
                    "size",
                    "sha256",
                    "stage",
                    "uploaded_at",
                )
            },
            "criteria": [a.criterion.code for a in e.answers.all()],
        }
        for e in assessment.evidence.prefetch_related("answers__criterion")
    ]


@router.put(
    "/answers/{answer_id}", response={200: AnswerOut, **ERRORS_WRITE}, summary="Lưu tự chấm một tiêu chí"
)
def answer_save(request: HttpRequest, answer_id: int, payload: SelfIn) -> dict[str, Any]:
    user = current_user(request)
    answer = selectors.get_answer_for_user(user, answer_id, scope.WRITE)
    saved = services.answer_save_self(
        actor=user,
        answer=answer,
        declared=payload.declared,
        explanation=payload.explanation,
        version=payload.version,
    )
    return _answer(saved)


@router.post(
    "/answers/{answer_id}/appraise",
    response={200: AnswerOut, **ERRORS_WRITE},
    summary="Thẩm định một tiêu chí",
)
def answer_appraise(request: HttpRequest, answer_id: int, payload: AppraiseIn) -> dict[str, Any]:
    """Vòng thẩm định theo giai đoạn hiện tại của đợt; cần được phân công lĩnh vực của tiêu chí."""
    user = current_user(request)
    answer = selectors.get_answer_for_user(user, answer_id)
    saved = services.answer_appraise(
        actor=user,
        answer=answer,
        round=ROUND_OF.get(Cycle.Status(answer.assessment.cycle.status), 0),
        decision=payload.decision,
        points=payload.points,
        declared=payload.declared,
        comment=payload.comment,
        version=payload.version,
    )
    return _answer(saved)


@router.post("/answers/{answer_id}/explain", response={200: AnswerOut, **ERRORS_WRITE}, summary="Giải trình")
def answer_explain(request: HttpRequest, answer_id: int, payload: ExplainIn) -> dict[str, Any]:
    user = current_user(request)
    answer = selectors.get_answer_for_user(user, answer_id, scope.WRITE)
    return _answer(
        services.answer_explain(actor=user, answer=answer, response=payload.response, version=payload.version)
    )
