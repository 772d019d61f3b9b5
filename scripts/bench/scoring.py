"""Benchmark: recomputing all PAR INDEX results of a cycle (default 3,500 units × 150 criteria).

Runs in a scratch database (SQLite by default, PostgreSQL when DATABASE_URL says so), created and
destroyed here. Prints the recomputation time and query count, and ratios against references
measured in the same run: a plain SELECT of every answer row (the floor for any recomputation
that reads the answers) and the pure in-memory engine time.

    .venv/bin/python scripts/bench/scoring.py [--units 3500] [--criteria 150]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CCHC_ALLOW_INSECURE_KEY", "1")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

DOMAINS = 10
RULES: list[tuple[str, dict[str, Any]]] = [  # (rule type, params) cycled over the leaves
    ("yes_no", {"allow_na": True}),
    ("tiers", {"basis": "percent", "tiers": [["100", "1"], ["80", "0.5"]]}),
    ("manual", {}),
    ("deduction", {"points_each": "0.25"}),
    ("proportional", {"basis": "percent", "target": "100"}),
]


def build(units: int, criteria: int, seed: int = 2025) -> tuple[Any, float]:
    """The scratch province, framework, cycle and answers; returns (cycle, seconds)."""
    from cchc.assessments.models import Assessment, Cycle, CycleFramework
    from cchc.orgunits.models import OrgUnit, UnitType
    from cchc.scoring import rules
    from cchc.scoring.models import Criterion, Framework

    started = time.perf_counter()
    rng = random.Random(seed)
    so = UnitType.objects.create(code="so", name="Sở", level=1)
    root = OrgUnit.objects.create(code="TINH", name="Tỉnh thử tải", unit_type=so, path="/1/", depth=0, pk=1)
    OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                pk=i, code=f"U{i}", name=f"Đơn vị {i}", unit_type=so, parent=root, path=f"/1/{i}/", depth=1
            )
            for i in range(2, units + 2)
        ],
        batch_size=2000,
    )
    fw = Framework.objects.create(code="bench", name="Bộ tiêu chí thử tải", year=2025, status="frozen")
    per_domain = max(1, criteria // DOMAINS)
    leaves = []
    for d in range(1, DOMAINS + 1):
        domain = Criterion.objects.create(
            framework=fw, code=str(d), title=f"Lĩnh vực {d}", sort_order=d, max_points=Decimal(per_domain)
        )
        for i in range(1, per_domain + 1):
            rule_type, params = RULES[(d * per_domain + i) % len(RULES)]
            leaves.append(
                Criterion(
                    framework=fw,
                    parent=domain,
                    code=f"{d}.{i}",
                    title=f"Tiêu chí {d}.{i}",
                    sort_order=i,
                    max_points=Decimal(1),
                    rule_type=rule_type,
                    rule_params=rules.validate_params(rule_type, params, Decimal(1)),
                )
            )
    leaves = Criterion.objects.bulk_create(leaves)
    cycle = Cycle.objects.create(owner=root, year=2025, name="Đợt thử tải", status=Cycle.Status.APPRAISAL_2)
    entry = CycleFramework.objects.create(cycle=cycle, framework=fw, name="Sở")
    entry.unit_types.set([so])
    Assessment.objects.bulk_create(
        [Assessment(pk=i, cycle=cycle, unit_id=i, cycle_framework=entry) for i in range(2, units + 2)],
        batch_size=2000,
    )
    _insert_answers(units, [leaf.pk for leaf in leaves], rng)
    return cycle, time.perf_counter() - started


ANSWER_COLUMNS = (
    "assessment_id",
    "criterion_id",
    "declared",
    "not_applicable",
    "self_points",
    "self_note",
    "explanation",
    "provided_source",
    "provided_detail",
    "r1_decision",
    "r1_points",
    "r1_comment",
    "response",
    "r2_decision",
    "r2_comment",
    "version",
    "updated_at",
)


def _insert_answers(units: int, leaf_ids: list[int], rng: random.Random) -> None:
    """Raw multi-row inserts: building 525,000 model instances would dominate the set-up time."""
    from django.utils import timezone

    from cchc.assessments.models import Answer

    json = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    placeholders = ", ".join(json if c in ("declared", "provided_detail") else "%s" for c in ANSWER_COLUMNS)
    sql = f"INSERT INTO {Answer._meta.db_table} ({', '.join(ANSWER_COLUMNS)}) VALUES ({placeholders})"
    now = timezone.now()
    choices = [Decimal(x) for x in ("0", "0.25", "0.5", "0.75", "1")]
    rows = []
    for unit_id in range(2, units + 2):
        for leaf_id in leaf_ids:
            points = rng.choice(choices)
            adjusted = rng.random() < 0.1
            rows.append(
                (
                    unit_id,
                    leaf_id,
                    "{}",
                    rng.random() < 0.02,
                    points,
                    "",
                    "",
                    "",
                    "{}",
                    "adjust" if adjusted else "accept",
                    points / 2 if adjusted else None,
                    "",
                    "",
                    "",
                    "",
                    1,
                    now,
                )
            )
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 10_000):
            cursor.executemany(sql, rows[i : i + 10_000])


def measure(cycle: Any) -> dict[str, float]:
    from cchc.assessments import frameworks
    from cchc.assessments.models import Answer
    from cchc.assessments.services.results import leaf_value, results_recompute
    from cchc.scoring.compute import compute_totals

    started = time.perf_counter()
    rows = list(
        Answer.objects.filter(assessment__cycle=cycle).values_list(
            "assessment_id",
            "criterion_id",
            "self_points",
            "not_applicable",
            "r1_decision",
            "r1_points",
            "r2_decision",
            "r2_points",
        )
    )
    select_time = time.perf_counter() - started

    tree = next(iter(frameworks.load_trees([cycle.frameworks.get().framework_id]).values()))  # type: ignore[attr-defined]
    keys = (
        "assessment_id",
        "criterion_id",
        "self_points",
        "not_applicable",
        "r1_decision",
        "r1_points",
        "r2_decision",
        "r2_points",
    )
    per_unit: dict[int, dict[int, object]] = {}
    for values in rows:
        row: dict[str, Any] = dict(zip(keys, values, strict=True))
        per_unit.setdefault(row["assessment_id"], {})[row["criterion_id"]] = leaf_value(row)
    started = time.perf_counter()
    for answers in per_unit.values():
        compute_totals(tree, answers)  # type: ignore[arg-type]
    engine_time = time.perf_counter() - started

    timings = {}
    for label in ("first", "again"):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            count = results_recompute(actor=None, cycle=cycle)  # type: ignore[arg-type]
            timings[label] = time.perf_counter() - started
        timings[f"{label}_queries"] = len(ctx.captured_queries)
    return {"select": select_time, "engine": engine_time, "results": count, **timings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3500)
    parser.add_argument("--criteria", type=int, default=150)
    args, _unknown = parser.parse_known_args()
    vendor = connection.vendor
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        cycle, setup = build(args.units, args.criteria)
        m = measure(cycle)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    answers = args.units * (args.criteria // DOMAINS) * DOMAINS
    size = f"{args.units} units × {args.criteria} criteria ({answers:,} answers)"
    print(f"PAR INDEX recompute on {vendor}: {size}")
    print(f"  set-up (not measured):        {setup:8.2f} s")
    print(f"  reference SELECT of answers:  {m['select']:8.2f} s")
    print(f"  reference engine in memory:   {m['engine']:8.2f} s")
    for label in ("first", "again"):
        t = m[label]
        print(
            f"  recompute ({label:5}):            {t:8.2f} s, {int(m[label + '_queries'])} queries, "
            f"{t / m['select']:.1f}× the SELECT, {t / m['engine']:.1f}× the engine"
        )
    print(f"  results written: {int(m['results'])}")


if __name__ == "__main__":
    main()
