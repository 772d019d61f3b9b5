"""Reporting periods: calendar periods and the PAR reporting windows (cut-off on the 14th)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cchc.dossiers.summaries import month_end

KINDS = {
    "month": _("Month"),
    "quarter": _("Quarter"),
    "half": _("6 months"),
    "year": _("Year"),
    "par_q1": _("PAR report Q1 (15/12–14/3)"),
    "par_h1": _("PAR report 6 months (15/12–14/6)"),
    "par_q3": _("PAR report Q3 (15/6–14/9)"),
    "par_year": _("PAR report year (15/12–14/12)"),
    "custom": _("Custom"),
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    # Set when the period has not ended yet and the figures stop at today (`until`).
    planned_end: dt.date | None = None

    def until(self, today: dt.date) -> Period:
        """A period still running is counted up to today: "pending overdue" at a future end would
        count dossiers as late before their deadline has passed."""
        if self.start <= today < self.end:
            return Period(self.start, today, planned_end=self.end)
        return self

    def previous_day(self) -> dt.date:
        return self.start - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def period_for(
    kind: str, year: int, number: int = 1, start: dt.date | None = None, end: dt.date | None = None
) -> Period:
    """`number` is the month (1–12), quarter (1–4) or half (1–2)."""
    if kind == "month":
        first = dt.date(year, number, 1)
        return Period(first, month_end(first))
    if kind == "quarter":
        first = dt.date(year, 3 * (number - 1) + 1, 1)
        return Period(first, month_end(dt.date(year, 3 * number, 1)))
    if kind == "half":
        first = dt.date(year, 6 * (number - 1) + 1, 1)
        return Period(first, month_end(dt.date(year, 6 * number, 1)))
    if kind == "year":
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if kind == "par_q1":
        return Period(dt.date(year - 1, 12, 15), dt.date(year, 3, 14))
    if kind == "par_h1":
        return Period(dt.date(year - 1, 12, 15), dt.date(year, 6, 14))
    if kind == "par_q3":
        return Period(dt.date(year, 6, 15), dt.date(year, 9, 14))
    if kind == "par_year":
        return Period(dt.date(year - 1, 12, 15), dt.date(year, 12, 14))
    if kind == "custom" and start and end and start <= end:
        return Period(start, end)
    raise ValueError(kind)
