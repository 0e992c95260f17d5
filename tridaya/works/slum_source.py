"""The one place works talks to mapping's slum scores: it passes handled volumes to mapping's
RT profile service and reads the re-scores through mapping's selector (works never scores)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from tridaya.mapping.scoring import SlumClass
from tridaya.mapping.selectors.slum import rt_profile, slum_page
from tridaya.mapping.services.slum import rt_profile_upsert
from tridaya.regions.models import RT, Region
from tridaya.works.errors import WorksError, refuse


def push_handled(*, rt: RT, year: int, code: str, total: Decimal) -> None:
    """Set the RT profile's handled volume for a criterion (the sum over every package),
    keeping the profile's other figures as they are. Mapping refuses a handled volume above
    the criterion's volume and names it."""
    profile = rt_profile(rt, year)
    if profile is None:
        raise refuse(
            WorksError.BAD_CRITERION,
            _("RT ini belum punya profil kumuh tahun %(year)s: isi profil RT di pemetaan dulu.")
            % {"year": year},
            field="rt",
        )
    rt_profile_upsert(
        actor=None,
        rt=rt,
        year=year,
        area_ha=profile.area_ha,
        buildings=profile.buildings,
        population=profile.population,
        households=profile.households,
        road_length_m=profile.road_length_m,
        drainage_length_m=profile.drainage_length_m,
        handled={code: total},
        source=profile.source,
    )


@dataclass
class VillageReduction:
    village: Region
    year: int
    hectares_changed: Decimal = Decimal(0)  # RTs whose class went down a band
    hectares_left_slum: Decimal = Decimal(0)  # RTs that are no longer slum at all
    rts: list = field(default_factory=list)  # (label, before label, after label, kontribusi %)


@dataclass
class Reduction:
    villages: list[VillageReduction]

    @property
    def hectares_changed(self) -> Decimal:
        return sum((v.hectares_changed for v in self.villages), Decimal(0))

    @property
    def hectares_left_slum(self) -> Decimal:
        return sum((v.hectares_left_slum for v in self.villages), Decimal(0))


def village_reduction(village: Region, year: int | None = None) -> VillageReduction:
    page = slum_page(village, year)
    result = VillageReduction(village=village, year=page.year)
    for row in page.rows:
        if row.rescore is None or row.profile is None:
            continue
        before, after = row.rescore.before, row.rescore.after
        result.rts.append(
            (row.label, before.class_label, after.class_label, row.rescore.contribution_pct)
        )
        if after.slum_class != before.slum_class:
            result.hectares_changed += row.profile.area_ha
            if before.slum_class != SlumClass.NONE and after.slum_class == SlumClass.NONE:
                result.hectares_left_slum += row.profile.area_ha
    return result


def criteria_choices(village: Region) -> tuple[list[tuple[str, str]], list[int]]:
    """The slum criteria (code, title) of the set in force and the village's profile years,
    for the handled-volume form (mapping's selector)."""
    page = slum_page(village)
    criteria = [(c.code, f"{c.code} {c.title} ({c.unit})") for c in page.cset.criteria]
    return criteria, page.years
