"""The measured value of tier and proportional rules: a percent, a ratio (x of y), a count or a number."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .base import FieldKind, InputField, choices_of, require, to_count, to_decimal, to_percent

PERCENT, RATIO, COUNT, NUMBER = "percent", "ratio", "count", "number"
BASES = choices_of(
    [
        (PERCENT, _("Percentage")),
        (RATIO, _("Ratio (done / total)")),
        (COUNT, _("Count")),
        (NUMBER, _("Number")),
    ]
)
# What a ratio with nothing to count (0 of 0) means: not applicable, full points, or zero.
ZERO_DENOMINATOR = ("na", "full", "zero")


def validate_basis(params: Mapping[str, Any], *, allowed: tuple[str, ...]) -> dict[str, Any]:
    basis = params.get("basis", PERCENT)
    if basis not in allowed:
        raise ValidationError(gettext("Unknown measure: %(basis)s.") % {"basis": basis})
    clean: dict[str, Any] = {"basis": basis}
    for key in ("value_label", "numerator_label", "denominator_label"):
        if params.get(key):
            clean[key] = str(params[key])[:200]
    if basis == RATIO:
        when_zero = params.get("zero_denominator", "na")
        if when_zero not in ZERO_DENOMINATOR:
            raise ValidationError(
                gettext("Unknown choice for a ratio of 0/0: %(value)s.") % {"value": when_zero}
            )
        clean["zero_denominator"] = when_zero
    return clean


def basis_fields(params: Mapping[str, Any]) -> list[InputField]:
    basis = params.get("basis", PERCENT)
    if basis == RATIO:
        return [
            InputField("numerator", "count", params.get("numerator_label") or gettext("Number achieved")),
            InputField("denominator", "count", params.get("denominator_label") or gettext("Total number")),
        ]
    kind: FieldKind = "percent" if basis == PERCENT else "count" if basis == COUNT else "number"
    return [InputField("value", kind, params.get("value_label") or gettext("Value"))]


def measured(params: Mapping[str, Any], declared: Mapping[str, Any]) -> tuple[Decimal | None, str]:
    """(value, how it was measured) — value None when unanswered; raises for invalid input.

    A ratio's value is a percentage. An automatic provider may fill "value" directly (a percentage)
    instead of the two counts; the exact quotient is compared with thresholds (no early rounding).
    For a ratio of 0/0 the returned note is "0/0" and the value is None; callers apply zero_denominator.
    """
    basis = params.get("basis", PERCENT)
    label = params.get("value_label") or gettext("Value")
    value = require(declared, "value")
    if basis == RATIO:
        if value is not None:
            return to_percent(value, label), ""
        top, bottom = require(declared, "numerator"), require(declared, "denominator")
        if top is None or bottom is None:
            return None, ""
        done = to_count(top, params.get("numerator_label") or gettext("Number achieved"))
        total = to_count(bottom, params.get("denominator_label") or gettext("Total number"))
        if done > total:
            raise ValidationError(gettext("The number achieved cannot exceed the total."))
        if total == 0:
            return None, "0/0"
        return Decimal(done) * 100 / Decimal(total), f"{done}/{total}"
    if value is None:
        return None, ""
    if basis == PERCENT:
        return to_percent(value, label), ""
    if basis == COUNT:
        return Decimal(to_count(value, label)), ""
    return to_decimal(value, label), ""


def unit_suffix(params: Mapping[str, Any]) -> str:
    return "%" if params.get("basis", PERCENT) in (PERCENT, RATIO) else ""
