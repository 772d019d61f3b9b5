"""The bell in the header: how many unread notifications the signed-in user has."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cchc.notifications.selectors import unread_count_for_user


def unread_count(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages that never render the bell (htmx partials, JSON) do not pay for the query.
    return {"notifications_unread": _LazyCount(user)}


class _LazyCount:
    """Counts on first use in a template, then remembers the result."""

    def __init__(self, user: Any) -> None:
        self._user = user
        self._value: int | None = None

    @property
    def value(self) -> int:
        if self._value is None:
            self._value = unread_count_for_user(self._user)
        return self._value

    def __int__(self) -> int:
        return self.value

    def __bool__(self) -> bool:
        return self.value > 0

    def __str__(self) -> str:
        return str(self.value)

    def __eq__(self, other: object) -> bool:
        return self.value == other

    def __gt__(self, other: int) -> bool:
        return self.value > other

    __hash__ = None  # type: ignore[assignment]
