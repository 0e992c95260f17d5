"""Demo money of Desa Bajur, in two steps and the order the rules accept.

Step 80 (after institutions and planning): the chart of accounts, a PLPBK and a BDI Kolaborasi
allocation, tranche I of each received up the verification ladder (February), January and
February closed, the fourth KSM, swadaya in cash and HOK.

Step 86 (after the works step legalised Bajur's RTPLP on 20 May): each KSM proposes the RTPLP
activities it builds (the works demo gives package i to KSM i mod 4 by name), the BKM verifies,
the RPD of tranche I stays within 60% of each activity's BLM, the UPK releases tranche I against
the proposal a few days before each package starts, the KSM surveys prices and buys from the
activity's advance with a receipt photo (about 150 vouchers in all), one purchase is reversed,
the Kolaborasi LPJ of tranche I is accepted and its tranche II received, and PLPBK's tranche II
request is drafted. Every record goes through the services a user's form calls. Each step is
idempotent: it skips what is already there."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tridaya.accounts.models import User
from tridaya.finance.models import (
    Account,
    Allocation,
    CostCategory,
    Proposal,
    ProposalActivity,
    SwadayaForm,
)
from tridaya.finance.plan_source import rtplp_lines
from tridaya.finance.selectors.tranches import request_checklist
from tridaya.finance.services import (
    allocations,
    ledger,
    procurement,
    proposals,
    reports,
    swadaya,
    tranches,
)
from tridaya.institutions.models import KSM, Person
from tridaya.institutions.services.groups import ksm_create
from tridaya.regions.models import Region

BAJUR = "52.01.08.2006"
YEAR = 2026
FOURTH_KSM = "KSM Maju Bersama"
# The RPD of tranche I of every activity, as shares (percent) of the tranche:
# (item, category, unit, planned unit price, share)
RPD_ITEMS = [
    ("Semen 50 kg", CostCategory.BAHAN, "sak", 65_000, 22),
    ("Pasir", CostCategory.BAHAN, "m3", 200_000, 12),
    ("Batu kali", CostCategory.BAHAN, "m3", 235_000, 12),
    ("Besi beton 10 mm", CostCategory.BAHAN, "batang", 90_000, 9),
    ("Sewa molen", CostCategory.ALAT, "hari", 175_000, 8),
    ("Upah tukang", CostCategory.UPAH, "HOK", 135_000, 17),
    ("Upah pekerja", CostCategory.UPAH, "HOK", 100_000, 17),
    ("ATK dan fotokopi", CostCategory.OPERASIONAL, "paket", 50_000, 3),
]
SHOPS = ["TB Sinar Jaya", "UD Karya Baru", "TB Lombok Indah", "Toko Amanah"]


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


def _close_months(village, upk) -> None:
    for month in range(1, 3):
        ledger.period_close(
            actor=upk, village=village, year=YEAR, month=month, today=dt.date(YEAR, 12, 1)
        )


def seed(log: Callable[[str], None]) -> None:
    village = Region.objects.filter(code=BAJUR).first()
    if village is None or Allocation.objects.filter(village=village).exists():
        return
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
    _swadaya(village, ksms, random.Random(YEAR), upk)
    log("  finance: Bajur, 2 alokasi, tahap I BLM diterima, 4 KSM, swadaya")


# --- The KSM money (a step after works legalised Bajur's RTPLP on 20 May) --------------------

PROPOSED_ON = dt.date(YEAR, 5, 22)
VERIFIED_ON = dt.date(YEAR, 5, 25)
# Tranche I of the RTPLP activities, in their order: released a few days before the works demo
# starts each package (the sixth starts in January next year: not released yet).
RELEASED_ON = [
    dt.date(YEAR, 5, 27),
    dt.date(YEAR, 6, 10),
    dt.date(YEAR, 9, 1),
    dt.date(YEAR, 9, 8),
    dt.date(YEAR, 11, 10),
    None,
]
SPEND_UNTIL = dt.date(YEAR, 11, 30)
PURCHASES_PER_ITEM = 4
REVERSED_ON = dt.date(YEAR, 11, 5)


def proposal_number(ksm: KSM, index: int) -> str:
    initials = "".join(word[0] for word in ksm.name.split()[1:]).upper()
    return f"{index + 1:02d}/KSM-{initials}/V/{YEAR}"


def _cash_plan(activity: ProposalActivity, bkm) -> None:
    """RPD tranche I: each item's share of the tranche, in whole units at the planned price (so
    the total stays within 60% of the activity's BLM); the whole activity needs 10/6 of it."""
    share_of = proposals.ksm_tranche_cap(activity, 1)
    for item, category, unit, price, percent in RPD_ITEMS:
        quantity = share_of * percent // 100 // price
        if quantity < 1:
            continue
        proposals.cash_plan_item_add(
            actor=bkm,
            activity=activity,
            tranche=1,
            category=category,
            item=item,
            unit=unit,
            quantity_needed=Decimal(-(-quantity * 10 // 6)),
            requested=Decimal(quantity),
            unit_price=price,
        )


def _propose(allocation, ksm: KSM, lines: list, index: int, bkm) -> list[ProposalActivity]:
    """The KSM's proposal of its RTPLP activities, with their RPD, verified by the BKM."""
    proposal = proposals.proposal_create(
        actor=bkm,
        allocation=allocation,
        ksm=ksm,
        number=proposal_number(ksm, index),
        proposed_on=PROPOSED_ON,
    )
    made = []
    for line in lines:
        activity = proposals.proposal_activity_add(
            actor=bkm, proposal=proposal, plan_activity_id=line.activity_id
        )
        _cash_plan(activity, bkm)
        made.append(activity)
    proposals.proposal_submit(actor=bkm, proposal=proposal)
    proposals.proposal_verify(actor=bkm, proposal=proposal, verified_on=VERIFIED_ON)
    return made


def _parts(quantity: int) -> list[int]:
    size = max(1, quantity // PURCHASES_PER_ITEM)
    parts: list[int] = []
    while quantity > 0 and len(parts) < PURCHASES_PER_ITEM - 1:
        parts.append(min(size, quantity))
        quantity -= parts[-1]
    return [*parts, quantity] if quantity > 0 else parts


def _buy(activity: ProposalActivity, released_on: dt.date, rng: random.Random, upk) -> list:
    """Per RPD line: a price survey at three shops, then purchases from the cheapest (never
    above the planned price) spread over the following weeks, each with its receipt photo."""
    vouchers = []
    for row in activity.cash_plan.filter(tranche=1).order_by("pk"):
        surveyed_on = released_on + dt.timedelta(days=2)
        shops = rng.sample(SHOPS, 3)
        prices = [row.unit_price - 500 * rng.randint(0, 4)] + [
            row.unit_price + 500 * rng.randint(2, 16) for _shop in shops[1:]
        ]
        survey = procurement.price_survey_record(
            actor=upk,
            activity=activity,
            item=row.item,
            unit=row.unit,
            surveyed_on=surveyed_on,
            surveyor="Tim pengadaan KSM",
            quotes=[
                procurement.QuoteInput(
                    shop=shop, unit_price=price, quoted_on=surveyed_on, written=True
                )
                for shop, price in zip(shops, prices, strict=True)
            ],
        )
        quote = min(survey.quotes.all(), key=lambda q: q.unit_price)
        for part, quantity in enumerate(_parts(int(row.requested))):
            day = released_on + dt.timedelta(days=5 + 18 * part + rng.randint(0, 6))
            if day > SPEND_UNTIL:
                break
            purchase = procurement.purchase_post(
                actor=upk,
                activity=activity,
                survey=survey,
                quote=quote,
                quantity=Decimal(quantity),
                date=day,
                evidence=receipt_image(
                    rng.randint(1, 9999), quote.shop, quantity * quote.unit_price
                ),
                category=row.category,
            )
            vouchers.append(purchase.voucher)
    return vouchers


def _ksm_money(village: Region, plpbk: Allocation, rng: random.Random) -> list:
    """Proposals, tranche I releases against them and the purchases; the vouchers paid."""
    lines = rtplp_lines(BAJUR)
    ksms = list(KSM.objects.filter(village=village).order_by("name")[:4])
    bkm, upk = _user("bkm.bajur"), _user("upk.bajur")
    by_ksm: dict[int, list] = {}
    for index, line in enumerate(lines):
        by_ksm.setdefault(index % len(ksms), []).append(line)
    activities: dict[int, ProposalActivity] = {}
    for index, ksm_lines in sorted(by_ksm.items()):
        for activity in _propose(plpbk, ksms[index], ksm_lines, index, bkm):
            activities[activity.plan_activity_id] = activity
    vouchers = []
    for line, released_on in zip(lines, RELEASED_ON, strict=False):
        activity = activities[line.activity_id]
        if released_on is None:
            continue
        planned = sum(row.amount for row in activity.cash_plan.filter(tranche=1))
        proposals.ksm_release(
            actor=upk, activity=activity, tranche=1, amount=planned, date=released_on
        )
        vouchers += _buy(activity, released_on, rng, upk)
    return vouchers


def _tranche_two(plpbk: Allocation, kolaborasi: Allocation) -> None:
    """The Kolaborasi LPJ of tranche I, accepted, then its tranche II; PLPBK's tranche II
    request drafted (its 50% physical progress condition is still open)."""
    upk, faskel = _user("upk.bajur"), _user("fasilitator.bajur")
    lpj = reports.lpj_submit(
        actor=upk, allocation=kolaborasi, tranche=1, period_end=dt.date(YEAR, 6, 30)
    )
    reports.lpj_decide(actor=faskel, lpj=lpj, accept=True)
    _disburse(kolaborasi, 2, dt.date(YEAR, 7, 20), faskel)
    tranches.request_create(actor=None, allocation=plpbk, tranche=2)


def seed_proposal(log: Callable[[str], None]) -> None:
    """The KSM money of step 86 (see the module's docstring). Idempotent: nothing happens once
    Bajur has a KSM proposal."""
    village = Region.objects.filter(code=BAJUR).first()
    plpbk = Allocation.objects.filter(village_id=BAJUR, scheme__code="plpbk").first()
    kolaborasi = Allocation.objects.filter(village_id=BAJUR, scheme__code="bdi-kolaborasi").first()
    if village is None or plpbk is None or kolaborasi is None:
        return
    if Proposal.objects.filter(village=village).exists():
        return
    if not rtplp_lines(BAJUR):
        log("  finance: Bajur belum punya RTPLP yang disahkan; usulan KSM tidak dibuat")
        return
    vouchers = _ksm_money(village, plpbk, random.Random(YEAR))
    ledger.voucher_reverse(
        actor=_user("upk.bajur"),
        voucher=vouchers[3],
        date=REVERSED_ON,
        reason="Nota ganda: pembelian yang sama sudah dibukukan",
    )
    _tranche_two(plpbk, kolaborasi)
    count = Proposal.objects.filter(village=village).count()
    log(f"  finance: {count} usulan KSM diverifikasi, {len(vouchers)} pembelian KSM")
