"""Reads of the organisation tree: scoped lists, the tree as of a date, lineage and roll-up."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from cchc.accounts import scope
from cchc.core.ordering import order_vi
from cchc.core.text import fold
from cchc.orgunits.models import OrgUnit, UnitGroup, UnitLineage, UnitMove


def valid_on_q(day: dt.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def units_as_of(day: dt.date, queryset: QuerySet[OrgUnit] | None = None) -> QuerySet[OrgUnit]:
    """Units that existed on `day` (validity period includes it)."""
    qs = queryset if queryset is not None else OrgUnit.objects.all()
    return qs.filter(valid_on_q(day))


def units_for_user(
    user: Any,
    *,
    query: str = "",
    as_of: dt.date | None = None,
    unit_type: str | int | None = None,
    level: int | None = None,
    group: UnitGroup | None = None,
    include_closed: bool = False,
    under: OrgUnit | None = None,
) -> QuerySet[OrgUnit]:
    """Units the user may read, filtered, in Vietnamese alphabetical order.

    `as_of` restricts to units valid on that date; otherwise closed units are hidden unless
    `include_closed`. `query` matches names, codes and abbreviations without accents.
    """
    qs = scope.visible_units(user).select_related("unit_type", "parent")
    if as_of is not None:
        qs = units_as_of(as_of, qs)
    elif not include_closed:
        qs = units_as_of(dt.date.today(), qs)
    if query:
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
    if unit_type:
        qs = (
            qs.filter(unit_type__code=unit_type)
            if isinstance(unit_type, str)
            else qs.filter(unit_type_id=unit_type)
        )
    if level:
        qs = qs.filter(unit_type__level=level)
    if group is not None:
        qs = qs.filter(groups=group)
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    return order_vi(qs, "name")


@dataclass
class TreeNode:
    unit: OrgUnit
    parent_id: int | None
    children: list[TreeNode] = field(default_factory=list)
    depth: int = 0


def parent_ids_as_of(day: dt.date, unit_ids: Iterable[int] | None = None) -> dict[int, int | None]:
    """Parent of each unit as it stood on `day`, undoing later moves (2 queries)."""
    units = OrgUnit.objects.all() if unit_ids is None else OrgUnit.objects.filter(pk__in=list(unit_ids))
    parents: dict[int, int | None] = dict(units.values_list("pk", "parent_id"))
    # The earliest move after `day` holds the parent the unit had on `day`.
    later_moves = UnitMove.objects.filter(unit_id__in=parents.keys(), effective_date__gt=day).order_by(
        "unit_id", "-effective_date", "-id"
    )
    for move in later_moves.values("unit_id", "old_parent_id"):
        parents[move["unit_id"]] = move["old_parent_id"]  # last write = earliest move
    return parents


def tree_for_user(user: Any, *, as_of: dt.date | None = None) -> list[TreeNode]:
    """The visible units valid on `as_of` (default today) as a forest, siblings in Vietnamese order."""
    day = as_of or dt.date.today()
    units = list(units_for_user(user, as_of=day))
    parents = parent_ids_as_of(day, [u.pk for u in units])
    nodes = {u.pk: TreeNode(unit=u, parent_id=parents.get(u.pk)) for u in units}
    roots: list[TreeNode] = []
    for unit in units:  # already in Vietnamese order, so children lists are too
        node = nodes[unit.pk]
        parent = nodes.get(node.parent_id) if node.parent_id else None
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)

    # Types first (province, agencies, districts, communes) then names, as officials list them.
    def settle(level: list[TreeNode], depth: int) -> None:
        level.sort(key=lambda n: n.unit.unit_type.sort_order)  # stable: keeps the name order
        for n in level:
            n.depth = depth
            settle(n.children, depth + 1)

    settle(roots, 0)
    return roots


def flatten(nodes: list[TreeNode]) -> list[TreeNode]:
    out: list[TreeNode] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


# --- Lineage --------------------------------------------------------------------------------


def _links() -> list[UnitLineage]:
    return list(UnitLineage.objects.select_related("predecessor", "successor"))


def predecessors(unit: OrgUnit, *, transitive: bool = True) -> list[UnitLineage]:
    """Links into `unit` (and, transitively, into its predecessors), nearest first."""
    by_successor: dict[int, list[UnitLineage]] = defaultdict(list)
    for link in _links():
        by_successor[link.successor_id].append(link)
    out: list[UnitLineage] = []
    queue, seen = deque([unit.pk]), {unit.pk}
    while queue:
        for link in by_successor.get(queue.popleft(), []):
            out.append(link)
            if transitive and link.predecessor_id not in seen:
                seen.add(link.predecessor_id)
                queue.append(link.predecessor_id)
    return out


def successors(unit: OrgUnit, *, transitive: bool = True) -> list[UnitLineage]:
    by_predecessor: dict[int, list[UnitLineage]] = defaultdict(list)
    for link in _links():
        by_predecessor[link.predecessor_id].append(link)
    out: list[UnitLineage] = []
    queue, seen = deque([unit.pk]), {unit.pk}
    while queue:
        for link in by_predecessor.get(queue.popleft(), []):
            out.append(link)
            if transitive and link.successor_id not in seen:
                seen.add(link.successor_id)
                queue.append(link.successor_id)
    return out


def sources_on(unit: OrgUnit, day: dt.date) -> list[OrgUnit]:
    """Units that existed on `day` and whose data rolls into `unit` (itself included if it existed).

    E.g. `sources_on(new_commune, date(2024, 12, 31))` gives the old communes it was merged from.
    """
    found = [unit] if unit.is_valid_on(day) else []
    found += [link.predecessor for link in predecessors(unit) if link.predecessor.is_valid_on(day)]
    unique = {u.pk: u for u in found}
    return list(unique.values())


@dataclass
class Rollup:
    """Figures re-attributed to the units valid on a date."""

    totals: dict[int, Decimal]
    # Figures of units split into several successors without shares: they cannot be attributed.
    unattributed: dict[int, Decimal]


def successor_shares_on(unit_ids: Iterable[int], day: dt.date) -> dict[int, list[tuple[int, Decimal | None]]]:
    """For each unit, the units valid on `day` that carry it on, with the share of its data.

    A unit valid on `day` maps to itself. Chains (commune → merged commune → renamed ward) are
    followed; shares multiply along a chain. A share of None means "not determined".
    """
    valid = set(units_as_of(day).values_list("pk", flat=True))
    by_predecessor: dict[int, list[UnitLineage]] = defaultdict(list)
    for link in UnitLineage.objects.filter(effective_date__lte=day):
        by_predecessor[link.predecessor_id].append(link)

    def walk(uid: int, share: Decimal | None, depth: int) -> list[tuple[int, Decimal | None]]:
        if uid in valid or depth > 20:
            return [(uid, share)]
        links = by_predecessor.get(uid, [])
        if not links:
            return [(uid, share)]
        out: list[tuple[int, Decimal | None]] = []
        for link in links:
            part: Decimal | None
            if link.share is not None:
                part = None if share is None else share * link.share
            elif len(links) == 1:
                part = share
            else:
                part = None  # split without shares: cannot attribute
            out.extend(walk(link.successor_id, part, depth + 1))
        return out

    return {uid: walk(uid, Decimal(1), 0) for uid in unit_ids}


def rollup_values(values: Mapping[int, Decimal | int], day: dt.date) -> Rollup:
    """Re-attribute figures recorded against old units to the units valid on `day`.

    `rollup_values({old_commune_a: 10, old_commune_b: 5}, date(2025, 7, 1))` gives
    `{new_commune: 15}` when both were merged into it.
    """
    mapping = successor_shares_on(values.keys(), day)
    totals: dict[int, Decimal] = defaultdict(Decimal)
    unattributed: dict[int, Decimal] = defaultdict(Decimal)
    for uid, value in values.items():
        amount = Decimal(value)
        targets = mapping[uid]
        if any(share is None for _t, share in targets):
            unattributed[uid] += amount
            continue
        for target, share in targets:
            totals[target] += amount * (share or Decimal(0))
    return Rollup(totals=dict(totals), unattributed=dict(unattributed))


# --- Screens (list, export, forms) ------------------------------------------------------------


def manageable_units(
    user: Any, *, include_closed: bool = False, capability: str = scope.MANAGE_UNITS
) -> QuerySet[OrgUnit]:
    """Units in which the user holds `capability` (by default: may edit, move, close or merge them),
    in Vietnamese order.

    Used for the choices of unit fields in forms: nothing outside that set can be offered.
    """
    qs = OrgUnit.objects.filter(scope.unit_q(user, capability=capability, prefix="")).select_related(
        "unit_type"
    )
    if not include_closed:
        qs = units_as_of(dt.date.today(), qs)
    return order_vi(qs, "name")


def unit_listing(
    user: Any,
    *,
    as_of: dt.date | None = None,
    query: str = "",
    unit_type: str | None = None,
    level: int | None = None,
    include_closed: bool = False,
) -> list[TreeNode]:
    """Rows of the unit list: the indented tree as of a date, or a flat filtered list.

    Without filters the result is `flatten(tree_for_user(...))`. With a search, a type, a level or
    "include closed", it is a flat list in Vietnamese order (depth 0) whose `parent_id` is still the
    parent as of the date, so exports carry the same parent codes as the tree (3 queries).
    """
    day = as_of or dt.date.today()
    if not (query or unit_type or level or include_closed):
        return flatten(tree_for_user(user, as_of=day))
    units = list(
        units_for_user(
            user,
            query=query,
            as_of=None if include_closed else day,
            unit_type=unit_type or None,
            level=level,
            include_closed=include_closed,
        )
    )
    parents = parent_ids_as_of(day, [u.pk for u in units])
    return [TreeNode(unit=u, parent_id=parents.get(u.pk, u.parent_id)) for u in units]


def children_of(unit: OrgUnit, *, as_of: dt.date | None = None) -> QuerySet[OrgUnit]:
    """Current sub-units (valid on `as_of`, default today), in Vietnamese order."""
    qs = units_as_of(as_of or dt.date.today(), OrgUnit.objects.filter(parent=unit)).select_related(
        "unit_type"
    )
    return order_vi(qs, "name")


def group_sets_with_counts() -> QuerySet[Any]:
    """Group sets with their groups, each annotated with `member_count` (2 queries)."""
    from django.db.models import Count, Prefetch

    from cchc.orgunits.models import UnitGroupSet

    groups = UnitGroup.objects.annotate(member_count=Count("members")).order_by("sort_order", "name")
    return UnitGroupSet.objects.prefetch_related(Prefetch("groups", queryset=groups)).order_by("name")


def group_member_choices(user: Any, group: UnitGroup) -> QuerySet[OrgUnit]:
    """Units the user may put in or take out of `group`: units they manage that are open today,
    plus current members they manage (even closed ones, so they can be removed)."""
    current = group.members.values_list("pk", flat=True)
    qs = OrgUnit.objects.filter(scope.unit_q(user, capability=scope.MANAGE_UNITS, prefix="")).filter(
        valid_on_q(dt.date.today()) | Q(pk__in=current)
    )
    return order_vi(qs.select_related("unit_type"), "name")
