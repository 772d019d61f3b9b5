"""Totals, index, ranking and bands from per-leaf points: pure and fast (no database).

    compute_totals(tree, leaf_results, *, unit_type_id=None, survey_ran=True,
                   bonus_cap=None, penalty_cap=None, with_nodes=False) -> Totals
    competition_rank(values) -> ranks                       # 1, 2, 2, 4; None stays unranked
    band_for(index, bands) -> label | None                  # bands = [(label, lower_bound_inclusive), …]

Index = base points achieved / Σ max of the applicable base leaves × 100 (2 decimals, half-up; None
when nothing applies). Applicable excludes leaves declared N/A, leaves whose unit types exclude the
unit's type, and survey leaves when no survey ran (shared/docs/domain.md §1.3). An unanswered leaf
(None or absent) scores 0 but stays in the denominator. Domain (top-level base node) indices the
same way. Bonus and penalty items (kind bonus/penalty) stay outside the base: their points are
summed (penalty points are positive numbers that are subtracted), each sum capped, and
total = points + bonus − penalty; final_index applies the same denominator to that total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from cchc.core.formatting import percent, round_half_up
from cchc.scoring.tree import Node, Tree


class _NotApplicable:
    """The NA marker for leaf_results: the leaf leaves the denominator."""

    _instance: _NotApplicable | None = None

    def __new__(cls) -> _NotApplicable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NA"

    def __bool__(self) -> bool:
        return False


NA: Final = _NotApplicable()
LeafValue = Decimal | _NotApplicable | None
ZERO = Decimal("0.00")


@dataclass
class Part:
    """Points against the applicable maximum for one domain or one node."""

    points: Decimal = ZERO
    max_points: Decimal = ZERO

    @property
    def index(self) -> Decimal | None:
        return percent(self.points, self.max_points)

    @property
    def lost(self) -> Decimal:
        return self.max_points - self.points


@dataclass
class Totals:
    points: Decimal  # base points achieved
    max_applicable: Decimal  # Σ max of applicable base leaves
    index: Decimal | None
    domains: dict[int, Part]  # top-level base node id → its part (every domain, even if nothing applies)
    bonus: Decimal  # after the cap
    penalty: Decimal  # after the cap (a positive number, subtracted)
    bonus_raw: Decimal
    penalty_raw: Decimal
    total: Decimal  # points + bonus − penalty
    final_index: Decimal | None  # total / max_applicable × 100
    not_applicable: frozenset[int] = frozenset()  # leaf ids out of the denominator
    unanswered: int = 0  # applicable base leaves without a value
    nodes: dict[int, Part] = field(
        default_factory=dict
    )  # every node with applicable leaves (with_nodes=True)


@dataclass(frozen=True)
class _LeafPlan:
    """What compute needs per leaf, prepared once per (tree, unit type) and reused for every unit."""

    node: Node
    chain: tuple[int, ...]  # ancestor ids incl. the node itself (for with_nodes)
    applies: bool


def _plan(tree: Tree, unit_type_id: int | None) -> list[_LeafPlan]:
    cached = tree.cache.get(("plan", unit_type_id))
    if cached is None:
        cached = [
            _LeafPlan(
                node=leaf,
                chain=(*(a.id for a in tree.ancestors(leaf)), leaf.id),
                applies=tree.applies(leaf, unit_type_id),
            )
            for leaf in tree.leaves
        ]
        tree.cache[("plan", unit_type_id)] = cached
    return cached


def compute_totals(
    tree: Tree,
    leaf_results: Mapping[int, LeafValue],
    *,
    unit_type_id: int | None = None,
    survey_ran: bool = True,
    bonus_cap: Decimal | None = None,
    penalty_cap: Decimal | None = None,
    with_nodes: bool = False,
) -> Totals:
    """Totals of one unit. leaf_results maps leaf id → points (Decimal), NA, or None (unanswered).

    Points above a leaf's maximum or below 0 are clamped (the rules never produce them; manual
    entries are validated before they are stored).
    """
    domains = {d.id: Part() for d in tree.domains}
    nodes: dict[int, Part] = {}
    points = max_applicable = bonus = penalty = Decimal(0)
    not_applicable: set[int] = set()
    unanswered = 0
    for item in _plan(tree, unit_type_id):
        leaf = item.node
        value = leaf_results.get(leaf.id)
        if leaf.kind != "base":
            if isinstance(value, Decimal) and item.applies:
                earned = min(max(value, Decimal(0)), leaf.max_points)
                if leaf.kind == "bonus":
                    bonus += earned
                else:
                    penalty += earned
                if with_nodes:
                    _add(nodes, item.chain, earned, leaf.max_points)
            continue
        if not item.applies or value is NA or (leaf.method == "survey" and not survey_ran):
            not_applicable.add(leaf.id)
            continue
        if isinstance(value, Decimal):
            earned = min(max(value, Decimal(0)), leaf.max_points)
        else:
            earned = Decimal(0)
            unanswered += 1
        points += earned
        max_applicable += leaf.max_points
        part = domains.get(leaf.domain_id)
        if part is not None:
            part.points += earned
            part.max_points += leaf.max_points
        if with_nodes:
            _add(nodes, item.chain, earned, leaf.max_points)
    capped_bonus = bonus if bonus_cap is None else min(bonus, bonus_cap)
    capped_penalty = penalty if penalty_cap is None else min(penalty, penalty_cap)
    total = points + capped_bonus - capped_penalty
    return Totals(
        points=round_half_up(points),
        max_applicable=round_half_up(max_applicable),
        index=percent(points, max_applicable),
        domains=domains,
        bonus=round_half_up(capped_bonus),
        penalty=round_half_up(capped_penalty),
        bonus_raw=round_half_up(bonus),
        penalty_raw=round_half_up(penalty),
        total=round_half_up(total),
        final_index=percent(total, max_applicable),
        not_applicable=frozenset(not_applicable),
        unanswered=unanswered,
        nodes=nodes,
    )


def _add(nodes: dict[int, Part], chain: tuple[int, ...], earned: Decimal, max_points: Decimal) -> None:
    for node_id in chain:
        part = nodes.setdefault(node_id, Part())
        part.points += earned
        part.max_points += max_points


def competition_rank(values: Sequence[Decimal | None]) -> list[int | None]:
    """Standard competition ranking, highest first: [90, 85, 85, 80] → [1, 2, 2, 4]; None → None."""
    ranked = sorted((v for v in values if v is not None), reverse=True)
    first_place: dict[Decimal, int] = {}
    for position, value in enumerate(ranked, start=1):
        first_place.setdefault(value, position)
    return [None if v is None else first_place[v] for v in values]


def band_for(index: Decimal | None, bands: Sequence[tuple[str, Decimal | int | str]]) -> str | None:
    """The label of the highest band whose inclusive lower bound the index reaches (None if none)."""
    if index is None:
        return None
    for label, lower in sorted(bands, key=lambda b: Decimal(str(b[1])), reverse=True):
        if index >= Decimal(str(lower)):
            return label
    return None
