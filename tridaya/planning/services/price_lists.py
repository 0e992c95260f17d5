"""Regional unit price lists (HSPK). A price list is imported from XLSX or CSV strictly: one bad
row and nothing is written, with a report naming each bad row and column; importing the same file
again changes nothing. A new unit price never changes a plan by itself: `price_apply` carries it
into the RAB lines of the plans still open for editing, and says which activities moved."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.errors import DomainError
from tridaya.core.money import parse_rupiah
from tridaya.core.policy import authorize
from tridaya.core.tabular import Row, RowProblem, TableError, read_table
from tridaya.planning import policy
from tridaya.planning.calc import line_amount
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import (
    Activity,
    PlanVersion,
    PriceItem,
    PriceList,
    RABItem,
)
from tridaya.planning.services.rab import _editable_version, _recompute
from tridaya.regions.models import Level, Region

# --- Price lists (HSPK) ----------------------------------------------------------------------


@transaction.atomic(durable=True)
def price_list_create(
    *, actor: User | None, region: Region, year: int, name: str, source: str = ""
) -> PriceList:
    """A regency's or city's price list for a year (also a province's, as a fallback)."""
    authorize(actor, policy.MANAGE_PRICE_LISTS, region)
    if region.level not in (Level.PROVINCE, Level.REGENCY):
        raise DomainError(
            _("Daftar HSPK dibuat untuk provinsi atau kabupaten/kota, bukan %(region)s.")
            % {"region": region},
            code=PlanningError.PRICE_LIST_LEVEL,
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
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    changed_items: list[int] = field(default_factory=list)  # ids of items whose price changed

    @property
    def ok(self) -> bool:
        return not self.problems


# Accepted header names for each column (any case), keyed by the name messages use.
COLUMNS = {
    "kode": ("kode", "kode item", "no. kode", "code"),
    "uraian": ("uraian", "uraian pekerjaan", "nama", "uraian item", "name"),
    "satuan": ("satuan", "sat", "unit"),
    "harga": ("harga", "harga satuan", "harga satuan (rp)", "price"),
    "kelompok": ("kelompok", "kategori", "category"),
}
REQUIRED = ("kode", "uraian", "satuan", "harga")
# Longest text of each column (the model's field lengths).
LIMITS = (("kode", 40), ("uraian", 300), ("satuan", 30), ("kelompok", 120))


def _price(text: str) -> int | None:
    try:
        price = parse_rupiah(text)
    except Exception:
        return None
    return price if price >= 0 else None


def _row_problems(row: Row, seen: dict[str, int]) -> list[RowProblem]:
    """What is wrong with one row of a price table (empty cells, price, duplicate code, length)."""
    problems = [
        RowProblem(row.line, key, _("Kosong; wajib diisi."))
        for key in ("kode", "uraian", "satuan")
        if not row[key]
    ]
    if _price(row["harga"]) is None:
        problems.append(
            RowProblem(
                row.line,
                "harga",
                _("'%(text)s' bukan harga rupiah bulat yang sah (misalnya 125.000).")
                % {"text": row["harga"]},
            )
        )
    code = row["kode"]
    if code and code in seen:
        problems.append(
            RowProblem(
                row.line,
                "kode",
                _("Kode %(code)s sudah dipakai di baris %(first)s.")
                % {"code": code, "first": seen[code]},
            )
        )
    elif code:
        seen[code] = row.line
    for key, limit in LIMITS:
        if len(row[key]) > limit:
            problems.append(
                RowProblem(
                    row.line, key, _("Terlalu panjang (paling banyak %(n)s huruf).") % {"n": limit}
                )
            )
    return problems


def parse_price_table(content: bytes, filename: str) -> tuple[list[dict], list[RowProblem]]:
    """Rows of an HSPK file (XLSX or CSV, read by tridaya.core.tabular) as dicts, and every
    problem found (header, empty cells, prices, duplicates)."""
    try:
        table = read_table(content, filename, aliases=COLUMNS, required=REQUIRED)
    except TableError as exc:
        return [], exc.problems
    rows: list[dict] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        problems.extend(_row_problems(row, seen))
        rows.append(
            {
                "code": row["kode"],
                "name": row["uraian"],
                "unit": row["satuan"],
                "category": row["kelompok"],
                "price": _price(row["harga"]),
                "line": row.line,
            }
        )
    if not rows and not problems:
        problems.append(RowProblem(2, "", _("Tidak ada baris harga di bawah judul kolom.")))
    return rows, problems


@transaction.atomic(durable=True)
def price_list_import(
    *, actor: User | None, price_list: PriceList, content: bytes, filename: str
) -> ImportReport:
    """Import an HSPK file into a price list. Strict: with any bad row nothing is written and
    the report names every bad row and column. Items are matched by code, so importing again
    writes only what changed."""
    authorize(actor, policy.MANAGE_PRICE_LISTS, price_list)
    rows, problems = parse_price_table(content, filename)
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


@transaction.atomic(durable=True)
def price_item_set_price(*, actor: User | None, item: PriceItem, price: int) -> PriceItem:
    """Change one unit price in the list (RAB lines keep theirs until `price_apply`)."""
    authorize(actor, policy.MANAGE_PRICE_LISTS, item)
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


@transaction.atomic(durable=True)
def price_apply(*, actor: User | None, item: PriceItem, version: PlanVersion) -> list[Moved]:
    """Carry the list's current price of `item` into the RAB lines of one open RTPLP version
    that use it; returns the activities whose totals moved."""
    authorize(actor, policy.EDIT_PLAN, version)
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
