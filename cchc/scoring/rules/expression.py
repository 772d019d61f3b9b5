"""Safe arithmetic over named inputs, for formula rules. Parsed with `ast`; never eval().

Allowed: numbers, input names, + - * /, unary minus/plus, parentheses, comparisons (< <= > >= == !=,
chained), `a if condition else b`, and the functions min, max, round, abs. Everything else (attribute
access, subscripts, other calls, **, strings, lambdas…) is refused when the framework is edited, so
a stored formula can always be evaluated. Arithmetic is exact Decimal; a comparison is 1 or 0.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from cchc.core.formatting import round_half_up

MAX_LENGTH = 500
ONE, ZERO = Decimal(1), Decimal(0)

_BINARY: dict[type, Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_COMPARE: dict[type, Callable[[Decimal, Decimal], bool]] = {
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
}
_FUNCTIONS = {"min", "max", "round", "abs"}


def parse(expression: str, names: Iterable[str]) -> ast.Expression:
    """The checked syntax tree; ValidationError (Vietnamese) naming the first thing not allowed."""
    text = (expression or "").strip()
    if not text:
        raise ValidationError(gettext("The formula is empty."))
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            gettext("The formula is too long (at most %(n)s characters).") % {"n": MAX_LENGTH}
        )
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise ValidationError(gettext("The formula is not valid: check brackets and operators.")) from None
    allowed = set(names)
    for node in ast.walk(tree):
        _check(node, allowed)
    return tree


def _check(node: ast.AST, names: set[str]) -> None:
    if isinstance(node, ast.Expression | ast.Load | ast.IfExp | ast.Compare):
        return
    if isinstance(node, ast.operator | ast.unaryop | ast.cmpop):
        if type(node) in _BINARY or type(node) in _COMPARE or isinstance(node, ast.USub | ast.UAdd):
            return
        raise ValidationError(gettext("This operator is not allowed in a formula."))
    if isinstance(node, ast.BinOp | ast.UnaryOp):
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return
        raise ValidationError(gettext("Only numbers may be written in a formula."))
    if isinstance(node, ast.Name):
        if node.id in names or node.id in _FUNCTIONS:
            return
        raise ValidationError(gettext("Unknown input in the formula: %(name)s.") % {"name": node.id})
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS and not node.keywords:
            if node.func.id in ("abs",) and len(node.args) != 1:
                raise ValidationError(gettext("abs() takes one value."))
            if node.func.id == "round" and len(node.args) not in (1, 2):
                raise ValidationError(gettext("round() takes a value and optionally a number of decimals."))
            if node.func.id in ("min", "max") and len(node.args) < 2:
                raise ValidationError(gettext("min() and max() take at least two values."))
            return
        raise ValidationError(gettext("Only min, max, round and abs may be called in a formula."))
    raise ValidationError(gettext("This construct is not allowed in a formula."))


def evaluate(tree: ast.Expression, values: Mapping[str, Decimal]) -> Decimal:
    try:
        return _eval(tree.body, values)
    except (ZeroDivisionError, DivisionByZero):
        raise ValidationError(gettext("The formula divides by zero for these values.")) from None
    except InvalidOperation:
        raise ValidationError(gettext("The formula cannot be computed for these values.")) from None


def _eval(node: ast.AST, values: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        if node.id not in values:
            raise ValidationError(gettext("Unknown input in the formula: %(name)s.") % {"name": node.id})
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_eval(node.left, values), _eval(node.right, values))
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = _eval(right_node, values)
            if not _COMPARE[type(op)](left, right):
                return ZERO
            left = right
        return ONE
    if isinstance(node, ast.IfExp):
        chosen = node.body if _eval(node.test, values) != 0 else node.orelse
        return _eval(chosen, values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_eval(arg, values) for arg in node.args]
        name = node.func.id
        if name == "min":
            return min(args)
        if name == "max":
            return max(args)
        if name == "abs":
            return abs(args[0])
        places = int(args[1]) if len(args) > 1 else 0
        return round_half_up(args[0], places)
    raise ValidationError(gettext("This construct is not allowed in a formula."))
