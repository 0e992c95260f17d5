"""Community procurement: price surveys and quotes, and purchases that must show the evidence
of their value band (program scheme file: up to Rp 10 juta one supplier with a receipt; up to
Rp 200 juta at least 3 written quotes; above a tender [A, LKPP 12/2019, S14])."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.money import format_rupiah
from tridaya.core.policy import authorize
from tridaya.finance import conf
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.evidence import check_evidence
from tridaya.finance.models import (
    TAX_TYPES,
    Account,
    CostCategory,
    PriceQuote,
    PriceSurvey,
    ProposalActivity,
    Purchase,
    Purpose,
    TaxLine,
    Voucher,
    VoucherKind,
)
from tridaya.finance.services.ledger import Line, account_by_purpose, post_lines

if TYPE_CHECKING:
    from django.core.files import File

    from tridaya.accounts.models import User


@dataclass(frozen=True)
class QuoteInput:
    shop: str
    unit_price: int
    quoted_on: dt.date
    written: bool = False


@transaction.atomic(durable=True)
def price_survey_record(
    *,
    actor: User | None,
    activity: ProposalActivity,
    item: str,
    unit: str,
    surveyed_on: dt.date,
    surveyor: str,
    quotes: list[QuoteInput],
    tender_reference: str = "",
) -> PriceSurvey:
    """A price survey with its quotes (shop, unit price, date, written or not)."""
    authorize(actor, "finance.post_voucher", activity.proposal)
    survey = PriceSurvey(
        village_id=activity.proposal.village_id,
        activity=activity,
        item=item.strip(),
        unit=unit.strip(),
        surveyed_on=surveyed_on,
        surveyor=surveyor.strip(),
        tender_reference=tender_reference.strip(),
    )
    survey.full_clean()
    survey.save()
    for quote in quotes:
        row = PriceQuote(survey=survey, **quote.__dict__)
        row.full_clean()
        row.save()
    record_event(
        actor=actor,
        action="finance.price_survey_recorded",
        obj=survey,
        changes={"item": [None, survey.item], "quotes": [None, len(quotes)]},
    )
    return survey


def band_for(activity: ProposalActivity, amount: int) -> dict:
    """The procurement band of the allocation's program for a purchase value."""
    bands = activity.proposal.allocation.scheme.definition.get("procurement_bands") or [
        {"method": "direct", "min_quotes": 1}
    ]
    return next((b for b in bands if b.get("max_amount", amount) >= amount), bands[-1])


def _band_problem(band: dict, survey: PriceSurvey, amount: int) -> str | None:
    quotes = list(survey.quotes.all())
    params = {"amount": format_rupiah(amount), "n": band.get("min_quotes", 1)}
    if band["method"] == "tender" and not survey.tender_reference:
        return (
            _("Pembelian %(amount)s masuk batas tender: catat nomor berita acara tender.") % params
        )
    if band["method"] == "quotations":
        written = sum(1 for q in quotes if q.written)
        if written < band["min_quotes"]:
            params["have"] = written
            return (
                _(
                    "Pembelian %(amount)s perlu sedikitnya %(n)s penawaran tertulis; baru ada "
                    "%(have)s. Minta penawaran tertulis dari toko lain."
                )
                % params
            )
    if len(quotes) < band.get("min_quotes", 1):
        params["have"] = len(quotes)
        return _("Survei harga perlu sedikitnya %(n)s toko; baru %(have)s.") % params
    return None


@transaction.atomic(durable=True)
def purchase_post(
    *,
    actor: User | None,
    activity: ProposalActivity,
    survey: PriceSurvey,
    quote: PriceQuote,
    quantity: Decimal,
    date: dt.date,
    evidence: File | None,
    category: str = CostCategory.BAHAN,
    idempotency_key: str = "",
) -> Purchase:
    """Pay a purchase from the activity's advance (Bukti Kas Keluar with the receipt), after
    checking the band's evidence; the chosen quote is linked to the voucher."""
    authorize(actor, "finance.post_voucher", activity.proposal)
    if quote.survey_id != survey.pk or survey.activity_id != activity.pk:
        raise refuse(
            FinanceError.QUOTE_ELSEWHERE,
            _("Penawaran yang dipilih bukan dari survei harga kegiatan ini."),
            field="quote",
        )
    amount = int((quantity * quote.unit_price).quantize(Decimal(1), ROUND_HALF_UP))
    band = band_for(activity, amount)
    problem = _band_problem(band, survey, amount)
    if problem:
        raise refuse(FinanceError.BAND_EVIDENCE_MISSING, problem, field="survey")
    village = activity.proposal.village
    advance = Account.objects.filter(
        village=village, purpose=Purpose.KSM_ADVANCE, activity_key=activity.key
    ).first()
    if advance is None:
        raise refuse(
            FinanceError.OVERDRAWN,
            _("Belum ada dana yang dicairkan ke kegiatan %(name)s.") % {"name": activity.name},
        )
    voucher, created = post_lines(
        actor=actor,
        village=village,
        kind=VoucherKind.PAYMENT,
        date=date,
        description=_("%(item)s %(qty)s %(unit)s dari %(shop)s")
        % {
            "item": survey.item,
            "qty": quantity.normalize(),
            "unit": survey.unit,
            "shop": quote.shop,
        },
        lines=[
            Line(account=account_by_purpose(village, Purpose.EXPENSE, category), debit=amount),
            Line(account=advance, credit=amount),
        ],
        evidence=evidence,
        idempotency_key=idempotency_key,
    )
    if not created:
        return voucher.purchase
    purchase = Purchase(
        village=village,
        activity=activity,
        survey=survey,
        quote=quote,
        quantity=quantity,
        amount=amount,
        method=band["method"],
        voucher=voucher,
    )
    purchase.full_clean()
    purchase.save()
    record_event(
        actor=actor,
        action="finance.purchase_posted",
        obj=voucher,
        changes={
            "amount": [None, amount],
            "method": [None, band["method"]],
            "shop": [None, quote.shop],
        },
    )
    return purchase


def _check_tax(voucher: Voucher, tax_type: str, base: int, rate: Decimal) -> None:
    if voucher.kind != VoucherKind.PAYMENT or voucher.reverses_id is not None:
        raise refuse(
            FinanceError.TAX_BAD,
            _("Pajak hanya dicatat pada Bukti Kas Keluar yang bukan pembalikan."),
        )
    if tax_type not in TAX_TYPES:
        raise refuse(
            FinanceError.TAX_BAD,
            _("Pilih jenis pajak: %(types)s.") % {"types": ", ".join(TAX_TYPES)},
            field="tax_type",
        )
    if base <= 0:
        raise refuse(FinanceError.TAX_BAD, _("Dasar pengenaan harus lebih dari nol."), field="base")
    if not Decimal(0) < rate <= Decimal(100):
        raise refuse(
            FinanceError.TAX_BAD,
            _("Tarif pajak harus di atas 0 dan paling besar 100%."),
            field="rate",
        )


NTPN = re.compile(r"[0-9A-Z]{16}")


def ntpn_clean(raw: str) -> str:
    """The NTPN (Nomor Transaksi Penerimaan Negara) of a Bukti Penerimaan Negara: 16 letters
    and digits (DJP's format); spaces and dashes as printed are dropped, letters upper-cased."""
    value = re.sub(r"[\s-]", "", raw or "").upper()
    if not NTPN.fullmatch(value):
        raise refuse(
            FinanceError.TAX_BAD,
            _(
                "NTPN harus 16 karakter huruf dan angka, seperti tercetak pada Bukti Penerimaan "
                "Negara (yang diisi: %(count)s karakter)."
            )
            % {"count": len(value)},
            field="deposit_proof",
        )
    return value


@transaction.atomic(durable=True)
def tax_line_add(
    *,
    actor: User | None,
    voucher: Voucher,
    tax_type: str,
    base: int,
    rate: Decimal,
    deposit_proof: str = "",
) -> TaxLine:
    """Record a tax on an expense voucher; refused while tax lines are switched off. The amount
    is base x rate, rounded to the rupiah; the proof of deposit (NTPN) may follow later."""
    authorize(actor, "finance.post_voucher", voucher)
    if not conf.tax_lines_enabled():
        raise refuse(
            FinanceError.TAX_LINES_OFF,
            _("Pencatatan pajak tidak aktif untuk program ini (TRIDAYA_FINANCE_TAX_LINES)."),
        )
    tax_type = tax_type.strip()
    _check_tax(voucher, tax_type, base, rate)
    proof = ntpn_clean(deposit_proof) if deposit_proof.strip() else ""
    amount = int((Decimal(base) * rate / 100).quantize(Decimal(1), ROUND_HALF_UP))
    line = TaxLine(
        voucher=voucher,
        tax_type=tax_type,
        base=base,
        rate=rate,
        amount=amount,
        deposit_proof=proof,
    )
    line.full_clean()
    line.save()
    record_event(
        actor=actor,
        action="finance.tax_line_added",
        obj=voucher,
        changes={"tax": [None, [line.tax_type, base, str(rate), amount]]},
    )
    return line


@transaction.atomic(durable=True)
def tax_deposit_record(
    *,
    actor: User | None,
    line: TaxLine,
    deposit_proof: str,
    deposit_evidence: File | None = None,
) -> TaxLine:
    """Record the proof of deposit of a tax line once the tax is paid in: the NTPN and, when
    given, the photo or scan of the Bukti Penerimaan Negara (checked by its content)."""
    authorize(actor, "finance.post_voucher", line)
    line = TaxLine.objects.select_for_update().select_related("voucher").get(pk=line.pk)
    if not deposit_proof.strip():
        raise refuse(
            FinanceError.TAX_BAD, _("Isi nomor bukti setor (NTPN)."), field="deposit_proof"
        )
    proof = ntpn_clean(deposit_proof)
    if line.deposit_proof:
        raise refuse(
            FinanceError.TAX_BAD,
            _("Bukti setor pajak ini sudah dicatat: %(proof)s.") % {"proof": line.deposit_proof},
        )
    line.deposit_proof = proof
    fields = ["deposit_proof"]
    if deposit_evidence is not None:
        check_evidence(deposit_evidence, field="deposit_evidence")
        line.deposit_evidence = deposit_evidence
        fields.append("deposit_evidence")
    line.full_clean()
    line.save(update_fields=fields)
    record_event(
        actor=actor,
        action="finance.tax_deposited",
        obj=line.voucher,
        changes={
            "deposit_proof": [None, proof],
            "tax": [None, line.tax_type],
            "deposit_evidence": [None, bool(line.deposit_evidence)],
        },
    )
    return line
