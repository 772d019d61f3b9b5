"""A generator of realistic dossiers (sample province, benchmarks): seasonality (the rush before
Tết, the lull during it, a summer peak), a skewed procedure mix, channels drifting online over
time, mostly early results with a few late ones, extensions with apology letters, pending
dossiers near "now". Deterministic for a seed. Yields rows in `parsing.DB_COLUMNS` order.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import Any

from cchc.dossiers import classify
from cchc.dossiers.workdays import WorkCalendar, due_for

# Relative intake by month (1 = average): before Tết busy, Tết month quiet, summer land/registry peak.
SEASON = {
    1: 1.25,
    2: 0.65,
    3: 1.0,
    4: 0.95,
    5: 1.0,
    6: 1.1,
    7: 1.15,
    8: 1.05,
    9: 0.95,
    10: 1.0,
    11: 1.0,
    12: 1.15,
}
OUTCOMES = ["resolved"] * 90 + ["refused"] * 2 + ["returned"] * 3 + ["withdrawn"] * 2 + ["transferred"] * 3


@dataclass(frozen=True)
class ProcSpec:
    id: int
    time: Decimal
    unit: str  # "days" / "hours"
    online_level: str
    has_fee: bool
    weight: float


@dataclass(frozen=True)
class UnitSpec:
    id: int
    code: str
    procedures: Sequence[ProcSpec]
    weight: float


def _days(start: dt.date, end: dt.date) -> tuple[list[dt.date], list[float]]:
    days, weights = [], []
    d = start
    while d <= end:
        days.append(d)
        weights.append(SEASON[d.month] * (0.12 if d.isoweekday() >= 6 else 1.0))
        d += dt.timedelta(days=1)
    return days, weights


def _spread(n: int, start: dt.date, end: dt.date) -> Iterator[tuple[int, dt.date]]:
    """(row number, day) for n rows spread over the days by weight, in date order, in O(days)
    memory (10 million rows must not be drawn up front)."""
    days, weights = _days(start, end)
    total = sum(weights)
    i, carry = 0, 0.0
    for position, (day, weight) in enumerate(zip(days, weights, strict=True)):
        exact = n * weight / total + carry
        count = n - i if position == len(days) - 1 else int(exact)
        carry = exact - int(exact)
        for _ in range(count):
            yield i, day
            i += 1


def generate(
    *,
    n: int,
    units: Sequence[UnitSpec],
    start: dt.date,
    end: dt.date,
    now: dt.datetime,
    seed: int,
    source: str = "MAU",
    is_sample: bool = True,
    calendar: WorkCalendar | None = None,
) -> Iterator[tuple[Any, ...]]:
    rnd = random.Random(seed)
    cal = calendar or WorkCalendar.load()
    tz = now.tzinfo
    span = max((end - start).days, 1)
    due_cache: dict[tuple[dt.datetime, Decimal, str], dt.datetime] = {}
    cum = [list(accumulate(p.weight for p in u.procedures)) for u in units]
    unit_cum = list(accumulate(u.weight for u in units))
    unit_range = range(len(units))
    cache_day = start
    for i, day in _spread(n, start, end):
        if day != cache_day:  # rows come day by day: the memo holds one day's deadlines
            due_cache.clear()
            cache_day = day
        u_index = rnd.choices(unit_range, cum_weights=unit_cum)[0]
        unit = units[u_index]
        proc = rnd.choices(unit.procedures, cum_weights=cum[u_index])[0]
        progress = (day - start).days / span  # 0 → 1 over the period: services improve
        online_share = (0.3 + 0.35 * progress) * (
            1.4 if proc.online_level == "full" else 0.7 if proc.online_level == "none" else 1
        )
        r = rnd.random()
        channel = "online" if r < online_share else "postal" if r < online_share + 0.05 else "direct"
        minute = (
            rnd.randint(0, 9 * 60) if channel == "direct" or day.isoweekday() < 6 else rnd.randint(0, 14 * 60)
        )
        received = dt.datetime.combine(day, dt.time(7, 30), tzinfo=tz) + dt.timedelta(minutes=minute)
        received = received.replace(minute=(received.minute // 5) * 5, second=0)  # 5-minute slots: cache hits
        if received > now:  # today's dossiers arrive before "now", never in the future
            received = now.replace(second=0, microsecond=0) - dt.timedelta(minutes=5 * rnd.randint(1, 24))
        key = (received, proc.time, proc.unit)
        due = due_cache.get(key)
        if due is None:
            due = due_cache[key] = due_for(cal, received, proc.time, proc.unit)
        allotted = due - received
        lateness = rnd.random()
        extended = None
        apology = False
        if lateness < 0.06:  # late: 1 to 10 days past the appointment
            finished = due + dt.timedelta(days=rnd.randint(1, 10), hours=rnd.randint(0, 6))
            if rnd.random() < 0.4:  # one extension, with or without the apology letter
                extended = due + dt.timedelta(days=rnd.randint(2, 7))
                apology = rnd.random() < 0.8
        elif lateness < 0.16:  # on the due day
            finished = due.replace(hour=rnd.randint(8, 16))
            finished = max(finished, received)
        else:
            finished = received + allotted * rnd.uniform(0.1, 0.8)
        outcome = rnd.choice(OUTCOMES)
        if outcome in ("returned", "withdrawn"):
            finished = received + allotted * rnd.uniform(0.0, 0.5)
        resolved_at = finished if finished <= now else None
        if resolved_at is None:
            outcome = ""
        returned_at = (
            resolved_at + dt.timedelta(hours=rnd.randint(1, 48))
            if resolved_at and outcome in ("resolved", "refused")
            else None
        )
        if returned_at and returned_at > now:
            returned_at = None
        digitised = rnd.random() < 0.55 + 0.3 * progress
        e_result = outcome in ("resolved", "refused") and rnd.random() < 0.45 + 0.35 * progress
        paid = proc.has_fee and channel == "online" and rnd.random() < 0.5
        reused = rnd.random() < 0.3 + 0.3 * progress
        rating = (
            rnd.choices([5, 4, 3, 2, 1], weights=[55, 30, 8, 4, 3])[0]
            if resolved_at and rnd.random() < 0.3
            else None
        )
        supplements = [(received + dt.timedelta(days=1)).date().isoformat()] if rnd.random() < 0.04 else []
        received_on = classify.local_date(received)
        due_on = classify.due_date(due, extended)
        ended_on = classify.local_date(resolved_at)
        yield (
            source,
            f"{unit.code}-{received:%y%m%d}-{i:07d}",
            proc.id,
            unit.id,
            None,
            channel,
            received,
            due,
            extended,
            apology,
            json.dumps(supplements),
            resolved_at,
            returned_at,
            outcome,
            digitised,
            e_result,
            paid,
            reused,
            rating,
            "[]",
            received_on,
            due_on,
            ended_on,
            classify.timeliness(outcome, ended_on, due_on),
            is_sample,
            now,
        )
