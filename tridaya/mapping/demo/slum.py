"""Demo RT profiles and slum volumes of Desa Bajur for the demo year, made once (later edits on
the page are kept) with generated figures: this step runs before the cycle's, whose pemetaan
swadaya step checks them. The figures are illustrative, not official statistics."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tridaya.core.geo import measure
from tridaya.mapping import scoring
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.demo import SEED, YEAR
from tridaya.mapping.models import RTProfile
from tridaya.mapping.services import slum as services_slum
from tridaya.regions.models import RT, Region

# How slum-like each RT is (0-1), RW by RW, RT 1-4: Bajur Selatan's RT 02 and 03 flood (the
# RPK's critical issue), Karang Bedil is densest, Bajur Utara is the best served.
RT_FACTORS = {
    (1, 1): 0.12,
    (1, 2): 0.2,
    (1, 3): 0.3,
    (1, 4): 0.16,
    (2, 1): 0.45,
    (2, 2): 0.38,
    (2, 3): 0.3,
    (2, 4): 0.26,
    (3, 1): 0.5,
    (3, 2): 0.8,
    (3, 3): 0.74,
    (3, 4): 0.46,
    (4, 1): 0.58,
    (4, 2): 0.64,
    (4, 3): 0.4,
    (4, 4): 0.15,
}
# RTs where the community already handled part of the volumes with swadaya (drainage cleaned,
# waste collected), to show re-scoring and the kontribusi penanganan.
HANDLED = {(3, 2): {"4c": Decimal("0.5"), "6b": Decimal("0.4")}, (4, 1): {"2b": Decimal("0.6")}}

# (kind, domain, sector, geometry kind, title, description)


def seed_profiles(village: Region, rts: list[RT], actor) -> int:
    cset = criteria_of(current_criteria_set())
    done = set(RTProfile.objects.filter(village=village, year=YEAR).values_list("rt_id", flat=True))
    saved = 0
    for rt in rts:
        if rt.pk in done:
            continue  # made once; later edits on the page are kept
        rng = random.Random(f"{SEED}-{rt.rw.number}-{rt.number}")
        factor = RT_FACTORS.get((rt.rw.number, rt.number), 0.3)
        households = rng.randint(62, 92)
        population = round(households * rng.uniform(3.4, 4.0))
        area = Decimal(str(round(measure(rt.boundary).area_ha, 2)))
        figures: dict[str, Any] = {
            "area_ha": area,
            "buildings": households + rng.randint(2, 12),
            "population": population,
            "households": households,
            "road_length_m": Decimal(rng.randint(1400, 2200)),
            "drainage_length_m": Decimal(rng.randint(2200, 3400)),
        }
        denominators = scoring.Figures(
            **{n: scoring.to_decimal(figures[n]) for n in scoring.DENOMINATORS}
        )
        volumes = {}
        for criterion in cset.criteria:
            share = min(max(factor + rng.uniform(-0.18, 0.18), 0.0), 1.0)
            whole = denominators.get(criterion.denominator)
            value = Decimal(str(share)) * whole
            if criterion.unit in ("unit", "KK"):
                value = value.quantize(Decimal(1))
            volumes[criterion.code] = min(value.quantize(Decimal("0.01")), whole)
        handled = {
            code: (volumes[code] * part).quantize(Decimal("0.01"))
            for code, part in HANDLED.get((rt.rw.number, rt.number), {}).items()
        }
        services_slum.rt_profile_save(
            actor=actor, rt=rt, year=YEAR, volumes=volumes, handled=handled, **figures
        )
        saved += 1
    return saved
