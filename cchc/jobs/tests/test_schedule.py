"""Daily jobs: registry, once per day, failures recorded and retried, --date/--only, the loop."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from cchc.jobs import schedule
from cchc.jobs.schedule import Outcome, daily, run_daily
from cchc.notifications.models import ScheduledRun

pytestmark = pytest.mark.django_db

CALLS: list[tuple[str, dt.date]] = []
FAIL: dict[str, int] = {}  # job name → how many more times it fails


@pytest.fixture(autouse=True)
def registry(monkeypatch):
    """Only the jobs of these tests, whatever the apps register."""
    monkeypatch.setattr(schedule, "_DAILY", {})
    monkeypatch.setattr(schedule, "autodiscover", lambda: None)
    CALLS.clear()
    FAIL.clear()

    for name in ("test.alpha", "test.beta"):

        def job(today, name=name):
            CALLS.append((name, today))
            if FAIL.get(name, 0) > 0:
                FAIL[name] -= 1
                raise RuntimeError(f"{name} hỏng")
            return f"{name} xong {today:%d/%m/%Y}"

        daily(name)(job)


def statuses(outcomes):
    return {o.name: o.status for o in outcomes}


# 2026-11-23 00:30 in Ho Chi Minh City is still 22/11 in UTC: "today" is the local day.
@time_machine.travel(dt.datetime(2026, 11, 22, 17, 30, tzinfo=dt.UTC), tick=False)
def test_today_is_the_local_day():
    assert timezone.localdate() == dt.date(2026, 11, 23)
    run_daily()
    assert set(ScheduledRun.objects.values_list("day", flat=True)) == {dt.date(2026, 11, 23)}


@time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC), tick=False)
def test_each_job_runs_once_per_day():
    first = run_daily()
    second = run_daily()
    assert statuses(first) == {"test.alpha": Outcome.OK, "test.beta": Outcome.OK}
    assert statuses(second) == {"test.alpha": Outcome.DONE, "test.beta": Outcome.DONE}
    assert [("test.alpha", dt.date(2026, 11, 23)), ("test.beta", dt.date(2026, 11, 23))] == CALLS
    run = ScheduledRun.objects.get(name="test.alpha")
    assert (run.ok, run.attempts, run.summary) == (True, 1, "test.alpha xong 23/11/2026")
    assert run.started_at and run.finished_at


def test_the_next_day_runs_again():
    with time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC), tick=False):
        run_daily()
    with time_machine.travel(dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC), tick=False):
        run_daily()
    assert [d for _n, d in CALLS] == [dt.date(2026, 11, 23)] * 2 + [dt.date(2026, 11, 24)] * 2


def test_a_failure_is_recorded_does_not_stop_the_others_and_is_retried_that_day():
    FAIL["test.alpha"] = 1
    day = dt.date(2026, 11, 23)
    first = run_daily(day=day)
    assert statuses(first) == {"test.alpha": Outcome.FAILED, "test.beta": Outcome.OK}
    assert first[0].error == "test.alpha hỏng"
    failed = ScheduledRun.objects.get(name="test.alpha")
    assert not failed.ok and "RuntimeError: test.alpha hỏng" in failed.error and failed.finished_at
    second = run_daily(day=day)
    assert statuses(second) == {"test.alpha": Outcome.OK, "test.beta": Outcome.DONE}
    retried = ScheduledRun.objects.get(name="test.alpha")
    assert (retried.ok, retried.attempts, retried.error) == (True, 2, "")
    assert [n for n, _d in CALLS] == ["test.alpha", "test.beta", "test.alpha"]


def test_a_failed_job_leaves_none_of_its_writes(personas):
    from cchc.notifications.models import Notification
    from cchc.notifications.services import notify

    @daily("test.half")
    def half(today):
        notify(recipients=[personas.dept_officer], key="half", title="Nửa chừng")
        raise RuntimeError("giữa chừng")

    run_daily(day=dt.date(2026, 11, 23), only=["test.half"])
    assert not Notification.objects.exists()


def test_a_job_running_elsewhere_is_skipped_but_a_stale_one_is_taken_over():
    now = timezone.now()
    ScheduledRun.objects.create(name="test.alpha", day=dt.date(2026, 11, 23), started_at=now, attempts=1)
    assert statuses(run_daily(day=dt.date(2026, 11, 23)))["test.alpha"] == Outcome.BUSY
    ScheduledRun.objects.filter(name="test.alpha").update(started_at=now - dt.timedelta(hours=3))
    assert statuses(run_daily(day=dt.date(2026, 11, 23)))["test.alpha"] == Outcome.OK
    assert ScheduledRun.objects.get(name="test.alpha").attempts == 2


def test_a_claim_lost_to_another_runner_is_skipped(monkeypatch):
    """Two runners see the same failed row; only the one whose conditional update matches runs."""
    ScheduledRun.objects.create(
        name="test.alpha",
        day=dt.date(2026, 11, 23),
        started_at=timezone.now(),
        finished_at=timezone.now(),
        attempts=1,
    )
    real_filter = ScheduledRun.objects.filter

    def racing_filter(*args, **kwargs):
        if "attempts" in kwargs:  # the other runner bumped the version first
            ScheduledRun.objects.filter(name="test.alpha").update(attempts=2)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(ScheduledRun.objects, "filter", racing_filter)
    assert statuses(run_daily(day=dt.date(2026, 11, 23), only=["test.alpha"])) == {"test.alpha": Outcome.BUSY}
    assert CALLS == []


def test_only_runs_the_named_job_and_unknown_names_are_refused():
    assert statuses(run_daily(day=dt.date(2026, 11, 23), only=["test.beta"])) == {"test.beta": Outcome.OK}
    with pytest.raises(KeyError):
        run_daily(only=["test.nope"])


def test_the_job_runs_in_the_site_language():
    from django.utils import translation

    seen = []
    daily("test.lang")(lambda today: seen.append(translation.get_language()) or "")
    with translation.override("en"):
        run_daily(day=dt.date(2026, 11, 23), only=["test.lang"])
    assert seen == ["vi"]


class TestCommands:
    def test_run_daily_with_date_and_only(self):
        out = StringIO()
        call_command("run_daily", "--date", "2026-11-20", "--only", "test.alpha", stdout=out)
        assert [("test.alpha", dt.date(2026, 11, 20))] == CALLS
        assert "test.alpha: ok — test.alpha xong 20/11/2026" in out.getvalue()
        out = StringIO()
        call_command("run_daily", "--date", "2026-11-20", "--only", "test.alpha", stdout=out)
        assert "already done" in out.getvalue()

    @time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC), tick=False)
    def test_run_daily_defaults_to_today_and_fails_loudly(self):
        FAIL["test.beta"] = 1
        err = StringIO()
        with pytest.raises(CommandError, match=r"Failed: test\.beta"):
            call_command("run_daily", stdout=StringIO(), stderr=err)
        assert "test.beta: FAILED — test.beta hỏng" in err.getvalue()
        assert {d for _n, d in CALLS} == {dt.date(2026, 11, 23)}

    @pytest.mark.parametrize(
        ("args", "message"),
        [(["--date", "23/11/2026"], "YYYY-MM-DD"), (["--only", "test.nope"], "Unknown daily job: test.nope")],
    )
    def test_run_daily_refuses_bad_arguments(self, args, message):
        with pytest.raises(CommandError, match=message):
            call_command("run_daily", *args)

    def test_run_daily_lists_the_jobs(self):
        out = StringIO()
        call_command("run_daily", "--list", stdout=out)
        assert out.getvalue().split() == ["test.alpha", "test.beta"]
        assert CALLS == []

    @pytest.mark.django_db(transaction=True)
    @time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC), tick=False)
    def test_scheduler_loops_and_runs_each_job_once_per_day(self):
        out = StringIO()
        call_command("scheduler", "--every", "1", "--iterations", "2", stdout=out)
        assert sorted(CALLS) == [("test.alpha", dt.date(2026, 11, 23)), ("test.beta", dt.date(2026, 11, 23))]
        assert "Scheduler stopped." in out.getvalue()


def test_discovery_finds_the_apps_scheduled_modules(monkeypatch):
    monkeypatch.undo()  # the real registry and discovery
    assert "notifications.purge" in schedule.daily_jobs()
