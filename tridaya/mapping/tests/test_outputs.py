"""The gate output 'household survey coverage' of the pemetaan swadaya step: the households
recorded reach the set share (TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT, 80% by default) of the
households the village profile counts; exactly the threshold passes."""

import pytest

from tridaya.cycle.gates import _outputs
from tridaya.cycle.tests.factories import enrolled
from tridaya.mapping.outputs import HOUSEHOLD_COVERAGE
from tridaya.mapping.tests.factories import household, with_survey_units
from tridaya.regions import services as region_services


@pytest.fixture
def step(bajur):
    with_survey_units(bajur)
    return enrolled(bajur).steps.get(code="pemetaan_swadaya")


def set_profile_households(village, count):
    profile = village.profile
    region_services.profile_update(
        actor=None,
        village=village,
        population=profile.population,
        households=count,
        poor_households=None,
        area_ha=profile.area_ha,
        latitude=profile.latitude,
        longitude=profile.longitude,
    )


def check(step):
    return _outputs[HOUSEHOLD_COVERAGE].check(step)


@pytest.mark.django_db
def test_registered_for_the_cycle_templates():
    assert HOUSEHOLD_COVERAGE in _outputs


@pytest.mark.django_db
@pytest.mark.parametrize(("recorded", "ok"), [(3, False), (4, True), (5, True)])
def test_the_threshold_itself_passes(step, settings, recorded, ok):
    settings.TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT = 80
    set_profile_households(step.cycle.village, 5)
    for _ in range(recorded):
        household(step.cycle.village)
    passed, message = check(step)
    assert passed is ok
    assert f"{recorded} dari 5 KK" in message and "80%" in message


@pytest.mark.django_db
def test_the_threshold_is_a_setting(step, settings):
    set_profile_households(step.cycle.village, 10)
    for _ in range(5):
        household(step.cycle.village)
    settings.TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT = 50
    assert check(step)[0] is True
    settings.TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT = "50.5"
    assert check(step)[0] is False


@pytest.mark.django_db
def test_without_a_household_count_the_step_says_what_to_fill(step):
    set_profile_households(step.cycle.village, None)
    passed, message = check(step)
    assert not passed and "profil" in message
