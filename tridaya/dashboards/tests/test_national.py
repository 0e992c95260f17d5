"""The national bench seed at a small scale: reproducible, and what it writes is what the
figures count after a rebuild."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tridaya.dashboards import national, services
from tridaya.dashboards.models import NATION, FigureValue
from tridaya.mapping.models import Household
from tridaya.regions.tests.factories import region

pytestmark = pytest.mark.django_db

CODES = ["52.01.08.2101", "52.01.08.2102", "52.01.09.2101", "35.07.01.2101"]


def _national(key: str, state: str = ""):
    row = FigureValue.objects.filter(region_code=NATION, figure=key, state=state).first()
    return row.value if row else None


def test_a_small_national_seed_is_counted_by_the_figures():
    for code in CODES:
        region(code)
    counts = national.seed(
        national.Options(seed=3, households_per_village=12, program_share=0.5, plan_share=1.0)
    )
    assert counts["villages"] == 4
    assert counts["rt"] == 4 * national.RWS * national.RTS_PER_RW
    services.rebuild_all()
    assert _national("mapping_households") == counts["households"] == Household.objects.count()
    assert _national("mapping_poor_households") == Household.objects.filter(is_poor=True).count()
    assert _national("cycle_villages") == counts["cycles"] == 2
    assert _national("training_people") == counts["participants"] == 2 * national.PARTICIPANTS
    assert _national("planning_rplp_legalised") == counts["plans"] == 2
    rts = sum(_national(f"mapping_rt_{c}") or 0 for c in ("tidak", "ringan", "sedang", "berat"))
    assert rts == counts["rt_profiles"] == 2 * national.RWS * national.RTS_PER_RW
    assert _national("planning_investment") > 0


def test_the_same_seed_writes_the_same_households(tmp_path):
    for code in CODES:
        region(code)
    national.seed(national.Options(seed=9, households_per_village=8))
    first = list(Household.objects.order_by("id").values_list("village_id", "is_poor", "members"))
    Household.objects.all().delete()
    from tridaya.regions.models import RT, RW, VillageProfile

    RT.objects.all().delete()
    RW.objects.all().delete()
    VillageProfile.objects.all().delete()
    call_command("seed_national", "--seed", "9", "--households-per-village", "8", stdout=None)
    again = list(Household.objects.order_by("id").values_list("village_id", "is_poor", "members"))
    assert again == first
