"""Deduction per occurrence from the maximum, never below a floor (e.g. −0,25 per late report, floor 0)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from .base import ZERO, InputField, Rule, RuleResult, RuleType, is_blank, points_param, pts, require, to_count
from .per_occurrence import count_field, each_param


class DeductionRule(Rule):
    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        clean: dict[str, Any] = {"points_each": str(each_param(params, max_points))}
        if not is_blank(params.get("floor")):
            clean["floor"] = str(points_param(params, "floor", max_points, gettext("Floor")))
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
        floor = Decimal(str(params.get("floor", ZERO)))
        return RuleResult(
            max(floor, max_points - each * count), note=f"{pts(max_points)} − {count} × {pts(each)}"
        )

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        return gettext("%(max)s points, minus %(each)s per occurrence, not below %(floor)s") % {
            "max": pts(max_points),
            "each": pts(Decimal(str(params.get("points_each", 0)))),
            "floor": pts(Decimal(str(params.get("floor", ZERO)))),
        }


RULE = DeductionRule(RuleType.DEDUCTION, primary_field="count")
