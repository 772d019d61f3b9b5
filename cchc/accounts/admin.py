from django.contrib import admin

from cchc.accounts.models import ApiToken, Membership, User
from cchc.orgunits.admin import ReadOnlyAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    can_delete = False
    readonly_fields = ["unit", "role", "is_active", "created_at"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_superuser", "is_sample", "last_login"]
    list_filter = ["is_active", "is_superuser", "is_sample"]
    search_fields = ["username", "full_name", "email"]
    exclude = ["password"]
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["digest"]
