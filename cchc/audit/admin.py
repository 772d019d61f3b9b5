from django.contrib import admin

from cchc.audit.models import AuditEvent
from cchc.orgunits.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_repr", "unit", "ip_address"]
    list_filter = ["action"]
    search_fields = ["search_text"]
