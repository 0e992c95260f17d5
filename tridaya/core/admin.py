from django.contrib import admin

from tridaya.core.models import AuditEvent, PersonalDataView


class ReadOnlyAdminMixin:
    """For data written only through services (which check the policy and audit): the admin
    lists and shows it, and never adds, changes or deletes it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NoDeleteAdminMixin:
    """For data with a service for saving but none for deleting: no delete in the admin."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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


@admin.register(PersonalDataView)
class PersonalDataViewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The NIK access log (UU PDP): read-only, like the audit trail."""

    list_display = ["created_at", "viewer_name", "place", "shown", "region_code"]
    list_filter = ["place", "object_type"]
    search_fields = ["viewer_name", "=region_code", "request_id"]
    date_hierarchy = "created_at"
