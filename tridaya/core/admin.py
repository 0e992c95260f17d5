from django.contrib import admin
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_protect

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


class ServiceAdminMixin:
    """For an admin whose saves and deletes each go through one durable service: the change
    form and the delete view are not wrapped in the admin's own transaction (the service holds
    it, and refuses to nest in another). The changelist's bulk delete action is not wrapped by
    Django; an admin that allows it overrides `delete_queryset` with one service for all."""

    @method_decorator(csrf_protect)
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._changeform_view(request, object_id, form_url, extra_context)

    @method_decorator(csrf_protect)
    def delete_view(self, request, object_id, extra_context=None):
        return self._delete_view(request, object_id, extra_context)


class ServiceAdmin(ServiceAdminMixin, admin.ModelAdmin):
    pass


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
