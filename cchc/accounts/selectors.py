"""Reads of accounts within the reader's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from cchc.accounts import scope
from cchc.accounts.models import Membership, User
from cchc.core.text import fold


def users_for_user(user: Any, *, query: str = "", role: str = "", unit: Any = None) -> QuerySet[User]:
    """Accounts the reader may manage: holders of a membership in a unit they manage users for."""
    active = Membership.objects.filter(is_active=True).select_related("unit")
    qs = User.objects.prefetch_related(Prefetch("memberships", queryset=active))
    if not scope.is_system_admin(user):
        if not scope.has_capability_anywhere(user, scope.MANAGE_USERS):
            return qs.none()
        qs = qs.filter(
            pk__in=Membership.objects.filter(scope.unit_q(user, capability=scope.MANAGE_USERS)).values(
                "user_id"
            )
        )
    if query:
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
    if role:
        qs = qs.filter(memberships__role=role, memberships__is_active=True)
    if unit is not None:
        qs = qs.filter(memberships__unit=unit, memberships__is_active=True)
    return qs.distinct().order_by("username")


def get_user_for_user(reader: Any, pk: int) -> User:
    """An account the reader may manage (404 otherwise: other units' staff are not revealed)."""
    try:
        return users_for_user(reader).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
