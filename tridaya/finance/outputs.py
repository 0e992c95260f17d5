"""Gate outputs this app offers the cycle's steps "Pencairan BLM bertahap", "Laporan
pertanggungjawaban (LPJ)" and "Audit" (registered in FinanceConfig.ready(); a cycle template
names them with { rule = "output", name = "..." })."""

from __future__ import annotations

from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tridaya.core.dates import format_date_id
from tridaya.core.money import format_rupiah
from tridaya.finance.models import AnnualAudit, DisbursementRequest, Lpj, LpjStatus, RequestStatus

TRANCHE_DISBURSED = "finance_tranche_disbursed"
LPJ_ACCEPTED = "finance_lpj_accepted"
AUDIT_RECORDED = "finance_audit_recorded"


def tranche_disbursed(step) -> tuple[bool, str]:
    """At least one tranche reached the BKM bank account."""
    requests = list(
        DisbursementRequest.objects.filter(
            allocation__village_id=step.cycle.village_id, status=RequestStatus.DISBURSED
        ).order_by("allocation_id", "tranche")
    )
    if not requests:
        return False, _("Belum ada tahap BLM yang dicairkan ke rekening BKM.")
    total = sum(r.amount for r in requests)
    return True, _("%(n)s tahap dicairkan, jumlah %(total)s.") % {
        "n": len(requests),
        "total": format_rupiah(total),
    }


def lpj_accepted(step) -> tuple[bool, str]:
    """An LPJ was accepted by the facilitator."""
    lpj = (
        Lpj.objects.filter(allocation__village_id=step.cycle.village_id, status=LpjStatus.ACCEPTED)
        .order_by("-decided_at")
        .first()
    )
    if lpj is None:
        return False, _("Belum ada LPJ yang diterima fasilitator.")
    label = _("akhir") if lpj.tranche == 0 else _("tahap %(n)s") % {"n": lpj.tranche}
    return True, _("LPJ %(label)s diterima.") % {"label": label}


def audit_recorded(step) -> tuple[bool, str]:
    """The annual audit is recorded with its opinion."""
    audit = AnnualAudit.objects.filter(village_id=step.cycle.village_id).order_by("-year").first()
    if audit is None:
        return False, _("Hasil audit tahunan belum dicatat.")
    return True, _("Audit %(year)s oleh %(auditor)s (%(date)s): %(opinion)s.") % {
        "year": audit.year,
        "auditor": audit.auditor,
        "date": format_date_id(audit.audited_on),
        "opinion": audit.get_opinion_display(),
    }


def register_outputs() -> None:
    from tridaya.cycle.gates import register_output

    # Lazy labels, shown in the reader's language (typed as the str they render to).
    register_output(
        TRANCHE_DISBURSED, cast(str, gettext_lazy("Tahap BLM dicairkan")), tranche_disbursed
    )
    register_output(LPJ_ACCEPTED, cast(str, gettext_lazy("LPJ diterima")), lpj_accepted)
    register_output(
        AUDIT_RECORDED, cast(str, gettext_lazy("Audit tahunan dicatat")), audit_recorded
    )
