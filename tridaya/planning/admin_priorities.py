"""Admin of prioritisation rounds and kawasan prioritas: read-only. Every change goes through the
pages or the API, whose services check the state of the round (a closed round is frozen), the
policy, and write the audit trail."""

from django.contrib import admin

from tridaya.planning.models import (
    Ballot,
    PriorityArea,
    PriorityCriterion,
    PriorityOption,
    PriorityRound,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CriterionInline(admin.TabularInline):
    model = PriorityCriterion
    fields = ["position", "key", "label", "weight", "basis"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OptionInline(admin.TabularInline):
    model = PriorityOption
    fields = ["position", "kind", "title", "domain", "households", "poor_households", "severity"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PriorityRound)
class PriorityRoundAdmin(ReadOnlyAdmin):
    list_display = ["title", "village", "status", "method", "meeting", "closed_at"]
    list_filter = ["status", "method"]
    search_fields = ["title", "=village__code", "village__name"]
    list_select_related = ["village", "meeting"]
    readonly_fields = ["inputs_digest", "result"]
    inlines = [CriterionInline, OptionInline]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["round", "kind", "count", "voter", "entered_by", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["round", "voter", "entered_by"]


@admin.register(PriorityArea)
class PriorityAreaAdmin(ReadOnlyAdmin):
    list_display = ["name", "village", "status", "source", "area_ha", "chosen_at"]
    list_filter = ["status", "source"]
    search_fields = ["name", "=village__code", "village__name"]
    list_select_related = ["village"]
