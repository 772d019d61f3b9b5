"""The working-day engine: weekends, holidays, swap days and working hours (seeded 2025–2026)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.dossiers.models import CalendarDay
from cchc.dossiers.services import calendar_day_set, calendar_year_set
from cchc.dossiers.tests.factories import at
from cchc.dossiers.workdays import WorkCalendar

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        (at(2025, 3, 3, 9), 1, at(2025, 3, 4, 9), "Monday + 1 keeps the time of day"),
        (at(2025, 3, 7, 9), 1, at(2025, 3, 10, 9), "Friday + 1 skips the weekend"),
        (at(2025, 3, 8, 10), 1, at(2025, 3, 10, 17), "filed Saturday: clock starts Monday 7:30"),
        (at(2025, 3, 3, 18), 1, at(2025, 3, 4, 17), "after hours: counts from the next morning"),
        (at(2025, 3, 3, 12), 1, at(2025, 3, 4, 11, 30), "lunch break: counts from 13:30"),
        (at(2025, 4, 4, 9), 1, at(2025, 4, 8, 9), "Hùng Kings' day (Mon 7/4/2025) is skipped"),
        (at(2025, 4, 25, 9), 1, at(2025, 4, 26, 9), "make-up Saturday 26/4/2025 is worked"),
        (at(2025, 4, 29, 9), 1, at(2025, 5, 5, 9), "30/4, 1/5 holidays and 2/5 swap day off"),
        (at(2025, 1, 24, 9), 1, at(2025, 2, 3, 9), "Tết 2025: 27–31/1 off"),
        (at(2026, 2, 13, 9), 2, at(2026, 2, 24, 9), "Tết 2026: 16–20/2 off"),
        (at(2025, 3, 3, 9), 0, at(2025, 3, 3, 9), "zero days"),
        (at(2025, 3, 3, 7, 30), 5, at(2025, 3, 7, 17), "a full week from Monday morning ends Friday 17:00"),
    ],
)
def test_add_working_days(start: dt.datetime, days: int, expected: dt.datetime, why: str) -> None:
    assert WorkCalendar.load().add_working_days(start, days) == expected, why


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (at(2025, 3, 3, 9), Decimal(2), at(2025, 3, 3, 11)),
        (at(2025, 3, 3, 10), Decimal(2), at(2025, 3, 3, 14)),  # 1.5h before lunch, 0.5h after
        (at(2025, 3, 3, 16), Decimal(4), at(2025, 3, 4, 10, 30)),
        (at(2025, 3, 7, 16), Decimal(8), at(2025, 3, 10, 16, 30)),  # over the weekend
        (at(2025, 3, 3, 9), Decimal("0.5"), at(2025, 3, 3, 9, 30)),
    ],
)
def test_add_working_hours(start: dt.datetime, hours: Decimal, expected: dt.datetime) -> None:
    assert WorkCalendar.load().add_working_hours(start, hours) == expected


def test_seeded_days_are_data() -> None:
    cal = WorkCalendar.load()
    assert not cal.is_working_day(dt.date(2025, 9, 2))
    assert cal.is_working_day(dt.date(2025, 4, 26))  # Saturday, made up
    assert not cal.is_working_day(dt.date(2025, 5, 2))  # Friday, swapped off
    assert cal.working_days_between(dt.date(2025, 4, 28), dt.date(2025, 5, 4)) == 2  # Mon 28, Tue 29
    assert CalendarDay.objects.filter(date__year=2026).count() >= 10


def test_editing_the_calendar_changes_deadlines(personas) -> None:  # type: ignore[no-untyped-def]
    calendar_day_set(actor=personas.province_admin, date=dt.date(2025, 3, 4), kind="holiday", name="Nghỉ thử")
    assert WorkCalendar.load().add_working_days(at(2025, 3, 3, 9), 1) == at(2025, 3, 5, 9)
    calendar_year_set(actor=personas.province_admin, year=2025, afternoon_end=dt.time(16, 30))
    # 7.0 working hours a day now: Monday 9:00 + 1 day → Tuesday is off → Wednesday 9:00.
    assert WorkCalendar.load().add_working_days(at(2025, 3, 3, 9), 1) == at(2025, 3, 5, 9)
    assert WorkCalendar.load().add_working_hours(at(2025, 3, 3, 16), 1) == at(2025, 3, 5, 8)


def test_calendar_rules_and_permissions(personas) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        calendar_day_set(actor=personas.province_admin, date=dt.date(2025, 3, 4), kind="workday", name="x")
    with pytest.raises(ValidationError):
        calendar_year_set(actor=personas.province_admin, year=2025, morning_end=dt.time(14, 0))
    for persona in ("dept_officer", "commune_officer", "outsider", "appraiser", "leader", "nobody"):
        with pytest.raises(PermissionDenied):
            calendar_day_set(
                actor=getattr(personas, persona), date=dt.date(2025, 3, 4), kind="holiday", name="x"
            )
