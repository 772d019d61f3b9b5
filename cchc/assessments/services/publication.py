"""Publication: an immutable, hashed snapshot of all results; corrections are new versions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.assessments import frameworks
from cchc.assessments.hashing import content_hash
from cchc.assessments.models import Answer, Cycle, Publication, Result
from cchc.assessments.services._common import require_manager, require_status
from cchc.assessments.services.appraisal import _points
from cchc.assessments.services.results import _recompute
from cchc.audit.services import audit_record


def build_snapshot(cycle: Cycle, version: int, published_at: Any) -> dict[str, Any]:
    """Every group's ranking with each unit's domain breakdown, as plain JSON (decimals as text)."""
    results = list(
        Result.objects.filter(cycle=cycle)
        .select_related("unit")
        .order_by("cycle_framework_id", "rank", "unit__name")
    )
    entries = list(cycle.frameworks.select_related("framework").order_by("sort_order", "id"))
    trees = frameworks.load_trees({e.framework_id for e in entries})
    groups = []
    for entry in entries:
        tree = trees[entry.framework_id]
        rows = [r for r in results if r.cycle_framework_id == entry.pk]
        rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.unit.name))
        groups.append(
            {
                "id": entry.pk,
                "name": entry.name,
                "framework": {"code": entry.framework.code, "name": entry.framework.name},
                "domains": [
                    {"code": d.code, "title": d.title, "max": str(d.max_points)} for d in tree.domains
                ],
                "results": [
                    {
                        "unit_id": r.unit_id,
                        "unit_code": r.unit.code,
                        "unit_name": r.unit.name,
                        "rank": r.rank,
                        "total": str(r.total),
                        "base_points": str(r.base_points),
                        "max_applicable": str(r.max_applicable),
                        "index": None if r.index is None else str(r.index),
                        "bonus": str(r.bonus),
                        "penalty": str(r.penalty),
                        "band": r.band,
                        "domains": [
                            {k: d.get(k) for k in ("code", "title", "points", "max", "index", "lost")}
                            for d in r.domains
                        ],
                        "lost": r.lost,
                        "prev_total": None if r.prev_total is None else str(r.prev_total),
                        "prev_rank": r.prev_rank,
                        "change_points": None if r.change_points is None else str(r.change_points),
                        "change_places": r.change_places,
                    }
                    for r in rows
                ],
            }
        )
    return {
        "cycle": {"id": cycle.pk, "year": cycle.year, "name": cycle.name, "owner": cycle.owner.name},
        "version": version,
        "published_at": published_at.isoformat(),
        "is_sample": cycle.is_sample,
        "groups": groups,
    }


def _publish(actor: Any, cycle: Cycle, reason: str) -> Publication:
    version = (cycle.publications.aggregate(v=Max("version"))["v"] or 0) + 1
    now = timezone.now()
    snapshot = build_snapshot(cycle, version, now)
    publication = Publication.objects.create(
        cycle=cycle,
        version=version,
        snapshot=snapshot,
        sha256=content_hash(snapshot),
        reason=reason,
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
        published_at=now,
    )
    audit_record(
        actor=actor,
        action="par.publish",
        obj=publication,
        unit=cycle.owner,
        changes={"version": [version - 1 or None, version], "sha256": [None, publication.sha256]},
        reason=reason,
    )
    return publication


@transaction.atomic
def cycle_publish(*, actor: Any, cycle: Cycle) -> Publication:
    """After round 2: recompute, freeze the results into version 1 and close the cycle to changes."""
    require_manager(actor, cycle)
    cycle = Cycle.objects.select_for_update().select_related("owner").get(pk=cycle.pk)
    require_status(cycle, Cycle.Status.APPRAISAL_2)
    _recompute(actor=actor, cycle=cycle, report=None, audit=False)
    cycle.status = Cycle.Status.PUBLISHED
    cycle.save(update_fields=["status", "updated_at"])
    return _publish(actor, cycle, "")


@dataclass(frozen=True)
class Correction:
    answer: Answer
    points: Decimal | str


@transaction.atomic
def publication_correct(
    *, actor: Any, cycle: Cycle, corrections: Sequence[Correction], reason: str
) -> Publication:
    """A correction after publication: the final points change, and a new version is published.

    Earlier versions stay as they were (immutable); the new one records the reason.
    """
    require_manager(actor, cycle)
    cycle = Cycle.objects.select_for_update().select_related("owner").get(pk=cycle.pk)
    require_status(cycle, Cycle.Status.PUBLISHED)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("A correction needs a reason.")})
    if not corrections:
        raise ValidationError(_("Nothing to correct."))
    for item in corrections:
        answer = (
            Answer.objects.select_for_update()
            .select_related("criterion", "assessment__unit")
            .get(pk=item.answer.pk)
        )
        if answer.assessment.cycle_id != cycle.pk:
            raise ValidationError(_("The criterion belongs to another cycle."))
        old = answer.r2_points if answer.r2_decision == Answer.Decision.ADJUST else None
        answer.r2_decision = Answer.Decision.ADJUST
        answer.r2_points = _points(item.points, answer.criterion.max_points)
        answer.r2_comment = reason
        answer.r2_by = actor if getattr(actor, "is_authenticated", False) else None
        answer.r2_at = timezone.now()
        answer.version += 1
        answer.save()
        audit_record(
            actor=actor,
            action="par.answer.correct",
            obj=answer,
            unit=answer.assessment.unit,
            changes={"round2_points": [old, answer.r2_points]},
            reason=reason,
        )
    _recompute(actor=actor, cycle=cycle, report=None, audit=False)
    return _publish(actor, cycle, reason)


def current_publication(cycle: Cycle) -> Publication | None:
    return cycle.publications.order_by("-version").first()
