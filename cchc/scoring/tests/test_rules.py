"""Table-driven tests of every rule type: edges (0, max, caps, floors, exactly on a threshold), N/A,
rounding, invalid input → clear error, and parameter validation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from cchc.scoring import rules
from cchc.scoring.rules import RuleType

pytestmark = pytest.mark.usefixtures("english")

TIERS = {"basis": "percent", "tiers": [[100, "1"], [80, "0.5"]]}
RATIO_TIERS = {"basis": "ratio", "tiers": [[100, "1"], [80, "0.5"]]}
COUNT_TIERS = {"basis": "count", "tiers": [[3, "2"], [1, "1"], [0, "0.25"]]}
DEADLINE = {"deadline": "2025-03-31", "grace_days": 10, "late_points": "0.5"}
FORMULA = {
    "inputs": [
        {"name": "late", "label": "Báo cáo trễ", "kind": "count"},
        {"name": "rate", "label": "Tỷ lệ", "kind": "percent"},
    ],
    "expression": "(2 - 0.25 * late) if rate >= 50 else min(1, rate / 50)",
}

CASES: list[tuple[str, str, dict[str, Any], str, dict[str, Any], D | None]] = [
    # id, rule type, params, max, declared, expected points
    ("yes", RuleType.YES_NO, {}, "1.5", {"achieved": True}, D("1.50")),
    ("no", RuleType.YES_NO, {}, "1.5", {"achieved": "false"}, D("0.00")),
    ("yes as text", RuleType.YES_NO, {}, "1", {"achieved": "có"}, D("1.00")),
    ("yes unanswered", RuleType.YES_NO, {}, "1", {}, None),
    ("tier top exactly 100", RuleType.TIERS, TIERS, "1", {"value": 100}, D("1.00")),
    ("tier exactly on 80", RuleType.TIERS, TIERS, "1", {"value": "80"}, D("0.50")),
    ("tier just under 80", RuleType.TIERS, TIERS, "1", {"value": "79.99"}, D("0.00")),
    ("tier between", RuleType.TIERS, TIERS, "1", {"value": "99,99"}, D("0.50")),
    ("tier zero", RuleType.TIERS, TIERS, "1", {"value": 0}, D("0.00")),
    (
        "ratio 4/5 is exactly 80",
        RuleType.TIERS,
        RATIO_TIERS,
        "1",
        {"numerator": 4, "denominator": 5},
        D("0.50"),
    ),
    # 79.995% must not be rounded up to 80% before the comparison
    (
        "ratio not rounded early",
        RuleType.TIERS,
        RATIO_TIERS,
        "1",
        {"numerator": 15999, "denominator": 20000},
        D(0),
    ),
    ("ratio all done", RuleType.TIERS, RATIO_TIERS, "1", {"numerator": 31, "denominator": 31}, D("1.00")),
    ("ratio half answered", RuleType.TIERS, RATIO_TIERS, "1", {"numerator": 3}, None),
    ("ratio provider value", RuleType.TIERS, RATIO_TIERS, "1", {"value": "85"}, D("0.50")),
    ("count tier 0", RuleType.TIERS, COUNT_TIERS, "2", {"value": 0}, D("0.25")),
    ("count tier 3+", RuleType.TIERS, COUNT_TIERS, "2", {"value": 7}, D("2.00")),
    ("proportional half", RuleType.PROPORTIONAL, {"basis": "percent"}, "2", {"value": 50}, D("1.00")),
    (
        "proportional rounding",
        RuleType.PROPORTIONAL,
        {"basis": "percent"},
        "1",
        {"value": "33.335"},
        D("0.33"),
    ),
    ("proportional half-up", RuleType.PROPORTIONAL, {"basis": "percent"}, "1", {"value": "12.5"}, D("0.13")),
    (
        "proportional capped",
        RuleType.PROPORTIONAL,
        {"basis": "number", "target": 8},
        "2",
        {"value": 12},
        D("2.00"),
    ),
    (
        "proportional zero",
        RuleType.PROPORTIONAL,
        {"basis": "percent", "target": 90},
        "2",
        {"value": 0},
        D("0.00"),
    ),
    (
        "proportional target",
        RuleType.PROPORTIONAL,
        {"basis": "percent", "target": 90},
        "1",
        {"value": 45},
        D("0.50"),
    ),
    ("per occurrence 0", RuleType.PER_OCCURRENCE, {"points_each": "0.25"}, "1", {"count": 0}, D("0.00")),
    ("per occurrence some", RuleType.PER_OCCURRENCE, {"points_each": "0.25"}, "1", {"count": 3}, D("0.75")),
    ("per occurrence at max", RuleType.PER_OCCURRENCE, {"points_each": "0.25"}, "1", {"count": 9}, D("1.00")),
    (
        "per occurrence cap",
        RuleType.PER_OCCURRENCE,
        {"points_each": "0.25", "cap": "0.5"},
        "1",
        {"count": 3},
        D("0.50"),
    ),
    ("deduction none", RuleType.DEDUCTION, {"points_each": "0.25"}, "1", {"count": 0}, D("1.00")),
    ("deduction some", RuleType.DEDUCTION, {"points_each": "0.25"}, "1", {"count": 2}, D("0.50")),
    ("deduction floor 0", RuleType.DEDUCTION, {"points_each": "0.25"}, "1", {"count": 10}, D("0.00")),
    (
        "deduction floor",
        RuleType.DEDUCTION,
        {"points_each": "0.5", "floor": "0.5"},
        "2",
        {"count": 5},
        D("0.50"),
    ),
    (
        "deadline on the day",
        RuleType.DEADLINE,
        DEADLINE,
        "1",
        {"completed": True, "completed_on": "2025-03-31"},
        D(1),
    ),
    (
        "deadline early",
        RuleType.DEADLINE,
        DEADLINE,
        "1",
        {"completed": True, "completed_on": "15/01/2025"},
        D(1),
    ),
    (
        "deadline late in grace",
        RuleType.DEADLINE,
        DEADLINE,
        "1",
        {"completed": 1, "completed_on": "2025-04-10"},
        D("0.5"),
    ),
    (
        "deadline too late",
        RuleType.DEADLINE,
        DEADLINE,
        "1",
        {"completed": True, "completed_on": "2025-04-11"},
        D(0),
    ),
    ("deadline not done", RuleType.DEADLINE, DEADLINE, "1", {"completed": False}, D("0.00")),
    ("deadline no date", RuleType.DEADLINE, DEADLINE, "1", {"completed": True}, None),
    (
        "deadline date obj",
        RuleType.DEADLINE,
        DEADLINE,
        "1",
        {"completed": True, "completed_on": dt.date(2025, 3, 1)},
        D(1),
    ),
    ("survey", RuleType.SURVEY, {}, "2", {"satisfaction": "83.94"}, D("1.68")),
    ("survey 100", RuleType.SURVEY, {}, "2", {"satisfaction": 100}, D("2.00")),
    ("survey 0", RuleType.SURVEY, {}, "2", {"satisfaction": 0}, D("0.00")),
    ("formula branch a", RuleType.FORMULA, FORMULA, "2", {"late": 2, "rate": 60}, D("1.50")),
    ("formula branch b", RuleType.FORMULA, FORMULA, "2", {"late": 0, "rate": 25}, D("0.50")),
    ("formula clamped low", RuleType.FORMULA, FORMULA, "2", {"late": 20, "rate": 90}, D("0.00")),
    ("formula missing input", RuleType.FORMULA, FORMULA, "2", {"late": 1}, None),
    ("manual", RuleType.MANUAL, {}, "2", {"points": "1,25"}, D("1.25")),
    ("manual max", RuleType.MANUAL, {}, "2", {"points": 2}, D("2.00")),
    ("manual zero", RuleType.MANUAL, {}, "2", {"points": 0}, D("0.00")),
]


@pytest.mark.parametrize(
    ("rule_type", "params", "max_points", "declared", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_evaluate(rule_type: str, params: dict, max_points: str, declared: dict, expected: D | None) -> None:
    clean = rules.validate_params(rule_type, params, max_points)
    result = rules.evaluate(rule_type, clean, D(max_points), declared)
    assert result.points == expected
    assert not result.not_applicable
    if expected is not None:
        assert result.points is not None and result.points.as_tuple().exponent == -2


INVALID_INPUT = [
    (RuleType.YES_NO, {}, {"achieved": "maybe"}, "yes or no"),
    (RuleType.TIERS, TIERS, {"value": "abc"}, "number"),
    (RuleType.TIERS, TIERS, {"value": 101}, "between 0 and 100"),
    (RuleType.TIERS, TIERS, {"value": -1}, "between 0 and 100"),
    (RuleType.TIERS, RATIO_TIERS, {"numerator": 6, "denominator": 5}, "cannot exceed"),
    (RuleType.TIERS, RATIO_TIERS, {"numerator": "1.5", "denominator": 5}, "whole number"),
    (RuleType.PER_OCCURRENCE, {"points_each": "0.25"}, {"count": -1}, "whole number"),
    (RuleType.DEADLINE, DEADLINE, {"completed": True, "completed_on": "31-03-2025"}, "date"),
    (RuleType.SURVEY, {}, {"satisfaction": "NaN"}, "number"),
    (RuleType.MANUAL, {}, {"points": "2.01"}, "between 0 and"),
    (RuleType.MANUAL, {}, {"points": "-0.5"}, "between 0 and"),
    (RuleType.MANUAL, {}, {"points": "1.005"}, "2 decimals"),
    (RuleType.FORMULA, {"inputs": [{"name": "a"}], "expression": "1 / a"}, {"a": 0}, "divides by zero"),
]


@pytest.mark.parametrize(("rule_type", "params", "declared", "message"), INVALID_INPUT)
def test_invalid_input_is_a_clear_error(rule_type: str, params: dict, declared: dict, message: str) -> None:
    clean = rules.validate_params(rule_type, params, 2)
    with pytest.raises(ValidationError) as excinfo:
        rules.evaluate(rule_type, clean, D(2), declared)
    assert message in " ".join(excinfo.value.messages)


ZERO_DENOMINATOR = [("na", None, True), ("full", D("1.00"), False), ("zero", D("0.00"), False)]


@pytest.mark.parametrize(("choice", "points", "na"), ZERO_DENOMINATOR)
def test_ratio_of_zero_over_zero(choice: str, points: D | None, na: bool) -> None:
    params = rules.validate_params(RuleType.TIERS, {**RATIO_TIERS, "zero_denominator": choice}, 1)
    result = rules.evaluate(RuleType.TIERS, params, 1, {"numerator": 0, "denominator": 0})
    assert (result.points, result.not_applicable) == (points, na)


@pytest.mark.parametrize("rule_type", list(RuleType))
def test_not_applicable_only_when_allowed(rule_type: str) -> None:
    params = _valid_params(rule_type)
    allowed = rules.validate_params(rule_type, {**params, "allow_na": True}, 2)
    result = rules.evaluate(rule_type, allowed, 2, {"not_applicable": True})
    assert result.not_applicable and result.points is None
    assert rules.input_fields(rule_type, allowed)[0].name == "not_applicable"
    # Without the param, a declared N/A is ignored: the criterion stays in the denominator.
    plain = rules.validate_params(rule_type, params, 2)
    assert not rules.evaluate(rule_type, plain, 2, {"not_applicable": True}).not_applicable
    assert all(f.name != "not_applicable" for f in rules.input_fields(rule_type, plain))


def _valid_params(rule_type: str) -> dict[str, Any]:
    return {
        RuleType.TIERS: TIERS,
        RuleType.PROPORTIONAL: {"basis": "percent"},
        RuleType.PER_OCCURRENCE: {"points_each": "0.5"},
        RuleType.DEDUCTION: {"points_each": "0.5"},
        RuleType.DEADLINE: DEADLINE,
        RuleType.FORMULA: FORMULA,
    }.get(rule_type, {})


@pytest.mark.parametrize("rule_type", list(RuleType))
def test_every_rule_has_fields_and_a_description(rule_type: str) -> None:
    params = rules.validate_params(rule_type, _valid_params(rule_type), 2)
    fields = rules.input_fields(rule_type, params)
    assert fields and all(f.kind in {"number", "count", "percent", "date", "bool", "choice"} for f in fields)
    assert rules.describe(rule_type, params, 2)
    primary = rules.primary_field(rule_type, params)
    assert primary is None or primary in {f.name for f in fields}


def test_tier_description_in_plain_vietnamese() -> None:
    from django.utils import translation

    params = rules.validate_params(RuleType.TIERS, TIERS, 1)
    with translation.override("en"):
        text = rules.describe(RuleType.TIERS, params, 1)
    assert text == "Reaching 100% → 1,00 points; 80% to under 100% → 0,50; under 80% → 0"


INVALID_PARAMS = [
    ("unknown type", "bogus", {}, "Unknown rule type"),
    ("tiers empty", RuleType.TIERS, {"tiers": []}, "at least one tier"),
    ("tier over max", RuleType.TIERS, {"tiers": [[100, 3]]}, "between 0 and the maximum"),
    ("tier duplicate", RuleType.TIERS, {"tiers": [[80, 1], ["80.0", 0.5]]}, "appears twice"),
    ("tier percent > 100", RuleType.TIERS, {"tiers": [[120, 1]]}, "out of range"),
    ("tier pair", RuleType.TIERS, {"tiers": [[80]]}, "pair"),
    ("basis", RuleType.TIERS, {"basis": "weird", "tiers": [[1, 1]]}, "Unknown measure"),
    ("target 0", RuleType.PROPORTIONAL, {"basis": "percent", "target": 0}, "greater than 0"),
    ("target missing", RuleType.PROPORTIONAL, {"basis": "number"}, "target is required"),
    ("each 0", RuleType.PER_OCCURRENCE, {"points_each": 0}, "greater than 0"),
    ("each missing", RuleType.DEDUCTION, {}, "required"),
    ("floor above max", RuleType.DEDUCTION, {"points_each": 1, "floor": 5}, "between 0 and the maximum"),
    ("deadline missing", RuleType.DEADLINE, {}, "deadline is required"),
    ("deadline bad", RuleType.DEADLINE, {"deadline": "soon"}, "date"),
    (
        "late points",
        RuleType.DEADLINE,
        {"deadline": "2025-01-01", "late_points": 9},
        "between 0 and the maximum",
    ),
    ("formula no inputs", RuleType.FORMULA, {"inputs": [], "expression": "1"}, "at least one named input"),
    ("formula bad name", RuleType.FORMULA, {"inputs": [{"name": "số"}], "expression": "1"}, "not valid"),
    ("formula reserved", RuleType.FORMULA, {"inputs": [{"name": "max"}], "expression": "1"}, "not valid"),
    (
        "formula unknown name",
        RuleType.FORMULA,
        {"inputs": [{"name": "a"}], "expression": "a + b"},
        "Unknown input",
    ),
    (
        "formula attribute",
        RuleType.FORMULA,
        {"inputs": [{"name": "a"}], "expression": "a.__class__"},
        "not allowed",
    ),
    (
        "formula call",
        RuleType.FORMULA,
        {"inputs": [{"name": "a"}], "expression": "__import__('os')"},
        "Only min",
    ),
    ("formula power", RuleType.FORMULA, {"inputs": [{"name": "a"}], "expression": "a ** 99999"}, "operator"),
    ("formula string", RuleType.FORMULA, {"inputs": [{"name": "a"}], "expression": "'x'"}, "Only numbers"),
    ("formula subscript", RuleType.FORMULA, {"inputs": [{"name": "a"}], "expression": "a[0]"}, "not allowed"),
    (
        "formula lambda",
        RuleType.FORMULA,
        {"inputs": [{"name": "a"}], "expression": "(lambda: 1)()"},
        "Only min",
    ),
    (
        "formula keywords",
        RuleType.FORMULA,
        {"inputs": [{"name": "a"}], "expression": "round(a, ndigits=1)"},
        "Only min",
    ),
    ("formula syntax", RuleType.FORMULA, {"inputs": [{"name": "a"}], "expression": "(a + "}, "not valid"),
    ("formula and", RuleType.FORMULA, {"inputs": [{"name": "a"}], "expression": "a and 1"}, "not allowed"),
    ("formula empty", RuleType.FORMULA, {"inputs": [{"name": "a"}], "expression": " "}, "empty"),
    (
        "formula long",
        RuleType.FORMULA,
        {"inputs": [{"name": "a"}], "expression": "a+" * 300 + "a"},
        "too long",
    ),
    (
        "formula min arity",
        RuleType.FORMULA,
        {"inputs": [{"name": "a"}], "expression": "min(a)"},
        "at least two",
    ),
    ("params not object", RuleType.MANUAL, ["x"], "JSON object"),
]


@pytest.mark.parametrize(
    ("rule_type", "params", "message"), [c[1:] for c in INVALID_PARAMS], ids=[c[0] for c in INVALID_PARAMS]
)
def test_invalid_params(rule_type: str, params: Any, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        rules.validate_params(rule_type, params, 2)
    assert message in " ".join(excinfo.value.messages)


FORMULAS = [
    ("a + b * 2", {"a": 1, "b": 2}, "5"),
    ("-a + 3", {"a": 1, "b": 0}, "2"),
    ("(a + b) / 4", {"a": 1, "b": 2}, "0.75"),
    ("max(a, b, 0.5)", {"a": 0, "b": 0}, "0.5"),
    ("abs(a - b)", {"a": 1, "b": 3}, "2"),
    ("round(b / 3, 1)", {"a": 0, "b": 1}, "0.3"),
    ("round(a / 8, 2)", {"a": 1, "b": 0}, "0.13"),  # 0.125 → half-up
    ("1 if 0 < a <= b else 0", {"a": 1, "b": 1}, "1"),
    ("1 if 0 < a <= b else 0", {"a": 2, "b": 1}, "0"),
    ("a == b", {"a": 2, "b": 2}, "1"),
    ("0.1 + 0.2", {"a": 0, "b": 0}, "0.3"),  # exact decimals, not floats
]


@pytest.mark.parametrize(("expression", "values", "expected"), FORMULAS)
def test_safe_expression(expression: str, values: dict, expected: str) -> None:
    from cchc.scoring.rules import expression as expr

    tree = expr.parse(expression, ["a", "b"])
    assert expr.evaluate(tree, {k: D(v) for k, v in values.items()}) == D(expected)


def test_validated_params_are_canonical() -> None:
    clean = rules.validate_params(RuleType.TIERS, {"tiers": [[80, 0.5], [100, 1]], "allow_na": "true"}, 1)
    assert clean == {"basis": "percent", "tiers": [["100", "1"], ["80", "0.5"]], "allow_na": True}
