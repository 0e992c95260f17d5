"""The dirty-marking path with the apps' real figures: a change through a service marks its
village in the same transaction, the refresh job (run in-process: no broker in tests) recomputes
it and its ancestors, and the national figure moves."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tridaya.core.models import Job, JobStatus
from tridaya.cycle.tests.factories import enrolled
from tridaya.dashboards import services
from tridaya.dashboards.models import NATION, DirtyVillage, FigureValue
from tridaya.mapping.tests.factories import household, profile, rt_of
from tridaya.mapping.tests.factories import with_survey_units as with_units

pytestmark = pytest.mark.django_db


def national(key: str, state: str = "") -> Decimal | None:
    row = FigureValue.objects.filter(region_code=NATION, figure=key, state=state).first()
    return row.value if row else None


def value(code: str, key: str, state: str = "") -> Decimal | None:
    row = FigureValue.objects.filter(region_code=code, figure=key, state=state).first()
    return row.value if row else None


def test_a_household_recorded_reaches_the_national_figures_through_the_job(
    bajur, terong_tawah, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with_units(bajur)
        with_units(terong_tawah)
        household(terong_tawah, poor_criteria=10)
    services.rebuild_all()
    Job.objects.all().delete()
    assert national("mapping_households") == 1
    assert national("mapping_poor_households") == 1

    with django_capture_on_commit_callbacks(execute=True):
        household(bajur, poor_criteria=2)
        assert DirtyVillage.objects.filter(code=bajur.code).exists()

    job = Job.objects.get(kind=services.REFRESH_JOB)
    assert job.status == JobStatus.DONE
    assert job.result == {"villages": 1}
    assert not DirtyVillage.objects.exists()
    assert national("mapping_households") == 2
    assert national("mapping_poor_households") == 1
    assert value("52.01.08", "mapping_households") == 2
    assert value(bajur.code, "mapping_households") == 1
    assert national("mapping_poor_share") == 50


def test_slum_classes_and_hectares_come_from_the_scored_rt_profiles(bajur):
    with_units(bajur)
    profile(rt_of(bajur, 1, 1), share=Decimal("0.9"), area_ha=Decimal("4.5"))
    profile(rt_of(bajur, 1, 2), share=Decimal("0"), area_ha=Decimal("3"))
    services.rebuild_all()
    assert value(bajur.code, "mapping_rt_berat") == 1
    assert value(bajur.code, "mapping_rt_tidak") == 1
    assert national("mapping_slum_ha") == Decimal("4.5")


def test_a_cycle_counts_its_village_in_its_current_stage(bajur, far_village):
    enrolled(bajur)
    enrolled(far_village)
    services.rebuild_all()
    assert national("cycle_villages") == 2
    assert national("cycle_stage", "persiapan") == 2
    assert value("35", "cycle_stage", "persiapan") == 1
    assert national("cycle_stuck") == 0


def test_a_new_month_starts_from_the_last_months_figures(bajur):
    with_units(bajur)
    household(bajur)
    services.rebuild_all(month=services.this_month().replace(year=2020))
    services.mark_dirty(bajur.code)
    services.refresh_dirty()
    assert FigureValue.objects.filter(month=services.this_month(), region_code=NATION).exists()
    assert national("mapping_households") == 1
