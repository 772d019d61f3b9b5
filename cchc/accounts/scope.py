"""Roles, capabilities and unit scope: the one place that decides who may see or change what.

A user's scope is the union of the subtrees of the units they hold an active membership in
(today's hierarchy, via the materialised path). Capabilities come from the role held in the
unit that contains the object. System administrators see and change everything.

Views and API endpoints use `get_unit_for_user` / `require`: an object outside the scope is a 404
(its existence is not revealed), an object in scope without the needed capability is a 403.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from cchc.accounts.models import Membership, Role

if TYPE_CHECKING:
    from cchc.orgunits.models import OrgUnit

READ = "read"
WRITE = "write"  # change the unit's own records (tasks, scores, dossiers in later modules)
APPROVE = "approve"  # confirm a unit's submissions
APPRAISE = "appraise"
MANAGE_UNITS = "manage_units"  # edit, move, close, merge org units; import units
MANAGE_USERS = "manage_users"
VIEW_AUDIT = "view_audit"

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.SYSTEM_ADMIN: frozenset({READ, WRITE, APPROVE, APPRAISE, MANAGE_UNITS, MANAGE_USERS, VIEW_AUDIT}),
    Role.PROVINCE_ADMIN: frozenset({READ, WRITE, APPROVE, MANAGE_UNITS, MANAGE_USERS, VIEW_AUDIT}),
    Role.UNIT_LEADER: frozenset({READ, WRITE, APPROVE}),
    Role.FOCAL_OFFICER: frozenset({READ, WRITE}),
    Role.APPRAISER: frozenset({READ, APPRAISE}),
    Role.VIEWER: frozenset({READ}),
}


def _memberships(user: Any) -> list[Membership]:
    """Active memberships, cached on the user object for the duration of a request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_cchc_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True).select_related("unit", "unit__unit_type")
        )
        user._cchc_memberships = cached
    return cached


def memberships(user: Any) -> list[Membership]:
    return _memberships(user)


def is_system_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or any(m.role == Role.SYSTEM_ADMIN for m in _memberships(user))


def _scope_q(paths: Iterable[str], field: str = "path") -> Q:
    qs = [Q(**{f"{field}__startswith": p}) for p in sorted(set(paths))]
    return reduce(or_, qs) if qs else Q(pk__in=[])


def visible_units(user: Any) -> QuerySet[OrgUnit]:
    """All org units the user may read (any validity period)."""
    from cchc.orgunits.models import OrgUnit

    if is_system_admin(user):
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(_scope_q(m.unit.path for m in _memberships(user)))


def unit_q(user: Any, *, capability: str = READ, prefix: str = "unit__") -> Q:
    """A Q restricting objects related to a unit (through `prefix`) to the user's scope."""
    if is_system_admin(user):
        return Q()
    paths = [m.unit.path for m in _memberships(user) if capability in ROLE_CAPABILITIES[m.role]]
    return _scope_q(paths, field=f"{prefix}path")


def capabilities_for(user: Any, unit: OrgUnit) -> frozenset[str]:
    """What the user may do with objects of `unit` (empty when it is outside their scope)."""
    if is_system_admin(user):
        return ROLE_CAPABILITIES[Role.SYSTEM_ADMIN]
    caps: set[str] = set()
    for m in _memberships(user):
        if unit.path.startswith(m.unit.path):
            caps |= ROLE_CAPABILITIES[m.role]
    return frozenset(caps)


def can(user: Any, capability: str, unit: OrgUnit) -> bool:
    return capability in capabilities_for(user, unit)


def has_capability_anywhere(user: Any, capability: str) -> bool:
    return is_system_admin(user) or any(capability in ROLE_CAPABILITIES[m.role] for m in _memberships(user))


def require(user: Any, capability: str, unit: OrgUnit) -> None:
    """404 when `unit` is out of the user's scope, 403 when in scope but not allowed."""
    caps = capabilities_for(user, unit)
    if not caps:
        raise Http404
    if capability not in caps:
        raise PermissionDenied


def get_unit_for_user(user: Any, pk: int, capability: str = READ) -> OrgUnit:
    from cchc.orgunits.models import OrgUnit

    try:
        unit = OrgUnit.objects.select_related("unit_type", "parent").get(pk=pk)
    except (OrgUnit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    require(user, capability, unit)
    return unit
