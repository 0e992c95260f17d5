from django.contrib import admin

from tridaya.core.admin import NoDeleteAdminMixin
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
class VillageProfileAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
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
class RWAdmin(admin.ModelAdmin):
    list_display = ["__str__", "village"]
    search_fields = ["village__name", "=village__code"]
    raw_id_fields = ["village"]
    inlines = [RTInline]

    def save_model(self, request, obj, form, change):
        saved = services.rw_save(
            actor=request.user,
            village=obj.village,
            number=obj.number,
            name=obj.name,
            boundary=obj.boundary,
        )
        obj.pk = saved.pk

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)  # fills formset.deleted_objects; writes nothing
        for rt_form in formset.forms:
            if not rt_form.has_changed() or rt_form.cleaned_data.get("DELETE"):
                continue
            data = rt_form.cleaned_data
            services.rt_save(
                actor=request.user,
                rw=form.instance,
                number=data["number"],
                boundary=data.get("boundary"),
            )
        for obj in formset.deleted_objects:
            services.rt_delete(actor=request.user, rt=obj)

    def has_delete_permission(self, request, obj=None):
        return False  # an RW and its RTs hold the village's data; remove RTs one by one above
