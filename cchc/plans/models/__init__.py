"""PAR plans, tasks and their progress; resolution targets; steering-committee meetings."""

from cchc.plans.models.meetings import Conclusion, Meeting
from cchc.plans.models.plans import (
    DeadlineKind,
    Evidence,
    Plan,
    PlanArea,
    Task,
    TaskSource,
    TaskStatus,
    TaskUpdate,
)
from cchc.plans.models.targets import Direction, Programme, Target, TargetValue

__all__ = [
    "Conclusion",
    "DeadlineKind",
    "Direction",
    "Evidence",
    "Meeting",
    "Plan",
    "PlanArea",
    "Programme",
    "Target",
    "TargetValue",
    "Task",
    "TaskSource",
    "TaskStatus",
    "TaskUpdate",
]
