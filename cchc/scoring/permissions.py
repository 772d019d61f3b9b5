"""Who may see and change frameworks.

A framework belongs to the province that issued it (`owner`, a root of the unit tree). Everyone
holding READ somewhere in that province may view it; people elsewhere get a 404 (an installation
serving several provinces does not reveal one province's frameworks to another). Changing it needs
APPROVE at the province root itself: the province administrator (Sở Nội vụ staff acting for the
province) or a system administrator. A unit leader holds APPROVE only over their own unit and may
not edit the province's methodology. A framework without owner is shared by every province.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from cchc.accounts import scope
from cchc.orgunits.models import OrgUnit
from cchc.scoring.models import Framework


def manageable_roots(user: Any) -> list[OrgUnit]:
    """Province roots where the user may manage frameworks."""
    if scope.is_system_admin(user):
        return list(OrgUnit.objects.filter(parent__isnull=True).order_by("name"))
    return [
        m.unit
        for m in scope.memberships(user)
        if m.unit.parent_id is None and scope.APPROVE in scope.ROLE_CAPABILITIES[m.role]
    ]


def can_manage(user: Any, framework: Framework | None = None) -> bool:
    """With a framework: may change that one; without: may create frameworks somewhere."""
    if scope.is_system_admin(user):
        return True
    roots = manageable_roots(user)
    if framework is None or framework.owner_id is None:
        return bool(roots)
    return any(root.pk == framework.owner_id for root in roots)


def _reader_paths(user: Any) -> list[str]:
    return [m.unit.path for m in scope.memberships(user) if scope.READ in scope.ROLE_CAPABILITIES[m.role]]


def visible_q(user: Any) -> Q:
    """Frameworks the user may read: shared ones, and those of a province they work in."""
    if scope.is_system_admin(user):
        return Q()
    paths = _reader_paths(user)
    if not paths:
        return Q(pk__in=[])
    # The owner is a root: it is an ancestor of (or equal to) the member's unit.
    roots = {"/" + p.strip("/").split("/")[0] + "/" for p in paths}
    return Q(owner__isnull=True) | Q(owner__path__in=sorted(roots))


def can_view(user: Any, framework: Framework | None = None) -> bool:
    if scope.is_system_admin(user):
        return True
    if framework is None:
        return bool(_reader_paths(user))
    return Framework.objects.filter(visible_q(user), pk=framework.pk).exists()


def require_view(user: Any) -> None:
    if not can_view(user):
        raise PermissionDenied


def require_manage(actor: Any, framework: Framework | None = None) -> None:
    """actor=None is the system (sample loader, commands, the assessments app opening a cycle)."""
    if actor is not None and not can_manage(actor, framework):
        raise PermissionDenied


def get_framework_for_user(user: Any, pk: Any, *, manage: bool = False) -> Framework:
    """404 when the framework does not exist or is not visible to the user (another province, or no
    role at all); 403 when visible but `manage` is asked and the user may not change it."""
    try:
        framework = Framework.objects.select_related("unit_group", "owner", "cloned_from").get(
            visible_q(user), pk=int(pk)
        )
    except (Framework.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if manage and not can_manage(user, framework):
        raise PermissionDenied
    return framework
