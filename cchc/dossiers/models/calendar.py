"""The working calendar: per-year weekly pattern and hours, plus dated exceptions.

Deadlines of administrative procedures are counted in working days or working hours (domain.md
§4.3): weekends, public holidays and official swap days are skipped. All of it is data, editable by
the province, because holidays and swaps are announced every year.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """Weekly pattern and daily working hours of one year.

    Default hours 7:30–11:30 and 13:30–17:00 are UNVERIFIED (provinces set their own office hours).
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    # ISO weekdays that are not worked (6 = Saturday, 7 = Sunday), as a comma list: data, not code.
    weekend_days = models.CharField(_("weekend days"), max_length=20, default="6,7")
    morning_start = models.TimeField(_("morning start"), default=dt.time(7, 30))
    morning_end = models.TimeField(_("morning end"), default=dt.time(11, 30))
    afternoon_start = models.TimeField(_("afternoon start"), default=dt.time(13, 30))
    afternoon_end = models.TimeField(_("afternoon end"), default=dt.time(17, 0))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def weekend_set(self) -> frozenset[int]:
        return frozenset(int(p) for p in self.weekend_days.split(",") if p.strip())


class CalendarDay(models.Model):
    """A dated exception to the weekly pattern."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        DAY_OFF = "day_off", _("Swapped day off")  # a weekday given off in exchange for a weekend day
        WORKDAY = "workday", _("Make-up working day")  # a weekend day worked in exchange

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    @property
    def is_working(self) -> bool:
        return self.kind == self.Kind.WORKDAY
