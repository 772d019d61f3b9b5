from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import translation

from cchc.core.formatting import format_vi_number, round_half_up

register = template.Library()


@register.filter
def pct(value: Decimal | float | None, places: int = 2) -> str:
    """45.16 → "45,16%" in Vietnamese, "45.16%" in English."""
    if value is None or value == "":
        return "–"
    number = round_half_up(Decimal(str(value)), int(places))
    if translation.get_language() == "vi":
        return f"{format_vi_number(number, int(places))}%"
    return f"{number:,.{int(places)}f}%"


@register.simple_tag(takes_context=True)
def url_replace(context: Any, **kwargs: Any) -> str:
    """The current query string with some parameters replaced (for pagination and filters)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
