"""Daily jobs of the plans app (see cchc/jobs/schedule.py)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from cchc.jobs.schedule import daily
from cchc.plans.reminders import task_reminders_send


@daily("plans.reminders")
def send_reminders(today: dt.date) -> str:
    counts = task_reminders_send(today=today)
    return _("%(due)d deadline reminders, %(overdue)d overdue notices, %(escalated)d escalations") % counts
