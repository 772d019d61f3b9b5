"""Scope walk rows of the notifications app (see tests/walk_support.py).

Everyone sees only their own notifications: the in-scope object belongs to dept_officer, so every
other persona — administrators included — gets 404 for it, and a notification of another
province's user is 404 for everyone.
"""

from __future__ import annotations

from typing import Any

from tests.walk_support import (
    E401,
    E404,
    LOGIN,
    OK,
    R302,
    Kind,
    Param,
    Rule,
    WorldContext,
    everyone,
    post_only,
    row,
    same_for_all,
)

NOTIFICATION = Kind("notification")

PARAM_KINDS: dict[tuple[str, str], Param] = {
    ("notifications", "pk"): NOTIFICATION,
    ("*", "notification_id"): NOTIFICATION,
}

# fmt: off
# Persona order: anonymous, nobody, province_admin, dept_officer, commune_officer,
#                appraiser, leader, outsider, system_admin
OWNER_ONLY_PAGE = (LOGIN, E404, E404, R302, E404, E404, E404, E404, E404)
OWNER_ONLY_API = (E401, E404, E404, OK, E404, E404, E404, E404, E404)

EXPECTED: dict[str, Rule] = {
    "notifications:list":            same_for_all(LOGIN, OK),  # the caller's own notifications
    "notifications:open":            post_only(*OWNER_ONLY_PAGE),
    "notifications:mark_read":       post_only(*OWNER_ONLY_PAGE),
    "notifications:mark_all_read":   post_only(*everyone(LOGIN, R302)),
    "notifications:clear_read":      post_only(*everyone(LOGIN, R302)),
    "GET /api/notifications":        same_for_all(E401, OK, query={"unread": "true"}),
    "POST /api/notifications/read-all": same_for_all(E401, OK),
    "POST /api/notifications/{notification_id}/read": row(*OWNER_ONLY_API),
}
# fmt: on


def build(ctx: WorldContext) -> None:
    from cchc.notifications.models import Notification

    def make(user: Any, title: str) -> Notification:
        return Notification.objects.create(user=user, key=f"walk.{user.pk}", title=title, url="/thong-bao/")

    ctx.in_scope[NOTIFICATION] = make(ctx.personas.dept_officer, "Nhiệm vụ sắp đến hạn (kiểm tra phạm vi)")
    theirs = make(ctx.stranger, "Thông báo của tỉnh khác")
    ctx.out_of_scope[NOTIFICATION] = {
        persona: theirs
        for persona in (
            "anonymous",
            "nobody",
            "province_admin",
            "dept_officer",
            "commune_officer",
            "appraiser",
            "leader",
            "outsider",
            "system_admin",
        )
    }
