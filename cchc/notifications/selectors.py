"""Reads of notifications. Everyone sees only their own: no role reads another user's inbox."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404

from cchc.notifications.models import Notification


def notifications_for_user(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications that are not cleared: unread first, then newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    qs = Notification.objects.filter(user=user, cleared_at__isnull=True)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by(F("read_at").asc(nulls_first=True), "-created_at", "-pk")


def unread_count_for_user(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True, cleared_at__isnull=True).count()


def get_notification_for_user(user: Any, pk: Any) -> Notification:
    """One of the user's own notifications; 404 for anyone else's (its existence is not revealed)."""
    try:
        return notifications_for_user(user).get(pk=int(pk))
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
