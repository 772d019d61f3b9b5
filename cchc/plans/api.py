"""API of plans, tasks, progress reports, statistics and targets, scoped exactly like the pages
(same selectors and services): an object outside the caller's scope is 404, a missing capability 403."""

# No `from __future__ import annotations` here: ninja builds its parameter models from the
# evaluated annotations of the operations.

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from cchc.accounts import scope
from cchc.api.auth import current_user
from cchc.api.pagination import Pagination
from cchc.api.schemas.common import ERRORS_READ, ERRORS_WRITE, ErrorOut
from cchc.plans import reports, selectors, services, targets
from cchc.plans.models import Plan, Task, TaskUpdate

router = Router(tags=["Kế hoạch CCHC"])


class PlanOut(Schema):
    id: int
    year: int
    title: str
    issuing_unit_id: int
    issuing_unit: str
    doc_number: str
    doc_date: dt.date | None
    status: str
    parent_id: int | None
    trust_self_reports: bool
    escalation_days: int

    @staticmethod
    def resolve_issuing_unit(obj: Plan) -> str:
        return obj.issuing_unit.name


class TaskOut(Schema):
    id: int
    plan_id: int
    number: str
    title: str
    area: str
    lead_unit_id: int
    lead_unit: str
    coordinating_unit_ids: list[int]
    output: str
    deadline_kind: str
    deadline: dt.date
    quarter: int | None
    weight: Decimal
    par_index_code: str
    source: str
    parent_id: int | None
    cancelled_on: dt.date | None

    @staticmethod
    def resolve_area(obj: Task) -> str:
        return obj.area.name

    @staticmethod
    def resolve_lead_unit(obj: Task) -> str:
        return obj.lead_unit.name

    @staticmethod
    def resolve_coordinating_unit_ids(obj: Task) -> list[int]:
        return [u.pk for u in obj.coordinating_units.all()]


class UpdateOut(Schema):
    id: int
    task_id: int
    kind: str
    unit_id: int
    status: str
    percent: int | None
    text: str
    reason: str
    reported_on: dt.date
    completed_on: dt.date | None
    period_key: str
    review: str
    review_comment: str
    evidence: list[str]

    @staticmethod
    def resolve_evidence(obj: TaskUpdate) -> list[str]:
        return [e.original_name for e in obj.evidence.all()]


class UpdateIn(Schema):
    status: str
    text: str
    percent: int | None = None
    reason: str = ""
    reported_on: dt.date | None = None
    completed_on: dt.date | None = None
    period_key: str = ""


class ReviewIn(Schema):
    accept: bool
    comment: str = ""


class SummaryOut(Schema):
    total: int
    completed: int
    completed_on_time: int
    completed_late: int
    in_progress: int
    not_started: int
    not_done: int
    overdue: int
    cancelled: int
    completed_percent: Decimal | None
    weighted_percent: Decimal | None


class GroupOut(Schema):
    name: str
    summary: SummaryOut


class StatisticsOut(Schema):
    period: str
    start: dt.date
    end: dt.date
    sentence: str
    summary: SummaryOut
    by_area: list[GroupOut]
    by_unit: list[GroupOut]
    overdue_task_ids: list[int]


class ProgrammeOut(Schema):
    id: int
    title: str
    issuing_unit_id: int
    start_year: int
    end_year: int


class TargetResultOut(Schema):
    target_id: int
    number: str
    name: str
    direction: str
    goal: Decimal | None
    actual: Decimal | None
    met: bool
    source: str


class TargetSummaryOut(Schema):
    year: int
    quarter: int
    sentence: str
    met: int
    counted: int
    met_percent: Decimal | None
    results: list[TargetResultOut]


def _tasks(qs: QuerySet[Task]) -> QuerySet[Task]:
    return qs.select_related("area", "lead_unit").prefetch_related("coordinating_units")


@router.get(
    "/", response={200: list[PlanOut], 401: ErrorOut}, summary="Danh sách kế hoạch", url_name="plan_list"
)
@paginate(Pagination)
def plan_list(request: HttpRequest, year: int | None = None) -> QuerySet[Plan]:
    """Các kế hoạch trong phạm vi của người gọi."""
    plans = selectors.plans_for_user(current_user(request)).select_related("issuing_unit")
    return plans.filter(year=year) if year else plans


@router.get(
    "/{int:plan_id}", response={200: PlanOut, **ERRORS_READ}, summary="Một kế hoạch", url_name="plan_detail"
)
def plan_detail(request: HttpRequest, plan_id: int) -> Plan:
    return selectors.get_plan_for_user(current_user(request), plan_id)


@router.get(
    "/{int:plan_id}/tasks",
    response={200: list[TaskOut], **ERRORS_READ},
    summary="Nhiệm vụ của kế hoạch",
    url_name="plan_tasks",
)
def plan_tasks(request: HttpRequest, plan_id: int) -> QuerySet[Task]:
    user = current_user(request)
    plan = selectors.get_plan_for_user(user, plan_id)
    return _tasks(selectors.visible_plan_tasks(user, plan)).order_by("area__sort_order", "sort_order", "id")


def _summary(s: Any) -> dict[str, Any]:
    return s.as_dict() | {"completed_on_time": s.completed_on_time, "completed_late": s.completed_late}


@router.get(
    "/{int:plan_id}/statistics",
    response={200: StatisticsOut, **ERRORS_READ},
    summary="Thống kê tiến độ kế hoạch",
    url_name="plan_statistics",
)
def plan_statistics(
    request: HttpRequest, plan_id: int, period: str = "year", year: int | None = None
) -> dict[str, Any]:
    """Kỳ: q1…q4, h1, m9, year, par_q1 (15/12–14/3), par_h1, par_q3, par_year."""
    user = current_user(request)
    plan = selectors.get_plan_for_user(user, plan_id)
    result = reports.statistics(
        selectors.visible_plan_tasks(user, plan),
        reports.period_from({"period": period, "year": year}, plan.year),
    )
    return {
        "period": result.period.key,
        "start": result.period.start,
        "end": result.period.end,
        "sentence": result.sentence,
        "summary": _summary(result.summary),
        "by_area": [{"name": n, "summary": _summary(s)} for n, s in result.by_area],
        "by_unit": [{"name": n, "summary": _summary(s)} for n, s in result.by_unit],
        "overdue_task_ids": [r.id for r, _c in result.overdue],
    }


@router.get(
    "/tasks/{int:task_id}",
    response={200: TaskOut, **ERRORS_READ},
    summary="Một nhiệm vụ",
    url_name="task_detail",
)
def task_detail(request: HttpRequest, task_id: int) -> Task:
    return selectors.get_task_for_user(current_user(request), task_id)


@router.get(
    "/tasks/{int:task_id}/updates",
    response={200: list[UpdateOut], **ERRORS_READ},
    summary="Báo cáo tiến độ của nhiệm vụ",
    url_name="task_updates",
)
def task_updates(request: HttpRequest, task_id: int) -> QuerySet[TaskUpdate]:
    task = selectors.get_task_for_user(current_user(request), task_id)
    return task.updates.prefetch_related("evidence").order_by("-reported_on", "-id")


@router.post(
    "/tasks/{int:task_id}/updates",
    response={200: UpdateOut, **ERRORS_WRITE},
    summary="Gửi báo cáo tiến độ (đơn vị chủ trì)",
    url_name="task_update_create",
)
def task_update_create(request: HttpRequest, task_id: int, payload: UpdateIn) -> TaskUpdate:
    user = current_user(request)
    task = selectors.get_task_for_user(user, task_id)
    if not scope.can(user, scope.WRITE, task.lead_unit):
        raise scope.PermissionDenied
    return services.update_create(actor=user, task=task, **payload.dict())


@router.post(
    "/updates/{int:update_id}/review",
    response={200: UpdateOut, **ERRORS_WRITE},
    summary="Chấp nhận hoặc trả lại báo cáo",
    url_name="update_review",
)
def update_review(request: HttpRequest, update_id: int, payload: ReviewIn) -> TaskUpdate:
    user = current_user(request)
    update = selectors.get_update_for_user(user, update_id)
    return services.update_review(actor=user, update=update, accept=payload.accept, comment=payload.comment)


@router.get(
    "/programmes",
    response={200: list[ProgrammeOut], 401: ErrorOut},
    summary="Chương trình, chỉ tiêu",
    url_name="programme_list",
)
def programme_list(request: HttpRequest) -> QuerySet[Any]:
    return targets.programmes_for_user(current_user(request))


@router.get(
    "/programmes/{int:programme_id}/summary",
    response={200: TargetSummaryOut, **ERRORS_READ},
    summary="Kết quả thực hiện chỉ tiêu",
    url_name="programme_summary",
)
def programme_summary(request: HttpRequest, programme_id: int, year: int, quarter: int = 0) -> dict[str, Any]:
    programme = targets.get_programme_for_user(current_user(request), programme_id)
    s = targets.target_summary(programme, year, quarter)
    return {
        "year": year,
        "quarter": quarter,
        "sentence": s.sentence,
        "met": len(s.met),
        "counted": len(s.counted),
        "met_percent": s.met_percent,
        "results": [
            {
                "target_id": r.target.pk,
                "number": r.target.number,
                "name": r.target.name,
                "direction": r.target.direction,
                "goal": r.goal,
                "actual": r.actual,
                "met": r.met,
                "source": r.source,
            }
            for r in s.results
        ],
    }
