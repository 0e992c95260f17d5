from django.contrib import admin

from tridaya.core.admin import NoDeleteAdminMixin, ReadOnlyAdminMixin
from tridaya.cycle.models import (
    Attendance,
    CycleTemplate,
    GateOverride,
    Meeting,
    MeetingPhoto,
    Program,
    SignOff,
    Step,
    StepDocument,
    VillageCycle,
)


@admin.register(CycleTemplate)
class CycleTemplateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Loaded from tridaya/cycle/templates_data/*.toml; never edited here."""

    list_display = ["code", "version", "name", "loaded_at"]


@admin.register(Program)
class ProgramAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "year", "women_min_pct", "poor_min_pct", "quorum"]


class StepInline(admin.TabularInline):
    model = Step
    fields = readonly_fields = (
        "order",
        "stage_title",
        "title",
        "status",
        "opened_at",
        "completed_at",
    )
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VillageCycle)
class VillageCycleAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """Enrol through the village's cycle page, so the template is applied and audited."""

    list_display = ["village", "program", "template"]
    search_fields = ["=village__code", "village__name"]
    list_select_related = ["village", "program", "template"]
    inlines = [StepInline]

    def has_add_permission(self, request):
        return False


class AttendanceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Attendance
    extra = 0


class MeetingPhotoInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = MeetingPhoto
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: meetings, their attendance and photos are recorded on the village's meeting
    pages or through the API, where counts are checked and every change is audited."""

    list_display = ["held_on", "kind", "village", "men", "women", "poor"]
    list_filter = ["kind"]
    search_fields = ["=village__code", "village__name", "title", "place"]
    raw_id_fields = ["village", "step"]
    inlines = [AttendanceInline, MeetingPhotoInline]


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: sign-offs are given and withdrawn on the step page, where rules are checked."""

    list_display = ["step", "kind", "signer_name", "role", "signed_on", "withdrawn_at"]


@admin.register(GateOverride)
class GateOverrideAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a gate is overridden on the step page, with a reason, and audited."""

    list_display = ["step", "by", "created_at"]


@admin.register(StepDocument)
class StepDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: step documents are uploaded on the step page and audited."""
