"""Reporting periods as data: calendar quarters, halves, the year and the PAR cut-off windows.

The PAR reporting windows (BNV guidance, matching Decree 09/2019/NĐ-CP) start on 15 December of
the previous year, except the third-quarter report (15/6 → 14/9):

    par_q1   15/12 (year-1) → 14/3      par_h1   15/12 (year-1) → 14/6
    par_q3   15/6           → 14/9      par_year 15/12 (year-1) → 14/12
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PeriodSpec:
    key: str
    label: str | Promise
    # (year offset, month, day) of the first and last day, relative to the plan year
    start: tuple[int, int, int]
    end: tuple[int, int, int]


SPECS: tuple[PeriodSpec, ...] = (
    PeriodSpec("q1", _("Quarter I"), (0, 1, 1), (0, 3, 31)),
    PeriodSpec("q2", _("Quarter II"), (0, 4, 1), (0, 6, 30)),
    PeriodSpec("q3", _("Quarter III"), (0, 7, 1), (0, 9, 30)),
    PeriodSpec("q4", _("Quarter IV"), (0, 10, 1), (0, 12, 31)),
    PeriodSpec("h1", _("First 6 months"), (0, 1, 1), (0, 6, 30)),
    PeriodSpec("m9", _("First 9 months"), (0, 1, 1), (0, 9, 30)),
    PeriodSpec("year", _("Whole year"), (0, 1, 1), (0, 12, 31)),
    PeriodSpec("par_q1", _("PAR report, quarter I (15/12–14/3)"), (-1, 12, 15), (0, 3, 14)),
    PeriodSpec("par_h1", _("PAR report, 6 months (15/12–14/6)"), (-1, 12, 15), (0, 6, 14)),
    PeriodSpec("par_q3", _("PAR report, quarter III (15/6–14/9)"), (0, 6, 15), (0, 9, 14)),
    PeriodSpec("par_year", _("PAR report, year (15/12–14/12)"), (-1, 12, 15), (0, 12, 14)),
)
BY_KEY = {s.key: s for s in SPECS}
# A PAR window is the cut-off of the same report as its calendar period: the quarter I report is
# the one made for 15/12–14/3. A recurring task reported for one is reported for the other.
SAME_REPORT = {"par_q1": "q1", "par_h1": "h1", "par_q3": "q3", "par_year": "year"}
CHOICES = [(s.key, s.label) for s in SPECS]
QUARTER_KEYS = {1: "q1", 2: "q2", 3: "q3", 4: "q4"}


@dataclass(frozen=True)
class Period:
    key: str  # a SPECS key, or "custom"
    year: int
    start: dt.date
    end: dt.date
    label: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _day(year: int, part: tuple[int, int, int]) -> dt.date:
    offset, month, day = part
    return dt.date(year + offset, month, day)


def period(key: str, year: int) -> Period:
    """The named period of `year` (KeyError for an unknown key)."""
    spec = BY_KEY[key]
    return Period(key, year, _day(year, spec.start), _day(year, spec.end), f"{spec.label} {year}")


def custom(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise ValueError("end before start")
    return Period("custom", end.year, start, end, f"{start:%d/%m/%Y} – {end:%d/%m/%Y}")


def report_key(key: str) -> str:
    """The report a period belongs to: "par_h1" and "h1" are both the 6-month report."""
    return SAME_REPORT.get(key, key)


def quarter_end(year: int, quarter: int) -> dt.date:
    return period(QUARTER_KEYS[quarter], year).end


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1
