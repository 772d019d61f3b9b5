"""A framework's criteria as a plain in-memory tree (no database), built from ONE query.

The scoring engine (`compute.py`) and the assessments app work on this structure so that scoring
thousands of units never touches the database per unit or per criterion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class Node:
    id: int
    parent_id: int | None
    code: str
    title: str
    sort_order: int
    max_points: Decimal
    method: str  # Criterion.Method value: "self" | "survey" | "auto"
    kind: str  # Criterion.Kind value: "base" | "bonus" | "penalty"
    rule_type: str
    rule_params: dict[str, Any]
    provider_key: str
    guidance: str = ""
    evidence_expected: str = ""
    applies_to: frozenset[int] = frozenset()  # unit type ids; empty = every type
    depth: int = 0
    domain_id: int = 0  # id of the top-level ancestor (the node itself for a domain)
    children: list[Node] = field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def is_domain(self) -> bool:
        return self.parent_id is None


@dataclass
class Tree:
    roots: list[Node]
    nodes: list[Node]  # pre-order (parents before children, siblings by sort_order then code)
    by_id: dict[int, Node]
    # Derived data the engine prepares once per tree (e.g. per unit type) and reuses for every unit.
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def leaves(self) -> list[Node]:
        leaves = self.cache.get("leaves")
        if leaves is None:
            leaves = self.cache["leaves"] = [n for n in self.nodes if n.is_leaf]
        return leaves

    @property
    def domains(self) -> list[Node]:
        """Top-level base nodes (lĩnh vực); bonus and penalty groups are not domains."""
        return [n for n in self.roots if n.kind == "base"]

    def applies(self, node: Node, unit_type_id: int | None) -> bool:
        """Whether the node applies to a unit of that type: its own list and every ancestor's allow it."""
        if unit_type_id is None:
            return True
        current: Node | None = node
        while current is not None:
            if current.applies_to and unit_type_id not in current.applies_to:
                return False
            current = self.by_id.get(current.parent_id) if current.parent_id is not None else None
        return True

    def ancestors(self, node: Node) -> list[Node]:
        """From the domain down to the node's parent."""
        chain: list[Node] = []
        current = self.by_id.get(node.parent_id) if node.parent_id is not None else None
        while current is not None:
            chain.append(current)
            current = self.by_id.get(current.parent_id) if current.parent_id is not None else None
        return chain[::-1]

    def subtotal(self, node: Node) -> Decimal:
        """Sum of the children's maxima (an internal node's max must equal it)."""
        return sum((c.max_points for c in node.children), Decimal("0"))


def _sort_key(node: Node) -> tuple[int, list[Any]]:
    # "3.10" after "3.9": compare code parts numerically where they are numbers.
    parts = [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in node.code.split(".")]
    return (node.sort_order, parts)


def build_tree(rows: Iterable[Mapping[str, Any]]) -> Tree:
    """Tree from flat rows (one per criterion, or one per criterion × applicable unit type).

    Row keys: id, parent_id, code, title, sort_order, max_points, method, kind, rule_type,
    rule_params, provider_key, guidance, evidence_expected, and optionally applies_to (one unit
    type id or None per row, as a LEFT JOIN gives them).
    """
    by_id: dict[int, Node] = {}
    types: dict[int, set[int]] = {}
    for row in rows:
        pk = row["id"]
        if pk not in by_id:
            by_id[pk] = Node(
                id=pk,
                parent_id=row["parent_id"],
                code=row["code"],
                title=row["title"],
                sort_order=row["sort_order"],
                max_points=Decimal(row["max_points"]),
                method=row["method"],
                kind=row["kind"],
                rule_type=row["rule_type"],
                rule_params=row["rule_params"] or {},
                provider_key=row["provider_key"] or "",
                guidance=row.get("guidance", ""),
                evidence_expected=row.get("evidence_expected", ""),
            )
            types[pk] = set()
        if row.get("applies_to") is not None:
            types[pk].add(row["applies_to"])
    roots: list[Node] = []
    for node in by_id.values():
        node.applies_to = frozenset(types[node.id])
        parent = by_id.get(node.parent_id) if node.parent_id is not None else None
        (parent.children if parent else roots).append(node)
    ordered: list[Node] = []

    def walk(siblings: list[Node], depth: int, domain_id: int | None) -> None:
        siblings.sort(key=_sort_key)
        for node in siblings:
            node.depth = depth
            node.domain_id = domain_id if domain_id is not None else node.id
            ordered.append(node)
            walk(node.children, depth + 1, node.domain_id)

    walk(roots, 0, None)
    return Tree(roots=roots, nodes=ordered, by_id=by_id)
