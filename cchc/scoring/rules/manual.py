"""Manual: the unit (self-score) or the appraiser enters the points, between 0 and the maximum."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .base import InputField, Rule, RuleResult, RuleType, pts, require, to_decimal


class ManualRule(Rule):
    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        return {}

    def fields(self, params: Mapping[str, Any]) -> list[InputField]:
        return [InputField("points", "number", gettext("Points"))]

    def compute(
        self, params: Mapping[str, Any], max_points: Decimal, declared: Mapping[str, Any]
    ) -> RuleResult:
        raw = require(declared, "points")
        if raw is None:
            return RuleResult(None)
        points = to_decimal(raw, gettext("Points"))
        if points < 0 or points > max_points:
            raise ValidationError(gettext("Points must be between 0 and %(max)s.") % {"max": pts(max_points)})
        if points != points.quantize(Decimal("0.01")):
            raise ValidationError(gettext("Points have at most 2 decimals."))
        return RuleResult(points)

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        return gettext("Points entered directly, from 0 to %(max)s") % {"max": pts(max_points)}


RULE = ManualRule(RuleType.MANUAL, primary_field="points")
