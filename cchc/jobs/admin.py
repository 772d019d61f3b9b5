from django.contrib import admin

from cchc.jobs.models import Job
from cchc.orgunits.admin import ReadOnlyAdmin


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "title", "kind", "status", "progress", "created_by"]
    list_filter = ["status", "kind"]
