"""Tiers on a ratio, percentage or count; inclusive lower bounds: 100% → 1,0; 80–<100% → 0,5; <80% → 0."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from . import basis as b
from .base import ZERO, InputField, Rule, RuleResult, RuleType, num, points_param, pts, to_decimal


def _tiers(params: Mapping[str, Any]) -> list[tuple[Decimal, Decimal]]:
    """(threshold, points), highest threshold first."""
    return sorted(((Decimal(str(t)), Decimal(str(p))) for t, p in params.get("tiers", [])), reverse=True)


class TiersRule(Rule):
    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        clean = b.validate_basis(params, allowed=(b.PERCENT, b.RATIO, b.COUNT, b.NUMBER))
        raw = params.get("tiers")
        if not isinstance(raw, list | tuple) or not raw:
            raise ValidationError(gettext("Give at least one tier (threshold and points)."))
        tiers: list[list[str]] = []
        seen: set[Decimal] = set()
        for row in raw:
            if not isinstance(row, list | tuple) or len(row) != 2:
                raise ValidationError(gettext("Each tier is a pair [threshold, points]."))
            threshold = to_decimal(row[0], gettext("Threshold"))
            if threshold < 0 or (clean["basis"] in (b.PERCENT, b.RATIO) and threshold > 100):
                raise ValidationError(
                    gettext("Threshold %(value)s is out of range.") % {"value": num(threshold)}
                )
            if threshold in seen:
                raise ValidationError(
                    gettext("Threshold %(value)s appears twice.") % {"value": num(threshold)}
                )
            seen.add(threshold)
            points = points_param({"p": row[1]}, "p", max_points, gettext("Tier points"))
            tiers.append([str(threshold), str(points)])
        clean["tiers"] = sorted(tiers, key=lambda r: Decimal(r[0]), reverse=True)
        return clean

    def fields(self, params: Mapping[str, Any]) -> list[InputField]:
        return b.basis_fields(params)

    def compute(
        self, params: Mapping[str, Any], max_points: Decimal, declared: Mapping[str, Any]
    ) -> RuleResult:
        value, how = b.measured(params, declared)
        if value is None:
            return _zero_denominator(params, max_points) if how == "0/0" else RuleResult(None)
        shown = f"{how} = {num(value.quantize(Decimal('0.01')))}" if how else num(value)
        suffix = b.unit_suffix(params)
        for threshold, points in _tiers(params):
            if value >= threshold:
                return RuleResult(points, note=f"{shown}{suffix} ≥ {num(threshold)}{suffix} → {pts(points)}")
        return RuleResult(ZERO, note=f"{shown}{suffix} → 0")

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        suffix = b.unit_suffix(params)
        tiers = _tiers(params)
        parts: list[str] = []
        higher: Decimal | None = None
        for threshold, points in tiers:
            values = {
                "low": num(threshold),
                "high": num(higher if higher is not None else Decimal(0)),
                "unit": suffix,
                "points": pts(points),
            }
            if higher is None:
                if suffix and threshold == 100:
                    parts.append(gettext("Reaching %(low)s%(unit)s → %(points)s points") % values)
                else:
                    parts.append(gettext("%(low)s%(unit)s or more → %(points)s points") % values)
            else:
                parts.append(gettext("%(low)s%(unit)s to under %(high)s%(unit)s → %(points)s") % values)
            higher = threshold
        if higher is not None and higher > 0:
            parts.append(gettext("under %(low)s%(unit)s → 0") % {"low": num(higher), "unit": suffix})
        return "; ".join(parts)


def _zero_denominator(params: Mapping[str, Any], max_points: Decimal) -> RuleResult:
    """A ratio of 0/0 (nothing to do): what the framework decided it means."""
    when_zero = params.get("zero_denominator", "na")
    note = gettext("Nothing to count (0/0)")
    if when_zero == "full":
        return RuleResult(max_points, note=note)
    if when_zero == "zero":
        return RuleResult(ZERO, note=note)
    return RuleResult(None, not_applicable=True, note=note)


RULE = TiersRule(RuleType.TIERS, primary_field="value")
