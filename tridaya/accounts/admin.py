from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

from tridaya.accounts import services
from tridaya.accounts.models import RoleAssignment, User
from tridaya.core.admin import NoDeleteAdminMixin, ServiceAdmin, ServiceAdminMixin


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fields = ["role", "region"]
    raw_id_fields = ["region"]
    extra = 0


@admin.register(User)
class UserAdmin(NoDeleteAdminMixin, ServiceAdminMixin, BaseUserAdmin):
    """A user who leaves is deactivated (is_active off), never deleted: the audit trail names
    them as the actor of what they did. The user and their role lines are saved together by
    one service (`roles_change`), after the form and the lines are all valid."""

    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff"]
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Tridaya", {"fields": ("phone",)}))

    @method_decorator(sensitive_post_parameters())
    def add_view(self, request, form_url="", extra_context=None):
        """Django's UserAdmin wraps the add form in a transaction; the service holds it here."""
        return self._add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Saved with the role lines in `save_related`."""

    def save_related(self, request, form, formsets, change):
        revoke, assign = [], []
        for formset in formsets:
            if formset.model is RoleAssignment:
                formset.save(commit=False)  # fills formset.deleted_objects; writes nothing
                revoke.extend(formset.deleted_objects)
                self._role_lines(formset, form.instance, revoke, assign)
        services.roles_change(actor=request.user, user=form.instance, revoke=revoke, assign=assign)
        form.save_m2m()

    @staticmethod
    def _role_lines(formset, user, revoke, assign):
        for role_form in formset.forms:
            data = getattr(role_form, "cleaned_data", {})
            if not data or data.get("DELETE") or not role_form.has_changed():
                continue
            if role_form.instance.pk:
                revoke.append(RoleAssignment.objects.get(pk=role_form.instance.pk))
            assign.append((user, data["role"], data.get("region")))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ServiceAdmin):
    list_display = ["user", "role", "region"]
    list_filter = ["role"]
    search_fields = ["user__username", "=region__code", "region__name"]
    raw_id_fields = ["user", "region"]

    def save_model(self, request, obj, form, change):
        revoke = [RoleAssignment.objects.get(pk=obj.pk)] if change else []
        (saved,) = services.roles_change(
            actor=request.user, revoke=revoke, assign=[(obj.user, obj.role, obj.region)]
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.role_revoke(actor=request.user, assignment=obj)

    def delete_queryset(self, request, queryset):
        services.roles_change(actor=request.user, revoke=list(queryset))
