"""Django admin (system administrators). The Decision 766 configuration is edited here: it is
versioned reference data (a new year or version is a new IndicatorSet), changed rarely and only by
system administrators. Dossiers and summaries are read-only: they come from imports."""

from django.contrib import admin

from cchc.dossiers.models import (
    CalendarDay,
    CalendarYear,
    Dossier,
    Indicator,
    IndicatorGroup,
    IndicatorSet,
    IndicatorValue,
    Procedure,
)


class IndicatorGroupInline(admin.TabularInline):
    model = IndicatorGroup
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["order", "code", "name", "max_points", "rule", "target", "source"]


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ["year", "version", "name"]
    inlines = [IndicatorGroupInline]


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["indicator_set", "number", "name", "max_points"]
    list_filter = ["indicator_set"]
    inlines = [IndicatorInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "unit", "start", "end", "rate", "provenance"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # entered through the 766 page (scoped, audited)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["code", "source", "unit", "procedure", "received_at", "outcome", "timeliness"]
    list_filter = ["source", "outcome", "timeliness", "is_sample"]
    search_fields = ["code"]
    show_full_result_count = False  # no COUNT(*) over millions of rows
    raw_id_fields = ["procedure", "unit", "receiving_unit"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


admin.site.register(
    Procedure, list_display=["code", "name", "field", "level", "online_level"], search_fields=["code", "name"]
)
admin.site.register(CalendarYear, list_display=["year", "weekend_days", "morning_start", "afternoon_end"])
admin.site.register(CalendarDay, list_display=["date", "kind", "name"], list_filter=["kind"])
