"""Admin of planning. Prioritisation rounds, ballots, kawasan prioritas, plans, their versions,
RAB and price lists are read-only here: they change through the services behind the pages and the
API, which check the states (a closed round and a legalised version are frozen), the policy, and
write the audit trail. The document outlines are the program's to edit: a new version of an outline
is added as a row and saved through `outline_save`; the newest active row of a kind is used."""

from django.contrib import admin

from tridaya.core.admin import ServiceAdmin
from tridaya.planning.models import (
    Activity,
    Ballot,
    DocumentOutline,
    InvestmentRow,
    Plan,
    PlanProgram,
    PlanVersion,
    PriceItem,
    PriceList,
    PriorityArea,
    PriorityCriterion,
    PriorityOption,
    PriorityRound,
    RABItem,
)
from tridaya.planning.services.plans import outline_save


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CriterionInline(admin.TabularInline):
    model = PriorityCriterion
    fields = readonly_fields = ("position", "key", "label", "weight", "basis")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OptionInline(admin.TabularInline):
    model = PriorityOption
    fields = readonly_fields = (
        "position",
        "kind",
        "title",
        "domain",
        "households",
        "poor_households",
        "severity",
    )
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


class VersionInline(admin.TabularInline):
    model = PlanVersion
    fields = readonly_fields = ("number", "state", "start_year", "legalised_on")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "village", "kawasan"]
    list_filter = ["kind"]
    search_fields = ["title", "village__name", "village__code"]
    inlines = [VersionInline]


class ProgramInline(admin.TabularInline):
    model = PlanProgram
    fields = readonly_fields = ("domain", "name", "years")
    extra = 0
    can_delete = False


class RowInline(admin.TabularInline):
    model = InvestmentRow
    fields = readonly_fields = (
        "year",
        "domain",
        "component",
        "volume",
        "unit",
        "unit_cost",
        "fund_blm",
    )
    extra = 0
    can_delete = False


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "number", "state", "start_year", "legalised_on"]
    list_filter = ["state", "plan__kind"]
    inlines = [ProgramInline, RowInline]


class RABInline(admin.TabularInline):
    model = RABItem
    fields = readonly_fields = ("code", "description", "volume", "unit", "unit_price", "amount")
    extra = 0
    can_delete = False


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["name", "version", "year", "rab_total"]
    inlines = [RABInline]


class PriceItemInline(admin.TabularInline):
    model = PriceItem
    fields = readonly_fields = ("code", "name", "unit", "price", "category")
    extra = 0
    can_delete = False


@admin.register(PriceList)
class PriceListAdmin(ReadOnlyAdmin):
    list_display = ["name", "year", "region"]
    inlines = [PriceItemInline]


@admin.register(DocumentOutline)
class DocumentOutlineAdmin(ServiceAdmin):
    """Chapters as JSON: [{"key", "title", "blocks": [...]}]; the model checks the blocks. Saved
    through the planning service (checked and audited); never deleted: deactivate it instead."""

    list_display = ["name", "kind", "version", "is_active"]
    list_filter = ["kind", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        outline_save(actor=request.user, outline=obj)
