"""Helpers shared by the unit screens."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.audit.models import AuditEvent
from cchc.orgunits.models import OrgUnit, UnitLineage, UnitType

ACTION_LABELS = {
    "orgunit.create": _("Created"),
    "orgunit.update": _("Changed"),
    "orgunit.move": _("Moved"),
    "orgunit.close": _("Closed"),
    "orgunit.merge": _("Merged"),
    "orgunit.lineage_add": _("Lineage recorded"),
}
EXTRA_FIELD_LABELS = {
    "merged_from": _("merged from"),
    "predecessor": _("predecessor"),
    "kind": _("kind"),
}
_UNIT_REFS = {"parent", "predecessor", "merged_from"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def form_data(request: HttpRequest) -> tuple[Any, ...]:
    """Positional data for a form: (POST, FILES) on POST — even empty — and nothing on GET."""
    return (request.POST, request.FILES) if request.method == "POST" else ()


def require_manage_anywhere(user: Any) -> None:
    """Screens that are not about one unit (create, merge, import, groups) need MANAGE_UNITS somewhere."""
    if not scope.has_capability_anywhere(user, scope.MANAGE_UNITS):
        raise PermissionDenied


def optional_url(name: str, *args: Any) -> str | None:
    """The URL, or None when that screen is not installed (modules are built independently)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def render_maybe_partial(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """The whole page, or only `template#partial` for htmx requests (not history restores)."""
    htmx = getattr(request, "htmx", None)
    name = f"{template}#{partial}" if htmx and not htmx.history_restore_request else template
    response = render(request, name, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    event: AuditEvent
    action_label: str
    changes: list[Change]


def _label(name: str) -> str:
    if name in EXTRA_FIELD_LABELS:
        return str(EXTRA_FIELD_LABELS[name])
    try:
        return str(getattr(OrgUnit._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return name


def history_entries(events: list[AuditEvent]) -> list[HistoryEntry]:
    """Audit events with readable changes: unit and type names instead of ids, dd/mm/yyyy dates."""
    unit_ids: set[int] = set()
    type_ids: set[int] = set()
    for event in events:
        for name, pair in (event.changes or {}).items():
            for value in pair if isinstance(pair, list) else []:
                values = value if isinstance(value, list) else [value]
                ids = {v for v in values if isinstance(v, int)}
                if name in _UNIT_REFS:
                    unit_ids |= ids
                elif name == "unit_type":
                    type_ids |= ids
    unit_names = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "name")) if unit_ids else {}
    type_names = dict(UnitType.objects.filter(pk__in=type_ids).values_list("pk", "name")) if type_ids else {}

    def show(name: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, list):
            return ", ".join(show(name, v) for v in value)
        if name in _UNIT_REFS and isinstance(value, int):
            return unit_names.get(value, f"#{value}")
        if name == "unit_type" and isinstance(value, int):
            return type_names.get(value, f"#{value}")
        if name == "kind" and value in UnitLineage.Kind.values:
            return str(UnitLineage.Kind(value).label)
        if isinstance(value, str) and _ISO_DATE.match(value):
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        return str(value)

    entries = []
    for event in events:
        changes = [
            Change(_label(name), show(name, pair[0]), show(name, pair[1]))
            for name, pair in (event.changes or {}).items()
            if isinstance(pair, list) and len(pair) == 2
        ]
        changes = [c for c in changes if c.before != c.after]  # e.g. empty fields of a new unit
        entries.append(HistoryEntry(event, str(ACTION_LABELS.get(event.action, event.action)), changes))
    return entries
