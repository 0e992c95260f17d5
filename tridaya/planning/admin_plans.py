"""Admin of RPLP / RTPLP (PART 2). Plans, their versions, RAB and price lists are read-only here:
they change through the services behind the pages and the API, which check the states and audit
every change. The document outlines are the program's to edit: a new version of an outline is
added as a row, and the newest active row of a kind is used."""

from django.contrib import admin

from tridaya.core.audit import diff, record_event
from tridaya.planning.models import (
    Activity,
    DocumentOutline,
    InvestmentRow,
    Plan,
    PlanProgram,
    PlanVersion,
    PriceItem,
    PriceList,
    RABItem,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = PlanVersion
    fields = ["number", "state", "start_year", "legalised_on"]
    readonly_fields = fields
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
    fields = ["domain", "name", "years"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class RowInline(admin.TabularInline):
    model = InvestmentRow
    fields = ["year", "domain", "component", "volume", "unit", "unit_cost", "fund_blm"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "number", "state", "start_year", "legalised_on"]
    list_filter = ["state", "plan__kind"]
    inlines = [ProgramInline, RowInline]


class RABInline(admin.TabularInline):
    model = RABItem
    fields = ["code", "description", "volume", "unit", "unit_price", "amount"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["name", "version", "year", "rab_total"]
    inlines = [RABInline]


class PriceItemInline(admin.TabularInline):
    model = PriceItem
    fields = ["code", "name", "unit", "price", "category"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(PriceList)
class PriceListAdmin(ReadOnlyAdmin):
    list_display = ["name", "year", "region"]
    inlines = [PriceItemInline]


@admin.register(DocumentOutline)
class DocumentOutlineAdmin(admin.ModelAdmin):
    """Chapters as JSON: [{"key", "title", "blocks": [...]}]; the model checks the blocks."""

    list_display = ["name", "kind", "version", "is_active"]
    list_filter = ["kind", "is_active"]

    def save_model(self, request, obj, form, change):
        before = {}
        if change:
            old = DocumentOutline.objects.get(pk=obj.pk)
            before = {"chapters": old.chapters, "is_active": old.is_active}
        super().save_model(request, obj, form, change)
        changes = diff(before, {"chapters": obj.chapters, "is_active": obj.is_active})
        if changes:
            record_event(
                actor=request.user, action="planning.outline_saved", obj=obj, changes=changes
            )
