"""Regression tests of two counting bugs found in review.

1. Two reports on the same day: the one entered last says where the task is (the selector used
   to hand them newest-first, and the stable sort by date then kept the older one as "latest").
2. A task written into a draft plan counts from the plan year's first day; it used to count from
   the day it was typed in, so a 2025 plan entered (or imported) in 2026 had no task in any 2025
   period, and a plan entered in May had none in the first-quarter report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from cchc.plans import periods, reports, selectors, services, stats
from cchc.plans.models import Task
from cchc.plans.stats import Report, TaskRow
from cchc.plans.tests import factories as f

D = dt.date
Q1 = periods.period("q1", 2025)


@pytest.mark.parametrize("order", [(1, 2), (2, 1)])
def test_same_day_reports_latest_entered_wins(order: tuple[int, int]) -> None:
    first = Report(D(2025, 3, 1), "not_started", counts=False, percent=0, seq=1)
    second = Report(D(2025, 3, 1), "in_progress", counts=False, percent=30, seq=2)
    given = [first, second] if order == (1, 2) else [second, first]
    result = stats.classify(TaskRow(1, D(2025, 6, 30), reports=given), Q1)
    assert (result.bucket, result.percent) == (stats.IN_PROGRESS, 30)


@pytest.mark.django_db
def test_same_day_reports_through_the_database(province: Any, personas: Any) -> None:
    plan = f.plan(province, year=2025)
    task = f.task(plan, province.snv, deadline=D(2025, 12, 31))
    f.approve(plan)
    services.update_create(
        actor=personas.dept_officer,
        task=task,
        status="in_progress",
        percent=20,
        text="a",
        reported_on=D(2025, 3, 2),
    )
    services.update_create(
        actor=personas.dept_officer,
        task=task,
        status="not_done",
        reason="Hết kinh phí",
        text="b",
        reported_on=D(2025, 3, 2),
    )
    row = selectors.task_rows(Task.objects.filter(pk=task.pk))[0]
    assert stats.classify(row, Q1).bucket == stats.NOT_DONE


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 2, 10, 9, 0), tick=False)
def test_last_years_plan_entered_late_counts_in_its_own_periods(province: Any) -> None:
    plan = services.plan_create(actor=None, issuing_unit=province.province, year=2025, title="KH CCHC 2025")
    task = services.task_create(
        actor=None,
        plan=plan,
        area=f.area(),
        title="Rà soát TTHC",
        lead_unit=province.snv,
        deadline=D(2025, 3, 1),
    )
    assert task.added_on == D(2025, 1, 1)
    services.plan_approve(actor=None, plan=plan)
    result = reports.statistics(Task.objects.filter(plan=plan), Q1)
    assert (result.summary.total, result.summary.overdue) == (1, 1)
    # Added after approval: a change to the plan, counted from the day it is added.
    late = services.task_create(
        actor=None,
        plan=plan,
        area=f.area(),
        title="Nhiệm vụ bổ sung",
        lead_unit=province.snv,
        deadline=D(2025, 12, 31),
    )
    assert late.added_on == D(2026, 2, 10)
    assert reports.statistics(Task.objects.filter(plan=plan), periods.period("year", 2025)).summary.total == 1


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 20, 9, 0), tick=False)
def test_next_years_draft_written_in_december(province: Any) -> None:
    plan = services.plan_create(actor=None, issuing_unit=province.province, year=2027, title="KH CCHC 2027")
    task = services.task_create(
        actor=None, plan=plan, area=f.area(), title="Rà soát", lead_unit=province.snv, deadline=D(2027, 6, 30)
    )
    assert task.added_on == D(2026, 12, 20)  # never later than the day it was written


def test_completion_awaiting_review_is_in_progress_but_flagged() -> None:
    waiting = Report(D(2025, 2, 1), "completed", counts=False, completed_on=D(2025, 2, 1), pending=True)
    returned = Report(D(2025, 2, 1), "completed", counts=False, completed_on=D(2025, 2, 1), pending=False)
    row = TaskRow(1, D(2025, 6, 30), reports=[waiting])
    assert stats.classify(row, Q1) == stats.Classified(stats.IN_PROGRESS, percent=None, awaiting_review=True)
    assert not stats.classify(TaskRow(1, D(2025, 6, 30), reports=[returned]), Q1).awaiting_review
    later = Report(D(2025, 3, 1), "in_progress", counts=False, percent=70, seq=2)
    assert not stats.classify(TaskRow(1, D(2025, 6, 30), reports=[waiting, later]), Q1).awaiting_review


# 3. Recurring tasks: a period's report is written after the period ends, and the PAR window is
#    the cut-off of the same report as its calendar period. The old rule ignored a quarter I report
#    sent on 05/04 for quarter I, and never counted recurring tasks in the PAR reporting windows.


def _tagged(
    key: str, year: int, reported_on: dt.date, counts: bool = True, status: str = "completed"
) -> Report:
    p = periods.period(key, year)
    return Report(
        reported_on=reported_on,
        status=status,
        counts=counts,
        completed_on=reported_on if status.startswith("completed") else None,
        period=(p.start, p.end),
        period_key=key,
    )


@pytest.mark.parametrize(
    ("report", "period", "bucket"),
    [
        (("q1", D(2025, 4, 5)), "q1", stats.COMPLETED_ON_TIME),  # sent after the quarter: still Q1's
        (("q1", D(2025, 4, 5)), "par_q1", stats.COMPLETED_ON_TIME),  # the same report, PAR cut-off
        (("par_q1", D(2025, 3, 16)), "q1", stats.COMPLETED_ON_TIME),
        (("h1", D(2025, 6, 30)), "par_h1", stats.COMPLETED_ON_TIME),
        (("q3", D(2025, 9, 30)), "par_q3", stats.COMPLETED_ON_TIME),
        (("year", D(2026, 1, 8)), "par_year", stats.COMPLETED_ON_TIME),
        (("q1", D(2025, 4, 5)), "h1", stats.NOT_STARTED),  # a quarter does not make the half-year
        (("q1", D(2025, 4, 5)), "q2", stats.NOT_STARTED),
        (("h1", D(2025, 6, 30)), "par_q1", stats.NOT_STARTED),
        (("m9", D(2025, 9, 30)), "par_q3", stats.NOT_STARTED),  # 9 months is not quarter III
        (("year", D(2025, 12, 20)), "year", stats.COMPLETED_ON_TIME),
    ],
)
def test_recurring_report_for_its_period(report: tuple[str, dt.date], period: str, bucket: str) -> None:
    row = TaskRow(1, D(2025, 12, 31), recurring=True, reports=[_tagged(report[0], 2025, report[1])])
    assert stats.classify(row, periods.period(period, 2025)).bucket == bucket


def test_recurring_report_of_another_year_does_not_count() -> None:
    row = TaskRow(1, D(2025, 12, 31), recurring=True, reports=[_tagged("q1", 2024, D(2024, 4, 5))])
    assert stats.classify(row, periods.period("par_q1", 2025)).bucket == stats.NOT_STARTED


def test_recurring_in_progress_and_returned_for_the_window() -> None:
    reports_ = [
        _tagged("h1", 2025, D(2025, 6, 20), counts=False, status="in_progress"),
        _tagged("h1", 2025, D(2025, 6, 30), counts=False),  # completion returned
    ]
    row = TaskRow(1, D(2025, 12, 31), recurring=True, reports=reports_)
    result = stats.classify(row, periods.period("par_h1", 2025))
    assert (result.bucket, result.overdue, result.awaiting_review) == (stats.IN_PROGRESS, False, False)


@pytest.mark.django_db
def test_recurring_task_in_the_par_window_through_the_database(province: Any, personas: Any) -> None:
    plan = f.plan(province, year=2025)
    task = f.task(plan, province.snv, deadline_kind="recurring")
    f.approve(plan)
    update = services.update_create(
        actor=personas.dept_officer,
        task=task,
        status="completed",
        text="Đã thực hiện trong 6 tháng",
        reported_on=D(2025, 7, 3),
        period_key="h1",
    )
    services.update_review(actor=personas.province_admin, update=update, accept=True)
    tasks = Task.objects.filter(pk=task.pk)
    assert reports.statistics(tasks, periods.period("par_h1", 2025)).summary.completed == 1
    assert reports.statistics(tasks, periods.period("h1", 2025)).summary.completed == 1
    assert reports.statistics(tasks, periods.period("year", 2025)).summary.completed == 0


# 4. The plan page's cards counted the period from 15/12 to today, in which no recurring task can
#    be completed, while the rows under them showed recurring tasks completed for their latest
#    period: "Completed 1" above three green rows. The cards now count the states the rows show.


@pytest.mark.django_db
def test_plan_page_cards_count_what_the_rows_show(province: Any, personas: Any, client_for: Any) -> None:
    from django.urls import reverse

    plan = f.plan(province, year=2025)
    recurring = f.task(plan, province.snv, deadline_kind="recurring")
    f.task(plan, province.snv, title="Nhiệm vụ chưa làm", deadline=D(2025, 5, 1))
    f.approve(plan)
    update = services.update_create(
        actor=personas.dept_officer,
        task=recurring,
        status="completed",
        text="Quý I",
        reported_on=D(2025, 4, 3),
        period_key="q1",
    )
    services.update_review(actor=personas.province_admin, update=update, accept=True)
    response = client_for(personas.province_admin).get(reverse("plans:detail", args=[plan.pk]))
    summary = response.context["summary"]
    shown = [state for _area, items in response.context["groups"] for _task, state in items]
    assert [s.bucket for s in shown] == [stats.COMPLETED_ON_TIME, stats.NOT_STARTED]
    assert (summary.total, summary.completed, summary.not_started, summary.overdue) == (2, 1, 1, 1)
