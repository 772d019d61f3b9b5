"""The home dashboard: what exists so far, per role, through the same scoped selectors.

Besides the unit, account and activity widgets, each module may contribute cards: an app provides
`<app>/dashboard.py` with `def cards(user, today) -> list[Card]` (discovered like `menu.py`). A card
takes its figures from the module's own selectors and statistics, never from a formula of its own,
so the home page and the module's pages always say the same thing. A card must cost a constant
number of queries (whatever the number of plans, tasks or dossiers): leaders open this page first.

The figures are for the user's *working unit* (the header's unit switcher; by default the first
membership): a province-level user sees the province, a unit officer their unit. A user without a
unit sees no module card.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise

from cchc.accounts import scope
from cchc.accounts.selectors import users_for_user
from cchc.audit.selectors import audit_events_for_user
from cchc.core.templatetags.cchc import pct
from cchc.jobs.selectors import jobs_for_user
from cchc.orgunits.models import OrgUnit
from cchc.orgunits.selectors import units_for_user

logger = logging.getLogger(__name__)

# Set on the user object by `home_context` (like scope's membership cache: one request's lifetime).
_WORKING_UNIT_ATTR = "_cchc_dashboard_unit"


@dataclass(frozen=True)
class Figure:
    """One line of a card: a label and its value, already formatted for display."""

    label: str | Promise
    value: str
    link: str = ""
    tone: str = ""  # a Bootstrap colour ("danger", "success", "warning") to draw the eye; "" = plain
    swatch: str = ""  # the colour of this figure in the card's chart (its legend), e.g. "#198754"


@dataclass(frozen=True)
class FigureGroup:
    """A titled list inside a card (e.g. the top three of one ranking group)."""

    title: str | Promise
    figures: list[Figure]


@dataclass
class Card:
    title: str | Promise
    icon: str  # a bootstrap-icons class, e.g. "bi-list-check"
    figures: list[Figure] = field(default_factory=list)
    link: str = ""  # the module page with the details
    link_label: str | Promise = ""
    order: int = 100
    subtitle: str | Promise = ""  # what the figures are about: the plan, the cycle, the period
    headline: str = ""  # the one sentence to read first
    groups: list[FigureGroup] = field(default_factory=list)
    note: str | Promise = ""
    # Optional ECharts mini-chart, fed to the page through json_script:
    # {"kind": "donut" | "bar", "labels": [...], "values": [...], "colors": [...]}.
    chart: dict[str, Any] | None = None
    chart_id: str = ""  # set by the page: the element the chart is drawn in


# --- Formatting helpers for card values (the active language decides, as in templates) ---------


def fmt_number(value: int | Decimal) -> str:
    return number_format(value, force_grouping=True)


def fmt_percent(value: Decimal | None) -> str:
    """45.16 → "45,16%" (the `pct` filter); None (no denominator) → "–"."""
    return pct(value)


def fmt_date(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "–"


def fmt_ratio(part: int, whole: int) -> str:
    return f"{fmt_number(part)}/{fmt_number(whole)}"


# --- Whose figures ------------------------------------------------------------------------------


def set_working_unit(user: Any, membership: Any) -> None:
    """The home view passes the header's working membership (request.active_membership)."""
    if membership is not None:
        setattr(user, _WORKING_UNIT_ATTR, membership.unit)


def working_unit(user: Any) -> OrgUnit | None:
    """The unit whose figures the cards show: the working unit chosen in the header, else the
    first membership; a system administrator without a membership sees the province; anyone else
    without a membership has none."""
    chosen = getattr(user, _WORKING_UNIT_ATTR, None)
    if chosen is not None:
        return chosen  # type: ignore[no-any-return]
    memberships = scope.memberships(user)
    unit: OrgUnit | None
    if memberships:
        unit = memberships[0].unit
    elif scope.is_system_admin(user):
        unit = OrgUnit.objects.filter(parent__isnull=True, valid_to__isnull=True).order_by("path").first()
    else:
        unit = None
    if unit is not None:
        setattr(user, _WORKING_UNIT_ATTR, unit)
    return unit


def is_province_level(unit: OrgUnit) -> bool:
    """The root of the tree: its people (administrators, appraisers, leaders) watch every unit."""
    return unit.parent_id is None


def has_role(user: Any, *roles: str) -> bool:
    return any(m.role in roles for m in scope.memberships(user))


# --- Discovery ----------------------------------------------------------------------------------


def card_providers() -> list[Any]:
    """`cards` functions of every cchc app that has a dashboard module."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("cchc."):
            continue
        try:
            module = import_module(f"{config.name}.dashboard")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.dashboard":
                raise
            continue
        provider = getattr(module, "cards", None)
        if provider is not None:
            found.append(provider)
    return found


def module_cards(user: Any, today: dt.date) -> list[Card]:
    if working_unit(user) is None:
        return []
    cards: list[Card] = []
    for provider in card_providers():
        try:
            cards.extend(provider(user, today))
        except Exception:
            # One module's fault must not take the leaders' home page down with it; tests and
            # DEBUG surface it.
            if settings.DEBUG:
                raise
            logger.exception("Dashboard cards of %s failed", provider.__module__)
    return sorted(cards, key=lambda c: c.order)


def chart_payload(cards: list[Card]) -> list[dict[str, Any]]:
    """The charts of the cards, each with the id of the element it is drawn in (one json_script)."""
    payload = []
    for i, card in enumerate(cards):
        if card.chart:
            card.chart_id = f"card-chart-{i}"
            payload.append({"id": card.chart_id, **card.chart})
    return payload


def home_context(user: Any, *, today: dt.date, membership: Any = None) -> dict[str, Any]:
    set_working_unit(user, membership)
    units = list(units_for_user(user, as_of=today).values("unit_type__name", "unit_type__sort_order"))
    by_type = Counter((u["unit_type__sort_order"], u["unit_type__name"]) for u in units)
    cards = module_cards(user, today)
    context: dict[str, Any] = {
        "today": today,
        "cards": cards,
        "card_charts": chart_payload(cards),
        "unit_count": len(units),
        "units_by_type": [{"name": name, "count": count} for (_o, name), count in sorted(by_type.items())],
        # Room for each bar, so that two unit types do not make two giant bars.
        "chart_units_height": 60 + 28 * len(by_type),
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
