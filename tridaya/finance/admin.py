"""Admin screens of money: read-only. Ledger rows are append-only in the database itself (a
correction is a reversing voucher posted through the pages or the API); allocations, PP-BLM,
proposals, procurement, LPJ and audits change only through their services, which check the
policy and write the audit trail. Schemes change only through a new version of their file."""

from django.contrib import admin

from tridaya.core.admin import ReadOnlyAdminMixin
from tridaya.finance.models import (
    Account,
    Allocation,
    AnnualAudit,
    BankReconciliation,
    DisbursementRequest,
    Entry,
    KsmRelease,
    Lpj,
    PartnerReceipt,
    PeriodClose,
    PriceSurvey,
    Proposal,
    Purchase,
    SchemeDefinition,
    SwadayaContribution,
    Voucher,
)


class EntryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Entry
    fields = ["line", "account", "debit", "credit", "memo"]
    extra = 0


@admin.register(Voucher)
class VoucherAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["display_number", "village", "date", "kind", "description", "reverses"]
    list_filter = ["kind", "year"]
    search_fields = ["=village__code", "description"]
    date_hierarchy = "date"
    inlines = [EntryInline]
    list_select_related = ["village", "reverses"]


@admin.register(Account)
class AccountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "village", "kind", "purpose", "balance"]
    list_filter = ["kind", "purpose"]
    search_fields = ["=village__code", "code", "name"]
    list_select_related = ["village"]


@admin.register(SchemeDefinition)
class SchemeDefinitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "code", "version"]
    list_filter = ["kind"]


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["village", "scheme", "budget_year", "amount", "status"]
    list_filter = ["status", "budget_year"]
    search_fields = ["=village__code"]
    list_select_related = ["village", "scheme"]


@admin.register(DisbursementRequest)
class DisbursementRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["allocation", "tranche", "amount", "status"]
    list_filter = ["status"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "ksm", "village", "proposed_on", "status"]
    list_filter = ["status"]
    search_fields = ["=village__code", "number"]


for model in (
    KsmRelease,
    PriceSurvey,
    Purchase,
    SwadayaContribution,
    PeriodClose,
    BankReconciliation,
    Lpj,
    AnnualAudit,
    PartnerReceipt,
):
    admin.site.register(
        model, type(f"{model.__name__}Admin", (ReadOnlyAdminMixin, admin.ModelAdmin), {})
    )
