"""Free formula over named declared inputs, safely evaluated; the result is clamped to [0, max].

params: {"inputs": [{"name": "late", "label": "Số báo cáo trễ hạn", "kind": "count"}, …],
         "expression": "max(0, 2 - 0.25 * late)"}
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from . import expression
from .base import (
    ZERO,
    FieldKind,
    InputField,
    Rule,
    RuleResult,
    RuleType,
    choices_of,
    clamp,
    pts,
    require,
    to_bool,
    to_count,
    to_decimal,
    to_percent,
)

INPUT_KINDS = ("number", "count", "percent", "bool")
_NAME_MAX = 40
_RESERVED = {"min", "max", "round", "abs", "not_applicable", "if", "else", "and", "or", "not"}


@lru_cache(maxsize=1024)
def _parsed(text: str, names: tuple[str, ...]) -> ast.Expression:
    # A cycle evaluates the same few formulas for thousands of units: parse each once.
    return expression.parse(text, names)


def _inputs(params: Mapping[str, Any]) -> list[dict[str, str]]:
    return list(params.get("inputs") or [])


class FormulaRule(Rule):
    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        raw = params.get("inputs")
        if not isinstance(raw, list | tuple) or not raw:
            raise ValidationError(gettext("A formula needs at least one named input."))
        inputs: list[dict[str, str]] = []
        for item in raw:
            if not isinstance(item, Mapping):
                raise ValidationError(gettext("Each formula input has a name, a label and a kind."))
            name = str(item.get("name", "")).strip()
            if not name.isidentifier() or not name.isascii() or len(name) > _NAME_MAX or name in _RESERVED:
                raise ValidationError(
                    gettext("Input name %(name)s is not valid: use letters, digits and _ without accents.")
                    % {"name": name}
                )
            if any(i["name"] == name for i in inputs):
                raise ValidationError(gettext("Input name %(name)s appears twice.") % {"name": name})
            kind = item.get("kind", "number")
            if kind not in INPUT_KINDS:
                raise ValidationError(gettext("Unknown input kind: %(kind)s.") % {"kind": kind})
            inputs.append({"name": name, "label": str(item.get("label") or name)[:200], "kind": kind})
        text = str(params.get("expression", "")).strip()
        expression.parse(text, [i["name"] for i in inputs])
        return {"inputs": inputs, "expression": text}

    def fields(self, params: Mapping[str, Any]) -> list[InputField]:
        return [
            InputField(i["name"], cast(FieldKind, i.get("kind", "number")), i.get("label") or i["name"])
            for i in _inputs(params)
        ]

    def compute(
        self, params: Mapping[str, Any], max_points: Decimal, declared: Mapping[str, Any]
    ) -> RuleResult:
        values: dict[str, Decimal] = {}
        for item in _inputs(params):
            raw = require(declared, item["name"])
            if raw is None:
                return RuleResult(None)
            label = item.get("label") or item["name"]
            kind = item.get("kind", "number")
            if kind == "count":
                values[item["name"]] = Decimal(to_count(raw, label))
            elif kind == "percent":
                values[item["name"]] = to_percent(raw, label)
            elif kind == "bool":
                values[item["name"]] = Decimal(1 if to_bool(raw, label) else 0)
            else:
                values[item["name"]] = to_decimal(raw, label)
        tree = _parsed(str(params.get("expression", "")), tuple(values))
        raw_points = expression.evaluate(tree, values)
        return RuleResult(
            clamp(raw_points, ZERO, max_points), note=f"{params.get('expression')} = {pts(raw_points)}"
        )

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        return gettext("Points = %(expression)s (between 0 and %(max)s)") % {
            "expression": params.get("expression", ""),
            "max": pts(max_points),
        }


RULE = FormulaRule(RuleType.FORMULA, primary_field=None)
INPUT_KIND_CHOICES = choices_of([(k, k) for k in INPUT_KINDS])
