"""Screens of the organisation units (server-rendered, htmx where it helps)."""

from cchc.orgunits.views.groups import group_detail, group_list, group_members
from cchc.orgunits.views.transfer import import_sample, unit_export, unit_import
from cchc.orgunits.views.units import (
    unit_close,
    unit_create,
    unit_detail,
    unit_edit,
    unit_list,
    unit_merge,
    unit_move,
)

__all__ = [
    "group_detail",
    "group_list",
    "group_members",
    "import_sample",
    "unit_close",
    "unit_create",
    "unit_detail",
    "unit_edit",
    "unit_export",
    "unit_import",
    "unit_list",
    "unit_merge",
    "unit_move",
]
