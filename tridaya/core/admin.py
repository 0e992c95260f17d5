from django.contrib import admin

from tridaya.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: audit events are never edited or deleted by hand."""

    list_display = [
        "created_at",
        "action_label",
        "object_repr",
        "region_code",
        "actor",
        "ip_address",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "object_id", "region_code", "request_id"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
