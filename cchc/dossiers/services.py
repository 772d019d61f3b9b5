"""Writes of the dossier module: one service per operation, audited in the same transaction.

The working calendar, the procedure catalogue and the Decision 766 configuration are
province-wide reference data: changing them needs MANAGE_UNITS somewhere (province or system
administrators). Reported totals and imported 766 values belong to a unit: WRITE on that unit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.audit.services import audit_record, diff, snapshot
from cchc.dossiers.models import (
    CalendarDay,
    CalendarYear,
    Indicator,
    IndicatorValue,
    Procedure,
    ReportedTotals,
)

PROCEDURE_FIELDS = (
    "code",
    "name",
    "field",
    "level",
    "processing_time",
    "time_unit",
    "online_level",
    "fee",
    "valid_from",
    "valid_to",
)


def can_manage_reference(user: Any) -> bool:
    return user is None or scope.has_capability_anywhere(user, scope.MANAGE_UNITS)


def require_manage_reference(user: Any) -> None:
    if not can_manage_reference(user):
        raise PermissionDenied


@transaction.atomic
def calendar_year_set(*, actor: Any, year: int, **values: Any) -> CalendarYear:
    require_manage_reference(actor)
    obj, _created = CalendarYear.objects.get_or_create(year=year)
    fields = ("weekend_days", "morning_start", "morning_end", "afternoon_start", "afternoon_end", "note")
    before = snapshot(obj, fields)
    for name, value in values.items():
        if name in fields:
            setattr(obj, name, value)
    if not (obj.morning_start < obj.morning_end <= obj.afternoon_start < obj.afternoon_end):
        raise ValidationError(_("Working hours must be two sessions in order (morning, then afternoon)."))
    weekend = [p.strip() for p in obj.weekend_days.split(",") if p.strip()]
    if any(p not in {"1", "2", "3", "4", "5", "6", "7"} for p in weekend) or len(weekend) > 3:
        raise ValidationError(_("Weekend days are weekday numbers 1 (Monday) to 7 (Sunday)."))
    obj.weekend_days = ",".join(sorted(set(weekend)))
    obj.full_clean()
    obj.save()
    changes = {k: [str(a), str(b)] for k, (a, b) in diff(before, snapshot(obj, fields)).items()}
    audit_record(actor=actor, action="dossiers.calendar_year", obj=obj, changes=changes)
    return obj


@transaction.atomic
def calendar_day_set(*, actor: Any, date: dt.date, kind: str, name: str) -> CalendarDay:
    require_manage_reference(actor)
    if kind not in CalendarDay.Kind.values:
        raise ValidationError(_("Unknown kind of day."))
    if kind == CalendarDay.Kind.WORKDAY and date.isoweekday() < 6:
        raise ValidationError(_("A make-up working day must fall on a weekend."))
    obj, _created = CalendarDay.objects.update_or_create(
        date=date, defaults={"kind": kind, "name": name.strip()}
    )
    obj.full_clean()
    audit_record(
        actor=actor,
        action="dossiers.calendar_day",
        obj=obj,
        changes={"date": [None, date], "kind": [None, kind], "name": [None, name]},
    )
    return obj


@transaction.atomic
def calendar_day_delete(*, actor: Any, day: CalendarDay) -> None:
    require_manage_reference(actor)
    audit_record(actor=actor, action="dossiers.calendar_day_delete", reason=str(day))
    day.delete()


@transaction.atomic
def procedure_upsert(
    *, actor: Any, code: str, competent_units: list[Any] | None = None, **values: Any
) -> Procedure:
    require_manage_reference(actor)
    obj = Procedure.objects.filter(code=code).first()
    created = obj is None
    obj = obj or Procedure(code=code)
    before = {} if created else snapshot(obj, PROCEDURE_FIELDS)
    for name, value in values.items():
        if name in PROCEDURE_FIELDS:
            setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    if competent_units is not None:
        obj.competent_units.set(competent_units)
    audit_record(
        actor=actor,
        action="dossiers.procedure_create" if created else "dossiers.procedure_update",
        obj=obj,
        changes=diff(before, snapshot(obj, PROCEDURE_FIELDS)),
    )
    return obj


@transaction.atomic
def reported_totals_set(
    *, actor: Any, unit: Any, start: dt.date, end: dt.date, **figures: Any
) -> ReportedTotals:
    """Record the figures a unit reported; they are compared, never corrected."""
    if actor is not None:
        scope.require(actor, scope.WRITE, unit)
    if end < start:
        raise ValidationError(_("The period ends before it starts."))
    obj, _created = ReportedTotals.objects.update_or_create(unit=unit, start=start, end=end, defaults=figures)
    obj.full_clean()
    audit_record(
        actor=actor,
        action="dossiers.reported_totals",
        obj=obj,
        unit=unit,
        changes={k: [None, v] for k, v in figures.items()},
    )
    return obj


@transaction.atomic
def indicator_value_set(
    *,
    actor: Any,
    indicator: Indicator,
    unit: Any,
    start: dt.date,
    end: dt.date,
    rate: Decimal,
    provenance: str,
) -> IndicatorValue:
    """An imported 766 value (a rate CCHC cannot compute), with where it came from."""
    if actor is not None:
        scope.require(actor, scope.WRITE, unit)
    if indicator.source != "imported":
        raise ValidationError(_("This indicator is computed from the dossiers and cannot be entered."))
    if not Decimal(0) <= Decimal(rate) <= Decimal(100):
        raise ValidationError(_("A rate is between 0 and 100."))
    if not provenance.strip():
        raise ValidationError(_("Say where the value comes from."))
    obj, _created = IndicatorValue.objects.update_or_create(
        indicator=indicator,
        unit=unit,
        start=start,
        end=end,
        defaults={
            "rate": rate,
            "provenance": provenance.strip(),
            "entered_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    audit_record(
        actor=actor,
        action="dossiers.indicator_value",
        obj=obj,
        unit=unit,
        changes={"rate": [None, rate], "provenance": [None, provenance]},
    )
    return obj
