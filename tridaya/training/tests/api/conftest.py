"""An API client logged in as a facilitator of Bajur."""

import pytest
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.regions.tests.factories import BAJUR


@pytest.fixture
def api(bajur):
    client = APIClient()
    client.force_authenticate(user_with_role("facilitator", BAJUR))
    return client
