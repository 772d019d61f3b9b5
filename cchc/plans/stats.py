"""The statistics engine: pure functions over task rows, so every rule is testable without a database.

A `TaskRow` is one countable task (a leaf task: tasks with sub-tasks only group them) with its
history of `Report`s. `classify(row, period)` says what the task was at the end of the period;
`summarise(rows, period)` counts. The counting rules are documented in docs/user-guide/plans.md:

* the denominator ("Y") is every task added on or before the period end and not cancelled by
  then; cancelled tasks are counted apart and never in Y;
* a report *counts* when it was accepted, or when the plan trusts self-reports and it was not
  returned; only counting completion reports make a task completed;
* a task is completed at the period end when a counting completion report has a completion date
  on or before the end; it is late when that date is after the deadline (or the report says
  "completed late");
* a recurring task is completed only when a counting completion report is the report for this
  period: same first and last day, or the same report under its calendar or PAR-window dates
  (quarter I ≡ 15/12–14/3, 6 months ≡ 15/12–14/6, quarter III ≡ 15/6–14/9, year ≡ 15/12–14/12);
  such a report counts whenever it was sent (a period's report is written after it ends);
  otherwise the task is in progress or not started as its period's latest report says;
* reports are taken in the order they were made (report date, then order of entry), so the
  latest of two reports sent on the same day says where the task is;
* a task is overdue at the period end when its deadline is before that day and it is not completed;
  overdue is a flag on top of in progress / not started / not carried out;
* percentages are X/Y × 100 rounded half-up to 2 decimals; with Y = 0 there is no percentage.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cchc.core.formatting import format_vi_number, percent
from cchc.plans.periods import BY_KEY, Period, report_key

COMPLETED_ON_TIME = "completed_on_time"
COMPLETED_LATE = "completed_late"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"
NOT_DONE = "not_done"
CANCELLED = "cancelled"
EXCLUDED = "excluded"  # not yet in the plan at the period end


@dataclass(frozen=True)
class Report:
    """One progress report, reduced to what the counting needs."""

    reported_on: dt.date
    status: str  # TaskStatus value
    counts: bool  # accepted, or trusted and not returned
    completed_on: dt.date | None = None
    period: tuple[dt.date, dt.date] | None = None  # recurring tasks: the period it covers
    percent: int | None = None
    period_key: str = ""  # recurring tasks: the key of that period (periods.SPECS)
    seq: int = 0  # order of entry (the update's id): the later of two reports on one day wins
    pending: bool = False  # awaiting the plan owner's review


@dataclass
class TaskRow:
    id: int
    deadline: dt.date
    recurring: bool = False
    added_on: dt.date = dt.date(2000, 1, 1)
    cancelled_on: dt.date | None = None
    area_id: int | None = None
    lead_unit_id: int | None = None
    weight: Decimal = Decimal(1)
    reports: list[Report] = field(default_factory=list)
    title: str = ""
    number: str = ""
    lead_unit_name: str = ""
    area_name: str = ""


@dataclass(frozen=True)
class Classified:
    bucket: str
    overdue: bool = False
    completed_on: dt.date | None = None
    percent: int | None = None  # last reported percent
    # In progress because the latest report says "completed" but does not count yet (awaiting
    # acceptance): counted as in progress, shown apart so the reviewer sees what is waiting.
    awaiting_review: bool = False


_COMPLETED = {"completed", "completed_late"}


def covers(report: Report, period: Period) -> bool:
    """Whether a recurring task's report is the report for `period`: it names the same days, or
    the same report under its calendar or PAR-window dates (the quarter I report is the one for
    15/12–14/3; see `periods.report_key`) of the same year."""
    if report.period is None:
        return False
    if report.period == (period.start, period.end):
        return True
    return (
        bool(report.period_key)
        and period.key in BY_KEY
        and report_key(report.period_key) == report_key(period.key)
        and report.period[1].year == period.end.year
    )


def _order(report: Report) -> tuple[dt.date, int]:
    return (report.reported_on, report.seq)


def classify(row: TaskRow, period: Period) -> Classified:
    end = period.end
    if row.added_on > end:
        return Classified(EXCLUDED)
    if row.cancelled_on is not None and row.cancelled_on <= end:
        return Classified(CANCELLED)
    if row.recurring:
        # A recurring task starts afresh each period: only the period's own reports say where it
        # is, and they count whenever they were sent (the quarter's report comes after it ends).
        relevant = sorted(
            (
                r
                for r in row.reports
                if covers(r, period) or (r.period is None and period.contains(r.reported_on))
            ),
            key=_order,
        )
        done = [r for r in relevant if r.status in _COMPLETED and r.counts]
    else:
        relevant = sorted((r for r in row.reports if r.reported_on <= end), key=_order)
        done = [
            r
            for r in relevant
            if r.status in _COMPLETED and r.counts and (r.completed_on or r.reported_on) <= end
        ]
    last_percent = next((r.percent for r in reversed(relevant) if r.percent is not None), None)
    if done:
        first = min(done, key=lambda r: r.completed_on or r.reported_on)
        day = first.completed_on or first.reported_on
        late = first.status == "completed_late" or (not row.recurring and day > row.deadline)
        return Classified(COMPLETED_LATE if late else COMPLETED_ON_TIME, completed_on=day, percent=100)
    overdue = row.deadline < end
    latest = relevant[-1] if relevant else None
    if latest is None or latest.status == "not_started":
        return Classified(NOT_STARTED, overdue=overdue, percent=last_percent)
    if latest.status == "not_done":
        return Classified(NOT_DONE, overdue=overdue, percent=last_percent)
    # In progress, or a completion that does not count yet (awaiting acceptance or returned).
    awaiting = latest.status in _COMPLETED and latest.pending
    return Classified(IN_PROGRESS, overdue=overdue, percent=last_percent, awaiting_review=awaiting)


@dataclass
class Summary:
    total: int = 0  # Y: not cancelled
    completed_on_time: int = 0
    completed_late: int = 0
    in_progress: int = 0
    not_started: int = 0
    not_done: int = 0
    overdue: int = 0
    cancelled: int = 0
    weight_total: Decimal = Decimal(0)
    weight_completed: Decimal = Decimal(0)

    @property
    def completed(self) -> int:
        return self.completed_on_time + self.completed_late

    @property
    def completed_percent(self) -> Decimal | None:
        return percent(self.completed, self.total)

    @property
    def on_time_percent(self) -> Decimal | None:
        return percent(self.completed_on_time, self.total)

    @property
    def in_progress_percent(self) -> Decimal | None:
        return percent(self.in_progress, self.total)

    @property
    def not_started_percent(self) -> Decimal | None:
        return percent(self.not_started, self.total)

    @property
    def overdue_percent(self) -> Decimal | None:
        return percent(self.overdue, self.total)

    @property
    def weighted_percent(self) -> Decimal | None:
        return percent(self.weight_completed, self.weight_total)

    def add(self, row: TaskRow, result: Classified) -> None:
        if result.bucket == EXCLUDED:
            return
        if result.bucket == CANCELLED:
            self.cancelled += 1
            return
        self.total += 1
        self.weight_total += row.weight
        setattr(self, result.bucket, getattr(self, result.bucket) + 1)
        if result.bucket in (COMPLETED_ON_TIME, COMPLETED_LATE):
            self.weight_completed += row.weight
        if result.overdue:
            self.overdue += 1

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "completed": self.completed,
            "completed_on_time": self.completed_on_time,
            "completed_late": self.completed_late,
            "in_progress": self.in_progress,
            "not_started": self.not_started,
            "not_done": self.not_done,
            "overdue": self.overdue,
            "cancelled": self.cancelled,
            "completed_percent": self.completed_percent,
            "weighted_percent": self.weighted_percent,
        }


def summarise(rows: Iterable[TaskRow], period: Period) -> Summary:
    summary = Summary()
    for row in rows:
        summary.add(row, classify(row, period))
    return summary


def summarise_by(
    rows: Iterable[TaskRow], period: Period, key: Callable[[TaskRow], Hashable]
) -> dict[Hashable, Summary]:
    """One summary per key (area, lead unit…), in first-seen order."""
    out: dict[Hashable, Summary] = defaultdict(Summary)
    for row in rows:
        out[key(row)].add(row, classify(row, period))
    return dict(out)


def overdue_rows(rows: Iterable[TaskRow], period: Period) -> list[tuple[TaskRow, Classified]]:
    """Tasks overdue at the period end, most overdue first."""
    found = [(row, c) for row in rows if (c := classify(row, period)).overdue]
    return sorted(found, key=lambda pair: (pair[0].deadline, pair[0].id))


def pct_text(value: Decimal | None) -> str:
    """66.67 → "66,67%", 12.5 → "12,50%" (as the `pct` filter shows it); None → ""."""
    if value is None:
        return ""
    return f"{format_vi_number(value, 2)}%"


def ratio_sentence(done: int, total: int, noun: str = "nhiệm vụ", verb: str = "hoàn thành") -> str:
    """ "hoàn thành 2/3 nhiệm vụ, chiếm 66,67%"; without a denominator, no percentage."""
    text = f"{verb} {done}/{total} {noun}"
    value = percent(done, total)
    return f"{text}, chiếm {pct_text(value)}" if value is not None else text


def summary_sentence(summary: Summary, noun: str = "nhiệm vụ") -> str:
    """The sentence quarterly reports use, in Vietnamese (reports are Vietnamese documents)."""
    parts = [ratio_sentence(summary.completed, summary.total, noun)]
    if summary.completed:
        parts.append(f"trong đó đúng hạn {summary.completed_on_time}, quá hạn {summary.completed_late}")
    parts.append(ratio_sentence(summary.in_progress, summary.total, noun, "đang thực hiện"))
    parts.append(ratio_sentence(summary.not_started, summary.total, noun, "chưa thực hiện"))
    if summary.not_done:
        parts.append(ratio_sentence(summary.not_done, summary.total, noun, "không thực hiện"))
    if summary.overdue:
        parts.append(f"{summary.overdue} {noun} quá hạn")
    if summary.cancelled:
        parts.append(f"{summary.cancelled} {noun} đã hủy (không tính)")
    return "; ".join(parts) + "."


def behind_first(summaries: dict[Hashable, Summary]) -> list[tuple[Hashable, Summary]]:
    """Per-unit comparison: units with the lowest completion rate (then most overdue) first."""

    def sort_key(item: tuple[Hashable, Summary]) -> tuple[Decimal, int]:
        rate = item[1].completed_percent
        return (rate if rate is not None else Decimal(101), -item[1].overdue)

    return sorted(summaries.items(), key=sort_key)


def leaves(rows: Sequence[TaskRow], parent_ids: set[int]) -> list[TaskRow]:
    return [r for r in rows if r.id not in parent_ids]
