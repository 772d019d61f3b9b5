"""Writes to criteria frameworks. One transaction per operation with its audit event.

A frozen framework (used by an opened cycle) refuses every change: results must stay explainable by
the rules they were computed with. To change the methodology, clone the framework and edit the copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.audit.services import audit_record, diff, snapshot
from cchc.orgunits.models import OrgUnit, UnitGroup, UnitType
from cchc.scoring import checks
from cchc.scoring.models import Criterion, Framework
from cchc.scoring.permissions import manageable_roots, require_manage
from cchc.scoring.rules import RuleType

FRAMEWORK_FIELDS = ("owner", "code", "name", "year", "unit_group", "description", "legal_basis")


def ensure_draft(framework: Framework) -> None:
    if framework.is_frozen:
        raise ValidationError(
            _("Framework “%(name)s” is frozen because a cycle uses it; clone it to make changes.")
            % {"name": framework.name}
        )


def type_ids(types: Iterable[UnitType]) -> list[int]:
    return sorted(t.pk for t in types)


# --- frameworks -------------------------------------------------------------------------------


def framework_create(
    *,
    actor: Any,
    code: str,
    name: str,
    year: int,
    owner: OrgUnit | None = None,
    unit_group: UnitGroup | None = None,
    unit_types: Iterable[UnitType] = (),
    description: str = "",
    legal_basis: str = "",
    is_sample: bool = False,
) -> Framework:
    """A new draft. owner is the issuing province (a root unit); only the system (actor=None) and
    system administrators create frameworks shared by every province (owner=None)."""
    _require_owner(actor, owner)
    with transaction.atomic():
        framework = Framework(
            owner=owner,
            code=code,
            name=name,
            year=year,
            unit_group=unit_group,
            description=description,
            legal_basis=legal_basis,
            is_sample=is_sample,
        )
        _validate_year(year)
        framework.full_clean()
        framework.save()
        types = list(unit_types)
        framework.unit_types.set(types)
        audit_record(
            actor=actor,
            action="framework.create",
            obj=framework,
            changes={
                **{k: [None, v] for k, v in snapshot(framework, FRAMEWORK_FIELDS).items()},
                "unit_types": [None, type_ids(types)],
            },
        )
    return framework


def _require_owner(actor: Any, owner: OrgUnit | None) -> None:
    if owner is not None and owner.parent_id is not None:
        raise ValidationError({"owner": _("A framework is issued by a province (a root unit).")})
    if actor is None:
        return
    if owner is None:
        if not scope.is_system_admin(actor):
            raise PermissionDenied
        return
    if owner.pk not in {root.pk for root in manageable_roots(actor)}:
        raise PermissionDenied


def _validate_year(year: int) -> None:
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})


def framework_update(
    *, actor: Any, framework: Framework, unit_types: Iterable[UnitType] | None = None, **fields: Any
) -> Framework:
    require_manage(actor, framework)
    if "owner" in fields:
        _require_owner(actor, fields["owner"])
    unknown = set(fields) - set(FRAMEWORK_FIELDS)
    if unknown:
        raise TypeError(f"framework_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        ensure_draft(framework)
        before = snapshot(framework, FRAMEWORK_FIELDS)
        old_types = type_ids(framework.unit_types.all())
        for key, value in fields.items():
            setattr(framework, key, value)
        _validate_year(framework.year)
        framework.full_clean()
        framework.save()
        changes: dict[str, Any] = diff(before, snapshot(framework, FRAMEWORK_FIELDS))
        if unit_types is not None:
            types = list(unit_types)
            framework.unit_types.set(types)
            if type_ids(types) != old_types:
                changes["unit_types"] = [old_types, type_ids(types)]
        if changes:
            audit_record(actor=actor, action="framework.update", obj=framework, changes=changes)
    return framework


def framework_freeze(*, actor: Any, framework: Framework, reason: str = "") -> Framework:
    """Freeze for good (called when a cycle using the framework opens). Refused while the tree has
    blocking problems (points that do not add up, invalid rules). Freezing twice is harmless."""
    require_manage(actor, framework)
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        if framework.is_frozen:
            return framework
        blocking = [p for p in checks.problems(framework.tree()) if p.blocking]
        if blocking:
            first = blocking[0]
            raise ValidationError(
                _("The framework cannot be frozen: %(code)s %(message)s (%(count)s problem(s) in all).")
                % {"code": first.code, "message": first.message, "count": len(blocking)}
            )
        framework.status = Framework.Status.FROZEN
        framework.frozen_at = timezone.now()
        framework.save(update_fields=["status", "frozen_at", "updated_at"])
        audit_record(
            actor=actor,
            action="framework.freeze",
            obj=framework,
            changes={"status": [Framework.Status.DRAFT, Framework.Status.FROZEN]},
            reason=reason,
        )
    return framework


def framework_delete(*, actor: Any, framework: Framework) -> None:
    """Delete a draft framework and its criteria (a frozen one has been used and is kept)."""
    require_manage(actor, framework)
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        ensure_draft(framework)
        audit_record(
            actor=actor,
            action="framework.delete",
            obj=framework,
            changes={"code": [framework.code, None], "name": [framework.name, None]},
        )
        try:
            framework.delete()
        except ProtectedError:
            raise ValidationError(
                _("This framework is used by an assessment cycle and cannot be deleted.")
            ) from None


def framework_clone(
    *,
    actor: Any,
    source: Framework,
    code: str,
    name: str,
    year: int,
    unit_group: UnitGroup | None = None,
    is_sample: bool | None = None,
) -> Framework:
    """A new draft with a deep copy of the source's tree (applicability included). Deadlines in the
    rules move by the difference in years, so last year's "by 31/03/2025" becomes "by 31/03/2026".
    The copy belongs to the same province as the source."""
    _require_owner(actor, source.owner)
    with transaction.atomic():
        clone = Framework(
            owner=source.owner,
            code=code,
            name=name,
            year=year,
            unit_group=unit_group if unit_group is not None else source.unit_group,
            description=source.description,
            legal_basis=source.legal_basis,
            cloned_from=source,
            is_sample=source.is_sample if is_sample is None else is_sample,
        )
        _validate_year(year)
        clone.full_clean()
        clone.save()
        clone.unit_types.set(list(source.unit_types.all()))
        shift = int(year) - source.year
        old = list(Criterion.objects.filter(framework=source).order_by("pk"))
        new_ids = _copy_criteria(old, clone, shift)
        through = Criterion.applies_to.through
        through.objects.bulk_create(
            [
                through(criterion_id=new_ids[link.criterion_id], unittype_id=link.unittype_id)
                for link in through.objects.filter(criterion__framework=source)
            ]
        )
        audit_record(
            actor=actor,
            action="framework.clone",
            obj=clone,
            changes={
                **{k: [None, v] for k, v in snapshot(clone, FRAMEWORK_FIELDS).items()},
                "cloned_from": [None, source.pk],
            },
            reason=_("Copied from %(name)s (%(count)s criteria)") % {"name": source.name, "count": len(old)},
        )
    return clone


def _copy_criteria(old: list[Criterion], clone: Framework, shift_years: int) -> dict[int, int]:
    """Copy level by level so each parent exists before its children; returns old id → new id."""
    new_ids: dict[int, int] = {}
    remaining = old
    while remaining:
        level = [c for c in remaining if c.parent_id is None or c.parent_id in new_ids]
        if not level:  # a cycle cannot exist (services prevent it); stop rather than loop forever
            raise ValidationError(_("The source framework's tree is inconsistent."))
        copies = [
            Criterion(
                framework=clone,
                parent_id=new_ids.get(c.parent_id) if c.parent_id else None,
                code=c.code,
                title=c.title,
                sort_order=c.sort_order,
                max_points=c.max_points,
                guidance=c.guidance,
                evidence_expected=c.evidence_expected,
                method=c.method,
                kind=c.kind,
                rule_type=c.rule_type,
                rule_params=_shift_params(c.rule_type, c.rule_params, shift_years),
                provider_key=c.provider_key,
            )
            for c in level
        ]
        Criterion.objects.bulk_create(copies)
        if any(copy.pk is None for copy in copies):  # backends without RETURNING
            by_code = dict(Criterion.objects.filter(framework=clone).values_list("code", "pk"))
            for copy in copies:
                copy.pk = by_code[copy.code]
        for original, copy in zip(level, copies, strict=True):
            new_ids[original.pk] = copy.pk
        done = {c.pk for c in level}
        remaining = [c for c in remaining if c.pk not in done]
    return new_ids


def _shift_params(rule_type: str, params: Mapping[str, Any], years: int) -> dict[str, Any]:
    shifted = dict(params or {})
    if rule_type == RuleType.DEADLINE and years and shifted.get("deadline"):
        try:
            day = dt.date.fromisoformat(str(shifted["deadline"]))
        except ValueError:
            return shifted
        try:
            shifted["deadline"] = day.replace(year=day.year + years).isoformat()
        except ValueError:  # 29/02 → 28/02
            shifted["deadline"] = day.replace(year=day.year + years, day=28).isoformat()
    return shifted
