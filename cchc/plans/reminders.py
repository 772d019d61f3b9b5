"""Deadline reminders (run daily by cchc/plans/scheduled.py).

* due in 7, 3 and 1 days → the lead unit's focal officers (key plans.task.<id>.due-<n>d.<deadline>);
* overdue → the focal officers, once per deadline (plans.task.<id>.overdue.<deadline>);
* overdue for more than the plan's `escalation_days` → the lead unit's leaders, once per deadline
  (plans.task.<id>.escalate.<deadline>).
Keys carry the deadline, so a moved deadline gets its reminders again; `notify` is idempotent per
(user, key), so running the job twice the same day sends nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from cchc.accounts.models import Membership, Role
from cchc.plans import selectors, stats
from cchc.plans.models import Plan, Task

DUE_DAYS = (7, 3, 1)


def _people(unit_ids: set[int], role: str) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for m in Membership.objects.filter(
        unit_id__in=unit_ids, role=role, is_active=True, user__is_active=True
    ).select_related("user"):
        out[m.unit_id].append(m.user)
    return out


def task_reminders_send(*, today: dt.date) -> dict[str, int]:
    from cchc.notifications.services import notify

    due_days = [today + dt.timedelta(days=n) for n in DUE_DAYS]
    candidates = Task.objects.filter(
        Q(deadline__in=due_days) | Q(deadline__lt=today),
        plan__status=Plan.Status.APPROVED,
        cancelled_on__isnull=True,
        deadline__year__gte=today.year - 1,  # tasks of long-finished plans do not nag for ever
    )
    rows = selectors.task_rows(candidates)
    states = selectors.states_for(rows, today)
    open_ids = [
        r.id for r in rows if states[r.id].bucket not in (stats.COMPLETED_ON_TIME, stats.COMPLETED_LATE)
    ]
    tasks = list(Task.objects.filter(pk__in=open_ids).select_related("plan", "lead_unit"))
    unit_ids = {t.lead_unit_id for t in tasks}
    officers = _people(unit_ids, Role.FOCAL_OFFICER)
    leaders = _people(unit_ids, Role.UNIT_LEADER)
    counts = {"due": 0, "overdue": 0, "escalated": 0}
    for task in tasks:
        days_left = (task.deadline - today).days
        deadline = task.deadline.isoformat()
        url = task.get_absolute_url()
        title_text = task.title[:120]
        if days_left in DUE_DAYS:
            counts["due"] += notify(
                recipients=officers.get(task.lead_unit_id, []),
                key=f"plans.task.{task.pk}.due-{days_left}d.{deadline}",
                title=_("Task due in %(days)d days: %(task)s") % {"days": days_left, "task": title_text},
                body=_("Deadline %(date)s. Report the progress of the task.")
                % {"date": task.deadline.strftime("%d/%m/%Y")},
                url=url,
                level="warning" if days_left == 1 else "info",
            )
        elif days_left < 0:
            counts["overdue"] += notify(
                recipients=officers.get(task.lead_unit_id, []),
                key=f"plans.task.{task.pk}.overdue.{deadline}",
                title=_("Task overdue: %(task)s") % {"task": title_text},
                body=_("The deadline was %(date)s.") % {"date": task.deadline.strftime("%d/%m/%Y")},
                url=url,
                level="warning",
            )
            if -days_left > task.plan.escalation_days:
                counts["escalated"] += notify(
                    recipients=leaders.get(task.lead_unit_id, []),
                    key=f"plans.task.{task.pk}.escalate.{deadline}",
                    title=_("Task overdue by %(days)d days: %(task)s")
                    % {"days": -days_left, "task": title_text},
                    body=_("%(unit)s has not completed the task due on %(date)s.")
                    % {"unit": task.lead_unit.name, "date": task.deadline.strftime("%d/%m/%Y")},
                    url=url,
                    level="danger",
                )
    return counts
