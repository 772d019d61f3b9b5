"""Refreshing the pre-aggregated summaries (see cchc/dossiers/models/summary.py).

One INSERT … SELECT per table, computed by the database (no rows travel through Python), so a full
rebuild over millions of dossiers runs in constant memory. A refresh deletes and recomputes the
rows of the given units over whole months; imports pass the units and months their rows (old and
new versions) touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction

from cchc.dossiers.models import DailySummary, Dossier, MonthlySummary, Procedure
from cchc.dossiers.models.summary import COUNT_FIELDS

FAR_PAST = dt.date(1900, 1, 1)
FAR_FUTURE = dt.date(2999, 12, 31)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _event_selects(unit_filter: str) -> str:
    d, p = Dossier._meta.db_table, Procedure._meta.db_table
    next_day = "date(d.due_on, '+1 day')" if connection.vendor == "sqlite" else "(d.due_on + 1)"
    zero = dict.fromkeys(COUNT_FIELDS, "0")
    received = {
        **zero,
        "received_online": _flag("d.channel = 'online'"),
        "received_direct": _flag("d.channel = 'direct'"),
        "received_postal": _flag("d.channel = 'postal'"),
        "received_eligible_full": _flag("p.online_level = 'full'"),
        "received_full_online": _flag("p.online_level = 'full' AND d.channel = 'online'"),
        "received_digitised": _flag("d.digitised"),
        "received_paid_online": _flag("d.paid_online"),
        "received_with_fee": _flag("p.fee > 0"),
        "received_reused": _flag("d.population_data_reused"),
    }
    ended = {
        **zero,
        "early": _flag("d.timeliness = 'early'"),
        "on_time": _flag("d.timeliness = 'on_time'"),
        "late": _flag("d.timeliness = 'late'"),
        "returned_withdrawn": _flag("d.outcome IN ('returned', 'withdrawn')"),
        "transferred": _flag("d.outcome = 'transferred'"),
        "overdue_out": _flag("d.ended_on > d.due_on"),
        "decided_e_result": _flag("d.outcome IN ('resolved', 'refused') AND d.electronic_result"),
        "rated": _flag("d.rating IS NOT NULL"),
        "rated_satisfied": _flag("d.rating >= 4"),
    }
    overdue = {**zero, "overdue_in": "1"}

    def select(day_expr: str, cols: dict[str, str], where: str) -> str:
        columns = ", ".join(f"{cols[name]} AS {name}" for name in COUNT_FIELDS)
        return (
            f"SELECT d.unit_id AS unit_id, d.procedure_id AS procedure_id, {day_expr} AS day, {columns} "
            f"FROM {d} d JOIN {p} p ON p.id = d.procedure_id WHERE {unit_filter} AND {where}"
        )

    return " UNION ALL ".join(
        [
            select("d.received_on", received, "d.received_on BETWEEN %(lo)s AND %(hi)s"),
            select("d.ended_on", ended, "d.ended_on BETWEEN %(lo)s AND %(hi)s"),
            select(
                next_day,
                overdue,
                "(d.ended_on IS NULL OR d.ended_on > d.due_on) AND d.due_on BETWEEN %(lo_1)s AND %(hi_1)s",
            ),
        ]
    )


def _unit_filter(unit_ids: Iterable[int] | None, column: str) -> str:
    if unit_ids is None:
        return "1 = 1"
    ids = sorted({int(u) for u in unit_ids})
    return f"{column} IN ({', '.join(map(str, ids))})" if ids else "1 = 0"


@transaction.atomic
def refresh(
    *, unit_ids: Iterable[int] | None = None, lo: dt.date | None = None, hi: dt.date | None = None
) -> None:
    """Recompute the summaries of `unit_ids` (None: all) over the whole months of [lo, hi]."""
    unit_ids = None if unit_ids is None else list(unit_ids)
    if unit_ids is not None and not unit_ids:
        return
    lo = month_start(lo) if lo else FAR_PAST
    hi = month_end(hi) if hi else FAR_FUTURE
    params = {"lo": lo, "hi": hi, "lo_1": lo - dt.timedelta(days=1), "hi_1": hi - dt.timedelta(days=1)}
    daily, monthly = DailySummary._meta.db_table, MonthlySummary._meta.db_table
    cols = ", ".join(COUNT_FIELDS)
    sums = ", ".join(f"SUM({c})" for c in COUNT_FIELDS)
    month_expr = (
        "date(day, 'start of month')" if connection.vendor == "sqlite" else "date_trunc('month', day)::date"
    )
    with connection.cursor() as cursor:
        filt = _unit_filter(unit_ids, "unit_id")
        cursor.execute(f"DELETE FROM {daily} WHERE {filt} AND day BETWEEN %(lo)s AND %(hi)s", params)
        cursor.execute(f"DELETE FROM {monthly} WHERE {filt} AND day BETWEEN %(lo)s AND %(hi)s", params)
        cursor.execute(
            f"INSERT INTO {daily} (unit_id, procedure_id, day, {cols}) "
            f"SELECT unit_id, procedure_id, day, {sums} "
            f"FROM ({_event_selects(_unit_filter(unit_ids, 'd.unit_id'))}) e "
            "GROUP BY unit_id, procedure_id, day",
            params,
        )
        cursor.execute(
            f"INSERT INTO {monthly} (unit_id, procedure_id, day, {cols}) "
            f"SELECT unit_id, procedure_id, {month_expr}, {sums} FROM {daily} "
            f"WHERE {filt} AND day BETWEEN %(lo)s AND %(hi)s GROUP BY unit_id, procedure_id, {month_expr}",
            params,
        )


def touched_window(days: Iterable[dt.date | None]) -> tuple[dt.date, dt.date] | None:
    """The [first, last] day covering the event days of changed dossiers (None: nothing)."""
    seen = [d for d in days if d is not None]
    if not seen:
        return None
    return min(seen), max(seen) + dt.timedelta(days=1)  # +1: the overdue event of the due day
