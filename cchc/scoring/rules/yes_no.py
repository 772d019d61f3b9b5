"""Yes / no: full points when achieved, 0 otherwise ("không áp dụng" when the params allow it)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from .base import ZERO, InputField, Rule, RuleResult, RuleType, pts, require, to_bool


class YesNoRule(Rule):
    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        clean: dict[str, Any] = {}
        if params.get("question"):
            clean["question"] = str(params["question"])[:300]
        return clean

    def fields(self, params: Mapping[str, Any]) -> list[InputField]:
        return [InputField("achieved", "bool", params.get("question") or gettext("Achieved"))]

    def compute(
        self, params: Mapping[str, Any], max_points: Decimal, declared: Mapping[str, Any]
    ) -> RuleResult:
        answer = require(declared, "achieved")
        if answer is None:
            return RuleResult(None)
        if to_bool(answer, params.get("question") or gettext("Achieved")):
            return RuleResult(max_points, note=gettext("Achieved"))
        return RuleResult(ZERO, note=gettext("Not achieved"))

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        return gettext("Achieved → %(points)s points; not achieved → 0") % {"points": pts(max_points)}


RULE = YesNoRule(RuleType.YES_NO, primary_field="achieved")
