"""API authentication: the browser session (with CSRF) or a personal bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from cchc.accounts.models import User
from cchc.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cchc_…` with a token from the profile page (revoked tokens fail)."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    """The signed-in browser session; unsafe methods must carry the CSRF token.

    Without a signed-in session there is nothing to protect, so the CSRF check is skipped and the
    caller gets a 401 (not a misleading CSRF 403).
    """

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        return super().__call__(request)  # CSRF check for unsafe methods, then authenticate

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [TokenAuth(), ActiveSessionAuth()]


def current_user(request: HttpRequest) -> User:
    """The authenticated caller of an API operation (set by one of `AUTH`)."""
    user = request.auth  # type: ignore[attr-defined]
    if not isinstance(user, User):  # pragma: no cover - every operation requires AUTH
        raise TypeError("API operation called without an authenticated user")
    return user
