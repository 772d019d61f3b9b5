"""Writes to criteria frameworks: one service per operation, each in a transaction with its audit event.

A frozen framework (used by an opened cycle) refuses every change; clone it to change the methodology.
"""

from cchc.scoring.services.criteria import (
    CRITERION_FIELDS,
    criterion_create,
    criterion_delete,
    criterion_move,
    criterion_update,
)
from cchc.scoring.services.frameworks import (
    FRAMEWORK_FIELDS,
    framework_clone,
    framework_create,
    framework_delete,
    framework_freeze,
    framework_update,
)

__all__ = [
    "CRITERION_FIELDS",
    "FRAMEWORK_FIELDS",
    "criterion_create",
    "criterion_delete",
    "criterion_move",
    "criterion_update",
    "framework_clone",
    "framework_create",
    "framework_delete",
    "framework_freeze",
    "framework_update",
]
