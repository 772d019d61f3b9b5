"""The statistics engine and the period windows: pure functions, table-driven."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.core.formatting import percent
from cchc.plans import periods, stats
from cchc.plans.stats import Report, TaskRow

D = dt.date


@pytest.mark.parametrize(
    ("key", "year", "start", "end"),
    [
        ("q1", 2025, D(2025, 1, 1), D(2025, 3, 31)),
        ("q2", 2025, D(2025, 4, 1), D(2025, 6, 30)),
        ("q4", 2025, D(2025, 10, 1), D(2025, 12, 31)),
        ("h1", 2025, D(2025, 1, 1), D(2025, 6, 30)),
        ("m9", 2025, D(2025, 1, 1), D(2025, 9, 30)),
        ("year", 2024, D(2024, 1, 1), D(2024, 12, 31)),
        ("par_q1", 2025, D(2024, 12, 15), D(2025, 3, 14)),
        ("par_h1", 2025, D(2024, 12, 15), D(2025, 6, 14)),
        ("par_q3", 2025, D(2025, 6, 15), D(2025, 9, 14)),
        ("par_year", 2025, D(2024, 12, 15), D(2025, 12, 14)),
        ("par_q1", 2024, D(2023, 12, 15), D(2024, 3, 14)),  # across a leap year
    ],
)
def test_period_windows(key: str, year: int, start: dt.date, end: dt.date) -> None:
    p = periods.period(key, year)
    assert (p.start, p.end) == (start, end)
    assert p.contains(start) and p.contains(end)
    assert not p.contains(start - dt.timedelta(days=1)) and not p.contains(end + dt.timedelta(days=1))


def test_unknown_period_and_custom() -> None:
    with pytest.raises(KeyError):
        periods.period("q5", 2025)
    with pytest.raises(ValueError):
        periods.custom(D(2025, 2, 1), D(2025, 1, 1))
    assert periods.quarter_end(2024, 1) == D(2024, 3, 31)
    assert [periods.quarter_of(D(2025, m, 1)) for m in (1, 3, 4, 7, 12)] == [1, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("done", "total", "value", "text"),
    [
        (2, 3, Decimal("66.67"), "hoàn thành 2/3 nhiệm vụ, chiếm 66,67%"),
        (1, 3, Decimal("33.33"), "hoàn thành 1/3 nhiệm vụ, chiếm 33,33%"),
        (1, 8, Decimal("12.50"), "hoàn thành 1/8 nhiệm vụ, chiếm 12,50%"),
        (1, 200, Decimal("0.50"), "hoàn thành 1/200 nhiệm vụ, chiếm 0,50%"),
        (1, 400, Decimal("0.25"), "hoàn thành 1/400 nhiệm vụ, chiếm 0,25%"),
        (1, 800, Decimal("0.13"), "hoàn thành 1/800 nhiệm vụ, chiếm 0,13%"),  # 0.125 half-up
        (5, 6, Decimal("83.33"), "hoàn thành 5/6 nhiệm vụ, chiếm 83,33%"),
        (14, 31, Decimal("45.16"), "hoàn thành 14/31 nhiệm vụ, chiếm 45,16%"),
        (3, 3, Decimal("100.00"), "hoàn thành 3/3 nhiệm vụ, chiếm 100,00%"),
        (0, 5, Decimal("0.00"), "hoàn thành 0/5 nhiệm vụ, chiếm 0,00%"),
        (0, 0, None, "hoàn thành 0/0 nhiệm vụ"),  # no denominator: no percentage, not 0%
    ],
)
def test_rounding_and_sentence(done: int, total: int, value: Decimal | None, text: str) -> None:
    assert percent(done, total) == value
    assert stats.ratio_sentence(done, total) == text


def test_half_up_not_bankers() -> None:
    # 0.125 → 0.13 and 0.135 → 0.14 (banker's rounding would give 0.12 and 0.14); no float drift.
    assert percent(1, 800) == Decimal("0.13")
    assert percent(27, 20000) == Decimal("0.14")
    assert percent(Decimal("0.1") + Decimal("0.2"), Decimal("0.3")) == Decimal("100.00")


Q1 = periods.period("q1", 2025)
H1 = periods.period("h1", 2025)
YEAR = periods.period("year", 2025)


def done(day: dt.date, counts: bool = True, status: str = "completed", **kw: object) -> Report:
    return Report(
        reported_on=kw.pop("reported_on", day), status=status, counts=counts, completed_on=day, **kw
    )  # type: ignore[arg-type]


def progress(day: dt.date, status: str = "in_progress", **kw: object) -> Report:
    return Report(reported_on=day, status=status, counts=False, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "row", "period", "bucket", "overdue"),
    [
        ("no report, not due", TaskRow(1, D(2025, 6, 30)), Q1, stats.NOT_STARTED, False),
        ("no report, past due", TaskRow(1, D(2025, 3, 1)), Q1, stats.NOT_STARTED, True),
        ("due on the last day is not overdue", TaskRow(1, D(2025, 3, 31)), Q1, stats.NOT_STARTED, False),
        (
            "in progress",
            TaskRow(1, D(2025, 6, 30), reports=[progress(D(2025, 2, 1))]),
            Q1,
            stats.IN_PROGRESS,
            False,
        ),
        (
            "accepted on time",
            TaskRow(1, D(2025, 3, 1), reports=[done(D(2025, 2, 1))]),
            Q1,
            stats.COMPLETED_ON_TIME,
            False,
        ),
        (
            "accepted late",
            TaskRow(1, D(2025, 2, 1), reports=[done(D(2025, 3, 1))]),
            Q1,
            stats.COMPLETED_LATE,
            False,
        ),
        (
            "reported late status",
            TaskRow(1, D(2025, 6, 1), reports=[done(D(2025, 3, 1), status="completed_late")]),
            Q1,
            stats.COMPLETED_LATE,
            False,
        ),
        (
            "completed on the deadline is on time",
            TaskRow(1, D(2025, 3, 1), reports=[done(D(2025, 3, 1))]),
            Q1,
            stats.COMPLETED_ON_TIME,
            False,
        ),
        (
            "completion not accepted yet",
            TaskRow(1, D(2025, 3, 1), reports=[done(D(2025, 2, 1), counts=False)]),
            Q1,
            stats.IN_PROGRESS,
            True,
        ),
        (
            "completed after the period",
            TaskRow(1, D(2025, 6, 1), reports=[done(D(2025, 4, 2))]),
            Q1,
            stats.NOT_STARTED,
            False,
        ),
        (
            "report after the period is ignored",
            TaskRow(1, D(2025, 2, 1), reports=[progress(D(2025, 4, 1))]),
            Q1,
            stats.NOT_STARTED,
            True,
        ),
        (
            "not carried out",
            TaskRow(1, D(2025, 3, 1), reports=[progress(D(2025, 3, 2), "not_done")]),
            Q1,
            stats.NOT_DONE,
            True,
        ),
        (
            "cancelled before the end",
            TaskRow(1, D(2025, 3, 1), cancelled_on=D(2025, 3, 10)),
            Q1,
            stats.CANCELLED,
            False,
        ),
        (
            "cancelled after the end",
            TaskRow(1, D(2025, 3, 1), cancelled_on=D(2025, 4, 10)),
            Q1,
            stats.NOT_STARTED,
            True,
        ),
        ("added after the end", TaskRow(1, D(2025, 9, 1), added_on=D(2025, 4, 1)), Q1, stats.EXCLUDED, False),
    ],
)
def test_classify(name: str, row: TaskRow, period: periods.Period, bucket: str, overdue: bool) -> None:
    result = stats.classify(row, period)
    assert (result.bucket, result.overdue) == (bucket, overdue), name


def test_recurring_task_counts_only_for_the_period_reported() -> None:
    q1 = (Q1.start, Q1.end)
    row = TaskRow(1, D(2025, 12, 31), recurring=True, reports=[done(D(2025, 3, 20), period=q1)])
    assert stats.classify(row, Q1).bucket == stats.COMPLETED_ON_TIME
    # The Q1 report does not make the half-year or the year completed.
    assert stats.classify(row, H1).bucket == stats.NOT_STARTED
    assert stats.classify(row, YEAR).bucket == stats.NOT_STARTED
    # Without its key, a report matches only the very same days (the PAR window is other days).
    assert stats.classify(row, periods.period("par_q1", 2025)).bucket == stats.NOT_STARTED
    row.reports.append(done(D(2025, 6, 25), period=(H1.start, H1.end)))
    assert stats.classify(row, H1).bucket == stats.COMPLETED_ON_TIME
    # An unaccepted year report leaves the year in progress, never overdue before 31/12.
    row.reports.append(done(D(2025, 12, 20), counts=False, period=(YEAR.start, YEAR.end)))
    result = stats.classify(row, YEAR)
    assert (result.bucket, result.overdue) == (stats.IN_PROGRESS, False)


def test_summary_counts_and_sentence() -> None:
    rows = [
        TaskRow(1, D(2025, 3, 1), reports=[done(D(2025, 2, 1))], lead_unit_id=1),
        TaskRow(2, D(2025, 2, 1), reports=[done(D(2025, 3, 1))], lead_unit_id=1, weight=Decimal(2)),
        TaskRow(3, D(2025, 3, 1), reports=[progress(D(2025, 3, 2))], lead_unit_id=2),
        TaskRow(4, D(2025, 6, 1), lead_unit_id=2),
        TaskRow(5, D(2025, 3, 1), cancelled_on=D(2025, 1, 20), lead_unit_id=2),
    ]
    s = stats.summarise(rows, Q1)
    assert (s.total, s.completed, s.completed_on_time, s.completed_late) == (4, 2, 1, 1)
    assert (s.in_progress, s.not_started, s.overdue, s.cancelled) == (1, 1, 1, 1)
    assert s.completed_percent == Decimal("50.00")
    assert s.weighted_percent == Decimal("60.00")  # (1 + 2) / (1 + 2 + 1 + 1)
    assert stats.summary_sentence(s) == (
        "hoàn thành 2/4 nhiệm vụ, chiếm 50,00%; trong đó đúng hạn 1, quá hạn 1; "
        "đang thực hiện 1/4 nhiệm vụ, chiếm 25,00%; chưa thực hiện 1/4 nhiệm vụ, chiếm 25,00%; "
        "1 nhiệm vụ quá hạn; 1 nhiệm vụ đã hủy (không tính)."
    )
    by_unit = stats.summarise_by(rows, Q1, lambda r: r.lead_unit_id)
    ordered = [key for key, _s in stats.behind_first(by_unit)]
    assert ordered == [2, 1]  # unit 2 has 0% completed
    assert [r.id for r, _c in stats.overdue_rows(rows, Q1)] == [3]


def test_empty_summary_has_no_percentage() -> None:
    s = stats.summarise([], YEAR)
    assert s.total == 0 and s.completed_percent is None and s.weighted_percent is None
    assert stats.summary_sentence(s).startswith("hoàn thành 0/0 nhiệm vụ;")
