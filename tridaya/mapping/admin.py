"""Admin screens of pemetaan swadaya.

Households and survey imports are read-only: households are recorded and changed on their pages
or by survey import (through the services that derive the poverty status and audit the change),
and an import's report is a record of what happened. A household recorded by mistake is deleted
on its page.

Problems and layers save through the services (checked, validated, audited as on the pages).
Layers are created by importing a file and RT profiles on their form, so here they are only
renamed or read; criteria sets are versioned data and read-only."""

from django.contrib import admin

from tridaya.core.admin import ServiceAdmin
from tridaya.mapping.models import (
    Household,
    ImportBatch,
    Layer,
    Problem,
    QuarantinedRow,
    RTProfile,
    SlumCriteriaSet,
    SlumVolume,
)
from tridaya.mapping.services import layers as services_layers
from tridaya.mapping.services import problems as services_problems


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdmin):
    list_display = ["id", "village", "rt", "members", "criteria_met", "is_poor", "source"]
    list_filter = ["is_poor", "source"]
    search_fields = ["=village__code", "=instance_id"]
    list_select_related = ["village", "rt__rw"]
    raw_id_fields = ["village", "rt", "head", "import_batch"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["id", "village", "form", "source_format", "status", "rows", "bad_rows"]
    list_filter = ["form", "source_format", "status", "mode"]
    search_fields = ["=village__code", "filename"]
    list_select_related = ["village"]
    raw_id_fields = ["village", "actor"]


@admin.register(QuarantinedRow)
class QuarantinedRowAdmin(ReadOnlyAdmin):
    list_display = ["id", "batch", "line", "instance_id", "resolved_by"]
    search_fields = ["=instance_id", "=village__code"]
    raw_id_fields = ["batch", "village", "resolved_by"]


PROBLEM_INPUT = [
    "kind",
    "domain",
    "sector",
    "title",
    "description",
    "severity",
    "households_affected",
    "poor_households_affected",
    "geometry",
    "rt",
    "meeting",
    "reported_on",
]


@admin.register(Problem)
class ProblemAdmin(ServiceAdmin):
    list_display = ["title", "kind", "domain", "sector", "severity", "status", "village", "rt"]
    list_filter = ["kind", "domain", "sector", "status", "source"]
    search_fields = ["title", "=village__code", "village__name", "source_ref"]
    raw_id_fields = ["village", "rt", "meeting"]
    list_select_related = ["village", "rt__rw"]
    readonly_fields = [
        "status",
        "geometry_kind",
        "length_m",
        "area_m2",
        "source",
        "source_ref",
        "reported_by",
    ]

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data.get(name) for name in PROBLEM_INPUT}
        values["description"] = values["description"] or ""
        if change:
            saved = services_problems.problem_update(
                actor=request.user, problem=Problem.objects.get(pk=obj.pk), **values
            )
        else:
            saved = services_problems.problem_create(
                actor=request.user, village=obj.village, **values
            )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services_problems.problem_delete(actor=request.user, problem=obj)

    def delete_queryset(self, request, queryset):
        services_problems.problems_delete(actor=request.user, problems=list(queryset))


@admin.register(Layer)
class LayerAdmin(ServiceAdmin):
    list_display = ["name", "kind", "village", "feature_count", "source_crs", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "=village__code", "village__name"]
    list_select_related = ["village"]
    fields = ["village", "name", "kind", "description", "source_name", "source_crs"]
    readonly_fields = ["village", "source_name", "source_crs"]

    def has_add_permission(self, request):
        return False  # a layer is made by importing a file (page or API)

    def save_model(self, request, obj, form, change):
        services_layers.layer_update(
            actor=request.user,
            layer=Layer.objects.get(pk=obj.pk),
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data.get("description") or "",
        )

    def delete_model(self, request, obj):
        services_layers.layer_delete(actor=request.user, layer=obj)

    def delete_queryset(self, request, queryset):
        services_layers.layers_delete(actor=request.user, layers=list(queryset))


class SlumVolumeInline(admin.TabularInline):
    model = SlumVolume
    fields = ["code", "volume", "handled"]
    readonly_fields = ["code", "volume", "handled"]
    extra = 0
    can_delete = False


@admin.register(RTProfile)
class RTProfileAdmin(ReadOnlyAdmin):
    """Read-only: profiles are saved on their page, through the API or by the template import,
    where volumes are checked against their denominators."""

    list_display = ["rt", "year", "village", "households", "buildings", "area_ha", "source"]
    list_filter = ["year", "source"]
    search_fields = ["=village__code", "village__name"]
    list_select_related = ["rt__rw", "village"]
    inlines = [SlumVolumeInline]


@admin.register(SlumCriteriaSet)
class SlumCriteriaSetAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "version", "loaded_at"]
