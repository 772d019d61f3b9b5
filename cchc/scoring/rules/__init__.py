"""PAR INDEX scoring rules: pure functions from (rule type, params, max points, declared values) to points.

Public interface (used by the framework editor and by cchc.assessments):

    evaluate(rule_type, params, max_points, declared) -> RuleResult(points, not_applicable, note)
    input_fields(rule_type, params) -> list[InputField]      # what the scoring sheet asks for
    validate_params(rule_type, params, max_points) -> dict   # cleaned params; ValidationError otherwise
    describe(rule_type, params, max_points) -> str           # the rule in plain Vietnamese
    primary_field(rule_type, params) -> str | None           # the input an automatic/survey value fills

Every rule accepts the common param {"allow_na": true}: the unit may then declare
{"not_applicable": true} and the criterion leaves the denominator. Points are rounded to 2 decimals
half-up and always lie in [0, max_points]. Invalid declared values raise ValidationError; missing
ones give points=None (not answered yet).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from . import deadline, deduction, formula, manual, per_occurrence, proportional, survey, tiers, yes_no
from .base import (
    NA_FIELD,
    ZERO,
    InputField,
    Rule,
    RuleResult,
    RuleType,
    clamp,
    is_blank,
    round_points,
    to_bool,
    to_decimal,
)

__all__ = [
    "NA_FIELD",
    "InputField",
    "RuleResult",
    "RuleType",
    "describe",
    "evaluate",
    "get_rule",
    "input_fields",
    "primary_field",
    "validate_params",
]

REGISTRY: dict[str, Rule] = {
    module.RULE.type: module.RULE
    for module in (yes_no, tiers, proportional, per_occurrence, deduction, deadline, survey, formula, manual)
}


def get_rule(rule_type: str) -> Rule:
    try:
        return REGISTRY[rule_type]
    except KeyError:
        raise ValidationError(gettext("Unknown rule type: %(type)s.") % {"type": rule_type}) from None


def _max(max_points: Decimal | int | str) -> Decimal:
    value = to_decimal(max_points, gettext("Maximum points"))
    if value < 0:
        raise ValidationError(gettext("Maximum points cannot be negative."))
    return value


def validate_params(
    rule_type: str, params: Mapping[str, Any] | None, max_points: Decimal | int | str
) -> dict[str, Any]:
    """Cleaned params to store (canonical JSON: decimals as strings, tiers sorted)."""
    rule = get_rule(rule_type)
    source = params or {}
    if not isinstance(source, Mapping):
        raise ValidationError(gettext("Rule parameters must be a JSON object."))
    clean = rule.validate(source, _max(max_points))
    if source.get("allow_na") not in (None, "", False):
        clean["allow_na"] = to_bool(source["allow_na"], gettext("Not applicable allowed"))
        if not clean["allow_na"]:
            del clean["allow_na"]
    return clean


def input_fields(rule_type: str, params: Mapping[str, Any] | None) -> list[InputField]:
    params = params or {}
    fields = list(get_rule(rule_type).fields(params))
    if params.get("allow_na"):
        fields.insert(0, InputField(NA_FIELD, "bool", gettext("Not applicable"), required=False))
    return fields


def primary_field(rule_type: str, params: Mapping[str, Any] | None = None) -> str | None:
    return get_rule(rule_type).primary_field


def describe(rule_type: str, params: Mapping[str, Any] | None, max_points: Decimal | int | str) -> str:
    text = get_rule(rule_type).describe(params or {}, Decimal(max_points))
    if (params or {}).get("allow_na"):
        text = f"{text} " + gettext("(may be declared not applicable)")
    return text


def evaluate(
    rule_type: str,
    params: Mapping[str, Any] | None,
    max_points: Decimal | int | str,
    declared: Mapping[str, Any],
) -> RuleResult:
    params = params or {}
    top = _max(max_points)
    if params.get("allow_na") and not is_blank(declared.get(NA_FIELD)) and to_bool(declared[NA_FIELD]):
        return RuleResult(None, not_applicable=True, note=gettext("Not applicable"))
    result = get_rule(rule_type).compute(params, top, declared)
    if result.points is None:
        return result
    return RuleResult(round_points(clamp(result.points, ZERO, top)), result.not_applicable, result.note)
