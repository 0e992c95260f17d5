"""Selectors find what an address names or raise the domain error NotFound (never Http404); the
pages and the API turn it into 404."""

import pytest
from django.http import Http404
from rest_framework.test import APIClient

from tridaya.core.errors import NotFound
from tridaya.planning.selectors import kawasan, plans, price_lists, priorities
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db

LOOKUPS = [
    (plans.version_page, (BAJUR, 999, 1)),
    (plans.version_page, ("99.99.99.9999", 1, 1)),
    (priorities.round_for_village, (BAJUR, 999)),
    (kawasan.area_for_village, (BAJUR, 999)),
    (price_lists.price_list_in, (BAJUR, 999)),
]


@pytest.mark.parametrize(("read", "args"), LOOKUPS)
def test_a_missing_object_is_a_domain_error_not_a_404(bajur, read, args):
    with pytest.raises(NotFound) as exc:
        read(*args)
    assert not isinstance(exc.value, Http404) and exc.value.code == "not_found"


@pytest.mark.parametrize(
    "path",
    [
        f"/wilayah/{BAJUR}/perencanaan/rencana/999/v1/",
        f"/wilayah/{BAJUR}/perencanaan/prioritas/999/",
        f"/wilayah/{BAJUR}/perencanaan/kawasan/999/",
    ],
)
def test_pages_answer_404_for_a_missing_object(client, bajur, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/villages/{BAJUR}/plans/999/versions/1/",
        f"/api/v1/villages/{BAJUR}/priority-rounds/999/",
        f"/api/v1/villages/{BAJUR}/kawasan/999/",
    ],
)
def test_the_api_answers_404_for_a_missing_object(bajur, path):
    assert APIClient().get(path).status_code == 404
