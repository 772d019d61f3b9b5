"""The unit a user is currently working in (header switcher); stored in the session."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from cchc.accounts import scope

SESSION_KEY = "cchc_active_membership"


class ActiveMembershipMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.active_membership = None  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            memberships = scope.memberships(request.user)
            wanted = request.session.get(SESSION_KEY)
            chosen = next((m for m in memberships if m.pk == wanted), None)
            request.active_membership = chosen or (memberships[0] if memberships else None)  # type: ignore[attr-defined]
        return self.get_response(request)
