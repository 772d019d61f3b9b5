"""Two processes at once (PostgreSQL: real concurrent transactions on separate connections).

SQLite serialises writers (IMMEDIATE transactions), so the races below cannot happen there.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections, transaction

from cchc.jobs import schedule
from cchc.jobs.schedule import Outcome, daily, run_daily
from cchc.notifications.models import Notification, ScheduledRun
from cchc.notifications.services import notify

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"),
]


def in_threads(*targets: Callable[[], Any]) -> list[Any]:
    results: list[Any] = [None] * len(targets)

    def run(i: int, target: Callable[[], Any]) -> None:
        try:
            results[i] = target()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_two_runners_run_a_daily_job_once(monkeypatch):
    monkeypatch.setattr(schedule, "_DAILY", {})
    monkeypatch.setattr(schedule, "autodiscover", lambda: None)
    calls = []

    @daily("test.slow")
    def slow(today):
        calls.append(today)
        time.sleep(0.5)  # the second runner arrives while the first is still running
        return "xong"

    day = dt.date(2026, 11, 23)
    results = in_threads(lambda: run_daily(day=day), lambda: run_daily(day=day))
    assert len(calls) == 1
    assert sorted(r[0].status for r in results) == sorted([Outcome.OK, Outcome.BUSY])
    assert ScheduledRun.objects.get(name="test.slow").ok


def test_two_concurrent_notify_calls_create_and_mail_once(personas, mailoutbox):
    barrier = threading.Barrier(2)

    def call() -> int:
        with transaction.atomic():
            barrier.wait(5)  # both have started their transaction before either inserts
            created = notify(recipients=[personas.dept_officer], key="race", title="Nhiệm vụ quá hạn")
            time.sleep(0.2)  # hold the row lock a little so that the other one waits on it
            return created

    results = in_threads(call, call)
    assert sorted(results) == [0, 1]
    assert Notification.objects.filter(key="race").count() == 1
    assert len(mailoutbox) == 1
