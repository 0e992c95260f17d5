from django.contrib import admin

from tridaya.core.admin import NoDeleteAdminMixin, ServiceAdmin
from tridaya.regions import services
from tridaya.regions.models import RT, RW, Region, VillageProfile


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Official data: changed only by `manage.py import_regions`."""

    list_display = ["code", "name", "kind", "level"]
    list_filter = ["level", "kind"]
    search_fields = ["=code", "name"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VillageProfile)
class VillageProfileAdmin(NoDeleteAdminMixin, ServiceAdmin):
    list_display = ["village", "population", "households", "poor_households", "area_ha"]
    search_fields = ["village__name", "=village__code"]
    raw_id_fields = ["village"]

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data.get(name) for name in services.PROFILE_FIELDS}
        services.profile_update(
            actor=request.user,
            village=obj.village,
            boundary=form.cleaned_data.get("boundary"),
            **values,
        )


class RTInline(admin.TabularInline):
    model = RT
    fields = ["number", "boundary"]
    extra = 0


@admin.register(RW)
class RWAdmin(ServiceAdmin):
    """The RW and its RT lines are saved together by one service (`rw_save_with_rts`)."""

    list_display = ["__str__", "village"]
    search_fields = ["village__name", "=village__code"]
    raw_id_fields = ["village"]
    inlines = [RTInline]

    def save_model(self, request, obj, form, change):
        """Saved with the RT lines in `save_related`."""

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        rts, delete = [], []
        for formset in formsets:
            formset.save(commit=False)  # fills formset.deleted_objects; writes nothing
            delete.extend(formset.deleted_objects)
            rts.extend(
                (f.cleaned_data["number"], f.cleaned_data.get("boundary"))
                for f in formset.forms
                if f.has_changed() and not f.cleaned_data.get("DELETE")
            )
        saved = services.rw_save_with_rts(
            actor=request.user,
            village=obj.village,
            number=obj.number,
            name=obj.name,
            boundary=obj.boundary,
            rts=rts,
            delete=delete,
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False  # an RW and its RTs hold the village's data; remove RTs one by one above
