"""Admin screens of households and survey imports, read-only: households are recorded and
changed on their pages or by survey import (through the services that derive the poverty
status and audit the change), and an import's report is a record of what happened. A household
recorded by mistake is deleted on its page."""

from django.contrib import admin

from tridaya.mapping.models import Household, ImportBatch, QuarantinedRow


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
