"""Households as later apps count them: RT, size, poverty and point, no name or NIK."""

import pytest

from tridaya.mapping.selectors.households import HouseholdPoint, household_points
from tridaya.mapping.tests.factories import first_rt, household, with_survey_units

pytestmark = pytest.mark.django_db


def test_household_points_carry_no_personal_data(bajur, django_assert_num_queries):
    village = with_survey_units(bajur)
    rt = first_rt(village)
    household(village, poor_criteria=10, location={"type": "Point", "coordinates": [116.1, -8.6]})
    household(village, rt=first_rt(village, 2, 1), members=6)
    with django_assert_num_queries(1):
        points = household_points(village)
    assert sorted(points, key=lambda p: p.members) == [
        HouseholdPoint(rt.pk, 4, True, 116.1, -8.6),
        HouseholdPoint(first_rt(village, 2, 1).pk, 6, False, None, None),
    ]
    assert not hasattr(points[0], "head_name") and not hasattr(points[0], "head_nik")
