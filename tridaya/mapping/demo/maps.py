"""Demo seed of problems and potentials, layers, RT profiles and slum volumes for Desa Bajur,
generated deterministically (the same data on every machine) and written through the services,
so a second run changes nothing: problems are matched by their `demo:<n>` reference, profiles
by RT and year, and layers are made once.

The figures are illustrative, not official statistics. RT profiles are made once (later
edits on the page are kept) with generated figures: this step runs before the cycle's, whose
pemetaan swadaya step checks them, and before the household survey is seeded."""

from __future__ import annotations

from tridaya.accounts.models import User
from tridaya.mapping.demo import BAJUR, YEAR, village_rts
from tridaya.mapping.demo.layers import seed_layers
from tridaya.mapping.demo.problems import link_meetings, seed_problems
from tridaya.mapping.demo.slum import seed_profiles
from tridaya.mapping.models import Problem, RTProfile
from tridaya.regions.models import Region

__all__ = ["link_meetings", "seed"]


def seed(log) -> None:
    village = Region.objects.get(code=BAJUR)
    rts = village_rts(village)
    if not rts:
        log(f"{BAJUR}: belum ada RT bergambar batas; peta demo dilewati")
        return
    actor = User.objects.filter(username="tipp.bajur").first()
    profiles = seed_profiles(village, rts, actor)
    problems = seed_problems(village, rts, actor)
    layers = seed_layers(village, rts, actor)
    total = Problem.objects.filter(village=village).count()
    log(
        f"{BAJUR}: {profiles} profil RT {YEAR} baru "
        f"({RTProfile.objects.filter(village=village, year=YEAR).count()} tersimpan), "
        f"{problems} masalah/potensi baru ({total} di peta), {layers} lapisan baru"
    )
