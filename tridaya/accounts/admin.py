from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tridaya.accounts import services
from tridaya.accounts.models import RoleAssignment, User
from tridaya.core.admin import NoDeleteAdminMixin


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fields = ["role", "region"]
    raw_id_fields = ["region"]
    extra = 0


@admin.register(User)
class UserAdmin(NoDeleteAdminMixin, BaseUserAdmin):
    """A user who leaves is deactivated (is_active off), never deleted: the audit trail names
    them as the actor of what they did."""

    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff"]
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Tridaya", {"fields": ("phone",)}))

    def save_formset(self, request, form, formset, change):
        """Role changes go through the service so they are checked and audited."""
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        for obj in formset.deleted_objects:
            services.role_revoke(actor=request.user, assignment=obj)
        for role_form in formset.forms:
            data = getattr(role_form, "cleaned_data", {})
            if not data or data.get("DELETE") or not role_form.has_changed():
                continue
            if role_form.instance.pk:
                services.role_revoke(actor=request.user, assignment=role_form.instance)
            services.role_assign(
                actor=request.user, user=form.instance, role=data["role"], region=data.get("region")
            )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region"]
    list_filter = ["role"]
    search_fields = ["user__username", "=region__code", "region__name"]
    raw_id_fields = ["user", "region"]

    def save_model(self, request, obj, form, change):
        if change:
            original = RoleAssignment.objects.get(pk=obj.pk)
            services.role_revoke(actor=request.user, assignment=original)
        saved = services.role_assign(
            actor=request.user, user=obj.user, role=obj.role, region=obj.region
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.role_revoke(actor=request.user, assignment=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.role_revoke(actor=request.user, assignment=obj)
