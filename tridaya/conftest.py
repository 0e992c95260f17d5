"""Fixtures shared by every app's tests."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tridaya.accounts.tests.factories import user_with_role
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH, region


@pytest.fixture(autouse=True)
def default_language():
    """A page rendered in English leaves English active in the thread; start each test in the
    interface's default language (Indonesian)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache, which lasts as long as the worker process; each
    test starts with none counted."""
    cache.clear()


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
