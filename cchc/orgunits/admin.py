"""Django admin (system administrators only) is read-mostly: changes go through the CCHC screens,
which call the services and write the audit log."""

from django.contrib import admin

from cchc.orgunits.models import OrgUnit, UnitGroup, UnitGroupSet, UnitLineage, UnitMove, UnitType


@admin.register(UnitType)
class UnitTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "is_territorial", "sort_order"]
    list_editable = ["name", "sort_order"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "unit_type", "parent", "valid_from", "valid_to", "is_sample"]
    list_filter = ["unit_type", "is_sample"]
    search_fields = ["code", "name", "search_text"]


@admin.register(UnitLineage)
class UnitLineageAdmin(ReadOnlyAdmin):
    list_display = ["predecessor", "kind", "successor", "effective_date", "decision", "share"]
    list_filter = ["kind"]


@admin.register(UnitMove)
class UnitMoveAdmin(ReadOnlyAdmin):
    list_display = ["unit", "old_parent", "new_parent", "effective_date"]


@admin.register(UnitGroupSet)
class UnitGroupSetAdmin(ReadOnlyAdmin):
    list_display = ["code", "name"]


@admin.register(UnitGroup)
class UnitGroupAdmin(ReadOnlyAdmin):
    list_display = ["group_set", "code", "name"]
