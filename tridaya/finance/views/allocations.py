"""Creating an allocation (officers) and a PP-BLM for its next tranche (UPK, BKM); suspending,
resuming, cancelling or closing an allocation (officers) and returning its unspent money."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, resolve_url
from django.utils.translation import gettext as _

from tridaya.core.money import format_rupiah
from tridaya.core.policy import authorize
from tridaya.finance.forms import (
    AllocationForm,
    AllocationStatusForm,
    RequestCreateForm,
    ReturnUnspentForm,
)
from tridaya.finance.models import Allocation
from tridaya.finance.selectors.books import bank_balance
from tridaya.finance.selectors.proposals import active_allocations, program_choices
from tridaya.finance.services.allocations import (
    allocation_create,
    allocation_return_unspent,
    allocation_set_status,
)
from tridaya.finance.services.tranches import request_create
from tridaya.finance.views import form_page, village_of


def allocation_new(request, code: str):
    village = village_of(code)
    authorize(request.user, "finance.manage_allocation", village)
    form = AllocationForm(request.POST or None, programs=program_choices())

    def action():
        data = form.cleaned_data
        return allocation_create(
            actor=request.user,
            village=village,
            program_code=data["program"],
            budget_year=data["budget_year"],
            amount=data["amount"],
            funding_source=data["funding_source"],
        )

    return form_page(
        request,
        village,
        form,
        title=_("Alokasi dana baru"),
        intro=_(
            "Alokasi memakai aturan versi terbaru program itu (skema tahap, jenjang verifikasi, "
            "batas pengadaan); alokasi yang sudah berjalan tetap pada versinya."
        ),
        action=action,
        done=lambda _allocation: resolve_url("finance:home", code=code),
    )


def request_new(request, code: str):
    """A PP-BLM for a tranche: created as a draft, then completed and submitted on its page."""
    village = village_of(code)
    authorize(request.user, "finance.post_voucher", village)
    allocations = list(active_allocations(village))
    form = RequestCreateForm(request.POST or None, allocations=allocations)

    def action():
        allocation = Allocation.objects.get(pk=form.cleaned_data["allocation"], village=village)
        return request_create(
            actor=request.user, allocation=allocation, tranche=form.cleaned_data["tranche"]
        )

    return form_page(
        request,
        village,
        form,
        title=_("Permohonan pencairan (PP-BLM) baru"),
        intro=_("Syarat tahap, dokumen dan tanda tangan berjenjang diisi di halaman permohonan."),
        action=action,
        done=lambda pp: resolve_url("finance:request", code=code, request_id=pp.pk),
    )


def _allocation(village, allocation_id: int) -> Allocation:
    return get_object_or_404(
        Allocation.objects.select_related("scheme", "return_voucher"),
        pk=allocation_id,
        village=village,
    )


def allocation_status(request, code: str, allocation_id: int):
    """Suspend, resume, cancel or close an allocation, with the reason (officers, korkot)."""
    village = village_of(code)
    authorize(request.user, "finance.manage_allocation", village)
    allocation = _allocation(village, allocation_id)
    form = AllocationStatusForm(request.POST or None)
    return form_page(
        request,
        village,
        form,
        title=_("Status alokasi %(allocation)s") % {"allocation": allocation},
        intro=_(
            "Sekarang: %(status)s. Alokasi yang ditangguhkan tidak mencairkan apa pun sampai "
            "dilanjutkan; alasan dicatat dan tampil di halaman keuangan."
        )
        % {"status": allocation.get_status_display()},
        action=lambda: allocation_set_status(
            actor=request.user, allocation=allocation, **form.cleaned_data
        ),
        done=lambda _allocation: resolve_url("finance:home", code=code),
    )


def allocation_return(request, code: str, allocation_id: int):
    """Return the money left in the BKM bank to the state treasury (UPK, BKM): a Bukti Kas
    Keluar posted once, never a silent write-off."""
    village = village_of(code)
    authorize(request.user, "finance.post_voucher", village)
    allocation = _allocation(village, allocation_id)
    form = ReturnUnspentForm(request.POST or None, request.FILES or None)
    left = bank_balance(village)
    return form_page(
        request,
        village,
        form,
        title=_("Pengembalian sisa dana %(allocation)s") % {"allocation": allocation},
        intro=_(
            "Sisa di rekening bank BKM hari ini %(left)s. Seluruhnya dibukukan sebagai Bukti "
            "Kas Keluar ke kas negara, satu kali; alokasi yang masih berjalan ditutup."
        )
        % {"left": format_rupiah(left)},
        submit=_("Bukukan pengembalian"),
        action=lambda: allocation_return_unspent(
            actor=request.user,
            allocation=allocation,
            date=form.cleaned_data["date"],
            reason=form.cleaned_data["reason"],
            evidence=form.cleaned_data.get("evidence"),
        ),
        done=lambda done: resolve_url(
            "finance:voucher", code=code, voucher_id=done.return_voucher_id
        ),
    )
