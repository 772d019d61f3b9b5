"""Writes to the criteria of a draft framework (create, update, move, delete), audited."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from cchc.audit.services import audit_record, diff, snapshot
from cchc.orgunits.models import UnitType
from cchc.scoring import rules
from cchc.scoring.models import Criterion, Framework
from cchc.scoring.permissions import require_manage
from cchc.scoring.rules import RuleType
from cchc.scoring.services.frameworks import ensure_draft, type_ids

CRITERION_FIELDS = (
    "code",
    "title",
    "max_points",
    "method",
    "kind",
    "rule_type",
    "rule_params",
    "provider_key",
    "guidance",
    "evidence_expected",
)
_CODE = re.compile(r"^[0-9A-Za-zĐđ][0-9A-Za-zĐđ._-]{0,29}$")
_PROVIDER_KEY = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$")


# --- criteria ---------------------------------------------------------------------------------


def _points(value: Any) -> Decimal:
    """Maximum points as stored (2 decimals), so that "3" and "3.00" are the same value."""
    try:
        number = rules.base.to_decimal(value, _("Maximum points"))
    except ValidationError as exc:
        raise ValidationError({"max_points": exc.messages}) from None
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({"max_points": _("Points have at most 2 decimals.")})
    return number.quantize(Decimal("0.01"))


def _clean_criterion(criterion: Criterion) -> None:
    criterion.code = (criterion.code or "").strip()
    if not _CODE.match(criterion.code):
        raise ValidationError({"code": _("Use a short code such as 3.1.2 (letters, digits, dots).")})
    if criterion.max_points is None or Decimal(criterion.max_points) < 0:
        raise ValidationError({"max_points": _("Maximum points cannot be negative.")})
    if criterion.parent_id:
        parent = criterion.parent
        if parent is None or parent.framework_id != criterion.framework_id:
            raise ValidationError({"parent": _("The parent must belong to the same framework.")})
        if parent.kind != criterion.kind:
            raise ValidationError(
                {"kind": _("A sub-criterion has the same kind (base, bonus, penalty) as its parent.")}
            )
    clash = Criterion.objects.filter(framework_id=criterion.framework_id, code=criterion.code)
    if criterion.pk:
        clash = clash.exclude(pk=criterion.pk)
    if clash.exists():
        raise ValidationError(
            {"code": _("Code %(code)s is already used in this framework.") % {"code": criterion.code}}
        )
    if criterion.provider_key and not _PROVIDER_KEY.match(criterion.provider_key):
        raise ValidationError({"provider_key": _("Unknown automatic input.")})
    if criterion.method == Criterion.Method.AUTO and not criterion.provider_key:
        raise ValidationError({"provider_key": _("An automatic criterion needs an automatic input.")})
    try:
        criterion.rule_params = rules.validate_params(
            criterion.rule_type, criterion.rule_params, criterion.max_points
        )
    except ValidationError as exc:
        raise ValidationError({"rule_params": exc.messages}) from None
    criterion.full_clean(exclude=["rule_params"])


def criterion_create(
    *,
    actor: Any,
    framework: Framework,
    parent: Criterion | None = None,
    code: str,
    title: str,
    max_points: Decimal | int | str,
    method: str = Criterion.Method.SELF,
    kind: str | None = None,
    rule_type: str = RuleType.MANUAL,
    rule_params: Mapping[str, Any] | None = None,
    provider_key: str = "",
    guidance: str = "",
    evidence_expected: str = "",
    applies_to: Iterable[UnitType] = (),
    sort_order: int | None = None,
) -> Criterion:
    require_manage(actor, framework)
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        ensure_draft(framework)
        if sort_order is None:
            siblings = Criterion.objects.filter(framework=framework, parent=parent)
            sort_order = (siblings.aggregate(m=Max("sort_order"))["m"] or 0) + 10
        criterion = Criterion(
            framework=framework,
            parent=parent,
            code=code,
            title=title,
            max_points=_points(max_points),
            method=method,
            kind=kind or (parent.kind if parent else Criterion.Kind.BASE),
            rule_type=rule_type,
            rule_params=dict(rule_params or {}),
            provider_key=provider_key,
            guidance=guidance,
            evidence_expected=evidence_expected,
            sort_order=sort_order,
        )
        _clean_criterion(criterion)
        criterion.save()
        types = list(applies_to)
        criterion.applies_to.set(types)
        audit_record(
            actor=actor,
            action="criterion.create",
            obj=criterion,
            changes={
                **{k: [None, v] for k, v in snapshot(criterion, ("parent", *CRITERION_FIELDS)).items()},
                "applies_to": [None, type_ids(types)],
            },
            reason=framework.code,
        )
    return criterion


def criterion_update(
    *, actor: Any, criterion: Criterion, applies_to: Iterable[UnitType] | None = None, **fields: Any
) -> Criterion:
    require_manage(actor, criterion.framework)
    unknown = set(fields) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"criterion_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        Framework.objects.select_for_update().get(pk=criterion.framework_id)
        criterion = Criterion.objects.select_related("framework", "parent").get(pk=criterion.pk)
        ensure_draft(criterion.framework)
        before = snapshot(criterion, CRITERION_FIELDS)
        old_types = type_ids(criterion.applies_to.all())
        for key, value in fields.items():
            setattr(criterion, key, _points(value) if key == "max_points" else value)
        if "kind" in fields and criterion.children.exclude(kind=criterion.kind).exists():
            raise ValidationError(
                {"kind": _("A sub-criterion has the same kind (base, bonus, penalty) as its parent.")}
            )
        _clean_criterion(criterion)
        criterion.save()
        changes: dict[str, Any] = diff(before, snapshot(criterion, CRITERION_FIELDS))
        if applies_to is not None:
            types = list(applies_to)
            criterion.applies_to.set(types)
            if type_ids(types) != old_types:
                changes["applies_to"] = [old_types, type_ids(types)]
        if changes:
            audit_record(actor=actor, action="criterion.update", obj=criterion, changes=changes)
    return criterion


def criterion_move(*, actor: Any, criterion: Criterion, parent: Criterion | None, position: int) -> Criterion:
    """Put the criterion under `parent` (None: a domain) at 0-based `position` among its new siblings."""
    require_manage(actor, criterion.framework)
    with transaction.atomic():
        Framework.objects.select_for_update().get(pk=criterion.framework_id)
        criterion = Criterion.objects.select_related("framework").get(pk=criterion.pk)
        ensure_draft(criterion.framework)
        if parent is not None:
            if parent.framework_id != criterion.framework_id:
                raise ValidationError(_("The parent must belong to the same framework."))
            tree = criterion.framework.tree()
            ancestor_ids = {a.id for a in tree.ancestors(tree.by_id[parent.pk])} | {parent.pk}
            if criterion.pk in ancestor_ids:
                raise ValidationError(_("A criterion cannot be moved under itself or its own sub-criteria."))
            if parent.kind != criterion.kind:
                raise ValidationError(
                    _("A sub-criterion has the same kind (base, bonus, penalty) as its parent.")
                )
        old_parent = criterion.parent_id
        siblings = list(
            Criterion.objects.filter(framework_id=criterion.framework_id, parent=parent)
            .exclude(pk=criterion.pk)
            .order_by("sort_order", "code")
        )
        position = max(0, min(int(position), len(siblings)))
        siblings.insert(position, criterion)
        for index, sibling in enumerate(siblings):
            sibling.sort_order = (index + 1) * 10
        criterion.parent = parent
        Criterion.objects.bulk_update(siblings, ["sort_order", "parent"])
        audit_record(
            actor=actor,
            action="criterion.move",
            obj=criterion,
            changes={
                "parent": [old_parent, parent.pk if parent else None],
                "sort_order": [None, criterion.sort_order],
            },
        )
    return criterion


def criterion_delete(*, actor: Any, criterion: Criterion) -> int:
    """Delete the criterion and its sub-criteria; returns how many criteria were removed."""
    require_manage(actor, criterion.framework)
    with transaction.atomic():
        Framework.objects.select_for_update().get(pk=criterion.framework_id)
        criterion = Criterion.objects.select_related("framework").get(pk=criterion.pk)
        ensure_draft(criterion.framework)
        tree = criterion.framework.tree()
        removed = [
            n.id
            for n in tree.nodes
            if n.id == criterion.pk or criterion.pk in {a.id for a in tree.ancestors(n)}
        ]
        audit_record(
            actor=actor,
            action="criterion.delete",
            obj=criterion,
            changes={"code": [criterion.code, None], "title": [criterion.title, None]},
            reason=_("%(count)s criteria removed") % {"count": len(removed)},
        )
        try:
            Criterion.objects.filter(pk__in=removed).delete()
        except ProtectedError:
            raise ValidationError(
                _("This criterion has scores in an assessment and cannot be deleted.")
            ) from None
    return len(removed)
