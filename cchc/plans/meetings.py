"""Meetings, conclusions and the tasks conclusions assign ("5 rõ": who, what, by when, expected
result, responsibility). The tasks live in a plan like any other, so they count in the statistics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cchc.accounts import scope
from cchc.audit.services import audit_record
from cchc.orgunits.models import OrgUnit
from cchc.plans import periods
from cchc.plans.models import Conclusion, DeadlineKind, Meeting, Plan, PlanArea, Task, TaskSource
from cchc.plans.services import task_create


def meetings_for_user(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(scope.unit_q(user, prefix="unit__"))


def get_meeting_for_user(user: Any, pk: Any, capability: str = scope.READ) -> Meeting:
    try:
        meeting = Meeting.objects.select_related("unit").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    scope.require(user, capability, meeting.unit)
    return meeting


def meeting_create(
    *,
    actor: Any,
    unit: OrgUnit,
    date: dt.date,
    title: str,
    kind: str = Meeting.Kind.STEERING,
    level: str = Meeting.Level.PROVINCE,
    chair: str = "",
    attendees: int = 0,
    online_sites: int = 0,
    notice_number: str = "",
    is_sample: bool = False,
) -> Meeting:
    if actor is not None and not scope.can(actor, scope.WRITE, unit):
        raise PermissionDenied
    with transaction.atomic():
        meeting = Meeting(
            unit=unit,
            date=date,
            title=title.strip(),
            kind=kind,
            level=level,
            chair=chair.strip(),
            attendees=attendees,
            online_sites=online_sites,
            notice_number=notice_number.strip(),
            is_sample=is_sample,
        )
        meeting.full_clean()
        meeting.save()
        audit_record(actor=actor, action="plan.meeting_create", obj=meeting, unit=unit)
    return meeting


def conclusion_add(*, actor: Any, meeting: Meeting, text: str, number: str = "") -> Conclusion:
    if actor is not None and not scope.can(actor, scope.WRITE, meeting.unit):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Write the conclusion.")})
    with transaction.atomic():
        conclusion = Conclusion.objects.create(meeting=meeting, text=text.strip(), number=number.strip())
        audit_record(
            actor=actor, action="plan.conclusion_add", obj=meeting, unit=meeting.unit, reason=text[:200]
        )
    return conclusion


def conclusion_assign_task(
    *,
    actor: Any,
    conclusion: Conclusion,
    plan: Plan,
    area: PlanArea,
    what: str,
    who: OrgUnit,
    by_when: dt.date,
    expected_result: str,
    responsibility: str,
    coordinating_units: list[OrgUnit] | tuple[OrgUnit, ...] = (),
    is_sample: bool = False,
) -> Task:
    """Assign a task from a conclusion into `plan` (normally the organiser's plan of that year)."""
    missing = {
        key: _("Required by the “5 rõ” principle.")
        for key, value in {
            "what": what,
            "expected_result": expected_result,
            "responsibility": responsibility,
        }.items()
        if not str(value).strip()
    }
    if missing:
        raise ValidationError(missing)
    if plan.issuing_unit_id != conclusion.meeting.unit_id and not (
        conclusion.meeting.unit.path and plan.issuing_unit.path.startswith(conclusion.meeting.unit.path)
    ):
        raise ValidationError({"plan": _("Choose a plan of the unit that held the meeting.")})
    return task_create(
        actor=actor,
        plan=plan,
        area=area,
        title=what,
        lead_unit=who,
        deadline_kind=DeadlineKind.DATE,
        deadline=by_when,
        output=expected_result,
        responsibility=responsibility,
        source=TaskSource.CONCLUSION,
        conclusion=conclusion,
        coordinating_units=coordinating_units,
        added_on=min(conclusion.meeting.date, by_when),
        is_sample=is_sample,
        reason=_("Assigned by meeting conclusion"),
    )


@dataclass(frozen=True)
class CountTable:
    """Meeting counts: one row per label, one cell per column, with totals."""

    row_labels: list[str]
    column_labels: list[str]
    cells: list[list[int]]
    # When the columns overlap (quarters, 6 months, year), a row's total is this column, not a sum.
    total_column: int | None = None

    def _row_total(self, cells: list[int]) -> int:
        return sum(cells) if self.total_column is None else cells[self.total_column]

    @property
    def rows(self) -> list[tuple[str, list[int], int]]:
        return [
            (label, cells, self._row_total(cells))
            for label, cells in zip(self.row_labels, self.cells, strict=True)
        ]

    @property
    def column_totals(self) -> list[int]:
        return [sum(column) for column in zip(*self.cells, strict=True)] if self.cells else []

    @property
    def total(self) -> int:
        return sum(self._row_total(cells) for cells in self.cells)


def count_by_kind_and_level(meetings: QuerySet[Meeting], start: dt.date, end: dt.date) -> CountTable:
    """Meetings held between start and end: a row per kind, a column per level (one query)."""
    found = {
        (r["kind"], r["level"]): r["n"]
        for r in meetings.filter(date__range=(start, end))
        .order_by()
        .values("kind", "level")
        .annotate(n=Count("id"))
    }
    return CountTable(
        row_labels=[str(label) for label in Meeting.Kind.labels],
        column_labels=[str(label) for label in Meeting.Level.labels],
        cells=[
            [found.get((kind, level), 0) for level in Meeting.Level.values] for kind in Meeting.Kind.values
        ],
    )


PERIOD_COLUMNS = ("q1", "q2", "q3", "q4", "h1", "year")


def count_by_period(meetings: QuerySet[Meeting], year: int) -> CountTable:
    """The year's meetings per kind and level (rows with at least one meeting) in each quarter,
    the first 6 months and the whole year: one query, the counting done by the database."""
    spans = {key: periods.period(key, year) for key in PERIOD_COLUMNS}
    whole = spans["year"]
    records = cast(
        Iterable[dict[str, Any]],
        meetings.filter(date__range=(whole.start, whole.end))
        .order_by()
        .values("kind", "level")
        .annotate(**{key: Count("id", filter=Q(date__range=(p.start, p.end))) for key, p in spans.items()}),
    )
    found = {(r["kind"], r["level"]): [r[key] for key in PERIOD_COLUMNS] for r in records}
    labels, cells = [], []
    for kind, kind_label in Meeting.Kind.choices:
        for level, level_label in Meeting.Level.choices:
            if (kind, level) in found:
                labels.append(f"{kind_label} – {level_label}")
                cells.append(found[(kind, level)])
    columns = [str(periods.BY_KEY[key].label) for key in PERIOD_COLUMNS]  # the year is in the heading
    return CountTable(labels, columns, cells, total_column=PERIOD_COLUMNS.index("year"))
