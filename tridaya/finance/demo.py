"""Demo money of Desa Bajur (seed step order 80, after institutions and planning): a PLPBK
allocation with tranche I received up the verification ladder, a BDI Kolaborasi allocation with
both tranches received (the second after the first LPJ was accepted), four KSM spending from
their advances with receipt photos (about 150 vouchers), swadaya in cash and HOK, one reversal,
closed months, a bank reconciliation. Idempotent: it does nothing once the allocation exists."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile

from tridaya.accounts.models import User
from tridaya.finance.models import Account, Allocation, CostCategory, Purpose, SwadayaForm
from tridaya.finance.selectors.tranches import request_checklist
from tridaya.finance.services import allocations, ledger, reports, swadaya, tranches
from tridaya.finance.services.ledger import Line
from tridaya.institutions.models import KSM, Person
from tridaya.institutions.services.groups import ksm_create
from tridaya.regions.models import Region

BAJUR = "52.01.08.2006"
YEAR = 2026
FOURTH_KSM = "KSM Maju Bersama"
# (item, category, unit price range) of community purchases
ITEMS = [
    ("Semen 50 kg", CostCategory.BAHAN, (62_000, 68_000)),
    ("Pasir (m3)", CostCategory.BAHAN, (180_000, 220_000)),
    ("Batu kali (m3)", CostCategory.BAHAN, (210_000, 260_000)),
    ("Besi beton 10 mm", CostCategory.BAHAN, (85_000, 95_000)),
    ("Sewa molen", CostCategory.ALAT, (150_000, 200_000)),
    ("Upah tukang (HOK)", CostCategory.UPAH, (120_000, 150_000)),
    ("Upah pekerja (HOK)", CostCategory.UPAH, (90_000, 110_000)),
    ("ATK dan fotokopi", CostCategory.OPERASIONAL, (25_000, 75_000)),
]


def receipt_image(number: int, shop: str, amount: int) -> SimpleUploadedFile:
    """A small generated receipt photo (PNG) for a demo voucher."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 120), (252, 250, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([4, 4, 235, 115], outline=(90, 90, 90))
    draw.text((12, 12), "KUITANSI", fill=(20, 20, 20))
    draw.text((12, 36), shop[:30], fill=(20, 20, 20))
    draw.text((12, 60), f"No. {number:04d}", fill=(20, 20, 20))
    draw.text((12, 84), f"Rp {amount:,}".replace(",", "."), fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile(f"kuitansi-{number:04d}.png", buffer.getvalue(), "image/png")


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _ksms(village: Region) -> list[KSM]:
    """The three KSM of the institutions demo and a fourth for the drainage works."""
    if not KSM.objects.filter(village=village, name=FOURTH_KSM).exists():
        people = list(Person.objects.filter(village=village).order_by("id")[40:43])
        if len(people) == 3:
            ksm_create(
                actor=None,
                village=village,
                name=FOURTH_KSM,
                members=people,
                leader=people[0],
                activity="Sumur resapan dan biopori di RW 02.",
                formed_on=dt.date(YEAR, 2, 2),
            )
    return list(KSM.objects.filter(village=village).order_by("name")[:4])


def _disburse(allocation: Allocation, number: int, signed_on: dt.date, faskel: User | None):
    request = tranches.request_create(actor=None, allocation=allocation, tranche=number)
    docs = {item["code"]: {"present": True, "correct": True} for item in request_checklist(request)}
    tranches.request_documents_set(actor=None, request=request, documents=docs)
    tranches.request_submit(actor=None, request=request)
    for step in allocation.scheme.definition["ladder"]:
        tranches.request_sign(
            actor=faskel,
            request=request,
            signer_name=f"{step['label']} Kab. Lombok Barat",
            signed_on=signed_on,
            notes="Berkas lengkap dan benar.",
        )
    return request


def _release(village, ksm: KSM, amount: int, day: dt.date, upk) -> Account:
    account = ledger.ksm_advance_open(actor=None, ksm=ksm)
    bank = ledger.account_by_purpose(village, Purpose.BANK)
    ledger.voucher_post(
        actor=upk,
        village=village,
        kind="pindah",
        date=day,
        description=f"Pencairan dana ke {ksm.name}",
        lines=[Line(account=account, debit=amount), Line(account=bank, credit=amount)],
    )
    return account


def _purchases(village, account: Account, rng: random.Random, month: int, upk, count: int):
    """`count` purchases by a KSM in a month, each with its receipt photo."""
    vouchers = []
    for _n in range(count):
        item, category, (low, high) = rng.choice(ITEMS)
        quantity = rng.randint(2, 12)
        amount = quantity * rng.randrange(low, high, 500)
        balance = Account.objects.get(pk=account.pk).balance
        if amount > balance:
            break
        day = dt.date(YEAR, month, rng.randint(1, 28))
        shop = rng.choice(["TB Sinar Jaya", "UD Karya Baru", "TB Lombok Indah", "Toko Amanah"])
        vouchers.append(
            ledger.voucher_post(
                actor=upk,
                village=village,
                kind="keluar",
                date=day,
                description=f"{item} x {quantity} ({shop})",
                lines=[
                    Line(ledger.account_by_purpose(village, Purpose.EXPENSE, category), amount),
                    Line(account=account, credit=amount),
                ],
                evidence=receipt_image(rng.randint(1, 9999), shop, amount),
            )
        )
    return vouchers


def _swadaya(village, ksms: list[KSM], rng: random.Random, upk) -> None:
    for month in (4, 6, 8):
        for ksm in ksms[:2]:
            swadaya.swadaya_record(
                actor=upk,
                village=village,
                data=swadaya.SwadayaInput(
                    form=SwadayaForm.LABOUR,
                    date=dt.date(YEAR, month, 15),
                    description=f"Kerja bakti {ksm.name}",
                    days=rng.randint(20, 60),
                    daily_rate=100_000,
                    workers_men=rng.randint(8, 15),
                    workers_women=rng.randint(4, 10),
                    ksm=ksm,
                ),
            )
    swadaya.swadaya_record(
        actor=upk,
        village=village,
        data=swadaya.SwadayaInput(
            form=SwadayaForm.CASH,
            date=dt.date(YEAR, 5, 3),
            description="Iuran warga RW 02",
            amount=3_450_000,
        ),
    )


def _spend(village, ksms, rng, upk) -> list:
    vouchers = []
    for index, ksm in enumerate(ksms):
        account = _release(village, ksm, 120_000_000, dt.date(YEAR, 3, 2 + index), upk)
        for month in range(3, 11):
            vouchers += _purchases(village, account, rng, month, upk, 4)
    return vouchers


def _close_months(village, upk) -> None:
    for month in range(1, 3):
        ledger.period_close(
            actor=upk, village=village, year=YEAR, month=month, today=dt.date(YEAR, 12, 1)
        )


def seed(log: Callable[[str], None]) -> None:
    village = Region.objects.filter(code=BAJUR).first()
    if village is None or Allocation.objects.filter(village=village).exists():
        return
    rng = random.Random(YEAR)
    upk, faskel = _user("upk.bajur"), _user("fasilitator.bajur")
    if not Account.objects.filter(village=village).exists():
        ledger.chart_open(actor=upk, village=village)
    plpbk = allocations.allocation_create(
        actor=None, village=village, program_code="plpbk", budget_year=YEAR
    )
    kolaborasi = allocations.allocation_create(
        actor=None, village=village, program_code="bdi-kolaborasi", budget_year=YEAR
    )
    _disburse(plpbk, 1, dt.date(YEAR, 2, 20), faskel)
    _disburse(kolaborasi, 1, dt.date(YEAR, 2, 24), faskel)
    _close_months(village, upk)
    ksms = _ksms(village)
    vouchers = _spend(village, ksms, rng, upk)
    _swadaya(village, ksms, rng, upk)
    ledger.voucher_reverse(
        actor=upk,
        voucher=vouchers[3],
        date=dt.date(YEAR, 11, 5),
        reason="Nota ganda: pembelian yang sama sudah dibukukan",
    )
    lpj = reports.lpj_submit(
        actor=upk, allocation=kolaborasi, tranche=1, period_end=dt.date(YEAR, 6, 30)
    )
    reports.lpj_decide(actor=faskel, lpj=lpj, accept=True)
    _disburse(kolaborasi, 2, dt.date(YEAR, 7, 20), faskel)
    tranches.request_create(actor=None, allocation=plpbk, tranche=2)
    log(f"  finance: Bajur, {len(vouchers)} pembelian KSM, 3 tahap BLM diterima")


# --- The KSM proposal (a step after works legalised Bajur's RTPLP) ---------------------------

PROPOSAL_NUMBER = "01/KSM-MB/II/2026"
PROPOSAL_ACTIVITY = "Saluran drainase gang Melati"
BOUGHT = re.compile(r"^(?P<item>.+) x (?P<quantity>\d+) \(")
UNITS = {CostCategory.BAHAN: "unit", CostCategory.ALAT: "hari", CostCategory.UPAH: "HOK"}


def _bought(village: Region, ksm: KSM) -> dict[tuple[str, str], list[int]]:
    """(item, category) -> [quantity, amount] of what the KSM bought from its advance, from
    the purchase vouchers seeded above (reversed ones left out)."""
    from tridaya.finance.models import Voucher

    categories = {item: category for item, category, _prices in ITEMS}
    found: dict[tuple[str, str], list[int]] = {}
    payments = (
        Voucher.objects.filter(
            village=village, kind="keluar", entries__account__ksm=ksm, reverses__isnull=True
        )
        .exclude(reversed_by__isnull=False)
        .prefetch_related("entries")
        .distinct()
        .order_by("pk")
    )
    for voucher in payments:
        match = BOUGHT.match(voucher.description)
        if match is None or match["item"] not in categories:
            continue
        row = found.setdefault((match["item"], categories[match["item"]]), [0, 0])
        row[0] += int(match["quantity"])
        row[1] += sum(e.credit for e in voucher.entries.all())
    return found


def _cash_plan(activity, bought: dict, bkm) -> None:
    """The RPD of tranche I: what the KSM then bought, at the average price it paid, with a
    tenth more in reserve as the quantity needed."""
    from decimal import Decimal

    from tridaya.finance.services import proposals

    for (item, category), (quantity, amount) in sorted(bought.items()):
        price = round(amount / quantity / 500) * 500
        proposals.cash_plan_item_add(
            actor=bkm,
            activity=activity,
            tranche=1,
            category=category,
            item=item,
            unit=UNITS.get(category, "paket"),
            quantity_needed=Decimal(quantity + max(1, quantity // 10)),
            requested=Decimal(quantity),
            unit_price=price,
        )


def seed_proposal(log: Callable[[str], None]) -> None:
    """KSM Maju Bersama's proposal for the drainage of gang Melati, drawn from the legalised
    RTPLP (with its RAB funding), verified by the BKM before the March release, and its cash
    plan for tranche I matching the purchases booked from its advance. Idempotent."""
    from tridaya.finance.models import Proposal
    from tridaya.finance.plan_source import rtplp_lines
    from tridaya.finance.services import proposals

    village = Region.objects.filter(code=BAJUR).first()
    plpbk = Allocation.objects.filter(village_id=BAJUR, scheme__code="plpbk").first()
    ksm = KSM.objects.filter(village_id=BAJUR, name=FOURTH_KSM).first()
    if (
        village is None
        or plpbk is None
        or ksm is None
        or Proposal.objects.filter(village=village).exists()
    ):
        return
    lines = rtplp_lines(BAJUR)
    line = next((x for x in lines if x.component == PROPOSAL_ACTIVITY), lines[0] if lines else None)
    if line is None:
        log("  finance: Bajur belum punya RTPLP yang disahkan; usulan KSM tidak dibuat")
        return
    bkm = _user("bkm.bajur")
    proposal = proposals.proposal_create(
        actor=bkm,
        allocation=plpbk,
        ksm=ksm,
        number=PROPOSAL_NUMBER,
        proposed_on=dt.date(YEAR, 2, 25),
    )
    activity = proposals.proposal_activity_add(
        actor=bkm, proposal=proposal, plan_activity_id=line.activity_id
    )
    _cash_plan(activity, _bought(village, ksm), bkm)
    proposals.proposal_submit(actor=bkm, proposal=proposal)
    proposals.proposal_verify(actor=bkm, proposal=proposal, verified_on=dt.date(YEAR, 2, 27))
    log(f"  finance: usulan {PROPOSAL_NUMBER} {ksm.name} ({activity.name}) diverifikasi BKM")
