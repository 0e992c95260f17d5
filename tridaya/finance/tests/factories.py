"""Small money fixtures: a village with its chart open and BLM money in the bank."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tridaya.finance.models import CostCategory, Purpose, VoucherKind
from tridaya.finance.services.ledger import (
    Line,
    account_by_purpose,
    chart_open,
    ksm_advance_open,
    voucher_post,
)
from tridaya.institutions.tests.factories import ksm_with

DAY = dt.date(2026, 3, 10)


def receipt_png(name: str = "kuitansi.png") -> SimpleUploadedFile:
    """A tiny real PNG (what a phone photo of a receipt looks like to the content check)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (250, 250, 240)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def opened(village):
    """The village's chart, opened once."""
    from tridaya.finance.models import Account

    if not Account.objects.filter(village=village).exists():
        chart_open(actor=None, village=village)
    return village


def bank(village):
    return account_by_purpose(opened(village), Purpose.BANK)


def expense(village, category=CostCategory.BAHAN):
    return account_by_purpose(opened(village), Purpose.EXPENSE, category)


def receive_blm(village, amount: int, *, date=DAY, key: str = ""):
    """BLM money arrives in the BKM bank account."""
    income = account_by_purpose(opened(village), Purpose.BLM_INCOME)
    return voucher_post(
        actor=None,
        village=village,
        kind=VoucherKind.RECEIPT,
        date=date,
        description="Penerimaan BLM tahap I",
        lines=[Line(account=bank(village), debit=amount), Line(account=income, credit=amount)],
        idempotency_key=key,
    )


def advance(village, amount: int, *, ksm=None, date=DAY):
    """A KSM advance account holding `amount` released from the bank."""
    ksm = ksm or ksm_with(opened(village))
    account = ksm_advance_open(actor=None, ksm=ksm)
    receive_blm(opened(village), amount, date=date)
    voucher_post(
        actor=None,
        village=village,
        kind=VoucherKind.TRANSFER,
        date=date,
        description="Pencairan ke KSM",
        lines=[Line(account=account, debit=amount), Line(account=bank(village), credit=amount)],
    )
    return account


def spend(village, account, amount: int, *, date=DAY, key: str = "", category=None):
    return voucher_post(
        actor=None,
        village=village,
        kind=VoucherKind.PAYMENT,
        date=date,
        description="Beli semen",
        lines=[
            Line(account=expense(village, category or CostCategory.BAHAN), debit=amount),
            Line(account=account, credit=amount),
        ],
        evidence=receipt_png(),
        idempotency_key=key,
    )


def legalised_rtplp_activity(village, *, name="Saluran drainase gang", volume="100", price=150_000):
    """An activity of a legalised RTPLP whose RAB (volume x price) is funded by BLM."""
    from decimal import Decimal

    from tridaya.planning.services import plans as plan_services
    from tridaya.planning.tests import factories as plan_factories

    version = plan_factories.first_version(plan_factories.rtplp(village))
    activity = plan_factories.activity(version, name=name, people=120, women=60, mbr=40)
    plan_factories.rab_line(activity, volume=volume, unit_price=price)
    version = plan_services.version_set_safeguards(
        actor=None, version=version, answers=plan_factories.safe_answers()
    )
    plan_factories.legalise(version)
    activity.refresh_from_db()
    assert activity.rab_total == int(Decimal(volume) * price)
    return activity


def released_activity(
    village,
    amount: int,
    *,
    price=5_000_000,
    volume="100",
    ksm=None,
    number="01/KSM/2026",
    allocation=None,
    name="Saluran drainase gang",
):
    """A verified KSM proposal activity (BLM volume x price) with `amount` released to it."""
    from decimal import Decimal

    from tridaya.finance.services.allocations import allocation_create
    from tridaya.finance.services.proposals import (
        cash_plan_item_add,
        ksm_release,
        proposal_activity_add,
        proposal_create,
        proposal_submit,
        proposal_verify,
    )

    opened(village)
    allocation = allocation or allocation_create(
        actor=None, village=village, program_code="plpbk", budget_year=DAY.year
    )
    plan_activity = legalised_rtplp_activity(village, name=name, volume=volume, price=price)
    proposal = proposal_create(
        actor=None,
        allocation=allocation,
        ksm=ksm or ksm_with(village, name=f"KSM {number}"),
        number=number,
        proposed_on=DAY,
    )
    activity = proposal_activity_add(
        actor=None, proposal=proposal, plan_activity_id=plan_activity.pk
    )
    proposal_submit(actor=None, proposal=proposal)
    proposal_verify(actor=None, proposal=proposal, verified_on=DAY)
    cash_plan_item_add(
        actor=None,
        activity=activity,
        tranche=1,
        category="bahan",
        item="Semen",
        unit="sak",
        quantity_needed=Decimal(100),
        requested=Decimal(60),
        unit_price=1,
    )
    receive_blm(village, amount)
    ksm_release(actor=None, activity=activity, tranche=1, amount=amount, date=DAY)
    return activity
