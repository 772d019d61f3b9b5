"""`manage.py run_daily [--date YYYY-MM-DD] [--only NAME]`: run the daily jobs once (cron-friendly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cchc.jobs.schedule import Outcome, daily_jobs, run_daily


def parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date expects YYYY-MM-DD, got {value!r}") from None


class Command(BaseCommand):
    help = (
        "Run every registered daily job that has not yet succeeded for the day "
        "(default: today in the site's time zone). Exit status 1 when a job failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", dest="day", help="the day to run for, YYYY-MM-DD (default: today)")
        parser.add_argument("--only", action="append", metavar="NAME", help="run only this job (repeatable)")
        parser.add_argument("--list", action="store_true", help="list the registered daily jobs and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for name in sorted(daily_jobs()):
                self.stdout.write(name)
            return
        day = parse_day(options["day"]) if options["day"] else None
        try:
            outcomes = run_daily(day=day, only=options["only"])
        except KeyError as exc:
            known = ", ".join(sorted(daily_jobs())) or "none"
            raise CommandError(f"Unknown daily job: {exc.args[0]} (registered: {known})") from None
        report(self, outcomes)
        failed = [o.name for o in outcomes if o.status == Outcome.FAILED]
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}")


def report(command: BaseCommand, outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        if outcome.status == Outcome.OK:
            command.stdout.write(command.style.SUCCESS(f"{outcome.name}: ok — {outcome.summary}"))
        elif outcome.status == Outcome.FAILED:
            command.stderr.write(command.style.ERROR(f"{outcome.name}: FAILED — {outcome.error}"))
        elif outcome.status == Outcome.DONE:
            command.stdout.write(f"{outcome.name}: already done for this day")
        else:
            command.stdout.write(f"{outcome.name}: running elsewhere, skipped")
