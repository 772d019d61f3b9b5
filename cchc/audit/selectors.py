"""Reading the audit log within the reader's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from cchc.accounts import scope
from cchc.audit.models import AuditEvent
from cchc.core.text import fold


def audit_events_for_user(user, *, query: str = "", action: str = "") -> QuerySet[AuditEvent]:  # type: ignore[no-untyped-def]
    """Events an auditor may read: everything for system admins, events of units in scope otherwise.

    Events without a unit (logins, user accounts) are visible to system admins only, except a
    user's own login events.
    """
    qs = AuditEvent.objects.select_related("actor", "unit", "content_type")
    if not scope.is_system_admin(user):
        if not scope.has_capability_anywhere(user, scope.VIEW_AUDIT):
            return qs.none()
        qs = qs.filter(scope.unit_q(user, capability=scope.VIEW_AUDIT) | Q(actor=user))
    if query:
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
    if action:
        qs = qs.filter(action=action)
    return qs


def history_for_object(obj: models.Model) -> QuerySet[AuditEvent]:
    """All events about one object, newest first. Callers check the object's scope first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


def audit_log_for_user(
    user: Any,
    *,
    query: str = "",
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """`audit_events_for_user` restricted to days `date_from`–`date_to` (inclusive, local time)."""
    qs = audit_events_for_user(user, query=query, action=action)
    if date_from is not None:
        qs = qs.filter(at__gte=_day_start(date_from))
    if date_to is not None:
        qs = qs.filter(at__lt=_day_start(date_to + dt.timedelta(days=1)))
    return qs


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
