"""Classification edge cases, the report's identities across periods, and summary = raw count."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.db.models import Q

from cchc.dossiers import classify, summaries
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import period_for
from cchc.dossiers.statistics import Selection, report, report_raw, total
from cchc.dossiers.tests.factories import at, dossier

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("outcome", "ended", "due", "expected"),
    [
        ("resolved", D(2025, 3, 5), D(2025, 3, 6), "early"),
        ("resolved", D(2025, 3, 6), D(2025, 3, 6), "on_time"),  # same day, any hour
        ("resolved", D(2025, 3, 7), D(2025, 3, 6), "late"),
        ("refused", D(2025, 3, 7), D(2025, 3, 6), "late"),  # a refusal is a decision too
        ("returned", D(2025, 3, 7), D(2025, 3, 6), ""),
        ("withdrawn", D(2025, 3, 7), D(2025, 3, 6), ""),
        ("transferred", D(2025, 3, 7), D(2025, 3, 6), ""),
        ("", None, D(2025, 3, 6), ""),
    ],
)
def test_timeliness(outcome: str, ended: dt.date | None, due: dt.date, expected: str) -> None:
    assert classify.timeliness(outcome, ended, due) == expected


def test_date_granularity_and_extension() -> None:
    # 23:59 on the due date is on time; 00:01 the next day is late (local time, not UTC).
    assert classify.local_date(at(2025, 3, 6, 23, 59)) == D(2025, 3, 6)
    assert classify.due_date(at(2025, 3, 6, 8), None) == D(2025, 3, 6)
    assert classify.due_date(at(2025, 3, 6, 8), at(2025, 3, 10, 8)) == D(2025, 3, 10)


@pytest.mark.parametrize(
    ("day", "due", "ended", "expected"),
    [
        (D(2025, 3, 6), D(2025, 3, 6), None, False),  # due today: still within the deadline
        (D(2025, 3, 7), D(2025, 3, 6), None, True),
        (D(2025, 3, 7), D(2025, 3, 6), D(2025, 3, 7), None),  # finished that day: not pending
        (D(2025, 3, 7), D(2025, 3, 6), D(2025, 3, 8), True),
    ],
)
def test_pending_at_a_date(day: dt.date, due: dt.date, ended: dt.date | None, expected: bool | None) -> None:
    assert classify.is_overdue_at(day, due, ended) == expected


def _random_dossiers(province: Any, catalogue: Any, n: int, seed: int) -> None:
    rnd = random.Random(seed)
    units = [province.snv, province.commune, province.stc]
    procs = list(catalogue.values())
    start = at(2025, 1, 1, 8)
    for _i in range(n):
        received = start + dt.timedelta(days=rnd.randint(0, 200), hours=rnd.randint(0, 9))
        due = received + dt.timedelta(days=rnd.randint(0, 20))
        extended = due + dt.timedelta(days=rnd.randint(1, 10)) if rnd.random() < 0.1 else None
        ended = None
        outcome = ""
        if rnd.random() < 0.8:
            ended = received + dt.timedelta(days=rnd.randint(0, 35), hours=rnd.randint(0, 5))
            outcome = rnd.choice(["resolved"] * 6 + ["refused", "returned", "withdrawn", "transferred"])
        dossier(
            unit=rnd.choice(units),
            proc=rnd.choice(procs),
            received=received,
            due=due,
            ended=ended,
            outcome=outcome,
            extended=extended,
            channel=rnd.choice(["online", "direct", "postal"]),
            digitised=rnd.random() < 0.5,
            paid_online=rnd.random() < 0.2,
            electronic_result=rnd.random() < 0.4,
            rating=rnd.choice([None, 1, 3, 4, 5]),
        )
    summaries.refresh()


PERIODS = [
    (D(2025, 3, 1), D(2025, 3, 31)),  # a month: monthly table only
    (D(2025, 3, 10), D(2025, 3, 20)),  # inside a month: daily table only
    (D(2025, 2, 15), D(2025, 5, 14)),  # partial + whole + partial months
    (D(2025, 3, 15), D(2025, 4, 14)),  # two partial months
    (D(2024, 12, 15), D(2025, 6, 14)),  # PAR 6-month window, starting before the data
    (D(2025, 1, 1), D(2025, 12, 31)),
]


@pytest.mark.parametrize("seed", [1, 2])
def test_summaries_match_a_raw_count(province: Any, catalogue: Any, seed: int) -> None:
    _random_dossiers(province, catalogue, 300, seed)
    for start, end in PERIODS:
        for unit in (province.snv, province.commune, province.stc):
            got = report(Selection(q=Q(unit=unit), group_by="total"), start, end)
            raw = report_raw(Dossier.objects.filter(unit=unit), start, end)
            assert (got.get(None) or type(raw)()) == raw, (start, end, unit)
        everything = report_raw(Dossier.objects.all(), start, end)
        by_unit = report(Selection(), start, end)
        assert total(by_unit.values()) == everything
        by_field = report(Selection(group_by="field"), start, end)
        assert total(by_field.values()) == everything


def test_identities_across_consecutive_periods(province: Any, catalogue: Any) -> None:
    _random_dossiers(province, catalogue, 300, 3)
    months = [period_for("month", 2025, m) for m in range(1, 10)]
    previous = None
    for p in months:
        figures = report(Selection(), p.start, p.end)
        for f in figures.values():
            assert (
                f.carried_over + f.received == f.resolved + f.pending + f.returned_withdrawn + f.transferred
            )
            assert f.unaccounted == 0
        if previous is not None:
            for key in set(previous) | set(figures):
                before = previous.get(key)
                after = figures.get(key)
                assert (before.pending if before else 0) == (after.carried_over if after else 0)
        previous = figures


def test_report_by_field_and_rates(province: Any, catalogue: Any) -> None:
    hs = catalogue["MAU.HT.01"]
    dossier(unit=province.commune, proc=hs, received=at(2025, 3, 3), due=at(2025, 3, 6), ended=at(2025, 3, 5))
    dossier(
        unit=province.commune, proc=hs, received=at(2025, 3, 3), due=at(2025, 3, 6), ended=at(2025, 3, 6, 16)
    )
    dossier(unit=province.commune, proc=hs, received=at(2025, 3, 3), due=at(2025, 3, 6), ended=at(2025, 3, 7))
    dossier(unit=province.commune, proc=hs, received=at(2025, 3, 3), due=at(2025, 3, 6), channel="direct")
    summaries.refresh()
    f = report(Selection(group_by="field"), D(2025, 3, 1), D(2025, 3, 31))["Hộ tịch"]
    assert (f.early, f.on_time, f.late, f.pending_overdue, f.pending_within) == (1, 1, 1, 1, 0)
    assert str(f.on_time_rate) == "66.67"  # 2/3, half-up
    assert str(f.online_rate) == "75.00"
    assert str(f.full_online_rate) == "75.00"
    assert f.digitisation_rate is not None
    # At 5 March the open dossiers are still within the deadline.
    g = report(Selection(group_by="total"), D(2025, 3, 1), D(2025, 3, 5))[None]
    assert (g.resolved, g.pending_within, g.pending_overdue) == (1, 3, 0)


@pytest.mark.parametrize(
    ("kind", "year", "number", "start", "end"),
    [
        ("month", 2025, 2, D(2025, 2, 1), D(2025, 2, 28)),
        ("quarter", 2025, 2, D(2025, 4, 1), D(2025, 6, 30)),
        ("half", 2025, 2, D(2025, 7, 1), D(2025, 12, 31)),
        ("year", 2024, 1, D(2024, 1, 1), D(2024, 12, 31)),
        ("par_q1", 2025, 1, D(2024, 12, 15), D(2025, 3, 14)),
        ("par_h1", 2025, 1, D(2024, 12, 15), D(2025, 6, 14)),
        ("par_q3", 2025, 1, D(2025, 6, 15), D(2025, 9, 14)),
        ("par_year", 2025, 1, D(2024, 12, 15), D(2025, 12, 14)),
    ],
)
def test_periods(kind: str, year: int, number: int, start: dt.date, end: dt.date) -> None:
    p = period_for(kind, year, number)
    assert (p.start, p.end) == (start, end)


@pytest.mark.parametrize(
    ("today", "end", "planned"),
    [
        (D(2026, 12, 2), D(2026, 12, 2), D(2026, 12, 31)),  # running: counted up to today
        (D(2026, 12, 1), D(2026, 12, 1), D(2026, 12, 31)),  # first day
        (D(2026, 12, 31), D(2026, 12, 31), None),  # last day: the period is complete today
        (D(2027, 1, 5), D(2026, 12, 31), None),  # ended
        (D(2026, 11, 30), D(2026, 12, 31), None),  # not started: nothing to cut
    ],
)
def test_a_running_period_stops_at_today(today: dt.date, end: dt.date, planned: dt.date | None) -> None:
    p = period_for("month", 2026, 12).until(today)
    assert (p.start, p.end, p.planned_end) == (D(2026, 12, 1), end, planned)
