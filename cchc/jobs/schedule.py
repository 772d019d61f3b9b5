"""Daily jobs: a registry and the runner behind `manage.py run_daily` and `manage.py scheduler`.

An app declares its daily jobs in `<app>/scheduled.py`:

    from cchc.jobs.schedule import daily

    @daily("plans.reminders")
    def reminders(today: datetime.date) -> str:
        ...
        return "12 nhắc hạn, 2 báo cáo vượt cấp"   # one-line summary, kept on the ScheduledRun

`run_daily(day=…)` runs every registered job that has not yet succeeded for that day. Each job
claims its `ScheduledRun(name, day)` row first (unique together), so two schedulers, or the
scheduler and a manual run, never run the same job twice for a day. A job runs in one transaction
together with its success mark, so e-mails queued with `transaction.on_commit` (see
`cchc.notifications.services.notify`) go out only if the job succeeded. A failed job keeps its
error and is retried by the next run of that day; it does not stop the other jobs.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from cchc.notifications.models import ScheduledRun

log = logging.getLogger(__name__)

DailyJob = Callable[[dt.date], str]

_DAILY: dict[str, DailyJob] = {}

# A claimed run that has not finished after this long was interrupted (process killed, server
# restarted); another runner may take it over. Daily jobs take seconds to minutes.
STALE_AFTER = dt.timedelta(hours=2)


def daily(name: str) -> Callable[[DailyJob], DailyJob]:
    """Register `func(today) -> summary` as the daily job `name` ("<app>.<what>")."""

    def register(func: DailyJob) -> DailyJob:
        if name in _DAILY and _DAILY[name] is not func:
            log.warning("Daily job %s registered twice; the later one wins", name)
        _DAILY[name] = func
        return func

    return register


def autodiscover() -> None:
    """Import `<app>.scheduled` of every CCHC app so that their `@daily` jobs are registered."""
    for config in apps.get_app_configs():
        if config.name.startswith("cchc."):
            try:
                import_module(f"{config.name}.scheduled")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.scheduled":
                    raise


def daily_jobs() -> dict[str, DailyJob]:
    """Every registered daily job by name."""
    autodiscover()
    return dict(_DAILY)


@dataclass(frozen=True)
class Outcome:
    """What happened to one daily job in one run."""

    OK = "ok"
    FAILED = "failed"
    DONE = "done"  # succeeded earlier that day: skipped
    BUSY = "busy"  # another runner is running it right now: skipped

    name: str
    status: str
    summary: str = ""
    error: str = ""


def run_daily(*, day: dt.date | None = None, only: Iterable[str] | None = None) -> list[Outcome]:
    """Run every daily job (or those named in `only`) that has not yet succeeded for `day`
    (default: today in the site's time zone). Raises KeyError for an unknown name in `only`."""
    day = day or timezone.localdate()
    jobs = daily_jobs()
    names = sorted(jobs)
    if only is not None:
        wanted = list(dict.fromkeys(only))
        unknown = [n for n in wanted if n not in jobs]
        if unknown:
            raise KeyError(", ".join(unknown))
        names = wanted
    return [_run_one(name, jobs[name], day) for name in names]


def _claim(name: str, day: dt.date) -> tuple[ScheduledRun | None, str]:
    """The ScheduledRun row now owned by this runner, or None and the reason to skip."""
    now = timezone.now()
    run, created = ScheduledRun.objects.get_or_create(
        name=name, day=day, defaults={"started_at": now, "attempts": 1}
    )
    if created:
        return run, ""
    if run.ok:
        return None, Outcome.DONE
    if run.finished_at is None and run.started_at and run.started_at > now - STALE_AFTER:
        return None, Outcome.BUSY
    # A failed (or interrupted) run: take it over, unless another runner just did (attempts is
    # the row's version: only one conditional update can match it).
    taken = ScheduledRun.objects.filter(pk=run.pk, ok=False, attempts=run.attempts).update(
        started_at=now, finished_at=None, error="", attempts=F("attempts") + 1
    )
    if not taken:
        return None, Outcome.BUSY
    run.refresh_from_db()
    return run, ""


def _run_one(name: str, func: DailyJob, day: dt.date) -> Outcome:
    run, skip = _claim(name, day)
    if run is None:
        return Outcome(name, skip)
    try:
        # Stored texts (notification titles, summaries) are in the site's language, whoever runs it.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            summary = str(func(day) or "")[:500]
            ScheduledRun.objects.filter(pk=run.pk).update(
                ok=True, finished_at=timezone.now(), summary=summary, error=""
            )
    except Exception as exc:
        log.exception("Daily job %s for %s failed", name, day.isoformat())
        ScheduledRun.objects.filter(pk=run.pk).update(
            ok=False, finished_at=timezone.now(), summary="", error=traceback.format_exc()[-5000:]
        )
        return Outcome(name, Outcome.FAILED, error=str(exc) or exc.__class__.__name__)
    return Outcome(name, Outcome.OK, summary=summary)
