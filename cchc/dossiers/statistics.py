"""The standard statistics report (domain.md §4.4) from the pre-aggregated summaries.

For a period [start, end]:
  carried over  = received before start − ended before start (the stock open at the start)
  new           = received in the period, by channel
  resolved      = decided in the period: early + on time + late
  returned/withdrawn, transferred = ended that way in the period
  pending       = carried + new − resolved − returned/withdrawn − transferred (open at the end)
  overdue       = dossiers open at the end whose due date has passed (overdue_in − overdue_out)
So `carried + new = resolved + pending + returned/withdrawn + transferred` holds by construction
and the pending stock at the end of a period is the carried-over stock of the next one; the tests
check both against a direct count over the raw dossiers (`report_raw`).

A period costs the whole months it covers (MonthlySummary) plus the days of its partial months
(DailySummary), and the cumulative stock before it the months up to its start.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from cchc.core.formatting import percent
from cchc.dossiers import classify
from cchc.dossiers.models import DailySummary, Dossier, MonthlySummary
from cchc.dossiers.models.dossier import DECIDED, RETURNED_OR_WITHDRAWN, Outcome
from cchc.dossiers.models.summary import COUNT_FIELDS, SummaryBase
from cchc.dossiers.summaries import FAR_PAST, month_end, month_start


@dataclass
class Figures:
    carried_over: int = 0
    received_online: int = 0
    received_direct: int = 0
    received_postal: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    pending_within: int = 0
    pending_overdue: int = 0
    returned_withdrawn: int = 0
    transferred: int = 0
    received_eligible_full: int = 0
    received_full_online: int = 0
    received_digitised: int = 0
    received_paid_online: int = 0
    received_with_fee: int = 0
    received_reused: int = 0
    decided_e_result: int = 0
    rated: int = 0
    rated_satisfied: int = 0

    @property
    def received(self) -> int:
        return self.received_online + self.received_direct + self.received_postal

    @property
    def total(self) -> int:
        return self.carried_over + self.received

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def pending(self) -> int:
        return self.pending_within + self.pending_overdue

    @property
    def unaccounted(self) -> int:
        """Zero when the identity holds (always, for figures computed from dossiers)."""
        return self.total - (self.resolved + self.pending + self.returned_withdrawn + self.transferred)

    # Rates (None when the denominator is 0), half-up to 2 decimals.
    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.early + self.on_time, self.resolved)

    @property
    def online_rate(self) -> Decimal | None:
        return percent(self.received_online, self.received)

    @property
    def full_online_rate(self) -> Decimal | None:
        return percent(self.received_full_online, self.received_eligible_full)

    @property
    def digitisation_rate(self) -> Decimal | None:
        return percent(self.received_digitised, self.received)

    @property
    def e_result_rate(self) -> Decimal | None:
        return percent(self.decided_e_result, self.resolved)

    @property
    def online_payment_rate(self) -> Decimal | None:
        return percent(self.received_paid_online, self.received_with_fee)

    @property
    def reuse_rate(self) -> Decimal | None:
        return percent(self.received_reused, self.received)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return percent(self.rated_satisfied, self.rated)

    def add(self, other: Figures) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in ("received", "total", "resolved", "pending", "unaccounted"):
            data[name] = getattr(self, name)
        for name in (
            "on_time_rate",
            "online_rate",
            "full_online_rate",
            "digitisation_rate",
            "e_result_rate",
            "online_payment_rate",
            "reuse_rate",
            "satisfaction_rate",
        ):
            value = getattr(self, name)
            data[name] = None if value is None else str(value)
        return data


@dataclass
class Selection:
    """Which dossiers: a base Q on the summary rows (scope, unit subtree, field, procedure)."""

    q: Q = field(default_factory=Q)
    group_by: str = "unit"  # "unit", "field" or "total"

    def key_expr(self) -> str | None:
        return {"unit": "unit_id", "field": "procedure__field", "total": None}[self.group_by]


def _pieces(start: dt.date, end: dt.date) -> list[tuple[type[SummaryBase], dt.date, dt.date]]:
    """[start, end] as (table, first, last): partial months from the daily table, whole months
    from the monthly one."""
    if start > end:
        return []
    pieces: list[tuple[type[SummaryBase], dt.date, dt.date]] = []
    first_full = start if start.day == 1 else month_end(start) + dt.timedelta(days=1)
    last_full = end if end == month_end(end) else month_start(end) - dt.timedelta(days=1)
    if first_full > last_full:  # inside one month, or two partial months
        if month_start(start) == month_start(end):
            return [(DailySummary, start, end)]
        return [(DailySummary, start, month_end(start)), (DailySummary, month_start(end), end)]
    if start < first_full:
        pieces.append((DailySummary, start, first_full - dt.timedelta(days=1)))
    pieces.append((MonthlySummary, first_full, last_full))
    if last_full < end:
        pieces.append((DailySummary, last_full + dt.timedelta(days=1), end))
    return pieces


Sums = dict[Any, dict[str, int]]
PieceCache = dict[tuple[dt.date, dt.date], Sums]


def _query(sel: Selection, model: type[SummaryBase], first: dt.date, last: dt.date, names: list[str]) -> Sums:
    out: Sums = {}
    key = sel.key_expr()
    qs: QuerySet[Any] = model._default_manager.filter(sel.q, day__gte=first, day__lte=last)
    aggregates = {n: Sum(n) for n in names}
    rows = qs.values(key).annotate(**aggregates) if key else [qs.aggregate(**aggregates)]
    for r in rows:
        out[r[key] if key else None] = {n: r[n] or 0 for n in names}
    return out


def _piece(
    sel: Selection,
    model: type[SummaryBase],
    first: dt.date,
    last: dt.date,
    names: list[str],
    cache: PieceCache,
) -> Sums:
    """One piece; the daily tail of a month (e.g. 15→31 of a PAR window) is its whole month minus the
    daily head (1→14) already summed for the carried-over stock: one small monthly read instead of a
    second scan of the daily table, which is the report's costliest step."""
    if model is DailySummary and first.day > 1 and last == month_end(first):
        head = cache.get((month_start(first), first - dt.timedelta(days=1)))
        if head is not None:
            month = _query(sel, MonthlySummary, month_start(first), month_start(first), names)
            zero = dict.fromkeys(names, 0)
            return {
                k: {n: month.get(k, zero)[n] - head.get(k, zero)[n] for n in names}
                for k in set(month) | set(head)
            }
    out = _query(sel, model, first, last, names)
    if model is DailySummary:
        cache[(first, last)] = out
    return out


def _sums(
    sel: Selection, start: dt.date, end: dt.date, names: Iterable[str], cache: PieceCache | None = None
) -> Sums:
    names = list(names)
    out: Sums = defaultdict(lambda: dict.fromkeys(names, 0))
    for model, first, last in _pieces(start, end):
        for k, values in _piece(sel, model, first, last, names, {} if cache is None else cache).items():
            bucket = out[k]
            for n in names:
                bucket[n] += values[n]
    return out


_ENDED = ("early", "on_time", "late", "returned_withdrawn", "transferred")
_RECEIVED = ("received_online", "received_direct", "received_postal")


def report(sel: Selection, start: dt.date, end: dt.date) -> dict[Any, Figures]:
    """Figures per group key (unit id, field name, or None for the total)."""
    # Both sums read every count so the daily head of the start month serves the period's tail too.
    cache: PieceCache = {}
    before = _sums(sel, FAR_PAST, start - dt.timedelta(days=1), COUNT_FIELDS, cache)
    during = _sums(sel, start, end, COUNT_FIELDS, cache)
    result: dict[Any, Figures] = {}
    for key in set(before) | set(during):
        b = before.get(key) or dict.fromkeys([*_RECEIVED, *_ENDED, "overdue_in", "overdue_out"], 0)
        d = during.get(key) or dict.fromkeys(COUNT_FIELDS, 0)
        carried = sum(b[n] for n in _RECEIVED) - sum(b[n] for n in _ENDED)
        pending = carried + sum(d[n] for n in _RECEIVED) - sum(d[n] for n in _ENDED)
        overdue = b["overdue_in"] - b["overdue_out"] + d["overdue_in"] - d["overdue_out"]
        figures = Figures(
            carried_over=carried,
            pending_overdue=overdue,
            pending_within=pending - overdue,
            **{n: d[n] for n in COUNT_FIELDS if n not in ("overdue_in", "overdue_out")},
        )
        if figures.total or figures.pending:
            result[key] = figures
    return result


def total(figures: Iterable[Figures]) -> Figures:
    out = Figures()
    for f in figures:
        out.add(f)
    return out


def report_raw(dossiers: QuerySet[Dossier], start: dt.date, end: dt.date) -> Figures:
    """The same figures counted dossier by dossier (reference for tests and small checks)."""
    f = Figures()
    for d in dossiers.select_related("procedure").iterator():
        ended = d.ended_on
        if d.received_on < start and (ended is None or ended >= start):
            f.carried_over += 1
        if start <= d.received_on <= end:
            setattr(f, f"received_{d.channel}", getattr(f, f"received_{d.channel}") + 1)
            full = d.procedure.online_level == "full"
            f.received_eligible_full += full
            f.received_full_online += full and d.channel == "online"
            f.received_digitised += d.digitised
            f.received_paid_online += d.paid_online
            f.received_with_fee += bool(d.procedure.fee and d.procedure.fee > 0)
            f.received_reused += d.population_data_reused
        if ended is not None and start <= ended <= end:
            if d.outcome in DECIDED:
                tl = classify.timeliness(d.outcome, ended, d.due_on)
                setattr(f, tl, getattr(f, tl) + 1)
                f.decided_e_result += d.electronic_result
            elif d.outcome in RETURNED_OR_WITHDRAWN:
                f.returned_withdrawn += 1
            elif d.outcome == Outcome.TRANSFERRED:
                f.transferred += 1
            f.rated += d.rating is not None
            f.rated_satisfied += d.rating is not None and d.rating >= 4
        if d.received_on <= end:
            overdue = classify.is_overdue_at(end, d.due_on, ended)
            if overdue is True:
                f.pending_overdue += 1
            elif overdue is False:
                f.pending_within += 1
    return f
