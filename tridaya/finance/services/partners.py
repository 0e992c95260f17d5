"""Partners' money through the BKM: a realised pledge (marketing) whose money reached the BKM's
bank account is posted as a Bukti Kas Masuk (debit Bank BKM, credit 4401 dana mitra); undoing the
realisation posts the reversing voucher. Both run inside marketing's transaction, called through
marketing's registry (finance comes later in the dependency order), so a refused posting (a
closed month, a village without a chart) refuses the realisation too and nothing is half-written.
Only UPK and BKM post: a realisation through the BKM is theirs to record."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.money import format_rupiah
from tridaya.core.policy import authorize
from tridaya.finance.chart import STANDARD_CHART
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.models import (
    Account,
    PartnerReceipt,
    Purpose,
    Voucher,
    VoucherKind,
)
from tridaya.finance.services.ledger import (
    Line,
    _audit_posted,
    account_by_purpose,
    post_lines,
    require_village,
)

if TYPE_CHECKING:
    from tridaya.accounts.models import User
    from tridaya.marketing.models import Pledge


def _partner_income(village_id: str) -> Account:
    """4401, opened on first use in a chart opened before it was part of the standard chart."""
    found = Account.objects.filter(
        village_id=village_id, purpose=Purpose.PARTNER_INCOME, ksm=None
    ).first()
    if found is not None:
        return found
    spec = next(s for s in STANDARD_CHART if s.purpose == Purpose.PARTNER_INCOME)
    account = Account(
        village_id=village_id,
        code=spec.code,
        name=str(spec.name),
        kind=spec.kind,
        purpose=spec.purpose,
    )
    account.full_clean()
    account.save()
    return account


@transaction.atomic
def partner_receipt_post(*, actor: User | None, pledge: Pledge) -> Voucher:
    """Post the realised money of a pledge into the BKM's bank account (once per realisation)."""
    village = pledge.village
    require_village(village)
    authorize(actor, "finance.post_voucher", village)
    assert pledge.realised_amount is not None and pledge.realised_on is not None
    bank = account_by_purpose(village, Purpose.BANK)
    lines = [
        Line(account=bank, debit=pledge.realised_amount),
        Line(account=_partner_income(village.code), credit=pledge.realised_amount),
    ]
    earlier = PartnerReceipt.objects.filter(pledge=pledge).count()
    voucher, created = post_lines(
        actor=actor,
        village=village,
        kind=VoucherKind.RECEIPT,
        date=pledge.realised_on,
        description=_("Dana mitra %(partner)s (%(source)s): %(amount)s")
        % {
            "partner": pledge.partner.name,
            "source": pledge.source.label,
            "amount": format_rupiah(pledge.realised_amount),
        },
        lines=lines,
        idempotency_key=f"pledge-{pledge.pk}-{earlier + 1}",
    )
    if created:
        PartnerReceipt.objects.create(pledge=pledge, voucher=voucher)
        _audit_posted(actor, voucher, lines, "finance.partner_receipt_posted")
    return voucher


@transaction.atomic
def partner_receipt_reverse(
    *, actor: User | None, pledge: Pledge, reason: str, date: dt.date | None = None
) -> Voucher:
    """Reverse the receipt of a realisation undone in marketing, naming the reason."""
    authorize(actor, "finance.post_voucher", pledge.village)
    receipt = (
        PartnerReceipt.objects.select_related("voucher")
        .filter(pledge=pledge, voucher__reversed_by__isnull=True)
        .order_by("-id")
        .first()
    )
    if receipt is None:
        raise refuse(
            FinanceError.NO_PARTNER_RECEIPT,
            _("Dana mitra ini tidak tercatat di buku kas BKM."),
        )
    original = receipt.voucher
    lines = [
        Line(account=e.account, debit=e.credit, credit=e.debit, memo=e.memo)
        for e in original.entries.select_related("account").order_by("line")
    ]
    reversal, _created = post_lines(
        actor=actor,
        village=pledge.village,
        kind=VoucherKind.PAYMENT,
        date=date or timezone.localdate(),
        description=_("Pembatalan %(number)s: %(reason)s")
        % {"number": original.display_number, "reason": reason},
        lines=lines,
        reverses=original,
    )
    _audit_posted(actor, reversal, lines, "finance.voucher_reversed")
    return reversal


def register_receipts() -> None:
    """Called from FinanceConfig.ready(): marketing posts BKM receipts through these."""
    from tridaya.marketing.registry import register_bkm_receipt

    register_bkm_receipt(partner_receipt_post, partner_receipt_reverse)
