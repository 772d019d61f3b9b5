"""Scope-walk classification of the plan pages and API (see tests/walk_support.py).

The in-scope objects belong to SNV (Sở Nội vụ): an approved plan issued by SNV with a task led by
SNV and coordinated by the service centre (TTPV), a pending progress report with an evidence file,
a resolution programme and a meeting of SNV. Out of scope, each persona gets the same objects of
`ctx.unit_outside[persona]`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from tests.walk_support import (
    E401,
    E403,
    E404,
    LOGIN,
    OK,
    R302,
    Kind,
    Param,
    Rule,
    WorldContext,
    form_page,
    post_only,
    row,
    same_for_all,
)

PLAN = Kind("plan")
TASK = Kind("plan_task")
UPDATE = Kind("plan_update")
EVIDENCE = Kind("plan_evidence")
PROGRAMME = Kind("programme")
MEETING = Kind("meeting")
TARGET = Kind("programme_target")

PARAM_KINDS: dict[tuple[str, str], Param] = {
    ("plans", "pk"): PLAN,
    ("*", "plan_id"): PLAN,
    ("*", "task_id"): TASK,
    ("*", "update_id"): UPDATE,
    ("*", "programme_id"): PROGRAMME,
}

# fmt: off
# Persona order: anonymous, nobody, province_admin, dept_officer, commune_officer, appraiser,
#                leader, outsider, system_admin
READ_SNV =      (LOGIN, E404, OK,   OK,   E404, OK,   OK,   E404, OK)
WRITE_SNV =     (LOGIN, E404, OK,   OK,   E404, E403, E403, E404, OK)
APPROVE_SNV =   (LOGIN, E404, R302, E403, E404, E403, E403, E404, R302)
MANAGE_SNV =    (LOGIN, E404, OK,   E403, E404, E403, E403, E404, OK)  # APPROVE on SNV
APPROVERS =     (LOGIN, E403, OK,   E403, E403, E403, E403, E403, OK)  # APPROVE anywhere
WRITERS =       (LOGIN, E403, OK,   OK,   OK,   E403, E403, OK,   OK)
COORDINATORS =  (LOGIN, E404, OK,   E403, E404, E403, E403, E404, OK)  # WRITE on TTPV
API_READ =      (E401,  E404, OK,   OK,   E404, OK,   OK,   E404, OK)
API_WRITE =     (E401,  E404, OK,   OK,   E404, E403, E403, E404, OK)
API_APPROVE =   (E401,  E404, OK,   E403, E404, E403, E403, E404, OK)
T: dict[str, Param] = {"pk": TASK}
U: dict[str, Param] = {"pk": UPDATE}
EV: dict[str, Param] = {"pk": EVIDENCE}
PR: dict[str, Param] = {"pk": PROGRAMME}
M: dict[str, Param] = {"pk": MEETING}
TG: dict[str, Param] = {"pk": TARGET}
REPORT = {"status": "in_progress", "percent": 40, "text": "Đang triển khai", "reported_on": "2025-03-01"}

EXPECTED: dict[str, Rule] = {
    "plans:list":                 same_for_all(LOGIN, OK),
    "plans:create":               form_page(*WRITERS),
    "plans:detail":               row(*READ_SNV),
    "plans:edit":                 form_page(*WRITE_SNV),
    "plans:approve":              post_only(*APPROVE_SNV),  # already approved: a message and back
    "plans:close":                post_only(*APPROVE_SNV),
    "plans:changes":              row(*READ_SNV),
    "plans:timeline":             row(*READ_SNV),
    "plans:statistics":           row(*READ_SNV, query={"period": "par_h1", "year": "2025"}),
    "plans:statistics_export":    row(*READ_SNV),
    "plans:export":               row(*READ_SNV),
    "plans:task_create":          form_page(*WRITE_SNV),
    "plans:task_detail":          row(*READ_SNV, params=T),
    "plans:task_edit":            form_page(*WRITE_SNV, params=T),
    "plans:task_cancel":          form_page(*WRITE_SNV, params=T),
    "plans:update_create":        form_page(*WRITE_SNV, params=T),
    "plans:contribution_create":  form_page(*COORDINATORS, params=T),
    "plans:update_review":        post_only(*APPROVE_SNV, params=U),
    "plans:evidence":             row(*READ_SNV, params=EV),
    "plans:my_tasks":             same_for_all(LOGIN, OK),
    "plans:import":               form_page(*WRITERS),
    "plans:import_sample":        same_for_all(LOGIN, OK),
    "plans:programme_list":       same_for_all(LOGIN, OK),
    "plans:programme_create":     form_page(*APPROVERS),
    "plans:programme_detail":     row(*READ_SNV, params=PR),
    "plans:programme_edit":       form_page(*MANAGE_SNV, params=PR),
    "plans:target_create":        form_page(*MANAGE_SNV, params=PR),
    "plans:target_detail":        row(*READ_SNV, params=TG, post=MANAGE_SNV),  # POST records a value
    "plans:target_edit":          form_page(*MANAGE_SNV, params=TG),
    "plans:meeting_list":         same_for_all(LOGIN, OK),
    "plans:meeting_create":       form_page(*WRITERS),
    "plans:meeting_detail":       row(*READ_SNV, params=M),
    # --- API ---
    "GET /api/plans/":                              same_for_all(E401, OK),
    "GET /api/plans/{plan_id}":                     row(*API_READ),
    "GET /api/plans/{plan_id}/tasks":               row(*API_READ),
    "GET /api/plans/{plan_id}/statistics":          row(*API_READ, query={"period": "q1", "year": "2025"}),
    "GET /api/plans/tasks/{task_id}":               row(*API_READ),
    "GET /api/plans/tasks/{task_id}/updates":       row(*API_READ),
    "POST /api/plans/tasks/{task_id}/updates":      row(*API_WRITE, body=REPORT),
    "POST /api/plans/updates/{update_id}/review":   row(*API_APPROVE, body={"accept": True, "comment": ""}),
    "GET /api/plans/programmes":                    same_for_all(E401, OK),
    "GET /api/plans/programmes/{programme_id}/summary": row(*API_READ, query={"year": "2025"}),
}
# fmt: on


def _objects(unit: Any, coordinating: Any) -> dict[Kind, Any]:
    from cchc.plans import meetings, services, targets
    from cchc.plans.models import Evidence, PlanArea

    plan = services.plan_create(
        actor=None, issuing_unit=unit, year=2025, title=f"Kế hoạch CCHC năm 2025 – {unit.code}"
    )
    task = services.task_create(
        actor=None,
        plan=plan,
        area=PlanArea.objects.get(code="tthc"),
        title="Rà soát, đơn giản hóa thủ tục hành chính",
        lead_unit=unit,
        deadline=dt.date(2025, 6, 30),
        coordinating_units=[coordinating] if coordinating is not None else [],
        added_on=dt.date(2025, 1, 10),
    )
    services.plan_approve(actor=None, plan=plan)
    update = services.update_create(
        actor=None,
        task=task,
        status="completed",
        text="Đã ban hành quyết định",
        reported_on=dt.date(2025, 3, 1),
    )
    evidence = Evidence.objects.create(
        update=update, file=ContentFile(b"%PDF-1.4 minh chung", name="qd.pdf"), original_name="qd.pdf"
    )
    programme = targets.programme_create(
        actor=None, issuing_unit=unit, title="Chương trình CCHC 2021–2030", start_year=2021, end_year=2030
    )
    target = targets.target_create(
        actor=None, programme=programme, name="Tỷ lệ hồ sơ trực tuyến", end_value=80
    )
    meeting = meetings.meeting_create(
        actor=None, unit=unit, date=dt.date(2025, 3, 5), title="Họp Ban Chỉ đạo CCHC"
    )
    return {
        PLAN: plan,
        TASK: task,
        UPDATE: update,
        EVIDENCE: evidence,
        PROGRAMME: programme,
        TARGET: target,
        MEETING: meeting,
    }


def build(ctx: WorldContext) -> None:
    inside = _objects(ctx.province.snv, ctx.province.centre)
    ctx.in_scope.update(inside)
    made: dict[int, dict[Kind, Any]] = {}
    for persona, unit in ctx.unit_outside.items():
        if unit.pk not in made:
            made[unit.pk] = _objects(unit, None)
        for kind, obj in made[unit.pk].items():
            ctx.out_of_scope.setdefault(kind, {})[persona] = obj
