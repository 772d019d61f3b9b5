"""Survey-derived: max × satisfaction% / 100 (the value comes from survey results, not the unit)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from .base import InputField, Rule, RuleResult, RuleType, num, pts, require, to_percent


class SurveyRule(Rule):
    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        return {}

    def fields(self, params: Mapping[str, Any]) -> list[InputField]:
        return [InputField("satisfaction", "percent", gettext("Satisfaction (%)"))]

    def compute(
        self, params: Mapping[str, Any], max_points: Decimal, declared: Mapping[str, Any]
    ) -> RuleResult:
        raw = require(declared, "satisfaction")
        if raw is None:
            return RuleResult(None)
        share = to_percent(raw, gettext("Satisfaction (%)"))
        return RuleResult(max_points * share / 100, note=f"{pts(max_points)} × {num(share)}%")

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        return gettext("Points = %(max)s × satisfaction %% / 100") % {"max": pts(max_points)}


RULE = SurveyRule(RuleType.SURVEY, primary_field="satisfaction")
