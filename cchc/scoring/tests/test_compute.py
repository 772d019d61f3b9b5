"""Totals, index with N/A and survey renormalisation, domain indices, bonus/penalty caps, ranking, bands."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from cchc.scoring.compute import NA, band_for, competition_rank, compute_totals
from cchc.scoring.tree import Tree, build_tree


def row(pk: int, parent: int | None, code: str, max_points: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": pk,
        "parent_id": parent,
        "code": code,
        "title": f"Tiêu chí {code}",
        "sort_order": extra.pop("sort_order", 0),
        "max_points": D(max_points),
        "method": extra.pop("method", "self"),
        "kind": extra.pop("kind", "base"),
        "rule_type": "manual",
        "rule_params": {},
        "provider_key": "",
        "applies_to": extra.pop("applies_to", None),
    }


def sample_tree() -> Tree:
    """Domain 1 (6): 1.1 (2), 1.2 (4 = 1.2.1 (1) + 1.2.2 (3, survey)); domain 2 (4): 2.1 (4, only type 7);
    bonus group B (2): B.1; penalty group P (3): P.1."""
    return build_tree(
        [
            row(1, None, "1", "6"),
            row(11, 1, "1.1", "2"),
            row(12, 1, "1.2", "4"),
            row(121, 12, "1.2.1", "1"),
            row(122, 12, "1.2.2", "3", method="survey"),
            row(2, None, "2", "4"),
            row(21, 2, "2.1", "4", applies_to=7),
            row(9, None, "B", "2", kind="bonus"),
            row(91, 9, "B.1", "2", kind="bonus"),
            row(8, None, "P", "3", kind="penalty"),
            row(81, 8, "P.1", "3", kind="penalty"),
        ]
    )


def test_tree_shape() -> None:
    tree = sample_tree()
    assert [n.code for n in tree.nodes] == [
        "1",
        "1.1",
        "1.2",
        "1.2.1",
        "1.2.2",
        "2",
        "2.1",
        "B",
        "B.1",
        "P",
        "P.1",
    ]
    assert [n.code for n in tree.leaves] == ["1.1", "1.2.1", "1.2.2", "2.1", "B.1", "P.1"]
    assert [d.code for d in tree.domains] == ["1", "2"]
    assert tree.by_id[122].depth == 2 and tree.by_id[122].domain_id == 1
    assert tree.subtotal(tree.by_id[12]) == D(4)


def test_codes_sort_numerically() -> None:
    tree = build_tree([row(1, None, "1", "1"), row(3, 1, "1.10", "1"), row(2, 1, "1.9", "1")])
    assert [n.code for n in tree.nodes] == ["1", "1.9", "1.10"]


CASES = [
    # id, leaf results, kwargs, (points, max_applicable, index, domain1 index, domain2 index, total)
    (
        "all full",
        {11: D(2), 121: D(1), 122: D(3), 21: D(4)},
        {},
        ("10.00", "10.00", "100.00", "100.00", "100.00", "10.00"),
    ),
    (
        "unanswered counts 0 but stays in the denominator",
        {11: D(2), 121: None, 21: D(4)},
        {},
        ("6.00", "10.00", "60.00", "33.33", "100.00", "6.00"),
    ),
    (
        "N/A leaves the denominator",
        {11: D("1.5"), 121: NA, 122: D(3), 21: D(4)},
        {},
        ("8.50", "9.00", "94.44", "90.00", "100.00", "8.50"),
    ),
    (
        "no survey: survey leaves leave the denominator",
        {11: D(2), 121: D(1), 122: D(1), 21: D(2)},
        {"survey_ran": False},
        ("5.00", "7.00", "71.43", "100.00", "50.00", "5.00"),
    ),
    (
        "unit type excludes domain 2",
        {11: D(2), 121: D(1), 122: D(3), 21: D(4)},
        {"unit_type_id": 5},
        ("6.00", "6.00", "100.00", "100.00", None, "6.00"),
    ),
    (
        "unit type included",
        {11: D(2), 121: D(1), 122: D(3), 21: D(4)},
        {"unit_type_id": 7},
        ("10.00", "10.00", "100.00", "100.00", "100.00", "10.00"),
    ),
    (
        "bonus and penalty outside the base, capped",
        {11: D(2), 121: D(1), 122: D(3), 21: D(4), 91: D(2), 81: D(3)},
        {"bonus_cap": D("1.5"), "penalty_cap": D(1)},
        ("10.00", "10.00", "100.00", "100.00", "100.00", "10.50"),
    ),
    (
        "bonus and penalty without caps",
        {11: D(1), 91: D("0.5"), 81: D("0.25")},
        {},
        ("1.00", "10.00", "10.00", "16.67", "0.00", "1.25"),
    ),
    (
        "everything N/A: no index",
        {11: NA, 121: NA, 122: NA, 21: NA},
        {},
        ("0.00", "0.00", None, None, None, "0.00"),
    ),
    (
        "out-of-range points are clamped",
        {11: D(5), 121: D(-1), 122: D(3), 21: D(4)},
        {},
        ("9.00", "10.00", "90.00", "83.33", "100.00", "9.00"),
    ),
]


@pytest.mark.parametrize(("results", "kwargs", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_compute_totals(results: dict, kwargs: dict, expected: tuple) -> None:
    totals = compute_totals(sample_tree(), results, **kwargs)
    points, max_applicable, index, d1, d2, total = (None if v is None else D(v) for v in expected)
    assert totals.points == points
    assert totals.max_applicable == max_applicable
    assert totals.index == index
    assert totals.domains[1].index == d1
    assert totals.domains[2].index == d2
    assert totals.total == total


def test_caps_and_raw_values() -> None:
    totals = compute_totals(sample_tree(), {91: D(2), 81: D(3)}, bonus_cap=D(1), penalty_cap=D(2))
    assert (totals.bonus_raw, totals.bonus, totals.penalty_raw, totals.penalty) == (D(2), D(1), D(3), D(2))
    assert totals.total == D(-1)
    assert totals.final_index == D("-10.00")


def test_na_and_unanswered_are_reported() -> None:
    totals = compute_totals(sample_tree(), {11: NA, 21: D(1)}, survey_ran=False)
    assert totals.not_applicable == frozenset({11, 122})
    assert totals.unanswered == 1  # 1.2.1


def test_node_subtotals() -> None:
    totals = compute_totals(sample_tree(), {11: D(2), 121: D("0.5"), 122: D(3), 91: D(1)}, with_nodes=True)
    assert (totals.nodes[12].points, totals.nodes[12].max_points) == (D("3.5"), D(4))
    assert totals.nodes[1].index == D("91.67")
    assert totals.nodes[9].points == D(1)
    assert totals.domains[1].lost == D("0.5")
    assert compute_totals(sample_tree(), {}).nodes == {}


def test_index_rounding_half_up() -> None:
    # 2/3 → 66.666… → 66.67; domain with 1/8 → 12.5 exactly
    tree = build_tree([row(1, None, "1", "3"), row(11, 1, "1.1", "3")])
    assert compute_totals(tree, {11: D(2)}).index == D("66.67")


RANKS = [
    ([D(90), D(85), D(85), D(80)], [1, 2, 2, 4]),
    ([D(80), D(85), None, D(85), D(90)], [4, 2, None, 2, 1]),
    ([D("96.17"), D("96.17"), D("96.17")], [1, 1, 1]),
    ([], []),
    ([None, None], [None, None]),
    ([D("88.37"), D("88.370")], [1, 1]),
]


@pytest.mark.parametrize(("values", "expected"), RANKS)
def test_competition_rank(values: list, expected: list) -> None:
    assert competition_rank(values) == expected


BANDS = [("Tốt", D(90)), ("Khá", D(80)), ("Trung bình", D(70)), ("Yếu", D(0))]


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (D("100"), "Tốt"),
        (D("90.00"), "Tốt"),
        (D("89.99"), "Khá"),
        (D("80"), "Khá"),
        (D("70"), "Trung bình"),
        (D("69.99"), "Yếu"),
        (D("0"), "Yếu"),
        (None, None),
    ],
)
def test_band_for(index: D | None, expected: str | None) -> None:
    assert band_for(index, BANDS) == expected
    assert band_for(index, list(reversed(BANDS))) == expected  # order of the bands does not matter


def test_band_below_every_bound() -> None:
    assert band_for(D(50), [("A", 90), ("B", "80")]) is None


def test_compute_is_fast_enough_for_a_province() -> None:
    """150 leaves × 3,500 units must stay well within a benchmark run (no per-unit preparation)."""
    import time

    rows = [row(d, None, str(d), "15") for d in range(1, 11)]
    rows += [row(d * 100 + i, d, f"{d}.{i}", "1") for d in range(1, 11) for i in range(1, 16)]
    tree = build_tree(rows)
    results = {leaf.id: D("0.75") for leaf in tree.leaves}
    start = time.perf_counter()
    for _ in range(3500):
        totals = compute_totals(tree, results)
    elapsed = time.perf_counter() - start
    assert totals.index == D("75.00")
    assert elapsed < 20  # about 1 s on a laptop; generous for slow CI
