"""Fixtures shared by every app's tests."""

import pytest

from tridaya.accounts.tests.factories import user_with_role
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH, region


@pytest.fixture
def bajur(db):
    return region(BAJUR)


@pytest.fixture
def terong_tawah(db):
    return region(TERONG_TAWAH)


@pytest.fixture
def far_village(db):
    return region(FAR_VILLAGE)


# The five viewpoints of the policy matrix: national, province 52, regency 52.01, the village
# itself, and nobody (anonymous is simply the unauthenticated client).
SCOPED_USERS = {
    "national": ("national_admin", None),
    "province": ("province_officer", "52"),
    "regency": ("city_coordinator", "52.01"),
    "village_bkm": ("bkm", BAJUR),
    "village_resident": ("resident", BAJUR),
}


@pytest.fixture
def users(bajur, terong_tawah, far_village):
    return {name: user_with_role(role, code) for name, (role, code) in SCOPED_USERS.items()}
