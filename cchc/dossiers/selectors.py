"""Scoped reads of dossiers and statistics. A dossier belongs to its handling unit: a user sees
the dossiers of the units in their scope (a commune officer: the commune's; the province: all)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from cchc.accounts import scope
from cchc.dossiers.models import Dossier, Procedure
from cchc.dossiers.statistics import Selection
from cchc.orgunits.models import OrgUnit


def dossiers_for_user(user: Any) -> QuerySet[Dossier]:
    return Dossier.objects.filter(scope.unit_q(user, capability=scope.READ, prefix="unit__"))


def get_dossier_for_user(user: Any, pk: Any) -> Dossier:
    try:
        return dossiers_for_user(user).select_related("procedure", "unit", "receiving_unit").get(pk=pk)
    except (Dossier.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def units_for_user(user: Any) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(scope.unit_q(user, capability=scope.READ, prefix="")).order_by("path")


def fields_list() -> list[str]:
    return list(Procedure.objects.order_by("field").values_list("field", flat=True).distinct())


@dataclass
class Filters:
    unit: OrgUnit | None = None  # with its subtree
    field: str = ""
    procedure: Procedure | None = None

    def q(self, prefix: str = "") -> Q:
        q = Q()
        if self.unit is not None:
            q &= Q(**{f"{prefix}unit__path__startswith": self.unit.path})
        if self.field:
            q &= Q(**{f"{prefix}procedure__field": self.field})
        if self.procedure is not None:
            q &= Q(**{f"{prefix}procedure": self.procedure})
        return q


def statistics_selection(user: Any, filters: Filters, group_by: str = "unit") -> Selection:
    return Selection(
        q=scope.unit_q(user, capability=scope.READ, prefix="unit__") & filters.q(), group_by=group_by
    )


def late_dossiers(user: Any, filters: Filters, start: dt.date, end: dt.date) -> QuerySet[Dossier]:
    """Resolved late in the period (with whether an apology letter was issued)."""
    return (
        dossiers_for_user(user)
        .filter(filters.q(), timeliness="late", ended_on__gte=start, ended_on__lte=end)
        .select_related("procedure", "unit")
        .order_by("-ended_on", "-id")
    )


def overdue_pending(user: Any, filters: Filters, day: dt.date) -> QuerySet[Dossier]:
    """Still open at the end of `day` and past their due date."""
    return (
        dossiers_for_user(user)
        .filter(
            filters.q(), Q(ended_on__isnull=True) | Q(ended_on__gt=day), due_on__lt=day, received_on__lte=day
        )
        .select_related("procedure", "unit")
        .order_by("due_on", "id")
    )


class LazyPage:
    """A page without COUNT(*): fetches one row more than it shows to know whether a next page
    exists (lists can hold millions of dossiers)."""

    def __init__(self, qs: QuerySet[Any], number: Any, per_page: int = 50) -> None:
        try:
            self.number = max(1, int(number))
        except (TypeError, ValueError):
            self.number = 1
        offset = (self.number - 1) * per_page
        rows = list(qs[offset : offset + per_page + 1])
        self.has_next = len(rows) > per_page
        self.object_list = rows[:per_page]
        self.has_previous = self.number > 1
        self.start_index = offset + 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1
