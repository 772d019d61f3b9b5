"""Helpers shared by the PAR INDEX screens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet

from cchc.accounts import scope
from cchc.assessments.services._common import MANAGE_CAPABILITY
from cchc.orgunits.models import OrgUnit


def form_data(request: Any) -> tuple[Any, ...]:
    return (request.POST, request.FILES) if request.method == "POST" else ()


def manageable_owners(user: Any) -> QuerySet[OrgUnit]:
    """Root units (provinces) where the user may run cycles."""
    roots = scope.visible_units(user).filter(parent__isnull=True).order_by("name")
    return roots.filter(pk__in=[u.pk for u in roots if scope.can(user, MANAGE_CAPABILITY, u)])


def require_create(user: Any) -> QuerySet[OrgUnit]:
    owners = manageable_owners(user)
    if not owners.exists():
        raise PermissionDenied
    return owners


def flash_error(request: Any, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
