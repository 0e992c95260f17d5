"""Admin screens of marketing: read-only. Partners, pledges, prospectuses and forums change only
through the pages and the API (their services check the policy and write the audit trail);
funding sources change only through a new version of the file in sources/."""

from django.contrib import admin

from tridaya.core.admin import ReadOnlyAdminMixin
from tridaya.marketing.models import (
    Forum,
    FundingSource,
    Partner,
    Pledge,
    Prospectus,
    SourceList,
)


@admin.register(SourceList)
class SourceListAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "version", "source_file", "loaded_at"]


@admin.register(FundingSource)
class FundingSourceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["label", "code", "counts_as", "government", "source_list"]
    list_filter = ["source_list", "counts_as"]


@admin.register(Partner)
class PartnerAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "city", "acts_in"]
    list_filter = ["kind"]
    search_fields = ["name", "=city__code"]
    exclude = ["normalised_name"]


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["partner", "village", "amount", "year", "state"]
    list_filter = ["state"]
    search_fields = ["partner__name", "=village__code"]


@admin.register(Prospectus)
class ProspectusAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["version", "village", "state", "published_on"]


@admin.register(Forum)
class ForumAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["kind", "level", "region", "meeting", "functioning"]
