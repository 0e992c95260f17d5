"""Every write of an RTPLP's activities, their RAB lines and attachments.

An activity's RAB total is the sum of its lines, each volume × unit price rounded to whole
rupiah; the activity's main funding source takes what the other sources leave, so the split
always adds up."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.geo import validate_geojson
from tridaya.core.policy import authorize
from tridaya.planning import policy
from tridaya.planning.calc import FUNDING_FIELDS
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import (
    Activity,
    ActivityAttachment,
    InvestmentRow,
    PlanKind,
    PlanVersion,
    PriceItem,
    RABItem,
)
from tridaya.planning.services.plans import _problems_of_village, require_editable


def _editable_version(version: PlanVersion) -> PlanVersion:
    version = PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)
    require_editable(version)
    return version


# --- Activities ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityInput:
    name: str
    year: int
    domain: str = "L"
    sector: str = "lainnya"
    description: str = ""
    location: str = ""
    rt_id: int | None = None
    geometry: dict | None = None
    volume: Decimal = Decimal(1)
    unit: str = "paket"
    starts_on: object = None  # datetime.date | None
    ends_on: object = None
    problem_ids: tuple[int, ...] = ()
    rplp_row_id: int | None = None
    main_source: str = "blm"
    funding: dict[str, int] = field(default_factory=dict)  # the other sources
    people: int = 0
    women: int = 0
    mbr: int = 0
    households: int = 0
    poor_households: int = 0
    position: int = 0


ACTIVITY_AUDIT = [
    "name",
    "domain",
    "sector",
    "description",
    "location",
    "rt",
    "geometry",
    "year",
    "volume",
    "unit",
    "starts_on",
    "ends_on",
    "rplp_row",
    "main_source",
    *FUNDING_FIELDS.values(),
    "people",
    "women",
    "mbr",
    "households",
    "poor_households",
    "rab_total",
]


@transaction.atomic(durable=True)
def activity_save(
    *,
    actor: User | None,
    version: PlanVersion,
    data: ActivityInput,
    activity: Activity | None = None,
) -> Activity:
    """Add or change an activity of an RTPLP."""
    authorize(actor, policy.EDIT_PLAN, version)
    version = _editable_version(version)
    if version.plan.kind != PlanKind.RTPLP:
        raise DomainError(
            _("Kegiatan dengan RAB hanya untuk RTPLP."), code=PlanningError.WRONG_KIND
        )
    if activity is not None and activity.version_id != version.pk:
        raise DomainError(_("Kegiatan itu milik versi lain."), code=PlanningError.OTHER_VILLAGE)
    problems = _problems_of_village(version.plan.village_id, data.problem_ids)
    if data.rplp_row_id is not None:
        row = InvestmentRow.objects.select_related("version__plan").filter(pk=data.rplp_row_id)
        found = row.first()
        if found is None or found.version.plan.kind != PlanKind.RPLP:
            raise DomainError(
                _("Baris rencana investasi RPLP itu tidak ditemukan."),
                code=PlanningError.OTHER_VILLAGE,
            )
    before = snapshot(activity, ACTIVITY_AUDIT) if activity else {}
    activity = activity or Activity(version=version)
    activity.version = version
    for name in (
        "name",
        "year",
        "domain",
        "sector",
        "description",
        "location",
        "rt_id",
        "volume",
        "unit",
        "starts_on",
        "ends_on",
        "rplp_row_id",
        "main_source",
        "people",
        "women",
        "mbr",
        "households",
        "poor_households",
        "position",
    ):
        value = getattr(data, name)
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    activity.geometry = validate_geojson(data.geometry) if data.geometry else None
    for source, name in FUNDING_FIELDS.items():
        if source != data.main_source:
            setattr(activity, name, int(data.funding.get(source, 0)))
    activity.balance_funding()
    activity.full_clean()
    activity.save()
    activity.problems.set(problems)
    changes = diff(before, snapshot(activity, ACTIVITY_AUDIT))
    if changes:
        action = "planning.activity_saved" if before else "planning.activity_added"
        record_event(actor=actor, action=action, obj=activity, changes=changes)
    return activity


@transaction.atomic(durable=True)
def activity_delete(*, actor: User | None, activity: Activity) -> None:
    authorize(actor, policy.EDIT_PLAN, activity)
    _editable_version(activity.version)
    record_event(
        actor=actor,
        action="planning.activity_deleted",
        obj=activity,
        changes=diff(snapshot(activity, ACTIVITY_AUDIT), {}),
    )
    activity.delete()


def _recompute(activity: Activity) -> tuple[int, int]:
    """Sum the RAB lines into the activity's total and rebalance its funding; returns
    (total before, total after)."""
    before = activity.rab_total
    amounts = RABItem.objects.filter(activity=activity).values_list("amount", flat=True)
    activity.rab_total = sum(amounts, 0)
    activity.balance_funding()
    activity.save(update_fields=["rab_total", activity.main_field, "updated_at"])
    return before, activity.rab_total


# --- RAB -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RABItemInput:
    volume: Decimal
    description: str = ""
    unit: str = ""
    unit_price: int | None = None
    code: str = ""
    price_item_id: int | None = None
    position: int | None = None


RAB_AUDIT = ["code", "description", "volume", "unit", "unit_price", "amount", "price_item"]


def _fill_item(item: RABItem, data: RABItemInput, village_code: str) -> None:
    """From the price list when a price item is named (its code, name, unit and price unless
    typed otherwise), or as typed."""
    price_item = None
    if data.price_item_id is not None:
        price_item = (
            PriceItem.objects.select_related("price_list").filter(pk=data.price_item_id).first()
        )
        scope = price_item.price_list.region_id if price_item else ""
        if price_item is None or not (
            village_code == scope or village_code.startswith(scope + ".")
        ):
            raise DomainError(
                _("Harga satuan itu bukan dari daftar HSPK wilayah ini."),
                code=PlanningError.PRICE_ITEM_ELSEWHERE,
            )
    item.price_item = price_item
    item.code = (data.code or (price_item.code if price_item else "")).strip()
    item.description = (data.description or (price_item.name if price_item else "")).strip()
    item.unit = (data.unit or (price_item.unit if price_item else "")).strip()
    price = data.unit_price
    if price is None and price_item is not None:
        price = price_item.price
    if price is None:
        raise DomainError(
            _("Isi harga satuan, atau pilih dari daftar HSPK."), code=PlanningError.NOT_READY
        )
    item.unit_price = int(price)
    item.volume = data.volume


@transaction.atomic(durable=True)
def rab_item_add(*, actor: User | None, activity: Activity, data: RABItemInput) -> RABItem:
    """Add a line to an activity's RAB; the activity's total follows."""
    authorize(actor, policy.EDIT_PLAN, activity)
    version = _editable_version(activity.version)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    item = RABItem(activity=activity)
    _fill_item(item, data, version.plan.village_id)
    if data.position is None:
        last = activity.rab_items.aggregate(n=Max("position"))["n"]
        item.position = 0 if last is None else last + 1
    else:
        item.position = data.position
    item.full_clean()
    item.save()
    total_before, total_after = _recompute(activity)
    record_event(
        actor=actor,
        action="planning.rab_item_added",
        obj=activity,
        changes={**diff({}, snapshot(item, RAB_AUDIT)), "rab_total": [total_before, total_after]},
    )
    return item


@transaction.atomic(durable=True)
def rab_item_delete(*, actor: User | None, item: RABItem) -> None:
    authorize(actor, policy.EDIT_PLAN, item)
    _editable_version(item.activity.version)
    activity = Activity.objects.select_for_update().get(pk=item.activity_id)
    before = snapshot(item, RAB_AUDIT)
    item.delete()
    total_before, total_after = _recompute(activity)
    record_event(
        actor=actor,
        action="planning.rab_item_deleted",
        obj=activity,
        changes={**diff(before, {}), "rab_total": [total_before, total_after]},
    )


# --- Attachments (DED, RKS, land, photos) ----------------------------------------------------

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@transaction.atomic(durable=True)
def attachment_add(
    *, actor: User | None, activity: Activity, kind: str, title: str, file: File
) -> ActivityAttachment:
    """Attach a DED drawing, RKS, land letter, photo or other file (at most 20 MB)."""
    authorize(actor, policy.EDIT_PLAN, activity)
    _editable_version(activity.version)
    if file.size > MAX_ATTACHMENT_BYTES:
        raise DomainError(
            _("Berkas %(name)s terlalu besar (%(mb)s MB); paling besar 20 MB.")
            % {"name": file.name, "mb": round(file.size / 1024 / 1024, 1)},
            code=PlanningError.NOT_READY,
        )
    attachment = ActivityAttachment(
        activity=activity, kind=kind, title=title.strip(), file=file, uploaded_by=actor
    )
    attachment.full_clean()
    attachment.save()
    record_event(
        actor=actor,
        action="planning.attachment_added",
        obj=activity,
        changes={"attachment": [None, attachment.title], "kind": [None, kind]},
    )
    return attachment


@transaction.atomic(durable=True)
def attachment_delete(*, actor: User | None, attachment: ActivityAttachment) -> None:
    authorize(actor, policy.EDIT_PLAN, attachment)
    _editable_version(attachment.activity.version)
    record_event(
        actor=actor,
        action="planning.attachment_deleted",
        obj=attachment.activity,
        changes={"attachment": [attachment.title, None]},
    )
    attachment.delete()
