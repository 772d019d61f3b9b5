"""Early / on time / late, and pending within deadline / overdue — the one rule.

Granularity: **the calendar day** (local time, Asia/Ho_Chi_Minh), not the minute. domain.md §4.3
defines the classes by the due *date* ("on time = finished on the due date") and the statistics
forms count a result finished on the appointment day as "đúng hạn" whatever the hour; comparing
datetimes would move almost every on-time dossier into "early" or "late".

  * due date = date of the extended appointment when one was made (only one extension is
    allowed, with its apology letter), otherwise date of the appointment on the receipt;
  * resolved (decision issued or refused): early if finished before the due date, on time if on
    it, late after it; the finish day is `resolved_at` (weekends do not matter: it is a date
    comparison; the due date itself was computed in working days);
  * still open at the end of day D: within deadline when D ≤ due date, overdue when D > due date;
  * returned, withdrawn and transferred dossiers are not classified (they leave the pending stock
    on the day they ended).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

from cchc.dossiers.models.dossier import DECIDED, Timeliness

ZONE = ZoneInfo(settings.TIME_ZONE)  # the province's dates, whatever zone a request activated


def local_date(moment: dt.datetime | None) -> dt.date | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(ZONE).date()


def due_date(due_at: dt.datetime, extended_due_at: dt.datetime | None) -> dt.date:
    result = local_date(extended_due_at or due_at)
    assert result is not None
    return result


def timeliness(outcome: str, ended_on: dt.date | None, due_on: dt.date) -> str:
    if outcome not in DECIDED or ended_on is None:
        return Timeliness.NONE
    if ended_on < due_on:
        return Timeliness.EARLY
    if ended_on == due_on:
        return Timeliness.ON_TIME
    return Timeliness.LATE


def is_overdue_at(day: dt.date, due_on: dt.date, ended_on: dt.date | None) -> bool | None:
    """None when the dossier is no longer pending at the end of `day`."""
    if ended_on is not None and ended_on <= day:
        return None
    return day > due_on
