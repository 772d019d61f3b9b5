"""Recording audit events. Every service that writes calls `audit_record` in its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from cchc.audit.models import AuditEvent
from cchc.core.text import fold


def _plain(value: Any) -> Any:
    """JSON-friendly form of a field value (dates as ISO, model instances as their pk)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Current values of `fields` (foreign keys by id), for a later `diff`."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(obj, attname))
    return values


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose value changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    unit: Any = None,
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    ip_address: str | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Write one audit event. Call it inside the transaction of the change it describes."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = actor_label or (user.get_username() if user else "")
    obj_repr = str(obj)[:300] if obj is not None else ""
    event = AuditEvent.objects.create(
        actor=user,
        actor_label=label[:150],
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=obj_repr,
        unit=unit,
        # Pairs that did not change (e.g. empty fields of a new object) carry no information.
        changes={
            k: [_plain(v) for v in pair]
            for k, pair in (changes or {}).items()
            if pair[0] != pair[1] and (pair[0] not in (None, "") or pair[1] not in (None, ""))
        },
        reason=reason,
        ip_address=ip_address,
        search_text=fold(f"{label} {action} {obj_repr} {reason}"),
    )
    return event
