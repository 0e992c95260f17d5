"""Handover (BAST) to a KPP or the Pemda with the asset it creates, KPP O&M plans, the yearly
functionality check, maintenance, iuran in the ledger, and handled volumes passed to mapping."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.policy import authorize
from tridaya.institutions.models import KPP
from tridaya.regions.models import RT
from tridaya.works.conf import functionality_weights
from tridaya.works.errors import WorksError, refuse
from tridaya.works.models import (
    Asset,
    FunctionalityCheck,
    HandledVolume,
    Handover,
    IuranPayment,
    MaintenanceLog,
    OmPlan,
    PackageStatus,
    Recipient,
    WorkPackage,
)
from tridaya.works.schedule import functionality_score

if TYPE_CHECKING:
    from tridaya.finance.models import Voucher

FLAGS = ("exists", "good_condition", "functioning", "used", "upgraded")


def _value_from_ledger(package: WorkPackage) -> int:
    from tridaya.works.money_source import money_of_plan_activities

    money = money_of_plan_activities(package.village_id, [package.plan_activity_id])
    spent = money.get(package.plan_activity_id)
    return spent.spent if spent is not None and spent.spent else package.value


@transaction.atomic(durable=True)
def handover_record(
    *,
    actor: User | None,
    package: WorkPackage,
    number: str,
    date: dt.date,
    recipient: str,
    kpp: KPP | None = None,
    pemda_office: str = "",
    asset_kind: str = "",
    design_life_years: int = 10,
    notes: str = "",
) -> Handover:
    """BAST for a completed package and its entry in the asset register (value = what the
    ledger shows spent on it, or its RAB value when nothing was spent through the ledger)."""
    authorize(actor, "works.manage", package)
    package = WorkPackage.objects.select_for_update().get(pk=package.pk)
    if package.status != PackageStatus.DONE:
        raise refuse(
            WorksError.NOT_COMPLETE,
            _(
                "Paket %(name)s belum selesai 100%% (disetujui %(pct)s%%); serah terima sesudah "
                "selesai."
            )
            % {"name": package.name, "pct": package.progress},
        )
    if Handover.objects.filter(package=package).exists():
        raise refuse(WorksError.HANDOVER_EXISTS, _("Paket ini sudah diserahterimakan."))
    if recipient == Recipient.KPP and kpp is None:
        raise refuse(WorksError.RECIPIENT_MISSING, _("Pilih KPP penerima aset."), field="kpp")
    if recipient == Recipient.PEMDA and not pemda_office.strip():
        raise refuse(
            WorksError.RECIPIENT_MISSING,
            _("Tulis instansi pemda penerima aset."),
            field="pemda_office",
        )
    if kpp is not None and kpp.village_id != package.village_id:
        raise refuse(WorksError.WRONG_VILLAGE, _("KPP ini dari desa lain."), field="kpp")
    handover = Handover(
        package=package,
        number=number,
        date=date,
        recipient=recipient,
        kpp=kpp if recipient == Recipient.KPP else None,
        pemda_office=pemda_office.strip(),
        notes=notes,
        created_by=actor,
    )
    handover.full_clean()
    handover.save()
    asset = Asset(
        village_id=package.village_id,
        package=package,
        handover=handover,
        kind=asset_kind or package.unit,
        name=package.name,
        geometry=package.geometry,
        volume=package.volume,
        unit=package.unit,
        value=_value_from_ledger(package),
        design_life_years=design_life_years,
        people=package.people,
        households=package.households,
        handed_on=date,
    )
    asset.full_clean()
    asset.save()
    record_event(
        actor=actor,
        action="works.handed_over",
        obj=handover,
        changes={"recipient": [None, handover.recipient_name], "value": [None, asset.value]},
    )
    return handover


@transaction.atomic(durable=True)
def om_plan_save(
    *,
    actor: User | None,
    asset: Asset,
    year: int,
    use_plan: str,
    revenue_plan: int,
    spending_plan: int,
    maintenance_schedule: str,
) -> OmPlan:
    authorize(actor, "works.om", asset)
    plan, _created = OmPlan.objects.get_or_create(
        asset=asset,
        year=year,
        defaults={"use_plan": use_plan, "maintenance_schedule": maintenance_schedule},
    )
    plan.use_plan, plan.maintenance_schedule = use_plan, maintenance_schedule
    plan.revenue_plan, plan.spending_plan = revenue_plan, spending_plan
    plan.full_clean()
    plan.save()
    record_event(
        actor=actor, action="works.om_plan_saved", obj=plan, changes={"year": [None, year]}
    )
    return plan


@transaction.atomic(durable=True)
def check_record(
    *,
    actor: User | None,
    asset: Asset,
    year: int,
    checked_on: dt.date,
    flags: dict[str, bool],
    note: str = "",
) -> FunctionalityCheck:
    """The yearly keberfungsian check: five yes/no flags and their score (one per asset a year;
    the same answers again change nothing)."""
    authorize(actor, "works.om", asset)
    values = {name: bool(flags.get(name)) for name in FLAGS}
    score = functionality_score(values, functionality_weights())
    existing = FunctionalityCheck.objects.filter(asset=asset, year=year).first()
    if existing is not None:
        if all(getattr(existing, n) == v for n, v in values.items()):
            return existing
        raise refuse(
            WorksError.CHECK_EXISTS,
            _("Pemeriksaan keberfungsian tahun %(year)s untuk aset ini sudah dicatat.")
            % {"year": year},
            field="year",
        )
    check = FunctionalityCheck(
        asset=asset,
        year=year,
        checked_on=checked_on,
        note=note,
        score=score,
        checked_by=actor,
        **values,
    )
    check.full_clean()
    check.save()
    record_event(
        actor=actor,
        action="works.check_recorded",
        obj=check,
        changes={"score": [None, score], **{n: [None, v] for n, v in values.items()}},
    )
    return check


@transaction.atomic(durable=True)
def maintenance_log(
    *, actor: User | None, asset: Asset, date: dt.date, description: str, cost: int
) -> MaintenanceLog:
    authorize(actor, "works.om", asset)
    if not isinstance(cost, int) or cost < 0:
        raise refuse(WorksError.BAD_AMOUNT, _("Isi biaya dalam rupiah bulat."), field="cost")
    log = MaintenanceLog(asset=asset, date=date, description=description, cost=cost)
    log.full_clean()
    log.save()
    record_event(
        actor=actor, action="works.maintenance_logged", obj=log, changes={"cost": [None, cost]}
    )
    return log


@transaction.atomic(durable=True)
def iuran_record(
    *, actor: User | None, asset: Asset, date: dt.date, amount: int, payers: str = "", key: str = ""
) -> Voucher:
    """Users' fees (iuran) for an asset, posted in the ledger as swadaya in cash through
    finance's service (idempotent by key)."""
    from tridaya.works.money_source import record_swadaya

    authorize(actor, "works.om", asset)
    if not isinstance(amount, int) or amount <= 0:
        raise refuse(WorksError.BAD_AMOUNT, _("Isi iuran dalam rupiah bulat."), field="amount")
    key = key or f"works-iuran-{asset.pk}-{date.isoformat()}-{amount}"
    voucher = record_swadaya(
        village=asset.village,
        form="cash",
        date=date,
        description=_("Iuran pemanfaat %(asset)s %(payers)s")
        % {"asset": asset.name, "payers": payers},
        key=key,
        amount=amount,
    )
    _payment, created = IuranPayment.objects.get_or_create(
        key=key,
        defaults={
            "asset": asset,
            "date": date,
            "amount": amount,
            "payers": payers[:100],
            "voucher_id": voucher.pk,
        },
    )
    if not created:  # the same fee again: the ledger and the register already hold it
        return voucher
    record_event(
        actor=actor, action="works.iuran_recorded", obj=asset, changes={"amount": [None, amount]}
    )
    return voucher


@transaction.atomic(durable=True)
def handled_record(
    *, actor: User | None, package: WorkPackage, rt: RT, year: int, code: str, amount: Decimal
) -> HandledVolume:
    """What a completed package handled in an RT for a slum criterion; mapping's RT profile of
    the year gets the package's handled volumes through mapping's service (the re-score and
    the kontribusi penanganan follow from mapping's scoring)."""
    from tridaya.works.slum_source import push_handled

    authorize(actor, "works.manage", package)
    if package.status != PackageStatus.DONE:
        raise refuse(WorksError.NOT_COMPLETE, _("Volume tertangani dicatat sesudah paket selesai."))
    if rt.village_id != package.village_id:
        raise refuse(WorksError.WRONG_VILLAGE, _("RT ini dari desa lain."), field="rt")
    amount = Decimal(amount)
    if amount <= 0:
        raise refuse(
            WorksError.BAD_AMOUNT, _("Volume tertangani harus lebih dari nol."), field="amount"
        )
    row, created = HandledVolume.objects.get_or_create(
        package=package, rt=rt, year=year, code=code, defaults={"amount": amount}
    )
    if not created and row.amount != amount:
        row.amount = amount
        row.save(update_fields=["amount"])
    total = sum(
        (h.amount for h in HandledVolume.objects.filter(rt=rt, year=year, code=code)), Decimal(0)
    )
    push_handled(rt=rt, year=year, code=code, total=total)
    record_event(
        actor=actor,
        action="works.handled_recorded",
        obj=row,
        changes={"code": [None, code], "amount": [None, str(amount)]},
    )
    return row
