from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from cchc.accounts import scope
from cchc.core.menu import menu_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs: province name, menu, memberships, sample-data banner."""
    from cchc.orgunits.models import OrgUnit

    # Not "site_name": Django's auth views set that to the request's host.
    context: dict[str, Any] = {"cchc_site_name": settings.CCHC_SITE_NAME}
    province = (
        OrgUnit.objects.filter(parent__isnull=True, valid_to__isnull=True).only("name", "is_sample").first()
    )
    context["province_name"] = settings.CCHC_PROVINCE_NAME or (province.name if province else "")
    context["is_sample_install"] = bool(province and province.is_sample)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["menu"] = menu_for(user, request.path)
        context["memberships"] = scope.memberships(user)
        context["active_membership"] = getattr(request, "active_membership", None)
    return context
