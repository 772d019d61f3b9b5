"""{% load audit %}: `code|action_label` and `event|audit_changes` for audit lists."""

from __future__ import annotations

from django import template

from cchc.audit import labels
from cchc.audit.models import AuditEvent

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return labels.action_label(code)


@register.filter
def action_is_warning(code: str) -> bool:
    return labels.is_warning(code)


@register.filter
def audit_changes(event: AuditEvent) -> list[labels.Change]:
    return labels.changes_of(event)
