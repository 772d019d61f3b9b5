"""Reads of accounts within the reader's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404

from cchc.accounts import scope
from cchc.accounts.models import ApiToken, Membership, User
from cchc.core.text import fold, vi_sort_key
from cchc.orgunits import selectors as orgunit_selectors
from cchc.orgunits.models import OrgUnit


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


def manageable_units(user: Any) -> list[OrgUnit]:
    """Units valid today in which the user may manage accounts, in tree order (siblings A→Z, Vietnamese)."""
    units = list(orgunit_selectors.manageable_units(user, capability=scope.MANAGE_USERS))
    names = {str(u.pk): u.name for u in units}

    def key(unit: OrgUnit) -> list[tuple[Any, ...]]:
        return [vi_sort_key(names[pk]) for pk in unit.path.strip("/").split("/") if pk in names]

    return sorted(units, key=key)


def active_memberships(user: User) -> list[Membership]:
    """A user's active memberships with their units (from the prefetch of `users_for_user`)."""
    return sorted(
        (m for m in user.memberships.all() if m.is_active),
        key=lambda m: (m.unit.path, m.role),
    )


def api_tokens_for_user(user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens, newest first (revoked ones included, marked in the page)."""
    return ApiToken.objects.filter(user=user).order_by(F("revoked_at").asc(nulls_first=True), "-created_at")


def get_active_membership(user: User, pk: int) -> Membership:
    """One active membership of `user` (404 otherwise). Callers check the user's scope first."""
    try:
        return Membership.objects.select_related("unit", "user").get(pk=pk, user=user, is_active=True)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_api_token_for_user(user: Any, pk: int) -> ApiToken:
    """One of the user's own tokens that is still valid (404 for anyone else's)."""
    try:
        return ApiToken.objects.get(pk=pk, user_id=user.pk, revoked_at__isnull=True)
    except (ApiToken.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
