"""Permission and phase checks shared by the assessment services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.assessments.models import Assessment, Cycle, DeadlineExtension

# Who runs a cycle: APPROVE on the organising unit (the province administrator, or a leader of the
# province itself). Appraisers only appraise; department staff only see their own unit.
MANAGE_CAPABILITY = scope.APPROVE


def is_system(actor: Any) -> bool:
    return actor is None


def can_manage_cycle(user: Any, cycle: Cycle) -> bool:
    return scope.can(user, MANAGE_CAPABILITY, cycle.owner)


def require_manager(actor: Any, cycle_or_owner: Any, assessment: Assessment | None = None) -> None:
    """403 for those who may see the cycle (or the unit's assessment) but not run it, else 404."""
    if is_system(actor):
        return
    owner = cycle_or_owner.owner if isinstance(cycle_or_owner, Cycle) else cycle_or_owner
    caps = scope.capabilities_for(actor, owner)
    if MANAGE_CAPABILITY in caps:
        return
    if caps or (assessment is not None and scope.capabilities_for(actor, assessment.unit)):
        raise PermissionDenied
    if isinstance(cycle_or_owner, Cycle) and cycle_or_owner.assessments.filter(scope.unit_q(actor)).exists():
        raise PermissionDenied
    raise Http404


def require_unit(actor: Any, capability: str, assessment: Assessment) -> None:
    if is_system(actor):
        return
    scope.require(actor, capability, assessment.unit)


def require_status(cycle: Cycle, *statuses: str) -> None:
    if cycle.status not in statuses:
        labels = ", ".join(str(Cycle.Status(s).label) for s in statuses)
        raise ValidationError(
            _("This is not possible while the cycle is in the “%(status)s” phase (needed: %(needed)s).")
            % {"status": cycle.get_status_display(), "needed": labels}
        )


def today() -> dt.date:
    return timezone.localdate()


PHASE_DEADLINE_FIELD = {
    DeadlineExtension.Phase.SELF: "self_deadline",
    DeadlineExtension.Phase.EXPLANATION: "explanation_deadline",
}


def effective_deadline(
    assessment: Assessment, phase: str, extensions: list[DeadlineExtension] | None = None
) -> dt.date | None:
    """The cycle's deadline for the phase, or the unit's latest extension of it."""
    base = getattr(assessment.cycle, PHASE_DEADLINE_FIELD[DeadlineExtension.Phase(phase)])
    if extensions is None:
        extensions = list(assessment.extensions.all())
    granted = [e.deadline for e in extensions if e.phase == phase]
    if granted:
        latest = max(granted)
        return latest if base is None else max(base, latest)
    return base


def require_before_deadline(assessment: Assessment, phase: str) -> None:
    deadline = effective_deadline(assessment, phase)
    if deadline is not None and today() > deadline:
        raise ValidationError(
            _("The deadline of %(date)s has passed. Ask the province administrator for an extension.")
            % {"date": deadline.strftime("%d/%m/%Y")}
        )


def require_version(obj: Any, version: int | None) -> None:
    """Optimistic locking: refuse a save based on an outdated copy."""
    if version is not None and int(version) != obj.version:
        raise ValidationError(
            _(
                "Someone else changed this criterion meanwhile (version %(current)s, you edited version "
                "%(yours)s). Reload it, check their change and save again."
            )
            % {"current": obj.version, "yours": version}
        )


__all__ = ["PermissionDenied"]
