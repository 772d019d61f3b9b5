"""The unit's self-assessment: declared values, self points by the rule engine, submission.

Survey criteria are not self-scored (their points come from the survey in appraisal); automatic
criteria take their value from a registered provider (see `answers_refresh_auto`), with provenance.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.assessments import frameworks
from cchc.assessments.models import Answer, Assessment, Cycle, DeadlineExtension, EvidenceLink
from cchc.assessments.services._common import (
    require_before_deadline,
    require_manager,
    require_status,
    require_unit,
    require_version,
)
from cchc.audit.services import audit_record
from cchc.scoring import providers, rules
from cchc.scoring.rules.base import NA_FIELD, is_blank, to_bool
from cchc.scoring.tree import Node

SELF_SCORED = ("self", "auto")


def _clean_declared(node: Node, declared: Mapping[str, Any]) -> dict[str, Any]:
    """Only the rule's own inputs, as JSON-friendly text (dates as ISO), blanks dropped."""
    fields = {f.name: f for f in rules.input_fields(node.rule_type, node.rule_params)}
    clean: dict[str, Any] = {}
    for name, value in declared.items():
        if name not in fields or is_blank(value):
            continue
        if fields[name].kind == "bool":
            clean[name] = to_bool(value, str(fields[name].label))
        elif fields[name].kind == "date":
            from cchc.scoring.rules.base import to_date

            clean[name] = to_date(value, str(fields[name].label)).isoformat()
        else:
            clean[name] = str(value).strip()
    return clean


def evaluate(node: Node, declared: Mapping[str, Any]) -> rules.RuleResult:
    """The rule's result; invalid input raises a ValidationError naming the field."""
    return rules.evaluate(node.rule_type, node.rule_params, node.max_points, declared)


def node_for(answer: Answer) -> Node:
    from cchc.scoring.tree import build_tree

    criterion = answer.criterion
    row = {name: getattr(criterion, name) for name in frameworks.TREE_FIELDS if name not in ("applies_to",)}
    row["parent_id"] = criterion.parent_id
    return build_tree([row]).nodes[0]


def _lock_answer(answer: Answer) -> Answer:
    return (
        Answer.objects.select_for_update()
        .select_related("assessment__cycle__owner", "assessment__unit", "criterion")
        .get(pk=answer.pk)
    )


@transaction.atomic
def answer_save_self(
    *,
    actor: Any,
    answer: Answer,
    declared: Mapping[str, Any],
    explanation: str | None = None,
    version: int | None = None,
) -> Answer:
    """Record declared values (and the explanation) and compute the self points."""
    answer = _lock_answer(answer)
    assessment = answer.assessment
    require_unit(actor, scope.WRITE, assessment)
    require_status(assessment.cycle, Cycle.Status.SELF_ASSESSMENT)
    if assessment.is_locked:
        raise ValidationError(_("The self-assessment was submitted and is locked."))
    require_before_deadline(assessment, DeadlineExtension.Phase.SELF)
    require_version(answer, version)
    node = node_for(answer)
    if node.method not in SELF_SCORED:
        raise ValidationError(_("Survey-based criteria are not self-assessed."))
    clean = _clean_declared(node, declared)
    if node.method == "auto" and answer.provided_value is not None:
        field = rules.primary_field(node.rule_type, node.rule_params)
        if field:
            clean = {field: str(answer.provided_value)}  # the system value wins over declarations
    result = evaluate(node, clean)
    before = [answer.declared, str(answer.self_points) if answer.self_points is not None else None]
    answer.declared = clean
    answer.not_applicable = result.not_applicable
    answer.self_points = result.points
    answer.self_note = result.note[:300]
    if explanation is not None:
        answer.explanation = explanation.strip()
    answer.version += 1
    answer.save()
    audit_record(
        actor=actor,
        action="par.answer.self",
        obj=answer,
        unit=assessment.unit,
        changes={
            "declared": [before[0], clean],
            "self_points": [before[1], str(answer.self_points) if answer.self_points is not None else None],
        },
    )
    return answer


def answers_refresh_auto(*, actor: Any, cycle: Cycle) -> int:
    """Fetch every automatic criterion's system value for every unit (one provider call per key).

    The value fills the rule's primary input and the self points are recomputed; the provenance
    (source text and figures) is stored for the appraiser. Submitted sheets are left alone.
    """
    require_manager(actor, cycle)
    require_status(cycle, Cycle.Status.SELF_ASSESSMENT)
    answers = list(
        Answer.objects.filter(
            assessment__cycle=cycle, assessment__status=Assessment.Status.DRAFT, criterion__method="auto"
        ).select_related("criterion", "assessment")
    )
    by_key: dict[str, list[Answer]] = {}
    for a in answers:
        by_key.setdefault(a.criterion.provider_key, []).append(a)
    start, end = cycle.data_period
    now = timezone.now()
    changed: list[Answer] = []
    for key, items in by_key.items():
        provider = providers.get_provider(key)
        if provider is None:
            continue
        values = provider.values(unit_ids=sorted({a.assessment.unit_id for a in items}), start=start, end=end)
        for a in items:
            provided = values.get(a.assessment.unit_id)
            if provided is None:
                continue
            node = node_for(a)
            field = rules.primary_field(node.rule_type, node.rule_params) or "value"
            # The system value is the input: counts the unit may have typed no longer apply.
            declared = {field: str(provided.value)}
            result = evaluate(node, declared)
            a.declared, a.self_points, a.not_applicable = declared, result.points, result.not_applicable
            a.self_note = result.note[:300]
            a.provided_value, a.provided_source = provided.value, provided.source[:500]
            a.provided_detail, a.provided_at = provided.detail, now
            a.version += 1
            changed.append(a)
    with transaction.atomic():
        Answer.objects.bulk_update(
            changed,
            [
                "declared",
                "self_points",
                "not_applicable",
                "self_note",
                "provided_value",
                "provided_source",
                "provided_detail",
                "provided_at",
                "version",
            ],
            batch_size=1000,
        )
        audit_record(
            actor=actor,
            action="par.answer.auto",
            obj=cycle,
            unit=cycle.owner,
            changes={"answers": [0, len(changed)]},
        )
    return len(changed)


def _check_items(assessment: Assessment) -> tuple[list[tuple[Answer, str]], int]:
    """(what blocks submission, how many criteria count) in sheet order.

    Counted: self-scored base criteria, and bonus/penalty items the unit claimed (an unclaimed bonus
    or penalty is simply 0). Blocking: an unanswered counted criterion, or a score with neither
    evidence nor an explanation (not applicable needs neither).
    """
    position = frameworks.tree_position(assessment.cycle_framework.framework_id)
    answers = sorted(
        assessment.answers.select_related("criterion"), key=lambda a: position.get(a.criterion_id, 0)
    )
    with_evidence = set(
        EvidenceLink.objects.filter(answer__assessment=assessment).values_list("answer_id", flat=True)
    )
    missing = []
    counted = 0
    for a in answers:
        answered = a.self_points is not None or a.not_applicable
        if a.criterion.method not in SELF_SCORED or (a.criterion.kind != "base" and not answered):
            continue
        counted += 1
        if not answered:
            missing.append((a, str(_("not answered"))))
        elif not a.not_applicable and a.pk not in with_evidence and not a.explanation.strip():
            missing.append((a, str(_("no evidence and no explanation"))))
    return missing, counted


def missing_items(assessment: Assessment) -> list[tuple[Answer, str]]:
    return _check_items(assessment)[0]


def completeness(assessment: Assessment) -> tuple[int, int]:
    """(complete, total) criteria for the completeness meter."""
    missing, counted = _check_items(assessment)
    return counted - len(missing), counted


@transaction.atomic
def assessment_submit(*, actor: Any, assessment: Assessment) -> Assessment:
    """The unit leader sends the self-assessment; it locks."""
    assessment = (
        Assessment.objects.select_for_update().select_related("cycle__owner", "unit").get(pk=assessment.pk)
    )
    require_unit(actor, scope.APPROVE, assessment)
    require_status(assessment.cycle, Cycle.Status.SELF_ASSESSMENT)
    if assessment.is_locked:
        raise ValidationError(_("The self-assessment was already submitted."))
    missing = missing_items(assessment)
    if missing:
        first = ", ".join(f"{a.criterion.code} ({why})" for a, why in missing[:5])
        raise ValidationError(
            _("%(count)s criteria are incomplete: %(list)s.") % {"count": len(missing), "list": first}
        )
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    assessment.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    audit_record(
        actor=actor,
        action="par.assessment.submit",
        obj=assessment,
        unit=assessment.unit,
        changes={"status": [Assessment.Status.DRAFT, Assessment.Status.SUBMITTED]},
    )
    return assessment


@transaction.atomic
def assessment_reopen(*, actor: Any, assessment: Assessment, reason: str) -> Assessment:
    """The province administrator sends a submitted sheet back to the unit (during self-assessment)."""
    assessment = (
        Assessment.objects.select_for_update().select_related("cycle__owner", "unit").get(pk=assessment.pk)
    )
    require_manager(actor, assessment.cycle, assessment)
    require_status(assessment.cycle, Cycle.Status.SELF_ASSESSMENT)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if not assessment.is_locked:
        raise ValidationError(_("The self-assessment is not submitted."))
    assessment.status = Assessment.Status.DRAFT
    assessment.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="par.assessment.reopen",
        obj=assessment,
        unit=assessment.unit,
        changes={"status": [Assessment.Status.SUBMITTED, Assessment.Status.DRAFT]},
        reason=reason.strip(),
    )
    return assessment


__all__ = ["NA_FIELD"]
