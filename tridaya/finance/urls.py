from django.urls import path

from tridaya.finance.views import (
    allocations,
    books,
    ledger,
    procurement,
    proposals,
    reports,
    tranches,
)

app_name = "finance"
urlpatterns = [
    path("", books.money_home, name="home"),
    path("buku/<slug:kind>/", books.book, name="book"),
    path("buku/<slug:kind>.<str:fmt>", books.book, name="book_file"),
    path("buku-ksm/<int:ksm_id>/", books.book, {"kind": "ksm"}, name="ksm_book"),
    path("buku-ksm/<int:ksm_id>.<str:fmt>", books.book, {"kind": "ksm"}, name="ksm_book_file"),
    path("laporan/", books.statements, name="statements"),
    path("laporan.<str:fmt>", books.statements, name="statements_file"),
    path("rekonsiliasi/", books.reconciliation, name="reconciliation"),
    path("bukti/baru/", ledger.voucher_new, name="voucher_new"),
    path("bukti/<int:voucher_id>/", ledger.voucher_detail, name="voucher"),
    path("bukti/<int:voucher_id>/kuitansi/", ledger.voucher_evidence, name="voucher_evidence"),
    path("pencairan/baru/", allocations.request_new, name="request_new"),
    path("pencairan/<int:request_id>/", tranches.request_detail, name="request"),
    path("lpj/<int:lpj_id>.<str:fmt>", reports.lpj_file, name="lpj_file"),
    path("alokasi/baru/", allocations.allocation_new, name="allocation_new"),
    path("usulan/", proposals.proposal_list, name="proposals"),
    path("usulan/<int:proposal_id>/", proposals.proposal_page, name="proposal"),
    path("swadaya/baru/", ledger.swadaya_new, name="swadaya_new"),
    path("tutup-buku/", ledger.period_close_page, name="period_close"),
    path("audit/", reports.audits, name="audits"),
    path(
        "pencairan/<int:request_id>/dokumen/",
        tranches.request_documents,
        name="request_documents",
    ),
    path(
        "alokasi/<int:allocation_id>/status/",
        allocations.allocation_status,
        name="allocation_status",
    ),
    path(
        "alokasi/<int:allocation_id>/kembalikan/",
        allocations.allocation_return,
        name="allocation_return",
    ),
    path("lpj/baru/", reports.lpj_new, name="lpj_new"),
    path("lpj/<int:lpj_id>/", reports.lpj_page, name="lpj"),
    path("audit/temuan/<int:finding_id>/tutup/", reports.finding_close_page, name="finding_close"),
    path("bukti/<int:voucher_id>/pajak/", procurement.tax_new, name="tax_new"),
    path("pajak/<int:tax_id>/setor/", procurement.tax_deposit, name="tax_deposit"),
]
