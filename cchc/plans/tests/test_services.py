"""Services: the plan workflow, baseline changes, the acceptance flow, permissions of every persona."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.audit.models import AuditEvent
from cchc.plans import periods, reports, selectors, services
from cchc.plans.models import Plan
from cchc.plans.tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(province: Any, personas: Any) -> dict[str, Any]:
    plan = f.plan(province)
    snv_task = f.task(plan, province.snv, coordinating_units=[province.stc])
    commune_task = f.task(plan, province.commune, title="Số hóa hồ sơ tại xã")
    f.approve(plan)
    return {"plan": plan, "snv_task": snv_task, "commune_task": commune_task}


def test_plan_workflow_and_audit(province: Any, personas: Any) -> None:
    plan = services.plan_create(
        actor=personas.province_admin, issuing_unit=province.province, year=2025, title="KH 2025"
    )
    with pytest.raises(ValidationError):
        services.plan_approve(actor=personas.province_admin, plan=plan)  # no task yet
    f.task(plan, province.snv)
    with pytest.raises(ValidationError):
        services.plan_close(actor=personas.province_admin, plan=plan)  # a draft cannot be closed
    services.plan_approve(actor=personas.province_admin, plan=plan)
    assert plan.status == Plan.Status.APPROVED and len(plan.baseline) == 1
    with pytest.raises(ValidationError):
        services.plan_approve(actor=personas.province_admin, plan=plan)
    services.plan_close(actor=personas.province_admin, plan=plan)
    with pytest.raises(ValidationError):
        f.task(plan, province.snv)  # closed: no more changes
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"plan.create", "plan.task_create", "plan.approve", "plan.close"} <= actions


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("province_admin", True),
        ("dept_officer", True),  # focal officer of SNV may draft SNV's plan
        ("commune_officer", False),
        ("appraiser", False),
        ("leader", False),
        ("outsider", False),
        ("system_admin", True),
        ("nobody", False),
    ],
)
def test_who_may_draft_a_department_plan(province: Any, personas: Any, persona: str, allowed: bool) -> None:
    actor = getattr(personas, persona)
    if allowed:
        assert services.plan_create(
            actor=actor, issuing_unit=province.snv, year=2025, title="KH Sở Nội vụ"
        ).pk
    else:
        with pytest.raises(PermissionDenied):
            services.plan_create(actor=actor, issuing_unit=province.snv, year=2025, title="KH Sở Nội vụ")


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("province_admin", True),
        ("dept_officer", True),
        ("commune_officer", False),  # a commune officer cannot update a department's task
        ("appraiser", False),
        ("leader", False),
        ("outsider", False),
        ("system_admin", True),
        ("nobody", False),
    ],
)
def test_who_may_report_progress_on_a_department_task(
    world: Any, personas: Any, persona: str, allowed: bool
) -> None:
    actor = getattr(personas, persona)

    def call() -> Any:
        return services.update_create(
            actor=actor, task=world["snv_task"], status="in_progress", text="Đang làm"
        )

    if allowed:
        assert call().pk
    else:
        with pytest.raises(PermissionDenied):
            call()


def test_visibility_of_tasks(world: Any, personas: Any) -> None:
    def visible(p: str) -> set[int]:
        return set(selectors.tasks_for_user(getattr(personas, p)).values_list("pk", flat=True))

    snv, xa = world["snv_task"].pk, world["commune_task"].pk
    assert visible("province_admin") == visible("leader") == visible("appraiser") == {snv, xa}
    assert visible("dept_officer") == {snv}
    assert visible("commune_officer") == {xa}
    assert visible("outsider") == {snv}  # STC coordinates the SNV task
    assert visible("nobody") == set()
    plan = world["plan"]
    assert selectors.plans_for_user(personas.dept_officer).filter(pk=plan.pk).exists()
    assert not selectors.can_see_whole_plan(personas.dept_officer, plan)
    assert list(selectors.visible_plan_tasks(personas.dept_officer, plan)) == [world["snv_task"]]


def test_acceptance_flow_counts_only_accepted(world: Any, personas: Any) -> None:
    task = world["snv_task"]
    update = services.update_create(
        actor=personas.dept_officer,
        task=task,
        status="completed",
        text="Đã hoàn thành",
        reported_on=D(2025, 3, 1),
        evidence=[services.EvidenceFile(SimpleUploadedFile("qd.pdf", b"%PDF"), "12/QĐ-SNV", D(2025, 2, 28))],
    )
    assert update.percent == 100 and update.evidence.get().doc_number == "12/QĐ-SNV"
    q1 = periods.period("q1", 2025)
    plan_tasks = selectors.plan_tasks(world["plan"])
    assert reports.statistics(plan_tasks, q1).summary.completed == 0  # awaiting acceptance
    with pytest.raises(PermissionDenied):
        services.update_review(actor=personas.dept_officer, update=update, accept=True)  # no APPROVE
    with pytest.raises(ValidationError):
        services.update_review(actor=personas.province_admin, update=update, accept=False)  # comment needed
    services.update_review(
        actor=personas.province_admin, update=update, accept=False, comment="Thiếu minh chứng"
    )
    assert reports.statistics(plan_tasks, q1).summary.completed == 0
    with pytest.raises(ValidationError):
        services.update_review(actor=personas.province_admin, update=update, accept=True)  # already reviewed
    again = services.update_create(
        actor=personas.dept_officer, task=task, status="completed", text="Bổ sung", reported_on=D(2025, 3, 5)
    )
    services.update_review(actor=personas.province_admin, update=again, accept=True)
    result = reports.statistics(plan_tasks, q1)
    assert (result.summary.completed, result.summary.total) == (1, 2)
    assert result.sentence.startswith("hoàn thành 1/2 nhiệm vụ, chiếm 50,00%")


def test_trusted_plan_counts_reports_unless_returned(province: Any, personas: Any) -> None:
    plan = f.plan(province, trust_self_reports=True)
    task = f.task(plan, province.snv)
    f.approve(plan)
    update = services.update_create(
        actor=personas.dept_officer, task=task, status="completed", text="Xong", reported_on=D(2025, 2, 1)
    )
    q1 = periods.period("q1", 2025)
    assert reports.statistics(selectors.plan_tasks(plan), q1).summary.completed == 1
    services.update_review(actor=personas.province_admin, update=update, accept=False, comment="Chưa đạt")
    assert reports.statistics(selectors.plan_tasks(plan), q1).summary.completed == 0


def test_update_validation(world: Any, personas: Any, province: Any) -> None:
    task = world["snv_task"]
    with pytest.raises(ValidationError) as exc:
        services.update_create(actor=personas.dept_officer, task=task, status="not_done", text="Không làm")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.update_create(
            actor=personas.dept_officer,
            task=task,
            status="in_progress",
            text="x",
            evidence=[services.EvidenceFile(SimpleUploadedFile("virus.exe", b"MZ"))],
        )
    recurring = services.task_create(
        actor=None,
        plan=world["plan"],
        area=f.area(),
        title="Cập nhật TTHC",
        lead_unit=province.snv,
        deadline_kind="recurring",
    )
    assert recurring.deadline == D(2025, 12, 31)
    with pytest.raises(ValidationError) as exc:
        services.update_create(actor=personas.dept_officer, task=recurring, status="completed", text="Quý I")
    assert "period_key" in exc.value.message_dict
    services.update_create(
        actor=personas.dept_officer,
        task=recurring,
        status="completed",
        text="Quý I",
        period_key="q1",
        reported_on=D(2025, 3, 30),
    )
    draft = f.plan(province, year=2026)
    draft_task = f.task(draft, province.snv)
    with pytest.raises(ValidationError):
        services.update_create(actor=personas.dept_officer, task=draft_task, status="in_progress", text="x")


def test_contributions_by_coordinating_units(world: Any, personas: Any, province: Any) -> None:
    task = world["snv_task"]
    contribution = services.contribution_create(
        actor=personas.outsider, task=task, unit=province.stc, text="Đã góp ý"
    )
    assert contribution.review == "none"
    with pytest.raises(ValidationError):
        services.contribution_create(actor=personas.dept_officer, task=task, unit=province.snv, text="x")
    with pytest.raises(PermissionDenied):
        services.contribution_create(actor=personas.commune_officer, task=task, unit=province.stc, text="x")


def test_baseline_changes(world: Any, personas: Any, province: Any) -> None:
    plan, task = world["plan"], world["snv_task"]
    assert services.baseline_changes(plan) == []
    with pytest.raises(ValidationError):
        services.task_update(
            actor=personas.province_admin, task=task, deadline=D(2025, 9, 30)
        )  # reason needed
    services.task_update(
        actor=personas.province_admin, task=task, deadline=D(2025, 9, 30), reason="Điều chỉnh"
    )
    added = f.task(plan, province.stc, title="Nhiệm vụ bổ sung", added_on=D(2025, 5, 1))
    services.task_cancel(
        actor=personas.province_admin,
        task=world["commune_task"],
        reason="Không còn phù hợp",
        on=D(2025, 6, 1),
    )
    changes = {(c.kind, c.field, c.task.pk if c.task else None): c for c in services.baseline_changes(plan)}
    assert changes[("changed", "deadline", task.pk)].before == "2025-06-30"
    assert changes[("changed", "deadline", task.pk)].after == "2025-09-30"
    assert ("added", "", added.pk) in changes
    assert ("cancelled", "", world["commune_task"].pk) in changes
    # Cancelled from 01/06: counted in Q1, out of the denominator for the year; the added task
    # is not in Q1 (added on 01/05) but is in the year.
    tasks = selectors.plan_tasks(plan)
    q1 = reports.statistics(tasks, periods.period("q1", 2025)).summary
    year = reports.statistics(tasks, periods.period("year", 2025)).summary
    assert (q1.total, q1.cancelled) == (2, 0)
    assert (year.total, year.cancelled) == (2, 1)
    with pytest.raises(ValidationError):
        services.task_delete(actor=personas.province_admin, task=task)  # approved: cancel, not delete


def test_derived_plan_shows_tasks_assigned_to_the_unit(world: Any, province: Any, personas: Any) -> None:
    unit_plan = f.plan(province, unit=province.snv, parent=world["plan"])
    own = f.task(unit_plan, province.snv, title="Nhiệm vụ riêng của Sở")
    assert set(selectors.plan_tasks(unit_plan)) == {own, world["snv_task"]}
    with pytest.raises(ValidationError):
        f.plan(province, unit=province.snv, year=2026, parent=world["plan"])  # other year


def test_quarter_deadline_and_weights(world: Any, province: Any) -> None:
    task = services.task_create(
        actor=None,
        plan=world["plan"],
        area=f.area(),
        title="Báo cáo quý",
        lead_unit=province.snv,
        deadline_kind="quarter",
        quarter=2,
        weight=Decimal("2.5"),
    )
    assert task.deadline == D(2025, 6, 30) and task.quarter == 2
    with pytest.raises(ValidationError):
        services.task_create(
            actor=None,
            plan=world["plan"],
            area=f.area(),
            title="x",
            lead_unit=province.snv,
            deadline_kind="quarter",
        )


def test_subtasks_count_as_leaves(world: Any, province: Any, personas: Any) -> None:
    parent = world["snv_task"]
    child = f.task(world["plan"], province.snv, title="Nhiệm vụ con", parent=parent)
    rows = selectors.task_rows(selectors.plan_tasks(world["plan"]))
    assert {r.id for r in rows} == {child.pk, world["commune_task"].pk}
    with pytest.raises(ValidationError):
        services.update_create(actor=personas.dept_officer, task=parent, status="in_progress", text="x")
