"""Labels of the plan module's audit actions (collected by cchc.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from cchc.orgunits.models import OrgUnit
from cchc.plans.models import Direction, Plan, PlanArea, Task, TaskStatus, TaskUpdate

LABELS = {
    "plan.create": _("Plan created"),
    "plan.update": _("Plan updated"),
    "plan.approve": _("Plan approved"),
    "plan.close": _("Plan closed"),
    "plan.task_create": _("Task added"),
    "plan.task_update": _("Task changed"),
    "plan.task_cancel": _("Task cancelled"),
    "plan.task_delete": _("Task deleted"),
    "plan.update_create": _("Progress reported"),
    "plan.contribution_create": _("Contribution added"),
    "plan.update_accept": _("Progress report accepted"),
    "plan.update_return": _("Progress report returned"),
    "plan.programme_create": _("Resolution programme created"),
    "plan.programme_update": _("Resolution programme updated"),
    "plan.target_create": _("Target added"),
    "plan.target_update": _("Target updated"),
    "plan.target_value_set": _("Target value recorded"),
    "plan.meeting_create": _("Meeting recorded"),
    "plan.conclusion_add": _("Conclusion recorded"),
}
WARNINGS = frozenset({"plan.update_return", "plan.task_cancel", "plan.task_delete"})

# Values logged on an object that has no such field (a report's status logged on its task) and ids of
# objects, shown by name in the history tables.
FIELD_CHOICES = {
    "status": {**dict(Plan.Status.choices), **dict(TaskStatus.choices)},
    "review": dict(TaskUpdate.Review.choices),
    "direction": dict(Direction.choices),
}
FIELD_MODELS = {"lead_unit": OrgUnit, "unit": OrgUnit, "area": PlanArea, "task": Task}
