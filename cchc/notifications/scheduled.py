"""Daily jobs of the notifications app (see cchc/jobs/schedule.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.jobs.schedule import daily
from cchc.notifications.services import notifications_purge

# Cleared notifications are kept this long so the daily jobs do not re-create a reminder the
# user has cleared; reminders are about deadlines within weeks, so a year is ample.
KEEP_CLEARED = dt.timedelta(days=365)


@daily("notifications.purge")
def purge_cleared(today: dt.date) -> str:
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    deleted = notifications_purge(before=midnight - KEEP_CLEARED)
    return _("%(count)d old cleared notifications deleted") % {"count": deleted}
