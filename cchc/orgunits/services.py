"""Writes to the organisation tree. Each function is one transaction with its audit event.

A unit is never deleted once it has history: closing sets `valid_to`, merging closes the sources
and records lineage, moving records the old parent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.audit.services import audit_record, diff, snapshot
from cchc.core.text import fold
from cchc.orgunits.models import OrgUnit, UnitGroup, UnitGroupSet, UnitLineage, UnitMove, UnitType

EDITABLE_FIELDS = (
    "code",
    "name",
    "short_name",
    "abbreviation",
    "unit_type",
    "valid_from",
    "valid_to",
    "address",
    "email",
    "phone",
    "note",
)


def _check(actor: Any, unit: OrgUnit | None) -> None:
    """Services are called by views, the API, imports and commands alike; actor=None is the system."""
    if actor is None:
        return
    if unit is None:
        if not scope.is_system_admin(actor):
            raise scope.PermissionDenied
        return
    scope.require(actor, scope.MANAGE_UNITS, unit)


def _search_text(unit: OrgUnit) -> str:
    return fold(f"{unit.name} {unit.short_name} {unit.code} {unit.abbreviation}")[:500]


def _set_path(unit: OrgUnit) -> None:
    parent_path = unit.parent.path if unit.parent_id and unit.parent else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = parent_path.count("/") - 1


def unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    unit_type: UnitType,
    parent: OrgUnit | None,
    short_name: str = "",
    abbreviation: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    address: str = "",
    email: str = "",
    phone: str = "",
    note: str = "",
    is_sample: bool = False,
    reason: str = "",
) -> OrgUnit:
    _check(actor, parent)
    with transaction.atomic():
        unit = OrgUnit(
            code=code.strip(),
            name=name.strip(),
            unit_type=unit_type,
            parent=parent,
            short_name=short_name.strip(),
            abbreviation=abbreviation.strip(),
            valid_from=valid_from,
            valid_to=valid_to,
            address=address,
            email=email,
            phone=phone,
            note=note,
            is_sample=is_sample,
        )
        unit.search_text = _search_text(unit)
        unit.path = "/pending/"
        unit.full_clean(exclude=["path"])
        _check_parent_period(unit, parent)
        unit.save()
        _set_path(unit)
        unit.save(update_fields=["path", "depth"])
        audit_record(
            actor=actor,
            action="orgunit.create",
            obj=unit,
            unit=unit,
            changes={f: [None, v] for f, v in snapshot(unit, (*EDITABLE_FIELDS, "parent")).items()},
            reason=reason,
        )
    return unit


def _check_parent_period(unit: OrgUnit, parent: OrgUnit | None) -> None:
    if parent is not None and parent.valid_to and (unit.valid_to is None or unit.valid_to > parent.valid_to):
        raise ValidationError(
            {
                "parent": _("The parent unit closed on %(date)s; choose a unit that is still valid.")
                % {"date": parent.valid_to.strftime("%d/%m/%Y")}
            }
        )


def unit_update(*, actor: Any, unit: OrgUnit, reason: str = "", **fields: Any) -> OrgUnit:
    """Change a unit's own fields (not its parent: see `unit_move`)."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"unit_update cannot change {sorted(unknown)}")
    _check(actor, unit)
    with transaction.atomic():
        before = snapshot(unit, EDITABLE_FIELDS)
        for name, value in fields.items():
            setattr(unit, name, value.strip() if isinstance(value, str) else value)
        unit.search_text = _search_text(unit)
        unit.full_clean()
        changes = diff(before, snapshot(unit, EDITABLE_FIELDS))
        if changes:
            unit.save()
            audit_record(
                actor=actor,
                action="orgunit.update",
                obj=unit,
                unit=unit,
                changes=changes,
                reason=reason,
            )
    return unit


def unit_move(
    *,
    actor: Any,
    unit: OrgUnit,
    new_parent: OrgUnit,
    effective_date: dt.date,
    decision: str = "",
    reason: str = "",
) -> OrgUnit:
    """Give `unit` (with its subtree) a new parent, keeping the old one in `UnitMove`."""
    _check(actor, unit)
    _check(actor, new_parent)
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationError(
            {"new_parent": _("A unit cannot be moved under itself or one of its sub-units.")}
        )
    if new_parent.valid_to and new_parent.valid_to < effective_date:
        raise ValidationError({"new_parent": _("The new parent unit is closed on the effective date.")})
    if unit.parent_id == new_parent.pk:
        raise ValidationError({"new_parent": _("The unit is already under this parent.")})
    with transaction.atomic():
        old_parent = unit.parent
        UnitMove.objects.create(
            unit=unit,
            old_parent=old_parent,
            new_parent=new_parent,
            effective_date=effective_date,
            decision=decision,
        )
        old_path = unit.path
        unit.parent = new_parent
        _set_path(unit)
        unit.save(update_fields=["parent", "path", "depth", "updated_at"])
        descendants = list(OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk))
        for child in descendants:
            child.path = unit.path + child.path[len(old_path) :]
            child.depth = child.path.count("/") - 2
        OrgUnit.objects.bulk_update(descendants, ["path", "depth"], batch_size=500)
        audit_record(
            actor=actor,
            action="orgunit.move",
            obj=unit,
            unit=unit,
            changes={"parent": [old_parent.pk if old_parent else None, new_parent.pk]},
            reason=reason or decision,
        )
    return unit


def unit_close(*, actor: Any, unit: OrgUnit, valid_to: dt.date, reason: str = "") -> OrgUnit:
    """End a unit's validity. Its open sub-units must be closed or moved first."""
    _check(actor, unit)
    if unit.valid_from and valid_to < unit.valid_from:
        raise ValidationError({"valid_to": _("The closing date is before the unit started.")})
    still_open = OrgUnit.objects.filter(parent=unit).exclude(valid_to__isnull=False, valid_to__lte=valid_to)
    if still_open.exists():
        names = ", ".join(u.name for u in still_open[:5])
        raise ValidationError(_("Close or move its sub-units first: %(names)s") % {"names": names})
    with transaction.atomic():
        before = unit.valid_to
        unit.valid_to = valid_to
        unit.save(update_fields=["valid_to", "updated_at"])
        audit_record(
            actor=actor,
            action="orgunit.close",
            obj=unit,
            unit=unit,
            changes={"valid_to": [before, valid_to]},
            reason=reason,
        )
    return unit


def lineage_add(
    *,
    actor: Any,
    predecessor: OrgUnit,
    successor: OrgUnit,
    kind: str,
    effective_date: dt.date,
    decision: str = "",
    share: Decimal | None = None,
    note: str = "",
) -> UnitLineage:
    _check(actor, predecessor)
    _check(actor, successor)
    with transaction.atomic():
        link = UnitLineage(
            predecessor=predecessor,
            successor=successor,
            kind=kind,
            effective_date=effective_date,
            decision=decision,
            share=share,
            note=note,
        )
        link.full_clean()
        link.save()
        audit_record(
            actor=actor,
            action="orgunit.lineage_add",
            obj=successor,
            unit=successor,
            changes={"predecessor": [None, predecessor.pk], "kind": [None, kind]},
            reason=decision,
        )
    return link


@dataclass(frozen=True)
class SplitPart:
    unit: OrgUnit
    share: Decimal | None = None


def unit_merge(
    *,
    actor: Any,
    sources: Sequence[OrgUnit],
    target: OrgUnit,
    effective_date: dt.date,
    decision: str = "",
    reason: str = "",
) -> OrgUnit:
    """Merge `sources` into `target` on `effective_date`.

    The sources close the day before, a MERGE lineage link is recorded for each, and nothing is
    deleted, so earlier data stays attached to the units that produced it and can be rolled up.
    """
    if not sources:
        raise ValidationError(_("Choose at least one unit to merge."))
    if any(s.pk == target.pk for s in sources):
        raise ValidationError(_("A unit cannot be merged into itself."))
    if target.valid_from and target.valid_from > effective_date:
        raise ValidationError(_("The receiving unit does not exist yet on the effective date."))
    closing = effective_date - dt.timedelta(days=1)
    with transaction.atomic():
        for source in sources:
            _check(actor, source)
            if source.valid_to is not None and source.valid_to < closing:
                raise ValidationError(
                    _("%(unit)s was already closed on %(date)s.")
                    % {"unit": source.name, "date": source.valid_to.strftime("%d/%m/%Y")}
                )
            children = OrgUnit.objects.filter(parent=source).exclude(
                valid_to__isnull=False, valid_to__lte=closing
            )
            for child in children:
                unit_move(
                    actor=actor,
                    unit=child,
                    new_parent=target,
                    effective_date=effective_date,
                    decision=decision,
                )
            if source.valid_to != closing:
                unit_close(actor=actor, unit=source, valid_to=closing, reason=reason or decision)
            lineage_add(
                actor=actor,
                predecessor=source,
                successor=target,
                kind=UnitLineage.Kind.MERGE,
                effective_date=effective_date,
                decision=decision,
            )
        audit_record(
            actor=actor,
            action="orgunit.merge",
            obj=target,
            unit=target,
            changes={"merged_from": [None, [s.pk for s in sources]]},
            reason=reason or decision,
        )
    return target


def unit_split(
    *,
    actor: Any,
    source: OrgUnit,
    parts: Sequence[SplitPart],
    effective_date: dt.date,
    decision: str = "",
    reason: str = "",
) -> list[OrgUnit]:
    """Split `source` into existing units `parts`, optionally with the share of its data each takes."""
    if len(parts) < 2:
        raise ValidationError(_("A split needs at least two receiving units."))
    shares = [p.share for p in parts]
    if any(s is not None for s in shares) and (
        any(s is None for s in shares) or sum(s for s in shares if s is not None) != Decimal(1)
    ):
        raise ValidationError(_("The shares of a split must all be given and add up to 1."))
    closing = effective_date - dt.timedelta(days=1)
    with transaction.atomic():
        unit_close(actor=actor, unit=source, valid_to=closing, reason=reason or decision)
        for part in parts:
            lineage_add(
                actor=actor,
                predecessor=source,
                successor=part.unit,
                kind=UnitLineage.Kind.SPLIT,
                effective_date=effective_date,
                decision=decision,
                share=part.share,
            )
    return [p.unit for p in parts]


def unit_type_upsert(
    *,
    code: str,
    name: str,
    level: int,
    name_en: str = "",
    is_territorial: bool = False,
    sort_order: int = 100,
) -> UnitType:
    """Reference data used by the demo loader and imports (system action, no actor)."""
    unit_type, _created = UnitType.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "name_en": name_en,
            "level": level,
            "is_territorial": is_territorial,
            "sort_order": sort_order,
        },
    )
    return unit_type


def group_set_create(*, actor: Any, code: str, name: str, description: str = "") -> UnitGroupSet:
    if actor is not None and not scope.has_capability_anywhere(actor, scope.MANAGE_UNITS):
        raise scope.PermissionDenied
    with transaction.atomic():
        group_set = UnitGroupSet(code=code, name=name, description=description)
        group_set.full_clean()
        group_set.save()
        audit_record(actor=actor, action="unitgroupset.create", obj=group_set)
    return group_set


def group_create(
    *, actor: Any, group_set: UnitGroupSet, code: str, name: str, sort_order: int = 100
) -> UnitGroup:
    if actor is not None and not scope.has_capability_anywhere(actor, scope.MANAGE_UNITS):
        raise scope.PermissionDenied
    with transaction.atomic():
        group = UnitGroup(group_set=group_set, code=code, name=name, sort_order=sort_order)
        group.full_clean()
        group.save()
        audit_record(actor=actor, action="unitgroup.create", obj=group)
    return group


def group_set_members(
    *, actor: Any, group: UnitGroup, units: Sequence[OrgUnit], reason: str = ""
) -> UnitGroup:
    """Replace the members of `group`. The actor must manage every unit added or removed."""
    with transaction.atomic():
        before = set(group.members.values_list("pk", flat=True))
        after = {u.pk for u in units}
        changed = OrgUnit.objects.filter(pk__in=before ^ after)
        for unit in changed:
            _check(actor, unit)
        group.members.set(list(units))
        if before != after:
            audit_record(
                actor=actor,
                action="unitgroup.set_members",
                obj=group,
                changes={"members": [sorted(before), sorted(after)]},
                reason=reason,
            )
    return group


def unit_merge_into_new(
    *,
    actor: Any,
    sources: Sequence[OrgUnit],
    code: str,
    name: str,
    unit_type: UnitType,
    parent: OrgUnit | None,
    effective_date: dt.date,
    decision: str = "",
    reason: str = "",
) -> OrgUnit:
    """Create the receiving unit (valid from `effective_date`) and merge `sources` into it.

    One transaction: if the merge is refused, the new unit is not created either.
    """
    with transaction.atomic():
        target = unit_create(
            actor=actor,
            code=code,
            name=name,
            unit_type=unit_type,
            parent=parent,
            valid_from=effective_date,
            reason=reason or decision,
        )
        return unit_merge(
            actor=actor,
            sources=sources,
            target=target,
            effective_date=effective_date,
            decision=decision,
            reason=reason,
        )
