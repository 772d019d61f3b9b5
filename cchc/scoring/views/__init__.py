"""Screens of the framework editor (server-rendered, htmx for the rule-parameter fields)."""

from cchc.scoring.views.criteria import (
    criterion_create,
    criterion_delete,
    criterion_edit,
    criterion_move,
    rule_params,
)
from cchc.scoring.views.frameworks import (
    framework_clone,
    framework_create,
    framework_delete,
    framework_detail,
    framework_edit,
    framework_list,
)
from cchc.scoring.views.transfer import framework_export, framework_import

__all__ = [
    "criterion_create",
    "criterion_delete",
    "criterion_edit",
    "criterion_move",
    "framework_clone",
    "framework_create",
    "framework_delete",
    "framework_detail",
    "framework_edit",
    "framework_export",
    "framework_import",
    "framework_list",
    "rule_params",
]
