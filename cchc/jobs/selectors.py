from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from cchc.accounts import scope
from cchc.jobs.models import Job


def jobs_for_user(user: Any) -> QuerySet[Job]:
    """A user's own jobs, plus jobs of units they administer."""
    qs = Job.objects.select_related("created_by", "unit")
    if scope.is_system_admin(user):
        return qs
    return qs.filter(Q(created_by=user) | scope.unit_q(user, capability=scope.MANAGE_UNITS))


def get_job_for_user(user: Any, pk: Any) -> Job:
    try:
        return jobs_for_user(user).get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
