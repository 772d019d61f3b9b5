"""`manage.py scheduler [--every SECONDS]`: a long-running loop for the daily jobs.

Every N seconds it runs `run_daily` for today (site time zone). A job runs once per day however
often the loop wakes up, so a short period only means that a failed job is retried sooner and
that the jobs start soon after midnight. Stop it with SIGTERM or Ctrl+C; it finishes the job
it is running first.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from cchc.jobs.management.commands.run_daily import report
from cchc.jobs.schedule import run_daily


class Command(BaseCommand):
    help = "Run the daily jobs for today every N seconds, until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=900, help="seconds between runs (default 900)")
        parser.add_argument(
            "--iterations", type=int, default=0, help="stop after N runs (0: never; for tests)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = max(1, options["every"])
        stop = threading.Event()

        def _stop(signum: int, frame: Any) -> None:
            stop.set()

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _stop)
            signal.signal(signal.SIGINT, _stop)
        self.stdout.write(f"Scheduler started: daily jobs checked every {every} s.")
        done = 0
        while not stop.is_set():
            close_old_connections()  # a database restart must not kill the loop for good
            try:
                outcomes = run_daily(day=timezone.localdate())
                report(self, [o for o in outcomes if o.status in ("ok", "failed")])
            except Exception as exc:  # e.g. the database is down: try again next time
                self.stderr.write(f"Scheduler run failed: {exc!r}")
            finally:
                close_old_connections()
            done += 1
            if options["iterations"] and done >= options["iterations"]:
                break
            stop.wait(every)
        self.stdout.write("Scheduler stopped.")
