"""Appraisal: the assignment matrix, round 1, the unit's explanation, round 2.

An appraiser needs APPRAISE on the unit, an assignment for the criterion's domain, and no conflict
of interest (no membership in the unit or below it). Every save carries the version it read.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.accounts.models import Membership
from cchc.assessments.models import Answer, Assessment, Assignment, Cycle, DeadlineExtension
from cchc.assessments.services._common import (
    require_before_deadline,
    require_manager,
    require_status,
    require_unit,
    require_version,
)
from cchc.assessments.services.answers import _lock_answer, evaluate, node_for
from cchc.audit.services import audit_record
from cchc.orgunits.models import OrgUnit

ROUND_STATUS = {1: Cycle.Status.APPRAISAL_1, 2: Cycle.Status.APPRAISAL_2}


def has_conflict(user: Any, unit: OrgUnit) -> bool:
    """Whether the user works in the unit (or a unit under it): they may not appraise it."""
    return Membership.objects.filter(user=user, is_active=True, unit__path__startswith=unit.path).exists()


def _check_appraiser(appraiser: Any, unit: OrgUnit) -> None:
    if has_conflict(appraiser, unit):
        raise ValidationError(
            _("%(user)s works in %(unit)s and cannot appraise it (conflict of interest).")
            % {"user": appraiser.get_full_name() or appraiser.get_username(), "unit": unit.name}
        )
    if not scope.can(appraiser, scope.APPRAISE, unit):
        raise ValidationError(
            _("%(user)s has no appraiser role covering %(unit)s.")
            % {"user": appraiser.get_full_name() or appraiser.get_username(), "unit": unit.name}
        )


@transaction.atomic
def assignment_set(
    *, actor: Any, assessment: Assessment, domain: Any, appraiser: Any | None
) -> Assignment | None:
    """Assign (or with appraiser=None, unassign) one domain of one unit's sheet."""
    cycle = assessment.cycle
    require_manager(actor, cycle, assessment)
    require_status(
        cycle,
        Cycle.Status.DRAFT,
        Cycle.Status.SELF_ASSESSMENT,
        Cycle.Status.APPRAISAL_1,
        Cycle.Status.EXPLANATION,
        Cycle.Status.APPRAISAL_2,
    )
    if domain.parent_id is not None or domain.framework_id != assessment.cycle_framework.framework_id:
        raise ValidationError(_("Choose a domain of the unit's framework."))
    current = Assignment.objects.filter(assessment=assessment, domain=domain).first()
    old = current.appraiser_id if current else None
    if appraiser is None:
        if current:
            current.delete()
        result = None
    else:
        _check_appraiser(appraiser, assessment.unit)
        result, _created = Assignment.objects.update_or_create(
            assessment=assessment, domain=domain, defaults={"cycle": cycle, "appraiser": appraiser}
        )
    audit_record(
        actor=actor,
        action="par.assignment.set",
        obj=assessment,
        unit=assessment.unit,
        changes={f"appraiser[{domain.code}]": [old, appraiser.pk if appraiser else None]},
    )
    return result


def _require_assigned(actor: Any, answer: Answer) -> None:
    if actor is None:
        return
    unit = answer.assessment.unit
    scope.require(actor, scope.READ, unit)  # 404 outside the scope
    if not scope.can(actor, scope.APPRAISE, unit):
        raise PermissionDenied
    if has_conflict(actor, unit):
        raise ValidationError(_("You work in this unit and cannot appraise it (conflict of interest)."))
    domain_id = answer.criterion_id if answer.criterion.parent_id is None else _domain_id(answer)
    if not Assignment.objects.filter(
        assessment=answer.assessment, domain_id=domain_id, appraiser=actor
    ).exists():
        raise PermissionDenied(_("This domain of this unit is assigned to another appraiser."))


def _domain_id(answer: Answer) -> int:
    return node_for_domain(answer.criterion)


def node_for_domain(criterion: Any) -> int:
    current = criterion
    while current.parent_id is not None:
        current = current.parent
    return current.pk


def _points(value: Any, maximum: Decimal) -> Decimal:
    try:
        points = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"points": _("Enter the points as a number.")}) from None
    if not points.is_finite() or points < 0 or points > maximum:
        raise ValidationError({"points": _("The points must be between 0 and %(max)s.") % {"max": maximum}})
    return points


def round1_points(answer: Answer) -> Decimal | None:
    """The score after round 1 (None: not applicable or unanswered)."""
    if answer.r1_decision == Answer.Decision.ADJUST:
        return answer.r1_points
    return None if answer.not_applicable else answer.self_points


@transaction.atomic
def answer_appraise(
    *,
    actor: Any,
    answer: Answer,
    round: int,
    decision: str,
    points: Any = None,
    declared: dict[str, Any] | None = None,
    comment: str = "",
    version: int | None,
) -> Answer:
    """Round 1 or 2: accept the score (round 2: keep round 1's), or set points with a comment.

    For survey criteria the appraiser enters the survey result (`declared`) and the rule computes
    the points. The self-assessed values are never touched.
    """
    answer = _lock_answer(answer)
    _require_assigned(actor, answer)
    if round not in ROUND_STATUS:
        raise ValidationError(_("The cycle is not in an appraisal round."))
    require_status(answer.assessment.cycle, ROUND_STATUS[round])
    require_version(answer, version)
    comment = (comment or "").strip()
    maximum = answer.criterion.max_points
    if decision == Answer.Decision.ACCEPT:
        new_points = None
    elif decision == Answer.Decision.ADJUST:
        if not comment:
            raise ValidationError({"comment": _("A comment is required when changing the score.")})
        if declared is not None and points in (None, ""):
            node = node_for(answer)
            result = evaluate(node, declared)
            if result.points is None:
                raise ValidationError({"points": _("The survey result is missing.")})
            new_points = result.points
        else:
            new_points = _points(points, maximum)
    else:
        raise ValidationError({"decision": _("Accept the score or set new points.")})
    if round == 1 and answer.criterion.method == "survey" and decision == Answer.Decision.ACCEPT:
        raise ValidationError(
            _("Survey-based criteria have no self-score to accept: enter the survey result.")
        )
    prefix = f"r{round}_"
    before = {
        "decision": getattr(answer, prefix + "decision"),
        "points": getattr(answer, prefix + "points"),
        "comment": getattr(answer, prefix + "comment"),
    }
    setattr(answer, prefix + "decision", decision)
    setattr(answer, prefix + "points", new_points)
    setattr(answer, prefix + "comment", comment)
    setattr(answer, prefix + "by", actor if getattr(actor, "is_authenticated", False) else None)
    setattr(answer, prefix + "at", timezone.now())
    answer.version += 1
    answer.save()
    audit_record(
        actor=actor,
        action=f"par.answer.round{round}",
        obj=answer,
        unit=answer.assessment.unit,
        changes={
            f"round{round}_decision": [before["decision"], decision],
            f"round{round}_points": [before["points"], new_points],
        },
        reason=comment,
    )
    return answer


@transaction.atomic
def answer_explain(*, actor: Any, answer: Answer, response: str, version: int | None) -> Answer:
    """The unit explains (giải trình) a criterion whose score round 1 changed."""
    answer = _lock_answer(answer)
    assessment = answer.assessment
    require_unit(actor, scope.WRITE, assessment)
    require_status(assessment.cycle, Cycle.Status.EXPLANATION)
    if assessment.explanation_submitted_at is not None:
        raise ValidationError(_("The explanation was already sent."))
    require_before_deadline(assessment, DeadlineExtension.Phase.EXPLANATION)
    require_version(answer, version)
    if answer.r1_decision != Answer.Decision.ADJUST:
        raise ValidationError(_("Only criteria whose score the appraisal changed can be explained."))
    before = answer.response
    answer.response = (response or "").strip()
    answer.response_at = timezone.now()
    answer.version += 1
    answer.save()
    audit_record(
        actor=actor,
        action="par.answer.explain",
        obj=answer,
        unit=assessment.unit,
        changes={"response": [before, answer.response]},
    )
    return answer


@transaction.atomic
def assessment_submit_explanation(*, actor: Any, assessment: Assessment) -> Assessment:
    """The unit leader sends the explanations; they lock."""
    assessment = (
        Assessment.objects.select_for_update().select_related("cycle__owner", "unit").get(pk=assessment.pk)
    )
    require_unit(actor, scope.APPROVE, assessment)
    require_status(assessment.cycle, Cycle.Status.EXPLANATION)
    if assessment.explanation_submitted_at is not None:
        raise ValidationError(_("The explanation was already sent."))
    assessment.explanation_submitted_at = timezone.now()
    assessment.save(update_fields=["explanation_submitted_at", "updated_at"])
    audit_record(
        actor=actor, action="par.assessment.explanation_submit", obj=assessment, unit=assessment.unit
    )
    return assessment
