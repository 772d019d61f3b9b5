"""Consistency of a framework's tree (pure): shown as the editor's "totals check" and required before
a framework is frozen, so a cycle never opens on a tree whose points do not add up."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cchc.core.formatting import format_vi_number
from cchc.scoring import providers, rules
from cchc.scoring.tree import Tree


@dataclass(frozen=True)
class Problem:
    criterion_id: int | None
    code: str
    message: str
    blocking: bool = True  # False: a warning (e.g. an automatic input not installed yet)


@dataclass(frozen=True)
class Summary:
    base_total: Decimal  # Σ max of the domains (lĩnh vực)
    bonus_total: Decimal
    penalty_total: Decimal
    domains: int
    leaves: int


def summarise(tree: Tree) -> Summary:
    def total(kind: str) -> Decimal:
        return sum((n.max_points for n in tree.roots if n.kind == kind), Decimal("0"))

    return Summary(total("base"), total("bonus"), total("penalty"), len(tree.domains), len(tree.leaves))


def problems(tree: Tree) -> list[Problem]:
    found: list[Problem] = []
    for node in tree.nodes:
        if node.children:
            subtotal = tree.subtotal(node)
            if subtotal != node.max_points:
                found.append(
                    Problem(
                        node.id,
                        node.code,
                        _("Maximum %(max)s differs from the sum of its sub-criteria (%(sum)s).")
                        % {"max": _pts(node.max_points), "sum": _pts(subtotal)},
                    )
                )
            for child in node.children:
                if child.kind != node.kind:
                    found.append(Problem(child.id, child.code, _("Its kind differs from its parent's.")))
            continue
        try:
            rules.validate_params(node.rule_type, node.rule_params, node.max_points)
        except ValidationError as exc:
            found.append(Problem(node.id, node.code, " ".join(exc.messages)))
        if node.method == "auto":
            if not node.provider_key:
                found.append(
                    Problem(node.id, node.code, _("An automatic criterion needs an automatic input."))
                )
            elif providers.get_provider(node.provider_key) is None:
                found.append(
                    Problem(
                        node.id,
                        node.code,
                        _("Automatic input %(key)s is not available yet; the value will be declared by hand.")
                        % {"key": node.provider_key},
                        blocking=False,
                    )
                )
        if node.max_points == 0 and node.kind == "base":
            found.append(Problem(node.id, node.code, _("A scored criterion needs a maximum above 0.")))
    if not tree.domains:
        found.append(Problem(None, "", _("The framework has no domain yet.")))
    return found


def _pts(value: Decimal) -> str:
    return format_vi_number(value, 2)
