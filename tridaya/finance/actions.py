"""Labels of every audit action this app writes (registered with core's audit action
registry in FinanceConfig.ready(), so history pages show words, never codes)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS: dict[str, str | Promise] = {
    "finance.chart_opened": _("Daftar akun dibuka"),
    "finance.account_opened": _("Akun dibuka"),
    "finance.voucher_posted": _("Bukti transaksi dibukukan"),
    "finance.voucher_reversed": _("Bukti transaksi dibatalkan (jurnal balik)"),
    "finance.period_closed": _("Bulan buku ditutup"),
    "finance.swadaya_recorded": _("Swadaya dicatat"),
    "finance.allocation_created": _("Alokasi dana dibuat"),
    "finance.allocation_suspend": _("Alokasi dana ditangguhkan"),
    "finance.allocation_resume": _("Alokasi dana dilanjutkan"),
    "finance.allocation_cancel": _("Alokasi dana dibatalkan"),
    "finance.allocation_close": _("Alokasi dana ditutup"),
    "finance.allocation_returned": _("Sisa dana dikembalikan ke kas negara"),
    "finance.request_created": _("Permohonan pencairan dibuat"),
    "finance.request_documents_set": _("Kelengkapan dokumen pencairan diperiksa"),
    "finance.request_submitted": _("Permohonan pencairan diajukan"),
    "finance.request_signed": _("Permohonan pencairan ditandatangani"),
    "finance.request_returned": _("Permohonan pencairan dikembalikan"),
    "finance.lpj_submitted": _("LPJ diajukan"),
    "finance.lpj_accepted": _("LPJ diterima"),
    "finance.lpj_returned": _("LPJ dikembalikan"),
    "finance.proposal_created": _("Usulan KSM dibuat"),
    "finance.proposal_activity_added": _("Kegiatan ditambahkan ke usulan KSM"),
    "finance.proposal_submitted": _("Usulan KSM diajukan ke BKM"),
    "finance.proposal_verified": _("Usulan KSM diverifikasi BKM"),
    "finance.proposal_returned": _("Usulan KSM dikembalikan"),
    "finance.cash_plan_item_added": _("Baris RPD ditambahkan"),
    "finance.ksm_released": _("Dana dicairkan ke KSM"),
    "finance.price_survey_recorded": _("Survei harga dicatat"),
    "finance.purchase_posted": _("Pembelian dibukukan"),
    "finance.tax_line_added": _("Pajak dicatat"),
    "finance.tax_deposited": _("Bukti setor pajak dicatat"),
    "finance.bank_reconciled": _("Rekonsiliasi bank dicatat"),
    "finance.audit_recorded": _("Audit tahunan dicatat"),
    "finance.finding_closed": _("Tindak lanjut temuan audit selesai"),
    "finance.partner_receipt_posted": _("Dana mitra diterima di rekening BKM"),
    "finance.vouchers_imported": _("Bukti transaksi dibukukan sekaligus"),
}
