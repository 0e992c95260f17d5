"""Every write of an RTPLP's activities and RAB, and of the regional price lists (HSPK).

An activity's RAB total is the sum of its lines, each volume × unit price rounded to whole
rupiah; the activity's main funding source takes what the other sources leave, so the split
always adds up. A price list is imported from XLSX or CSV strictly: one bad row and nothing is
written, with a report naming each bad row and column; importing the same file again changes
nothing. A new unit price never changes a plan by itself: `price_apply` carries it into the RAB
lines of the plans still open for editing, and says which activities moved."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.geo import validate_geojson
from tridaya.core.money import parse_rupiah
from tridaya.core.policy import authorize
from tridaya.planning import policy
from tridaya.planning.calc import FUNDING_FIELDS, line_amount
from tridaya.planning.errors_plans import PlanError
from tridaya.planning.models import (
    Activity,
    ActivityAttachment,
    InvestmentRow,
    PlanKind,
    PlanVersion,
    PriceItem,
    PriceList,
    RABItem,
)
from tridaya.planning.services_plans import _problems_of_village, require_editable
from tridaya.regions.models import Level, Region


def _check(actor, action: str, obj) -> None:
    if actor is not None:
        authorize(actor, action, obj)


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


@transaction.atomic
def activity_save(
    *, actor, version: PlanVersion, data: ActivityInput, activity: Activity | None = None
) -> Activity:
    """Add or change an activity of an RTPLP."""
    _check(actor, policy.EDIT_PLAN, version)
    version = _editable_version(version)
    if version.plan.kind != PlanKind.RTPLP:
        raise DomainError(_("Kegiatan dengan RAB hanya untuk RTPLP."), code=PlanError.WRONG_KIND)
    if activity is not None and activity.version_id != version.pk:
        raise DomainError(_("Kegiatan itu milik versi lain."), code=PlanError.ELSEWHERE)
    problems = _problems_of_village(version.plan.village_id, data.problem_ids)
    if data.rplp_row_id is not None:
        row = InvestmentRow.objects.select_related("version__plan").filter(pk=data.rplp_row_id)
        found = row.first()
        if found is None or found.version.plan.kind != PlanKind.RPLP:
            raise DomainError(
                _("Baris rencana investasi RPLP itu tidak ditemukan."), code=PlanError.ELSEWHERE
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


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    _check(actor, policy.EDIT_PLAN, activity)
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
                code=PlanError.PRICE_ITEM_ELSEWHERE,
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
            _("Isi harga satuan, atau pilih dari daftar HSPK."), code=PlanError.NOT_READY
        )
    item.unit_price = int(price)
    item.volume = data.volume


@transaction.atomic
def rab_item_add(*, actor, activity: Activity, data: RABItemInput) -> RABItem:
    """Add a line to an activity's RAB; the activity's total follows."""
    _check(actor, policy.EDIT_PLAN, activity)
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


@transaction.atomic
def rab_item_update(*, actor, item: RABItem, data: RABItemInput) -> RABItem:
    _check(actor, policy.EDIT_PLAN, item)
    version = _editable_version(item.activity.version)
    activity = Activity.objects.select_for_update().get(pk=item.activity_id)
    item = RABItem.objects.get(pk=item.pk)
    before = snapshot(item, RAB_AUDIT)
    _fill_item(item, data, version.plan.village_id)
    if data.position is not None:
        item.position = data.position
    item.full_clean()
    item.save()
    total_before, total_after = _recompute(activity)
    changes = diff(before, snapshot(item, RAB_AUDIT))
    if changes:
        changes["rab_total"] = [total_before, total_after]
        record_event(actor=actor, action="planning.rab_item_updated", obj=activity, changes=changes)
    return item


@transaction.atomic
def rab_item_delete(*, actor, item: RABItem) -> None:
    _check(actor, policy.EDIT_PLAN, item)
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


@transaction.atomic
def attachment_add(*, actor, activity: Activity, kind: str, title: str, file) -> ActivityAttachment:
    """Attach a DED drawing, RKS, land letter, photo or other file (at most 20 MB)."""
    _check(actor, policy.EDIT_PLAN, activity)
    _editable_version(activity.version)
    if file.size > MAX_ATTACHMENT_BYTES:
        raise DomainError(
            _("Berkas %(name)s terlalu besar (%(mb)s MB); paling besar 20 MB.")
            % {"name": file.name, "mb": round(file.size / 1024 / 1024, 1)},
            code=PlanError.NOT_READY,
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


@transaction.atomic
def attachment_delete(*, actor, attachment: ActivityAttachment) -> None:
    _check(actor, policy.EDIT_PLAN, attachment)
    _editable_version(attachment.activity.version)
    record_event(
        actor=actor,
        action="planning.attachment_deleted",
        obj=attachment.activity,
        changes={"attachment": [attachment.title, None]},
    )
    attachment.delete()


# --- Price lists (HSPK) ----------------------------------------------------------------------


@transaction.atomic
def price_list_create(
    *, actor, region: Region, year: int, name: str, source: str = ""
) -> PriceList:
    """A regency's or city's price list for a year (also a province's, as a fallback)."""
    _check(actor, policy.MANAGE_PRICE_LISTS, region)
    if region.level not in (Level.PROVINCE, Level.REGENCY):
        raise DomainError(
            _("Daftar HSPK dibuat untuk provinsi atau kabupaten/kota, bukan %(region)s.")
            % {"region": region},
            code=PlanError.PRICE_LIST_LEVEL,
        )
    price_list = PriceList(region=region, year=year, name=name.strip(), source=source.strip())
    price_list.full_clean()
    price_list.save()
    record_event(
        actor=actor,
        action="planning.price_list_created",
        obj=price_list,
        changes={"name": [None, price_list.name], "year": [None, year]},
    )
    return price_list


@dataclass
class ImportProblem:
    row: int  # line number in the file (the header is line 1)
    column: str
    message: str

    def __str__(self) -> str:
        return _("Baris %(row)s, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    changed_items: list[int] = field(default_factory=list)  # ids of items whose price changed

    @property
    def ok(self) -> bool:
        return not self.problems


# Accepted header names (lower case) for each column.
COLUMNS = {
    "code": ("kode", "kode item", "no. kode", "code"),
    "name": ("uraian", "uraian pekerjaan", "nama", "uraian item", "name"),
    "unit": ("satuan", "sat", "unit"),
    "price": ("harga", "harga satuan", "harga satuan (rp)", "price"),
    "category": ("kelompok", "kategori", "category"),
}
REQUIRED = ("code", "name", "unit", "price")


def read_table(content: bytes, filename: str) -> list[list[str]]:
    """The cells of the first sheet of an XLSX, or of a CSV (comma or semicolon), as text."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        table = [
            ["" if v is None else _cell_text(v) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        workbook.close()
        return table
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    return list(csv.reader(io.StringIO(text), dialect))


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_price_table(table: list[list[str]]) -> tuple[list[dict], list[ImportProblem]]:
    """Rows as dicts, and every problem found (header, empty cells, prices, duplicates)."""
    if not table:
        return [], [ImportProblem(1, "-", _("Berkas kosong."))]
    header = [h.strip().lower() for h in table[0]]
    index = {}
    for key, names in COLUMNS.items():
        found = next((i for i, h in enumerate(header) if h in names), None)
        if found is not None:
            index[key] = found
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in index]
    if missing:
        return [], [
            ImportProblem(
                1,
                ", ".join(missing),
                _(
                    "Kolom wajib tidak ada. Judul kolom: kode, uraian, satuan, harga (kelompok "
                    "boleh)."
                ),
            )
        ]
    rows: list[dict] = []
    problems: list[ImportProblem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(table[1:], start=2):
        cells = {k: (raw[i].strip() if i < len(raw) and raw[i] else "") for k, i in index.items()}
        if not any(cells.values()):
            continue
        for key in ("code", "name", "unit"):
            if not cells[key]:
                problems.append(ImportProblem(number, COLUMNS[key][0], _("Kosong; wajib diisi.")))
        price = None
        try:
            price = parse_rupiah(cells["price"])
            if price < 0:
                raise ValueError
        except Exception:
            problems.append(
                ImportProblem(
                    number,
                    COLUMNS["price"][0],
                    _("'%(text)s' bukan harga rupiah bulat yang sah (misalnya 125.000).")
                    % {"text": cells["price"]},
                )
            )
        code = cells["code"]
        if code and code in seen:
            problems.append(
                ImportProblem(
                    number,
                    COLUMNS["code"][0],
                    _("Kode %(code)s sudah dipakai di baris %(first)s.")
                    % {"code": code, "first": seen[code]},
                )
            )
        elif code:
            seen[code] = number
        for key, limit in (("code", 40), ("name", 300), ("unit", 30), ("category", 120)):
            if len(cells.get(key, "")) > limit:
                problems.append(
                    ImportProblem(
                        number,
                        COLUMNS[key][0],
                        _("Terlalu panjang (paling banyak %(n)s huruf).") % {"n": limit},
                    )
                )
        rows.append({**cells, "price": price, "line": number})
    if not rows and not problems:
        problems.append(ImportProblem(2, "-", _("Tidak ada baris harga di bawah judul kolom.")))
    return rows, problems


@transaction.atomic
def price_list_import(
    *, actor, price_list: PriceList, content: bytes, filename: str
) -> ImportReport:
    """Import an HSPK file into a price list. Strict: with any bad row nothing is written and
    the report names every bad row and column. Items are matched by code, so importing again
    writes only what changed."""
    _check(actor, policy.MANAGE_PRICE_LISTS, price_list)
    try:
        table = read_table(content, filename)
    except Exception as exc:  # a file that is not XLSX/CSV: report it, write nothing
        report = ImportReport()
        report.problems.append(
            ImportProblem(
                1, "-", _("Berkas tidak terbaca sebagai XLSX atau CSV: %(error)s") % {"error": exc}
            )
        )
        return report
    rows, problems = parse_price_table(table)
    report = ImportReport(rows=len(rows), problems=problems)
    if problems:
        return report
    existing = {item.code: item for item in price_list.items.all()}
    for row in rows:
        item = existing.get(row["code"])
        values = {
            "name": row["name"],
            "unit": row["unit"],
            "price": row["price"],
            "category": row.get("category", ""),
        }
        if item is None:
            item = PriceItem(price_list=price_list, code=row["code"], **values)
            item.full_clean()
            item.save()
            report.created += 1
            continue
        if all(getattr(item, k) == v for k, v in values.items()):
            report.unchanged += 1
            continue
        if item.price != row["price"]:
            report.changed_items.append(item.pk)
        for key, value in values.items():
            setattr(item, key, value)
        item.full_clean()
        item.save()
        report.updated += 1
    record_event(
        actor=actor,
        action="planning.price_list_imported",
        obj=price_list,
        changes={
            "file": [None, filename],
            "created": [None, report.created],
            "updated": [None, report.updated],
        },
    )
    return report


@transaction.atomic
def price_item_set_price(*, actor, item: PriceItem, price: int) -> PriceItem:
    """Change one unit price in the list (RAB lines keep theirs until `price_apply`)."""
    _check(actor, policy.MANAGE_PRICE_LISTS, item)
    item = PriceItem.objects.select_for_update().get(pk=item.pk)
    before = item.price
    item.price = price
    item.full_clean()
    item.save(update_fields=["price", "updated_at"])
    if before != price:
        record_event(
            actor=actor,
            action="planning.price_changed",
            obj=item,
            changes={"price": [before, price]},
        )
    return item


@dataclass(frozen=True)
class Moved:
    activity_id: int
    name: str
    total_before: int
    total_after: int


@transaction.atomic
def price_apply(*, actor, item: PriceItem, version: PlanVersion) -> list[Moved]:
    """Carry the list's current price of `item` into the RAB lines of one open RTPLP version
    that use it; returns the activities whose totals moved."""
    _check(actor, policy.EDIT_PLAN, version)
    version = _editable_version(version)
    lines = list(
        RABItem.objects.select_for_update()
        .filter(activity__version=version, price_item=item)
        .exclude(unit_price=item.price)
        .select_related("activity")
    )
    moved: dict[int, Moved] = {}
    touched: dict[int, Activity] = {}
    for line in lines:
        line.unit_price = item.price
        line.amount = line_amount(line.volume, line.unit_price)
        line.save(update_fields=["unit_price", "amount", "updated_at"])
        touched[line.activity_id] = line.activity
    for activity in touched.values():
        before, after = _recompute(activity)
        moved[activity.pk] = Moved(activity.pk, activity.name, before, after)
        record_event(
            actor=actor,
            action="planning.price_applied",
            obj=activity,
            changes={"rab_total": [before, after], "price_item": [None, item.code]},
        )
    return list(moved.values())
