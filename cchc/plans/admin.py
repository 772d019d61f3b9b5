from django.contrib import admin

from cchc.plans.models import PlanArea


@admin.register(PlanArea)
class PlanAreaAdmin(admin.ModelAdmin):
    """PAR areas are configurable reference data, edited by system administrators."""

    list_display = ("code", "name", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
