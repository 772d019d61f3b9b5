"""Points per occurrence with a cap (e.g. 0,25 per model recognised, at most 1,00)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .base import InputField, Rule, RuleResult, RuleType, is_blank, points_param, pts, require, to_count


def count_field(params: Mapping[str, Any]) -> InputField:
    return InputField("count", "count", params.get("count_label") or gettext("Number of occurrences"))


def each_param(params: Mapping[str, Any], max_points: Decimal) -> Decimal:
    each = points_param(params, "points_each", max_points, gettext("Points per occurrence"))
    if each <= 0:
        raise ValidationError(gettext("Points per occurrence must be greater than 0."))
    return each


class PerOccurrenceRule(Rule):
    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        clean: dict[str, Any] = {"points_each": str(each_param(params, max_points))}
        if not is_blank(params.get("cap")):
            clean["cap"] = str(points_param(params, "cap", max_points, gettext("Cap")))
        if params.get("count_label"):
            clean["count_label"] = str(params["count_label"])[:200]
        return clean

    def fields(self, params: Mapping[str, Any]) -> list[InputField]:
        return [count_field(params)]

    def compute(
        self, params: Mapping[str, Any], max_points: Decimal, declared: Mapping[str, Any]
    ) -> RuleResult:
        raw = require(declared, "count")
        if raw is None:
            return RuleResult(None)
        count = to_count(raw, params.get("count_label") or gettext("Number of occurrences"))
        each = Decimal(str(params["points_each"]))
        cap = min(max_points, Decimal(str(params.get("cap", max_points))))
        return RuleResult(min(cap, each * count), note=f"{count} × {pts(each)}")

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        cap = min(max_points, Decimal(str(params.get("cap", max_points))))
        return gettext("%(each)s points per occurrence, at most %(cap)s") % {
            "each": pts(Decimal(str(params.get("points_each", 0)))),
            "cap": pts(cap),
        }


RULE = PerOccurrenceRule(RuleType.PER_OCCURRENCE, primary_field="count")
