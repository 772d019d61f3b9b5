"""Shared pieces of the scoring rules: result and input types, value coercion, the rule base class.

Everything here is pure (no database): the assessments app evaluates rules for thousands of units.
Declared values arrive as Python objects or as the JSON-friendly strings a form or an API stored
("12", "45.5", "2025-03-31", "31/03/2025", "true"), so coercion accepts both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cchc.core.formatting import format_vi_number, round_half_up

ZERO = Decimal("0.00")
FieldKind = Literal["number", "count", "percent", "date", "bool", "choice"]

# Declared-value key a unit sets to say "this criterion does not apply to us" (only when the rule's
# params allow it: {"allow_na": true}).
NA_FIELD = "not_applicable"


class RuleType(models.TextChoices):
    YES_NO = "yes_no", _("Yes / no")
    TIERS = "tiers", _("Tiers on a ratio or count")
    PROPORTIONAL = "proportional", _("Proportional to a target")
    PER_OCCURRENCE = "per_occurrence", _("Points per occurrence, capped")
    DEDUCTION = "deduction", _("Deduction per occurrence, with a floor")
    DEADLINE = "deadline", _("Date deadline")
    SURVEY = "survey", _("Survey satisfaction")
    FORMULA = "formula", _("Formula over declared inputs")
    MANUAL = "manual", _("Manual points")


@dataclass(frozen=True)
class RuleResult:
    """points is None when the unit has not answered yet; not_applicable drops it from the denominator."""

    points: Decimal | None
    not_applicable: bool = False
    note: str = ""


@dataclass(frozen=True)
class InputField:
    name: str
    kind: FieldKind
    label: str
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()
    help_text: str = ""


@dataclass
class Rule:
    """One rule type: four hooks; `evaluate` in the registry adds N/A handling and rounding."""

    type: str
    # The declared input an automatic provider or the survey fills (None: nothing to fill).
    primary_field: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        raise NotImplementedError

    def fields(self, params: Mapping[str, Any]) -> list[InputField]:
        raise NotImplementedError

    def compute(
        self, params: Mapping[str, Any], max_points: Decimal, declared: Mapping[str, Any]
    ) -> RuleResult:
        raise NotImplementedError

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        raise NotImplementedError


# --- coercion of declared values and params -------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_decimal(value: Any, label: str = "") -> Decimal:
    """Exact decimal from int/Decimal/str (comma or dot decimal mark); floats go through str()."""
    if isinstance(value, bool):
        raise ValidationError(gettext("%(label)s must be a number.") % {"label": label or gettext("Value")})
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text:
            # Vietnamese writing: 1.234,5 → 1234.5
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = Decimal("NaN")
    else:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValidationError(gettext("%(label)s must be a number.") % {"label": label or gettext("Value")})
    return number


def to_count(value: Any, label: str = "") -> int:
    number = to_decimal(value, label)
    if number < 0 or number != number.to_integral_value():
        raise ValidationError(
            gettext("%(label)s must be a whole number of 0 or more.") % {"label": label or gettext("Value")}
        )
    return int(number)


def to_percent(value: Any, label: str = "") -> Decimal:
    number = to_decimal(value, label)
    if number < 0 or number > 100:
        raise ValidationError(
            gettext("%(label)s must be between 0 and 100%%.") % {"label": label or gettext("Value")}
        )
    return number


def to_bool(value: Any, label: str = "") -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in {"1", "true", "yes", "on", "có", "co", "đạt", "x"}:
            return True
        if text in {"0", "false", "no", "off", "không", "khong", "không đạt"}:
            return False
    raise ValidationError(gettext("%(label)s must be yes or no.") % {"label": label or gettext("Value")})


def to_date(value: Any, label: str = "") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise ValidationError(
        gettext("%(label)s must be a date (dd/mm/yyyy).") % {"label": label or gettext("Value")}
    )


def require(declared: Mapping[str, Any], name: str) -> Any | None:
    """The declared value, or None when it is blank (the criterion is then unanswered)."""
    value = declared.get(name)
    return None if is_blank(value) else value


def points_param(
    params: Mapping[str, Any], key: str, max_points: Decimal, label: str, *, default: Any = None
) -> Decimal:
    """A points parameter: a number between 0 and the criterion's maximum."""
    raw = params.get(key, default)
    if is_blank(raw):
        raise ValidationError(gettext("%(label)s is required.") % {"label": label})
    number = to_decimal(raw, label)
    if number < 0 or number > max_points:
        raise ValidationError(
            gettext("%(label)s must be between 0 and the maximum of %(max)s points.")
            % {"label": label, "max": pts(max_points)}
        )
    return number


def pts(value: Decimal) -> str:
    """Points as officials write them: 2 decimals, comma mark ("0,50")."""
    return format_vi_number(value, 2)


def num(value: Decimal) -> str:
    """A threshold or count without trailing zeros: 80 → "80", 12.5 → "12,5"."""
    normal = value.normalize()
    places = max(0, -int(normal.as_tuple().exponent))  # type: ignore[arg-type]
    return format_vi_number(value, min(places, 4))


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(high, value))


def round_points(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


def choices_of(pairs: Sequence[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
    return tuple((key, str(label)) for key, label in pairs)
