"""Resolution targets: writes and the "đạt và vượt X/Y chỉ tiêu" summary.

Counting rule (docs/user-guide/plans.md): for year Y (and optionally quarter q) a target's goal is
the planned value of that period, else of the year, else the programme's end value; its actual is
the actual of that period. Met means actual ≥ goal (direction ≥) or actual ≤ goal (direction ≤).
A target with a goal but no actual is not met ("no data"); a target without any goal is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.audit.services import audit_record, diff, snapshot
from cchc.core.formatting import percent
from cchc.orgunits.models import OrgUnit
from cchc.plans.models import Direction, Programme, Target, TargetValue
from cchc.plans.stats import ratio_sentence

PROGRAMME_FIELDS = ("title", "doc_number", "doc_date", "start_year", "end_year")
TARGET_FIELDS = (
    "number",
    "name",
    "unit_of_measure",
    "baseline_value",
    "baseline_year",
    "end_value",
    "direction",
    "responsible_unit",
    "sort_order",
)


# --- Reads ---------------------------------------------------------------------------------------
# A programme is visible to whoever may read its issuing unit, and to the units responsible for
# one of its targets (they record those targets' actual values).


def _responsible_q(user: Any) -> Q:
    responsible = Target.objects.filter(
        scope.unit_q(user, prefix="responsible_unit__"), programme=OuterRef("pk")
    )
    return Q(Exists(responsible))


def programmes_for_user(user: Any) -> QuerySet[Programme]:
    if scope.is_system_admin(user):
        return Programme.objects.all()
    return Programme.objects.filter(scope.unit_q(user, prefix="issuing_unit__") | _responsible_q(user))


def get_programme_for_user(user: Any, pk: Any, capability: str = scope.READ) -> Programme:
    """404 when invisible; 403 when visible but `capability` on the issuing unit is missing."""
    try:
        programme = programmes_for_user(user).select_related("issuing_unit").get(pk=pk)
    except (Programme.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if capability != scope.READ and not scope.can(user, capability, programme.issuing_unit):
        raise PermissionDenied
    return programme


def get_target_for_user(user: Any, pk: Any) -> Target:
    try:
        target = Target.objects.select_related(
            "programme", "programme__issuing_unit", "responsible_unit"
        ).get(pk=pk)
    except (Target.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    get_programme_for_user(user, target.programme_id)
    return target


def can_manage(user: Any, programme: Programme) -> bool:
    """Create and edit the programme and its targets, and set planned values: APPROVE on its unit."""
    return scope.can(user, scope.APPROVE, programme.issuing_unit)


def can_record_actual(user: Any, target: Target) -> bool:
    """Actual values: the programme's managers, or a writer of the target's responsible unit."""
    if can_manage(user, target.programme):
        return True
    return target.responsible_unit is not None and scope.can(user, scope.WRITE, target.responsible_unit)


# --- Writes --------------------------------------------------------------------------------------


def _require(actor: Any, capability: str, unit: OrgUnit) -> None:
    """actor=None is the system (the sample loader, commands)."""
    if actor is not None and not scope.can(actor, capability, unit):
        raise PermissionDenied


def programme_create(
    *,
    actor: Any,
    issuing_unit: OrgUnit,
    title: str,
    start_year: int,
    end_year: int,
    doc_number: str = "",
    doc_date: Any = None,
    is_sample: bool = False,
) -> Programme:
    _require(actor, scope.APPROVE, issuing_unit)
    with transaction.atomic():
        programme = Programme(
            issuing_unit=issuing_unit,
            title=title.strip(),
            start_year=start_year,
            end_year=end_year,
            doc_number=doc_number.strip(),
            doc_date=doc_date,
            is_sample=is_sample,
        )
        programme.full_clean()
        programme.save()
        audit_record(
            actor=actor,
            action="plan.programme_create",
            obj=programme,
            unit=issuing_unit,
            changes={f: [None, v] for f, v in snapshot(programme, PROGRAMME_FIELDS).items()},
        )
    return programme


def programme_update(*, actor: Any, programme: Programme, **fields: Any) -> Programme:
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValueError(f"programme_update cannot change {sorted(unknown)}")
    _require(actor, scope.APPROVE, programme.issuing_unit)
    before = snapshot(programme, PROGRAMME_FIELDS)
    for name, value in fields.items():
        setattr(programme, name, value.strip() if isinstance(value, str) else value)
    try:
        programme.full_clean()
        outside = TargetValue.objects.filter(target__programme=programme).exclude(
            year__range=(programme.start_year, programme.end_year)
        )
        if outside.exists():
            raise ValidationError(
                {"end_year": _("Some targets have values for years outside the new period.")}
            )
    except ValidationError:
        programme.refresh_from_db()  # the caller's object must not keep the rejected values
        raise
    changes = diff(before, snapshot(programme, PROGRAMME_FIELDS))
    if changes:
        with transaction.atomic():
            programme.save()
            audit_record(
                actor=actor,
                action="plan.programme_update",
                obj=programme,
                unit=programme.issuing_unit,
                changes=changes,
            )
    return programme


def target_create(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    direction: str = Direction.AT_LEAST,
    unit_of_measure: str = "",
    number: str = "",
    baseline_value: Decimal | None = None,
    baseline_year: int | None = None,
    end_value: Decimal | None = None,
    responsible_unit: OrgUnit | None = None,
    sort_order: int | None = None,
) -> Target:
    _require(actor, scope.APPROVE, programme.issuing_unit)
    with transaction.atomic():
        target = Target(
            programme=programme,
            name=name.strip(),
            direction=direction,
            unit_of_measure=unit_of_measure.strip(),
            number=number.strip(),
            baseline_value=baseline_value,
            baseline_year=baseline_year,
            end_value=end_value,
            responsible_unit=responsible_unit,
            sort_order=programme.targets.count() + 1 if sort_order is None else sort_order,
        )
        target.full_clean()
        target.save()
        audit_record(
            actor=actor,
            action="plan.target_create",
            obj=target,
            unit=programme.issuing_unit,
            changes={f: [None, v] for f, v in snapshot(target, TARGET_FIELDS).items()},
        )
    return target


def target_update(*, actor: Any, target: Target, **fields: Any) -> Target:
    unknown = set(fields) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"target_update cannot change {sorted(unknown)}")
    _require(actor, scope.APPROVE, target.programme.issuing_unit)
    before = snapshot(target, TARGET_FIELDS)
    for name, value in fields.items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    try:
        target.full_clean()
    except ValidationError:
        target.refresh_from_db()
        raise
    changes = diff(before, snapshot(target, TARGET_FIELDS))
    if changes:
        with transaction.atomic():
            target.save()
            audit_record(
                actor=actor,
                action="plan.target_update",
                obj=target,
                unit=target.programme.issuing_unit,
                changes=changes,
            )
    return target


def target_value_set(
    *,
    actor: Any,
    target: Target,
    year: int,
    quarter: int = 0,
    planned: Decimal | None = None,
    actual: Decimal | None = None,
    source: str = "",
) -> TargetValue:
    """Record the planned and/or actual value of a year (quarter 0) or a quarter.

    Planned values are the programme managers' (APPROVE on its unit); an actual value may also be
    recorded by the target's responsible unit, and always needs its source.
    """
    programme = target.programme
    if actor is not None:
        if planned is not None and not can_manage(actor, programme):
            raise PermissionDenied
        if not can_record_actual(actor, target):
            raise PermissionDenied
    errors: dict[str, str] = {}
    if not programme.start_year <= year <= programme.end_year:
        errors["year"] = _("The year is outside the programme (%(start)d–%(end)d).") % {
            "start": programme.start_year,
            "end": programme.end_year,
        }
    if quarter not in (0, 1, 2, 3, 4):
        errors["quarter"] = _("Choose the whole year or a quarter.")
    if planned is None and actual is None:
        errors["actual"] = _("Enter a planned or an actual value.")
    if actual is not None and not source.strip():
        errors["source"] = _("Say where the actual value comes from.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        value, _created = TargetValue.objects.select_for_update().get_or_create(
            target=target, year=year, quarter=quarter
        )
        before = {"planned": value.planned, "actual": value.actual, "source": value.source}
        if planned is not None:
            value.planned = planned
        if actual is not None:
            value.actual = actual
            value.source = source.strip()
        value.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
        value.full_clean()
        value.save()
        after = {"planned": value.planned, "actual": value.actual, "source": value.source}
        audit_record(
            actor=actor,
            action="plan.target_value_set",
            obj=target,
            unit=programme.issuing_unit,
            changes={k: [before[k], after[k]] for k in before if before[k] != after[k]}
            | {"period": [None, f"{year}/{quarter}"]},
            reason=source,
        )
    return value


@dataclass
class TargetResult:
    target: Target
    goal: Decimal | None
    actual: Decimal | None
    source: str

    @property
    def counted(self) -> bool:
        return self.goal is not None

    @property
    def met(self) -> bool:
        if self.goal is None or self.actual is None:
            return False
        if self.target.direction == Direction.AT_MOST:
            return self.actual <= self.goal
        return self.actual >= self.goal


@dataclass
class TargetSummary:
    year: int
    quarter: int
    results: list[TargetResult]

    @property
    def counted(self) -> list[TargetResult]:
        return [r for r in self.results if r.counted]

    @property
    def met(self) -> list[TargetResult]:
        return [r for r in self.counted if r.met]

    @property
    def not_met(self) -> list[TargetResult]:
        return [r for r in self.counted if not r.met]

    @property
    def met_percent(self) -> Decimal | None:
        return percent(len(self.met), len(self.counted))

    @property
    def sentence(self) -> str:
        return ratio_sentence(len(self.met), len(self.counted), "chỉ tiêu", "đạt và vượt")


def evaluate(target: Target, values: list[TargetValue], year: int, quarter: int = 0) -> TargetResult:
    """Pure: the goal and actual of `target` for the period, from its values."""
    by_period = {(v.year, v.quarter): v for v in values}
    own = by_period.get((year, quarter))
    yearly = by_period.get((year, 0))
    goal = own.planned if own and own.planned is not None else None
    if goal is None and yearly is not None:
        goal = yearly.planned
    if goal is None:
        goal = target.end_value
    actual = own.actual if own else None
    return TargetResult(target, goal, actual, own.source if own else "")


def target_summary(programme: Programme, year: int, quarter: int = 0) -> TargetSummary:
    targets = list(programme.targets.select_related("responsible_unit").prefetch_related("values"))
    return TargetSummary(year, quarter, [evaluate(t, list(t.values.all()), year, quarter) for t in targets])
