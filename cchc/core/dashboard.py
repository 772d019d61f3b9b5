"""The home dashboard: what exists so far, per role, through the same scoped selectors."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from cchc.accounts import scope
from cchc.accounts.selectors import users_for_user
from cchc.audit.selectors import audit_events_for_user
from cchc.jobs.selectors import jobs_for_user
from cchc.orgunits.selectors import units_for_user


def home_context(user: Any, *, today: dt.date) -> dict[str, Any]:
    units = list(units_for_user(user, as_of=today).values("unit_type__name", "unit_type__sort_order"))
    by_type = Counter((u["unit_type__sort_order"], u["unit_type__name"]) for u in units)
    context: dict[str, Any] = {
        "today": today,
        "unit_count": len(units),
        "units_by_type": [{"name": name, "count": count} for (_o, name), count in sorted(by_type.items())],
        "chart_units_by_type": {
            "labels": [name for (_o, name) in sorted(by_type)],
            "values": [by_type[key] for key in sorted(by_type)],
        },
        "can_manage_users": scope.has_capability_anywhere(user, scope.MANAGE_USERS),
        "can_manage_units": scope.has_capability_anywhere(user, scope.MANAGE_UNITS),
        "can_view_audit": scope.has_capability_anywhere(user, scope.VIEW_AUDIT),
        "recent_jobs": list(jobs_for_user(user)[:5]),
    }
    if context["can_manage_users"]:
        context["user_count"] = users_for_user(user).count()
    if context["can_view_audit"]:
        context["recent_events"] = list(audit_events_for_user(user)[:8])
    return context
