"""Deadline arithmetic in working days and working hours over the working calendar.

Rule (documented in docs/user-guide/dossiers.md):
  * A day is worked unless it is a weekend day of its year, a public holiday or a swapped day off;
    a make-up working day is worked even on a weekend.
  * Time is counted only inside the working hours of the day (two sessions, e.g. 7:30–11:30 and
    13:30–17:00). A moment outside them counts from the next working moment, so a dossier filed
    online on Saturday starts its clock on Monday at 7:30.
  * N working days = N × (working hours of a day), so the appointment keeps the time of day of the
    receipt: received Monday 9:00 + 1 working day → Tuesday 9:00. Hours work the same way.
Years without a CalendarYear row use the defaults of the model (weekend Saturday–Sunday).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from cchc.dossiers.models import CalendarDay, CalendarYear

_DEFAULT = CalendarYear(year=0)


@dataclass(frozen=True)
class Sessions:
    spans: tuple[tuple[dt.time, dt.time], ...]

    @property
    def seconds(self) -> int:
        return sum(_secs(end) - _secs(start) for start, end in self.spans)


def _secs(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


@dataclass
class WorkCalendar:
    """The calendar loaded once (a few hundred rows) and used for many computations (imports
    compute millions of deadlines, hence the per-day and per-year memos)."""

    years: dict[int, CalendarYear] = field(default_factory=dict)
    exceptions: dict[dt.date, str] = field(default_factory=dict)
    _working: dict[dt.date, bool] = field(default_factory=dict, repr=False)
    _spans: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict, repr=False)
    _weekends: dict[int, frozenset[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls) -> WorkCalendar:
        return cls(
            years={y.year: y for y in CalendarYear.objects.all()},
            exceptions=dict(CalendarDay.objects.values_list("date", "kind")),
        )

    def _year(self, day: dt.date) -> CalendarYear:
        return self.years.get(day.year, _DEFAULT)

    def sessions(self, day: dt.date) -> Sessions:
        y = self._year(day)
        return Sessions(((y.morning_start, y.morning_end), (y.afternoon_start, y.afternoon_end)))

    def _span_secs(self, day: dt.date) -> tuple[tuple[int, int], ...]:
        spans = self._spans.get(day.year)
        if spans is None:
            spans = self._spans[day.year] = tuple((_secs(b), _secs(e)) for b, e in self.sessions(day).spans)
        return spans

    def is_working_day(self, day: dt.date) -> bool:
        known = self._working.get(day)
        if known is not None:
            return known
        kind = self.exceptions.get(day)
        if kind == CalendarDay.Kind.WORKDAY:
            result = True
        elif kind in (CalendarDay.Kind.HOLIDAY, CalendarDay.Kind.DAY_OFF):
            result = False
        else:
            weekend = self._weekends.get(day.year)
            if weekend is None:
                weekend = self._weekends[day.year] = self._year(day).weekend_set
            result = day.isoweekday() not in weekend
        self._working[day] = result
        return result

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        for _ in range(400):  # a year without a single working day is a data error
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError("no working day within 400 days")

    def add_working_days(self, start: dt.datetime, days: int | Decimal) -> dt.datetime:
        seconds = Decimal(days) * sum(e - b for b, e in self._span_secs(_local(start).date()))
        return self.add_working_seconds(start, int(seconds))

    def add_working_hours(self, start: dt.datetime, hours: int | Decimal) -> dt.datetime:
        return self.add_working_seconds(start, int(Decimal(hours) * 3600))

    def add_working_seconds(self, start: dt.datetime, seconds: int) -> dt.datetime:
        """The moment `seconds` of working time after `start` (aware in, aware out)."""
        local = _local(start)
        tz = local.tzinfo
        day, now = local.date(), _secs(local.time())
        if not self.is_working_day(day):
            day, now = self.next_working_day(day), 0
        remaining = seconds
        while True:
            for b, e in self._span_secs(day):
                if now >= e:
                    continue
                now = max(now, b)
                available = e - now
                if remaining <= available:
                    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=now + remaining)
                    return moment.replace(tzinfo=tz)
                remaining -= available
                now = e
            day, now = self.next_working_day(day), 0

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """Working days in [first, last]."""
        count, day = 0, first
        while day <= last:
            count += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return count


_ZONE = ZoneInfo(settings.TIME_ZONE)


def _local(moment: dt.datetime) -> Any:
    """Local (province) time; the configured zone, not the request's active one."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_ZONE)
    return moment.astimezone(_ZONE)


def due_for(calendar: WorkCalendar, received_at: dt.datetime, amount: Decimal, unit: str) -> dt.datetime:
    """The appointment for a procedure's statutory time (`unit` is "days" or "hours")."""
    if unit == "hours":
        return calendar.add_working_hours(received_at, amount)
    return calendar.add_working_days(received_at, amount)
