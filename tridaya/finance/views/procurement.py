"""Tax lines of an expense voucher (type, base, rate, amount, proof of deposit), only when the
program switches them on (TRIDAYA_FINANCE_TAX_LINES; off by default)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, resolve_url
from django.utils.translation import gettext as _

from tridaya.core.money import format_rupiah
from tridaya.core.policy import authorize
from tridaya.finance import conf
from tridaya.finance.forms import TaxDepositForm, TaxLineForm
from tridaya.finance.models import TAX_TYPES, TaxLine, Voucher
from tridaya.finance.services.procurement import tax_deposit_record, tax_line_add
from tridaya.finance.views import form_page, village_of


def tax_new(request, code: str, voucher_id: int):
    """Record a tax on a Bukti Kas Keluar (UPK, BKM); the amount is base x rate."""
    village = village_of(code)
    authorize(request.user, "finance.post_voucher", village)
    voucher = get_object_or_404(Voucher, pk=voucher_id, village=village)
    form = TaxLineForm(request.POST or None, tax_types=TAX_TYPES)
    intro = _("Pajak atas %(voucher)s: %(description)s.") % {
        "voucher": voucher.display_number,
        "description": voucher.description,
    }
    if not conf.tax_lines_enabled():
        intro += " " + _("Pencatatan pajak sedang tidak aktif untuk program ini.")
    return form_page(
        request,
        village,
        form,
        title=_("Catat pajak"),
        intro=intro,
        action=lambda: tax_line_add(actor=request.user, voucher=voucher, **form.cleaned_data),
        done=lambda _line: resolve_url("finance:voucher", code=code, voucher_id=voucher.pk),
    )


def tax_deposit(request, code: str, tax_id: int):
    """Record the proof of deposit (NTPN) of a tax line once the tax is paid in."""
    village = village_of(code)
    authorize(request.user, "finance.post_voucher", village)
    line = get_object_or_404(
        TaxLine.objects.select_related("voucher"), pk=tax_id, voucher__village=village
    )
    form = TaxDepositForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        village,
        form,
        title=_("Bukti setor pajak"),
        intro=_("%(type)s sebesar %(amount)s atas %(voucher)s.")
        % {
            "type": line.tax_type,
            "amount": format_rupiah(line.amount),
            "voucher": line.voucher.display_number,
        },
        action=lambda: tax_deposit_record(actor=request.user, line=line, **form.cleaned_data),
        done=lambda _line: resolve_url("finance:voucher", code=code, voucher_id=line.voucher_id),
    )
