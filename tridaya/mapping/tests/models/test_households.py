"""The BPS poverty rule (poor at 9 or more of the 14 criteria) and the database constraints that
keep a household's status in step with its answers, whatever writes the row."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from tridaya.mapping.models import (
    CRITERIA_FIELDS,
    POOR_MIN_CRITERIA,
    POVERTY_CRITERIA,
    Household,
    count_criteria,
    is_poor_by_criteria,
)
from tridaya.mapping.tests.factories import criteria, first_rt, household, with_survey_units


def test_there_are_fourteen_numbered_criteria():
    assert [c.number for c in POVERTY_CRITERIA] == list(range(1, 15))
    assert len(set(CRITERIA_FIELDS)) == 14


@pytest.mark.parametrize(("held", "poor"), [(0, False), (8, False), (9, True), (14, True)])
def test_poor_from_nine_criteria(held, poor):
    answers = criteria(held)
    assert count_criteria(answers) == held
    assert is_poor_by_criteria(count_criteria(answers)) is poor


@given(st.lists(st.booleans(), min_size=14, max_size=14))
def test_status_follows_the_count_for_any_answers(flags):
    answers = dict(zip(CRITERIA_FIELDS, flags, strict=True))
    assert count_criteria(answers) == sum(flags)
    assert is_poor_by_criteria(count_criteria(answers)) is (sum(flags) >= POOR_MIN_CRITERIA)


@pytest.mark.django_db
@pytest.mark.parametrize(("held", "poor"), [(8, False), (9, True)])
def test_a_saved_household_at_the_boundary(bajur, held, poor):
    with_survey_units(bajur)
    saved = household(bajur, poor_criteria=held)
    saved.refresh_from_db()
    assert (saved.criteria_met, saved.is_poor) == (held, poor)


@pytest.mark.django_db
def test_the_database_refuses_a_status_out_of_step_with_the_answers(bajur):
    with_survey_units(bajur)
    saved = household(bajur, poor_criteria=8)
    for changes in ({"is_poor": True}, {"criteria_met": 9}, {"crit_floor_area": False}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Household.objects.filter(pk=saved.pk).update(**changes)


@pytest.mark.django_db
def test_counts_within_the_household_are_checked(bajur):
    with_survey_units(bajur)
    saved = household(bajur)
    saved.women = saved.members + 1
    with pytest.raises(ValidationError) as caught:
        saved.full_clean()
    assert "women" in caught.value.message_dict


@pytest.mark.django_db
def test_an_rt_of_another_village_is_refused(bajur, terong_tawah):
    with_survey_units(bajur)
    with_survey_units(terong_tawah)
    saved = household(bajur)
    saved.rt = first_rt(terong_tawah)
    with pytest.raises(ValidationError) as caught:
        saved.full_clean()
    assert "rt" in caught.value.message_dict
