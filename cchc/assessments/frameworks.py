"""The one place this app reads frameworks from cchc.scoring: trees in bulk, freezing, the engine.

Trees of several frameworks come in ONE query (recomputing a whole cycle must not query per unit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from cchc.scoring.models import Criterion, Framework
from cchc.scoring.tree import Node, Tree, build_tree

TREE_FIELDS = (
    "id",
    "parent_id",
    "code",
    "title",
    "sort_order",
    "max_points",
    "method",
    "kind",
    "rule_type",
    "rule_params",
    "provider_key",
    "guidance",
    "evidence_expected",
    "applies_to",
)


def load_trees(framework_ids: Iterable[int]) -> dict[int, Tree]:
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ids = set(framework_ids)
    for row in Criterion.objects.filter(framework_id__in=ids).values("framework_id", *TREE_FIELDS):
        rows[row["framework_id"]].append(row)
    return {fid: build_tree(rows.get(fid, [])) for fid in ids}


def leaves_for(tree: Tree, unit_type_id: int | None) -> list[Node]:
    """The leaf criteria a unit of that type answers (criteria for other types are left out)."""
    return [n for n in tree.leaves if tree.applies(n, unit_type_id)]


def tree_position(framework_id: int) -> dict[int, int]:
    """criterion id → its position in the tree's pre-order (the order of the official tables)."""
    tree = load_trees([framework_id])[framework_id]
    return {node.id: i for i, node in enumerate(tree.nodes)}


def freeze(*, actor: Any, framework: Framework) -> None:
    """Freeze through the scoring app's service (idempotent: an already frozen one stays so)."""
    if framework.status == Framework.Status.FROZEN:
        return
    from cchc.scoring.services import framework_freeze

    framework_freeze(actor=actor, framework=framework)
