"""Cycle set-up and phase transitions, participants, deadline extensions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.assessments import frameworks
from cchc.assessments.models import Answer, Assessment, Cycle, CycleFramework, DeadlineExtension
from cchc.assessments.services._common import require_manager, require_status, today
from cchc.audit.services import audit_record, diff, snapshot
from cchc.orgunits.models import OrgUnit

CYCLE_FIELDS = (
    "year",
    "name",
    "survey_ran",
    "bonus_cap",
    "penalty_cap",
    "bands",
    "self_deadline",
    "appraisal1_deadline",
    "explanation_deadline",
    "appraisal2_deadline",
    "publication_deadline",
)
# Phases the administrator moves the cycle through, in order; publishing is `cycle_publish`.
NEXT_PHASE = {
    Cycle.Status.DRAFT: Cycle.Status.SELF_ASSESSMENT,
    Cycle.Status.SELF_ASSESSMENT: Cycle.Status.APPRAISAL_1,
    Cycle.Status.APPRAISAL_1: Cycle.Status.EXPLANATION,
    Cycle.Status.EXPLANATION: Cycle.Status.APPRAISAL_2,
}


def validate_bands(bands: Any) -> list[list[str]]:
    """[[label, lower bound], …] best first, bounds strictly decreasing within 0..100."""
    if not isinstance(bands, list | tuple) or not bands:
        raise ValidationError({"bands": _("Give at least one result band.")})
    clean: list[list[str]] = []
    previous: Decimal | None = None
    for item in bands:
        try:
            label, lower = str(item[0]).strip(), Decimal(str(item[1]))
        except (TypeError, IndexError, ArithmeticError, ValueError):
            raise ValidationError({"bands": _("Each band needs a label and a lower bound.")}) from None
        if not label or not lower.is_finite() or not Decimal(0) <= lower <= Decimal(100):
            raise ValidationError(
                {"bands": _("Each band needs a label and a lower bound between 0 and 100.")}
            )
        if previous is not None and lower >= previous:
            raise ValidationError({"bands": _("List the bands from best to worst with decreasing bounds.")})
        previous = lower
        clean.append([label, str(lower)])
    return clean


def _validate_deadlines(cycle: Cycle) -> None:
    order = [
        cycle.self_deadline,
        cycle.appraisal1_deadline,
        cycle.explanation_deadline,
        cycle.appraisal2_deadline,
        cycle.publication_deadline,
    ]
    known = [d for d in order if d is not None]
    if known != sorted(known):
        raise ValidationError(_("Phase deadlines must follow the order of the phases."))
    for cap in (cycle.bonus_cap, cycle.penalty_cap):
        if cap is not None and cap < 0:
            raise ValidationError(_("Caps cannot be negative."))


@transaction.atomic
def cycle_create(
    *, actor: Any, owner: OrgUnit, year: int, name: str, is_sample: bool = False, **fields: Any
) -> Cycle:
    require_manager(actor, owner)
    unknown = set(fields) - set(CYCLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown cycle fields: {sorted(unknown)}")
    if "bands" in fields:
        fields["bands"] = validate_bands(fields["bands"])
    cycle = Cycle(owner=owner, year=year, name=name, is_sample=is_sample, **fields)
    cycle.full_clean()
    _validate_deadlines(cycle)
    cycle.save()
    audit_record(
        actor=actor,
        action="par.cycle.create",
        obj=cycle,
        unit=owner,
        changes={k: [None, v] for k, v in snapshot(cycle, CYCLE_FIELDS).items()},
    )
    return cycle


@transaction.atomic
def cycle_update(*, actor: Any, cycle: Cycle, **fields: Any) -> Cycle:
    """Deadlines, bands, caps and the survey flag may change until publication; the year only in draft."""
    require_manager(actor, cycle)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    require_status(cycle, *[s for s in Cycle.Status.values if s != Cycle.Status.PUBLISHED])
    unknown = set(fields) - set(CYCLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown cycle fields: {sorted(unknown)}")
    if "year" in fields and fields["year"] != cycle.year and cycle.status != Cycle.Status.DRAFT:
        raise ValidationError(_("The year cannot change once the cycle is open."))
    if "bands" in fields:
        fields["bands"] = validate_bands(fields["bands"])
    before = snapshot(cycle, CYCLE_FIELDS)
    for key, value in fields.items():
        setattr(cycle, key, value)
    cycle.full_clean()
    _validate_deadlines(cycle)
    cycle.save()
    audit_record(
        actor=actor,
        action="par.cycle.update",
        obj=cycle,
        unit=cycle.owner,
        changes=diff(before, snapshot(cycle, CYCLE_FIELDS)),
    )
    return cycle


@transaction.atomic
def cycle_framework_add(
    *,
    actor: Any,
    cycle: Cycle,
    framework: Any,
    name: str,
    unit_group: Any = None,
    unit_types: Sequence[Any] = (),
    sort_order: int = 100,
) -> CycleFramework:
    require_manager(actor, cycle)
    require_status(cycle, Cycle.Status.DRAFT)
    if getattr(framework, "owner_id", None) not in (None, cycle.owner_id):
        raise ValidationError(_("This framework was issued by another province."))
    if unit_group is None and not unit_types:
        raise ValidationError(_("Choose the unit group or the unit types this framework is for."))
    entry = CycleFramework(
        cycle=cycle, framework=framework, name=name, unit_group=unit_group, sort_order=sort_order
    )
    entry.full_clean()
    entry.save()
    if unit_types:
        entry.unit_types.set(unit_types)
    audit_record(
        actor=actor,
        action="par.cycle.framework_add",
        obj=cycle,
        unit=cycle.owner,
        changes={"framework": [None, str(framework)], "group": [None, name]},
    )
    return entry


def _matching_framework(
    unit: OrgUnit, entries: list[CycleFramework], group_members: dict[int, set[int]]
) -> CycleFramework | None:
    for entry in entries:
        if entry.unit_group_id and unit.pk in group_members.get(entry.pk, set()):
            return entry
    for entry in entries:
        if unit.unit_type_id in {t.pk for t in entry.unit_types.all()}:
            return entry
    return None


@transaction.atomic
def cycle_participants_add(
    *, actor: Any, cycle: Cycle, units: Iterable[OrgUnit] | None = None
) -> list[Assessment]:
    """Enrol units (default: every open unit that a cycle framework covers). Existing ones are kept."""
    require_manager(actor, cycle)
    require_status(cycle, Cycle.Status.DRAFT, Cycle.Status.SELF_ASSESSMENT)
    entries = list(cycle.frameworks.prefetch_related("unit_types", "unit_group__members"))
    if not entries:
        raise ValidationError(_("Add a framework to the cycle first."))
    members = {
        e.pk: {u.pk for u in e.unit_group.members.all()} if e.unit_group is not None else set()
        for e in entries
    }
    if units is None:
        day = today()
        ids = set().union(*members.values())
        type_ids = {t.pk for e in entries for t in e.unit_types.all()}
        candidates = [
            u
            for u in OrgUnit.objects.filter(pk__in=ids) | OrgUnit.objects.filter(unit_type_id__in=type_ids)
            if u.is_valid_on(day) and u.path.startswith(cycle.owner.path)
        ]
    else:
        candidates = list(units)
    existing = set(cycle.assessments.values_list("unit_id", flat=True))
    created = []
    for unit in sorted(candidates, key=lambda u: u.path):
        if unit.pk in existing:
            continue
        if not unit.path.startswith(cycle.owner.path):
            raise ValidationError(_("%(unit)s is outside the organising unit.") % {"unit": unit.name})
        entry = _matching_framework(unit, entries, members)
        if entry is None:
            raise ValidationError(_("No framework of this cycle covers %(unit)s.") % {"unit": unit.name})
        created.append(Assessment.objects.create(cycle=cycle, unit=unit, cycle_framework=entry))
        existing.add(unit.pk)
    if cycle.status != Cycle.Status.DRAFT:
        _create_answers(cycle, created)
    audit_record(
        actor=actor,
        action="par.cycle.participants_add",
        obj=cycle,
        unit=cycle.owner,
        changes={"units": [None, [a.unit_id for a in created]]},
    )
    return created


def _create_answers(cycle: Cycle, assessments: list[Assessment]) -> None:
    """One answer per leaf criterion that applies to the unit's type (bulk, constant queries)."""
    if not assessments:
        return
    trees = frameworks.load_trees({a.cycle_framework.framework_id for a in assessments})
    rows = []
    for a in assessments:
        tree = trees[a.cycle_framework.framework_id]
        for leaf in frameworks.leaves_for(tree, a.unit.unit_type_id):
            rows.append(Answer(assessment=a, criterion_id=leaf.id))
    Answer.objects.bulk_create(rows, batch_size=2000)


@transaction.atomic
def cycle_open(*, actor: Any, cycle: Cycle) -> Cycle:
    """draft → self-assessment: freezes the frameworks and creates every unit's answer sheet."""
    require_manager(actor, cycle)
    cycle = Cycle.objects.select_for_update().select_related("owner").get(pk=cycle.pk)
    require_status(cycle, Cycle.Status.DRAFT)
    assessments = list(cycle.assessments.select_related("cycle_framework", "unit"))
    if not assessments:
        raise ValidationError(_("Enrol the participating units before opening the cycle."))
    for entry in cycle.frameworks.select_related("framework"):
        frameworks.freeze(actor=actor, framework=entry.framework)
    _create_answers(cycle, assessments)
    cycle.status = Cycle.Status.SELF_ASSESSMENT
    cycle.opened_at = timezone.now()
    cycle.save(update_fields=["status", "opened_at", "updated_at"])
    audit_record(
        actor=actor,
        action="par.cycle.open",
        obj=cycle,
        unit=cycle.owner,
        changes={"status": [Cycle.Status.DRAFT, cycle.status]},
    )
    return cycle


@transaction.atomic
def cycle_advance(*, actor: Any, cycle: Cycle) -> Cycle:
    """Move to the next phase (after self-assessment: appraisal 1 → explanation → appraisal 2)."""
    require_manager(actor, cycle)
    cycle = Cycle.objects.select_for_update().select_related("owner").get(pk=cycle.pk)
    if cycle.status == Cycle.Status.DRAFT:
        raise ValidationError(_("Open the cycle first."))
    if cycle.status not in NEXT_PHASE:
        raise ValidationError(_("This cycle has no further phase; publish the results."))
    old = cycle.status
    cycle.status = NEXT_PHASE[Cycle.Status(old)]
    cycle.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="par.cycle.advance",
        obj=cycle,
        unit=cycle.owner,
        changes={"status": [old, cycle.status]},
    )
    return cycle


@transaction.atomic
def deadline_extend(
    *, actor: Any, assessment: Assessment, phase: str, deadline: dt.date, reason: str
) -> DeadlineExtension:
    """A later deadline for one unit (province administrator only, with a reason, audited)."""
    cycle = assessment.cycle
    require_manager(actor, cycle, assessment)
    require_status(
        cycle,
        Cycle.Status.DRAFT,
        Cycle.Status.SELF_ASSESSMENT,
        Cycle.Status.APPRAISAL_1,
        Cycle.Status.EXPLANATION,
    )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    if phase not in DeadlineExtension.Phase.values:
        raise ValidationError({"phase": _("Unknown phase.")})
    extension = DeadlineExtension(
        assessment=assessment,
        phase=phase,
        deadline=deadline,
        reason=reason.strip(),
        granted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    extension.full_clean()
    extension.save()
    audit_record(
        actor=actor,
        action="par.deadline.extend",
        obj=assessment,
        unit=assessment.unit,
        changes={f"{phase}_deadline": [None, deadline]},
        reason=extension.reason,
    )
    return extension
