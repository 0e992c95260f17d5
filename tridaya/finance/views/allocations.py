"""Creating an allocation (officers) and a PP-BLM for its next tranche (UPK, BKM)."""

from __future__ import annotations

from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize
from tridaya.finance.forms import AllocationForm, RequestCreateForm
from tridaya.finance.models import Allocation
from tridaya.finance.selectors.proposals import active_allocations, program_choices
from tridaya.finance.services.allocations import allocation_create
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
