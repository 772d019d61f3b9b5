"""Django admin (system administrators): read-only views of notifications and daily job runs."""

from django.contrib import admin

from cchc.notifications.models import Notification, ScheduledRun
from cchc.orgunits.admin import ReadOnlyAdmin


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "level", "title", "read_at", "cleared_at"]
    list_filter = ["level"]
    search_fields = ["key", "title", "user__username"]
    list_select_related = ["user"]


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    list_display = ["day", "name", "ok", "attempts", "started_at", "finished_at", "summary"]
    list_filter = ["ok", "name"]
    date_hierarchy = "day"
