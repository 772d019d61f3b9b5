"""Writes to plans, tasks and progress reports. Each function is one transaction with its audit event.

Capabilities: a plan is drafted and its tasks edited with WRITE on the issuing unit, approved and
closed with APPROVE there; progress is reported with WRITE on the lead unit, contributions with
WRITE on a coordinating unit; reports are accepted or returned with APPROVE on the plan's unit.
Visibility (404) is the selectors' business; here a missing capability is a PermissionDenied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.audit.services import audit_record, diff, snapshot
from cchc.core.text import fold
from cchc.orgunits.models import OrgUnit
from cchc.plans import periods
from cchc.plans.models import DeadlineKind, Evidence, Plan, PlanArea, Task, TaskStatus, TaskUpdate
from cchc.plans.models.plans import COMPLETED_STATUSES

PLAN_FIELDS = (
    "title",
    "year",
    "doc_number",
    "doc_date",
    "legal_basis",
    "parent",
    "trust_self_reports",
    "escalation_days",
)
TASK_FIELDS = (
    "area",
    "parent",
    "number",
    "title",
    "lead_unit",
    "output",
    "start_date",
    "deadline_kind",
    "deadline",
    "quarter",
    "weight",
    "par_index_code",
    "responsibility",
    "sort_order",
)
BASELINE_FIELDS = ("number", "title", "lead_unit", "deadline_kind", "deadline", "weight", "area")
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
EVIDENCE_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".ods",
    ".jpg",
    ".jpeg",
    ".png",
    ".zip",
)


def _require(actor: Any, capability: str, unit: OrgUnit) -> None:
    """actor=None is the system (imports, the sample loader, jobs)."""
    if actor is not None and not scope.can(actor, capability, unit):
        raise PermissionDenied


def plan_search_text(plan: Plan) -> str:
    """The plan's own words; the issuing unit's are matched through its own `search_text`."""
    return fold(f"{plan.title} {plan.doc_number}")[:600]


def _editable(plan: Plan) -> None:
    if plan.status == Plan.Status.CLOSED:
        raise ValidationError(_("The plan is closed; it can no longer be changed."))


# --- Plans ---------------------------------------------------------------------------------------


def plan_create(
    *,
    actor: Any,
    issuing_unit: OrgUnit,
    year: int,
    title: str,
    doc_number: str = "",
    doc_date: dt.date | None = None,
    legal_basis: str = "",
    parent: Plan | None = None,
    trust_self_reports: bool = False,
    escalation_days: int = 7,
    is_sample: bool = False,
) -> Plan:
    _require(actor, scope.WRITE, issuing_unit)
    with transaction.atomic():
        plan = Plan(
            issuing_unit=issuing_unit,
            year=year,
            title=title.strip(),
            doc_number=doc_number.strip(),
            doc_date=doc_date,
            legal_basis=legal_basis,
            parent=parent,
            trust_self_reports=trust_self_reports,
            escalation_days=escalation_days,
            is_sample=is_sample,
        )
        plan.full_clean()
        _check_parent(plan)
        plan.search_text = plan_search_text(plan)
        plan.save()
        audit_record(
            actor=actor,
            action="plan.create",
            obj=plan,
            unit=issuing_unit,
            changes={f: [None, v] for f, v in snapshot(plan, PLAN_FIELDS).items()},
        )
    return plan


def _check_parent(plan: Plan) -> None:
    if plan.parent is None:
        return
    if plan.parent.pk == plan.pk:
        raise ValidationError({"parent": _("A plan cannot derive from itself.")})
    if plan.parent.year != plan.year:
        raise ValidationError({"parent": _("The plan it derives from must be for the same year.")})


def plan_update(*, actor: Any, plan: Plan, reason: str = "", **fields: Any) -> Plan:
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"plan_update cannot change {sorted(unknown)}")
    _require(actor, scope.WRITE, plan.issuing_unit)
    _editable(plan)
    with transaction.atomic():
        before = snapshot(plan, PLAN_FIELDS)
        for name, value in fields.items():
            setattr(plan, name, value.strip() if isinstance(value, str) else value)
        plan.full_clean()
        _check_parent(plan)
        changes = diff(before, snapshot(plan, PLAN_FIELDS))
        if changes:
            plan.search_text = plan_search_text(plan)
            plan.save()
            audit_record(
                actor=actor,
                action="plan.update",
                obj=plan,
                unit=plan.issuing_unit,
                changes=changes,
                reason=reason,
            )
    return plan


def _baseline_entry(task: Task) -> dict[str, Any]:
    return snapshot(task, BASELINE_FIELDS)


def plan_approve(*, actor: Any, plan: Plan, reason: str = "") -> Plan:
    """Approve a draft plan and record its tasks as the baseline later changes are shown against."""
    _require(actor, scope.APPROVE, plan.issuing_unit)
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("Only a draft plan can be approved."))
    with transaction.atomic():
        tasks = list(plan.tasks.filter(cancelled_on__isnull=True))
        if not tasks:
            raise ValidationError(_("Add at least one task before approving the plan."))
        plan.baseline = {str(t.pk): _baseline_entry(t) for t in tasks}
        plan.status = Plan.Status.APPROVED
        plan.approved_at = timezone.now()
        plan.approved_by = actor if getattr(actor, "is_authenticated", False) else None
        plan.save(update_fields=["baseline", "status", "approved_at", "approved_by", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.approve",
            obj=plan,
            unit=plan.issuing_unit,
            changes={"status": [Plan.Status.DRAFT, Plan.Status.APPROVED]},
            reason=reason,
        )
    return plan


def plan_close(*, actor: Any, plan: Plan, reason: str = "") -> Plan:
    _require(actor, scope.APPROVE, plan.issuing_unit)
    if plan.status != Plan.Status.APPROVED:
        raise ValidationError(_("Only an approved plan can be closed."))
    with transaction.atomic():
        plan.status = Plan.Status.CLOSED
        plan.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.close",
            obj=plan,
            unit=plan.issuing_unit,
            changes={"status": [Plan.Status.APPROVED, Plan.Status.CLOSED]},
            reason=reason,
        )
    return plan


# --- Tasks ---------------------------------------------------------------------------------------


def normalise_deadline(
    *, kind: str, year: int, deadline: dt.date | None, quarter: int | None
) -> tuple[dt.date, int | None]:
    """The stored deadline: a quarter ends on its last day, a recurring task on 31/12."""
    if kind == DeadlineKind.QUARTER:
        if quarter not in (1, 2, 3, 4):
            raise ValidationError({"quarter": _("Choose the quarter.")})
        return periods.quarter_end(year, quarter), quarter
    if kind == DeadlineKind.RECURRING:
        return dt.date(year, 12, 31), None
    if deadline is None:
        raise ValidationError({"deadline": _("Enter the deadline.")})
    return deadline, None


def _default_added_on(plan: Plan) -> dt.date:
    """When a task enters the denominators. A task written into the draft is part of the plan as
    issued, so it counts from the plan year's first day, even when the plan is typed in (or
    imported) months later; a task added after approval counts from the day it is added."""
    today = dt.date.today()
    if plan.status == Plan.Status.DRAFT:
        return min(today, dt.date(plan.year, 1, 1))
    return today


def _check_task(task: Task) -> None:
    if task.parent_id and task.parent and task.parent.plan_id != task.plan_id:
        raise ValidationError({"parent": _("The parent task belongs to another plan.")})
    if task.parent_id and task.parent_id == task.pk:
        raise ValidationError({"parent": _("A task cannot be its own parent.")})
    if task.start_date and task.start_date > task.deadline:
        raise ValidationError({"start_date": _("The start is after the deadline.")})


def task_create(
    *,
    actor: Any,
    plan: Plan,
    area: PlanArea,
    title: str,
    lead_unit: OrgUnit,
    deadline_kind: str = DeadlineKind.DATE,
    deadline: dt.date | None = None,
    quarter: int | None = None,
    coordinating_units: Iterable[OrgUnit] = (),
    parent: Task | None = None,
    number: str = "",
    output: str = "",
    start_date: dt.date | None = None,
    weight: Decimal = Decimal(1),
    par_index_code: str = "",
    responsibility: str = "",
    source: str = "plan",
    conclusion: Any = None,
    added_on: dt.date | None = None,
    sort_order: int | None = None,
    is_sample: bool = False,
    reason: str = "",
) -> Task:
    _require(actor, scope.WRITE, plan.issuing_unit)
    _editable(plan)
    stored_deadline, quarter = normalise_deadline(
        kind=deadline_kind, year=plan.year, deadline=deadline, quarter=quarter
    )
    with transaction.atomic():
        if sort_order is None:
            sort_order = plan.tasks.count() + 1
        task = Task(
            plan=plan,
            area=area,
            parent=parent,
            number=number.strip(),
            title=title.strip(),
            lead_unit=lead_unit,
            output=output.strip(),
            start_date=start_date,
            deadline_kind=deadline_kind,
            deadline=stored_deadline,
            quarter=quarter,
            weight=weight,
            par_index_code=par_index_code.strip(),
            source=source,
            conclusion=conclusion,
            responsibility=responsibility.strip(),
            added_on=added_on or _default_added_on(plan),
            sort_order=sort_order,
            is_sample=is_sample,
        )
        task.full_clean()
        _check_task(task)
        task.save()
        coordinating = [u for u in coordinating_units if u.pk != lead_unit.pk]
        task.coordinating_units.set(coordinating)
        changes = {f: [None, v] for f, v in snapshot(task, TASK_FIELDS).items()}
        changes["coordinating_units"] = [None, sorted(u.pk for u in coordinating)]
        audit_record(
            actor=actor,
            action="plan.task_create",
            obj=task,
            unit=plan.issuing_unit,
            changes=changes,
            reason=reason or (_("Added after approval") if plan.status == Plan.Status.APPROVED else ""),
        )
    return task


def task_update(
    *,
    actor: Any,
    task: Task,
    reason: str = "",
    coordinating_units: Sequence[OrgUnit] | None = None,
    **fields: Any,
) -> Task:
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"task_update cannot change {sorted(unknown)}")
    plan = task.plan
    _require(actor, scope.WRITE, plan.issuing_unit)
    _editable(plan)
    if plan.status == Plan.Status.APPROVED and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for changing an approved plan.")})
    with transaction.atomic():
        before = snapshot(task, TASK_FIELDS)
        for name, value in fields.items():
            setattr(task, name, value.strip() if isinstance(value, str) else value)
        task.deadline, task.quarter = normalise_deadline(
            kind=task.deadline_kind, year=plan.year, deadline=task.deadline, quarter=task.quarter
        )
        task.full_clean()
        _check_task(task)
        changes = diff(before, snapshot(task, TASK_FIELDS))
        if coordinating_units is not None:
            old = sorted(task.coordinating_units.values_list("pk", flat=True))
            new = sorted({u.pk for u in coordinating_units if u.pk != task.lead_unit_id})
            if old != new:
                task.coordinating_units.set(new)
                changes["coordinating_units"] = [old, new]
        if changes:
            task.save()
            audit_record(
                actor=actor,
                action="plan.task_update",
                obj=task,
                unit=plan.issuing_unit,
                changes=changes,
                reason=reason,
            )
    return task


def task_cancel(*, actor: Any, task: Task, reason: str, on: dt.date | None = None) -> Task:
    """Cancel a task: it leaves the denominators from `on` and shows as a change to the baseline."""
    _require(actor, scope.WRITE, task.plan.issuing_unit)
    _editable(task.plan)
    if task.cancelled_on is not None:
        raise ValidationError(_("The task is already cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling the task.")})
    with transaction.atomic():
        task.cancelled_on = on or dt.date.today()
        task.cancel_reason = reason.strip()[:300]
        task.save(update_fields=["cancelled_on", "cancel_reason", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.task_cancel",
            obj=task,
            unit=task.plan.issuing_unit,
            changes={"cancelled_on": [None, task.cancelled_on]},
            reason=reason,
        )
    return task


def task_delete(*, actor: Any, task: Task) -> None:
    """Only while the plan is a draft; afterwards a task is cancelled, never deleted."""
    _require(actor, scope.WRITE, task.plan.issuing_unit)
    if task.plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("Tasks of an approved plan are cancelled, not deleted."))
    if task.updates.exists():
        raise ValidationError(_("The task has progress reports; cancel it instead."))
    with transaction.atomic():
        audit_record(actor=actor, action="plan.task_delete", obj=task, unit=task.plan.issuing_unit)
        task.delete()


# --- Progress reports -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceFile:
    file: UploadedFile
    doc_number: str = ""
    doc_date: dt.date | None = None


def _check_evidence(files: Sequence[EvidenceFile]) -> None:
    for item in files:
        name = (item.file.name or "").lower()
        if not name.endswith(EVIDENCE_SUFFIXES):
            raise ValidationError(
                {"evidence": _("“%(name)s”: this kind of file is not accepted.") % {"name": item.file.name}}
            )
        if (item.file.size or 0) > MAX_EVIDENCE_BYTES:
            raise ValidationError(
                {"evidence": _("“%(name)s” is larger than 20 MB.") % {"name": item.file.name}}
            )


def _save_evidence(update: TaskUpdate, files: Sequence[EvidenceFile]) -> None:
    for item in files:
        Evidence.objects.create(
            update=update,
            file=item.file,
            original_name=(item.file.name or "")[:255],
            doc_number=item.doc_number.strip(),
            doc_date=item.doc_date,
            size=item.file.size or 0,
        )


def update_create(
    *,
    actor: Any,
    task: Task,
    status: str,
    text: str,
    percent: int | None = None,
    reason: str = "",
    reported_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    period_key: str = "",
    evidence: Sequence[EvidenceFile] = (),
    is_sample: bool = False,
) -> TaskUpdate:
    """The lead unit reports progress. Completion counts once accepted (or when the plan trusts reports)."""
    _require(actor, scope.WRITE, task.lead_unit)
    if task.plan.status == Plan.Status.DRAFT:
        raise ValidationError(_("Progress is reported once the plan is approved."))
    _editable(task.plan)
    if task.cancelled_on is not None:
        raise ValidationError(_("The task is cancelled."))
    if task.subtasks.exists():
        raise ValidationError(_("Report progress on the sub-tasks of this task."))
    reported_on = reported_on or dt.date.today()
    errors: dict[str, str] = {}
    if status == TaskStatus.NOT_DONE and not reason.strip():
        errors["reason"] = _("Give the reason the task is not carried out.")
    if status in COMPLETED_STATUSES:
        completed_on = completed_on or reported_on
        percent = 100
        if completed_on > reported_on:
            errors["completed_on"] = _("The completion date cannot be after the report date.")
    else:
        completed_on = None
    if task.is_recurring:
        if period_key not in periods.BY_KEY:
            errors["period_key"] = _("Choose the period this report covers.")
    else:
        period_key = ""
    if status == TaskStatus.NOT_STARTED and percent:
        errors["percent"] = _("A task that has not started has a completion rate of 0%.")
    if errors:
        raise ValidationError(errors)
    _check_evidence(evidence)
    with transaction.atomic():
        update = TaskUpdate(
            task=task,
            kind=TaskUpdate.Kind.PROGRESS,
            unit=task.lead_unit,
            author=actor if getattr(actor, "is_authenticated", False) else None,
            status=status,
            percent=percent,
            text=text.strip(),
            reason=reason.strip(),
            reported_on=reported_on,
            completed_on=completed_on,
            period_key=period_key,
            review=TaskUpdate.Review.PENDING,
            is_sample=is_sample,
        )
        update.full_clean()
        update.save()
        _save_evidence(update, evidence)
        audit_record(
            actor=actor,
            action="plan.update_create",
            obj=task,
            unit=task.lead_unit,
            changes={"status": [None, status], "percent": [None, percent], "evidence": [None, len(evidence)]},
            reason=text[:200],
        )
    return update


def contribution_create(
    *, actor: Any, task: Task, unit: OrgUnit, text: str, evidence: Sequence[EvidenceFile] = ()
) -> TaskUpdate:
    """A coordinating unit's contribution (no status of its own; not reviewed)."""
    if not task.coordinating_units.filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("This unit does not coordinate the task.")})
    _require(actor, scope.WRITE, unit)
    _editable(task.plan)
    if not text.strip():
        raise ValidationError({"text": _("Describe the contribution.")})
    _check_evidence(evidence)
    with transaction.atomic():
        update = TaskUpdate.objects.create(
            task=task,
            kind=TaskUpdate.Kind.CONTRIBUTION,
            unit=unit,
            author=actor if getattr(actor, "is_authenticated", False) else None,
            text=text.strip(),
            review=TaskUpdate.Review.NONE,
        )
        _save_evidence(update, evidence)
        audit_record(actor=actor, action="plan.contribution_create", obj=task, unit=unit, reason=text[:200])
    return update


def update_review(*, actor: Any, update: TaskUpdate, accept: bool, comment: str = "") -> TaskUpdate:
    """The plan owner accepts or returns a progress report (returning needs a comment)."""
    task = update.task
    _require(actor, scope.APPROVE, task.plan.issuing_unit)
    if update.kind != TaskUpdate.Kind.PROGRESS or update.review != TaskUpdate.Review.PENDING:
        raise ValidationError(_("Only a report awaiting review can be accepted or returned."))
    if not accept and not comment.strip():
        raise ValidationError({"comment": _("Say why the report is returned.")})
    with transaction.atomic():
        new = TaskUpdate.Review.ACCEPTED if accept else TaskUpdate.Review.RETURNED
        update.review = new
        update.review_comment = comment.strip()
        update.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
        update.reviewed_at = timezone.now()
        update.save(update_fields=["review", "review_comment", "reviewed_by", "reviewed_at"])
        audit_record(
            actor=actor,
            action="plan.update_accept" if accept else "plan.update_return",
            obj=task,
            unit=task.plan.issuing_unit,
            changes={"review": [TaskUpdate.Review.PENDING, new]},
            reason=comment,
        )
    return update


# --- Baseline ---------------------------------------------------------------------------------


@dataclass
class BaselineChange:
    kind: str  # "added", "cancelled", "changed", "removed"
    task: Task | None
    field: str = ""
    before: Any = None
    after: Any = None
    task_label: str = ""


def baseline_changes(plan: Plan) -> list[BaselineChange]:
    """Differences between the approved baseline and the plan's tasks now."""
    if not plan.baseline:
        return []
    baseline: dict[str, dict[str, Any]] = plan.baseline
    tasks = {str(t.pk): t for t in plan.tasks.select_related("lead_unit", "area")}
    out: list[BaselineChange] = []
    for pk, task in tasks.items():
        label = str(task)
        if pk not in baseline:
            out.append(BaselineChange("added", task, task_label=label, after=task.added_on))
            continue
        if task.cancelled_on is not None:
            out.append(
                BaselineChange("cancelled", task, before=None, after=task.cancelled_on, task_label=label)
            )
        now = _baseline_entry(task)
        for name, value in baseline[pk].items():
            if now.get(name) != value:
                out.append(BaselineChange("changed", task, name, value, now.get(name), task_label=label))
    for pk, entry in baseline.items():
        if pk not in tasks:
            out.append(
                BaselineChange(
                    "removed", None, task_label=f"{entry.get('number', '')} {entry.get('title', '')}"
                )
            )
    return out
