"""Proportional: max × value / target, capped at max (e.g. a rate against a 100% target)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from . import basis as b
from .base import InputField, Rule, RuleResult, RuleType, num, pts, to_decimal
from .tiers import _zero_denominator


class ProportionalRule(Rule):
    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        clean = b.validate_basis(params, allowed=(b.PERCENT, b.RATIO, b.COUNT, b.NUMBER))
        default = 100 if clean["basis"] in (b.PERCENT, b.RATIO) else None
        raw = params.get("target", default)
        if raw is None or raw == "":
            raise ValidationError(gettext("The target is required."))
        target = to_decimal(raw, gettext("Target"))
        if target <= 0:
            raise ValidationError(gettext("The target must be greater than 0."))
        clean["target"] = str(target)
        return clean

    def fields(self, params: Mapping[str, Any]) -> list[InputField]:
        return b.basis_fields(params)

    def compute(
        self, params: Mapping[str, Any], max_points: Decimal, declared: Mapping[str, Any]
    ) -> RuleResult:
        value, how = b.measured(params, declared)
        if value is None:
            return _zero_denominator(params, max_points) if how == "0/0" else RuleResult(None)
        target = Decimal(str(params.get("target", 100)))
        points = min(max_points, max_points * value / target)
        suffix = b.unit_suffix(params)
        shown = num(value.quantize(Decimal("0.01")))
        return RuleResult(points, note=f"{pts(max_points)} × {shown}{suffix} / {num(target)}{suffix}")

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        suffix = b.unit_suffix(params)
        target = num(Decimal(str(params.get("target", 100))))
        return gettext("Points = %(max)s × value / %(target)s%(unit)s, at most %(max)s") % {
            "max": pts(max_points),
            "target": target,
            "unit": suffix,
        }


RULE = ProportionalRule(RuleType.PROPORTIONAL, primary_field="value")
