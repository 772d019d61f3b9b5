"""Recomputing a cycle's results: a constant number of queries whatever the number of units.

Everything is loaded in bulk (frameworks' trees, assessments, answers, last year's publication),
the pure engine (`cchc.scoring.compute`) runs in memory, and results are written with
bulk_create / bulk_update.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.assessments import frameworks
from cchc.assessments.models import Answer, Assessment, Cycle, Publication, Result
from cchc.assessments.services._common import require_manager
from cchc.audit.services import audit_record
from cchc.scoring.compute import NA, LeafValue, band_for, competition_rank, compute_totals

LOST_LIMIT = 15


def leaf_value(row: dict[str, Any]) -> LeafValue:
    """The score that counts now: round 2's change, else round 1's, else the self-assessed one."""
    if row["r2_decision"] == Answer.Decision.ADJUST:
        return row["r2_points"]
    if row["r1_decision"] == Answer.Decision.ADJUST:
        return row["r1_points"]
    if row["not_applicable"]:
        return NA
    return row["self_points"]


def previous_publication(cycle: Cycle) -> Publication | None:
    return (
        Publication.objects.filter(cycle__owner=cycle.owner, cycle__year=cycle.year - 1)
        .order_by("-published_at", "-version")
        .first()
    )


def previous_by_unit(cycle: Cycle) -> dict[int, dict[str, Any]]:
    publication = previous_publication(cycle)
    if publication is None:
        return {}
    return {r["unit_id"]: r for g in publication.snapshot.get("groups", []) for r in g["results"]}


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def results_recompute(
    *, actor: Any, cycle: Cycle, report: Callable[[int, str], None] | None = None, audit: bool = True
) -> int:
    require_manager(actor, cycle)
    if cycle.status == Cycle.Status.PUBLISHED and audit:
        raise ValidationError(_("The results are published and cannot change; publish a correction instead."))
    return _recompute(actor=actor, cycle=cycle, report=report, audit=audit)


@transaction.atomic
def _recompute(*, actor: Any, cycle: Cycle, report: Callable[[int, str], None] | None, audit: bool) -> int:
    entries = {e.pk: e for e in cycle.frameworks.all()}
    trees = frameworks.load_trees({e.framework_id for e in entries.values()})
    assessments = list(
        Assessment.objects.filter(cycle=cycle)
        .select_related("unit")
        .only("id", "cycle_framework_id", "unit__id", "unit__code", "unit__name", "unit__unit_type_id")
    )
    answers: dict[int, dict[int, LeafValue]] = defaultdict(dict)
    rows = Answer.objects.filter(assessment__cycle=cycle).values_list(
        "assessment_id",
        "criterion_id",
        "self_points",
        "not_applicable",
        "r1_decision",
        "r1_points",
        "r2_decision",
        "r2_points",
    )
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
    for values in rows.iterator(chunk_size=5000):
        row: dict[str, Any] = dict(zip(keys, values, strict=True))
        answers[int(row["assessment_id"])][int(row["criterion_id"])] = leaf_value(row)
    if report:
        report(30, str(_("Answers loaded")))
    previous = previous_by_unit(cycle)
    bands = cycle.band_list()
    now = timezone.now()
    computed: list[Result] = []
    for a in assessments:
        tree = trees[entries[a.cycle_framework_id].framework_id]
        totals = compute_totals(
            tree,
            answers.get(a.pk, {}),
            unit_type_id=a.unit.unit_type_id,
            survey_ran=cycle.survey_ran,
            bonus_cap=cycle.bonus_cap,
            penalty_cap=cycle.penalty_cap,
        )
        domains = [
            {
                "id": d.id,
                "code": d.code,
                "title": d.title,
                "points": _s(totals.domains[d.id].points),
                "max": _s(totals.domains[d.id].max_points),
                "index": _s(totals.domains[d.id].index),
                "lost": _s(totals.domains[d.id].lost),
            }
            for d in tree.domains
        ]
        unit_answers = answers.get(a.pk, {})
        lost: list[dict[str, str]] = []
        for leaf in tree.leaves:
            if (
                leaf.kind != "base"
                or leaf.id in totals.not_applicable
                or not tree.applies(leaf, a.unit.unit_type_id)
            ):
                continue
            value = unit_answers.get(leaf.id)
            earned = value if isinstance(value, Decimal) else Decimal(0)
            if leaf.max_points - earned > 0:
                lost.append({"code": leaf.code, "title": leaf.title, "lost": str(leaf.max_points - earned)})
        lost.sort(key=lambda x: Decimal(x["lost"]), reverse=True)
        prev = previous.get(a.unit_id, {})
        result = Result(cycle=cycle, assessment=a)
        result.unit, result.cycle_framework_id = a.unit, a.cycle_framework_id
        result.base_points, result.max_applicable = totals.points, totals.max_applicable
        result.index, result.bonus, result.penalty = totals.final_index, totals.bonus, totals.penalty
        result.total = totals.total
        result.band = band_for(totals.final_index, bands) or ""
        result.domains, result.lost = domains, lost[:LOST_LIMIT]
        result.prev_total = Decimal(prev["total"]) if prev.get("total") is not None else None
        result.prev_rank = prev.get("rank")
        result.computed_at = now
        computed.append(result)
    by_group: dict[int, list[Result]] = defaultdict(list)
    for r in computed:
        by_group[r.cycle_framework_id].append(r)
    for group in by_group.values():
        for r, rank in zip(group, competition_rank([r.index for r in group]), strict=True):
            r.rank = rank
    if report:
        report(70, str(_("Results computed")))
    # Results are derived rows: replacing them (one DELETE, batched INSERTs) is far cheaper than a
    # bulk UPDATE, which builds a CASE per field and row.
    Result.objects.filter(cycle=cycle).delete()
    for r in computed:
        r.pk = None
    Result.objects.bulk_create(computed, batch_size=1000)
    if audit:
        audit_record(
            actor=actor,
            action="par.results.recompute",
            obj=cycle,
            unit=cycle.owner,
            changes={"results": [None, len(computed)]},
        )
    return len(computed)
