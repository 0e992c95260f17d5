"""Works' figures for the dashboards (registered from WorksConfig.ready()): packages, packages
done, RAB value and physical progress weighted by RAB value, each village from one selector."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from tridaya.works.models import PackageStatus, WorkPackage


@dataclass(frozen=True)
class VillagePackages:
    packages: int
    done: int
    value: int  # Rp, RAB value of every package
    progress: Decimal | None  # physical progress (%) weighted by RAB value


def packages_by_village(codes: Sequence[str]) -> dict[str, VillagePackages]:
    """One query: the packages of each village in `codes` that has some, in numbers."""
    rows = (
        WorkPackage.objects.filter(village_id__in=list(codes))
        .values("village_id")
        .annotate(
            n=Count("id"),
            done=Count("id", filter=Q(status=PackageStatus.DONE)),
            rab=Sum("value"),
            weighted=Sum(F("value") * F("progress")),
        )
        .order_by()
    )
    out = {}
    for row in rows:
        value = int(row["rab"] or 0)
        progress = Decimal(row["weighted"] or 0) / value if value else None
        out[row["village_id"]] = VillagePackages(row["n"], row["done"], value, progress)
    return out


def _field(name: str):
    from tridaya.core.figures import shared

    def compute(codes: Sequence[str]) -> dict:
        found = shared("works_packages", codes, packages_by_village)
        values = {code: getattr(row, name) for code, row in found.items()}
        return {code: value for code, value in values.items() if value is not None}

    return compute


def register_figures() -> None:
    from django.utils.translation import gettext_lazy

    from tridaya.core.figures import Figure, Rollup, register

    packages = gettext_lazy("paket")
    register(
        Figure(
            "works_packages",
            gettext_lazy("Paket pekerjaan"),
            packages,
            _field("packages"),
            order=90,
        )
    )
    register(
        Figure("works_done", gettext_lazy("Paket selesai"), packages, _field("done"), order=91)
    )
    register(
        Figure(
            "works_value",
            gettext_lazy("Nilai RAB paket"),
            "Rp",
            _field("value"),
            money=True,
            order=92,
        )
    )
    register(
        Figure(
            "works_progress",
            gettext_lazy("Kemajuan fisik (tertimbang nilai RAB)"),
            "%",
            _field("progress"),
            rollup=Rollup.MEAN,
            weight="works_value",
            headline=True,
            order=93,
        )
    )
