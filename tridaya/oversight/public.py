"""The public page of a village ("Ke mana dana BLM?"): every figure read from finance's ledger
selectors and works' selectors, to the rupiah, plus the complaint statistics and public answers.
Only aggregates and names of things (packages, allocations) reach it: no NIK, no names of
households or complainants, no account numbers. The downloads are in opendata.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from tridaya.oversight.selectors import (
    ComplaintStats,
    complaint_stats,
    complaint_stats_by_village,
    public_answers,
)
from tridaya.regions.models import Level, Region

SINCE = dt.date(2000, 1, 1)


@dataclass
class PublicPage:
    village: Region
    as_of: dt.date
    allocations: list[dict]
    allocation_total: int
    received: int
    released_to_ksm: int
    spent: int
    swadaya: int
    returned: int
    cash_and_bank: int
    expenses: list[dict]
    packages: list[dict]
    lpjs: list[dict]
    audits: list[dict]
    complaints: ComplaintStats
    answers: list[dict]
    commitments: list[dict] = field(default_factory=list)  # other funders, by funding source
    map: dict = field(default_factory=dict)


def _finance(village: Region, as_of: dt.date) -> dict:
    from tridaya.finance.selectors.books import income_statement, village_totals
    from tridaya.finance.selectors.reports import audits_of
    from tridaya.finance.selectors.tranches import allocations_of

    totals = village_totals(village, as_of)
    allocations = allocations_of(village)
    statement = income_statement(village, SINCE, as_of)
    return {
        "allocations": [
            {
                "year": a.budget_year,
                "program": a.scheme.name,
                "amount": int(a.amount),
                "status": a.get_status_display(),
            }
            for a in allocations
        ],
        "allocation_total": sum(int(a.amount) for a in allocations),
        "lpjs": [
            {
                "year": a.budget_year,
                "tranche": lpj.tranche,
                "period_end": lpj.period_end,
                "status": lpj.get_status_display(),
            }
            for a in allocations
            for lpj in a.lpjs.all()
        ],
        "audits": [
            {"year": au.year, "opinion": au.get_opinion_display(), "audited_on": au.audited_on}
            for au in audits_of(village)
        ],
        "expenses": [
            {"name": line.name, "amount": line.amount} for line in statement.expenses if line.amount
        ],
        "received": totals.received,
        "released_to_ksm": totals.released_to_ksm,
        "spent": totals.spent,
        "swadaya": totals.swadaya,
        "returned": totals.returned,
        "cash_and_bank": totals.cash_and_bank,
    }


def _works(village: Region) -> tuple[list[dict], dict]:
    from tridaya.works.selectors import map_features, progress_photos, village_works

    works = village_works(village)
    photos = progress_photos(village)
    rows = [
        {
            "id": r.package.pk,
            "name": r.package.name,
            "status": r.package.get_status_display(),
            "value": int(r.package.value),
            "progress": r.package.progress,
            "planned": r.planned_now,
            "released": r.money.released if r.money else 0,
            "spent": r.money.spent if r.money else 0,
            "photos": [
                {
                    "url": photo.image.url,
                    "caption": photo.caption,
                    "taken_at": photo.taken_at,
                    "slot": photo.slot,
                }
                for photo in photos.get(r.package.pk, [])
            ],
        }
        for r in works.rows
    ]
    return rows, map_features(works.rows)


def _commitments(village: Region) -> list[dict]:
    """Other funders' money per funding source, from marketing's one roll-up (no contacts)."""
    from tridaya.marketing.selectors import rollup

    return [
        {"source": line.label, "committed": line.committed, "realised": line.realised}
        for line in rollup(village.code).sources
    ]


def public_page(village: Region, *, as_of: dt.date | None = None) -> PublicPage:
    as_of = as_of or timezone.localdate()
    packages, features = _works(village)
    return PublicPage(
        village=village,
        as_of=as_of,
        packages=packages,
        map={
            "features": features,
            "tiles": {
                "url": settings.TRIDAYA_TILE_URL,
                "attribution": settings.TRIDAYA_TILE_ATTRIBUTION,
            },
        },
        complaints=complaint_stats(village.code),
        answers=public_answers(village.code),
        commitments=_commitments(village),
        **_finance(village, as_of),
    )


# The lists of villages of a kecamatan, city/regency or province with the headline figures.

VILLAGES_PER_PAGE = 25


@dataclass(frozen=True)
class VillageHeadline:
    """The public page's headline figures of one village, to the rupiah."""

    village: Region
    allocated: int
    received: int
    spent: int
    progress: Decimal | None  # physical progress (%) weighted by RAB value; None: no package
    packages: int
    open_complaints: int

    @property
    def district(self) -> str:
        """The village's kecamatan, when its ancestors were attached."""
        ancestors = getattr(self.village, "ancestors", None)
        return ancestors[-1].name if ancestors else ""


def villages_under(region: Region) -> QuerySet[Region]:
    """The villages under a kecamatan, city/regency or province, in code order (so a province's
    list runs kecamatan by kecamatan)."""
    return Region.objects.filter(
        level=Level.VILLAGE, code__gte=f"{region.code}.", code__lt=f"{region.code}/"
    ).order_by("code")


def village_headlines(villages: Sequence[Region], *, as_of: dt.date) -> list[VillageHeadline]:
    """The headline figures of each village, read in one query per owner whatever the number of
    villages (finance's allocations and ledger totals, works' packages, oversight's complaints):
    the same selectors as each village's public page."""
    from tridaya.finance.selectors.books import totals_by_village
    from tridaya.finance.selectors.tranches import allocation_totals_by_village
    from tridaya.works.figures import packages_by_village

    codes = [v.code for v in villages]
    allocated = allocation_totals_by_village(codes)
    money = totals_by_village(codes, as_of)
    works = packages_by_village(codes)
    complaints = complaint_stats_by_village(codes)
    rows = []
    for village in villages:
        totals, packages = money.get(village.code), works.get(village.code)
        counts = complaints.get(village.code)
        rows.append(
            VillageHeadline(
                village=village,
                allocated=allocated.get(village.code, 0),
                received=totals.received if totals else 0,
                spent=totals.spent if totals else 0,
                progress=packages.progress if packages else None,
                packages=packages.packages if packages else 0,
                open_complaints=counts.open if counts else 0,
            )
        )
    return rows
