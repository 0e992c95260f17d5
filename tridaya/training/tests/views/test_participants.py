"""Pages of participants and of a village's capacity map."""

import re

import pytest

from tridaya.institutions.tests.factories import people
from tridaya.regions.tests.factories import BAJUR
from tridaya.training.tests.factories import attend_all, enrol, training
from tridaya.training.tests.views.conftest import add_training, assert_constant, url

pytestmark = pytest.mark.django_db


def test_participants_page_lists_names_and_status(
    client, facilitator, held, django_assert_num_queries
):
    client.force_login(facilitator)
    t = training(held.region)
    enrol(t, people(held.region, 2), "upk")

    def more():
        enrol(t, people(held.region, 6), "bkm")
        attend_all(t)

    page = assert_constant(client, django_assert_num_queries, url(t, "peserta/"), 18, more)
    assert "lengkap" in page and "Tambah dari lembaga" in page
    page = client.get(url(held, "peserta/")).content.decode()
    assert "Lalu Kaur Perencanaan" in page


def test_capacity_page_query_count(client, held, django_assert_num_queries):
    page = assert_constant(
        client,
        django_assert_num_queries,
        f"/wilayah/{BAJUR}/pelatihan/kapasitas/",
        17,
        lambda: add_training(held),
    )
    assert "Matriks kelompok" in page
    assert 'data-group="bkm" data-module="konsep_plpbk"' in page


def test_participants_are_picked_from_the_villages_institutions(client, facilitator, held):
    client.force_login(facilitator)
    t = training(held.region, plan=False)
    page = client.get(url(t, "peserta/")).content.decode()
    assert "Tambah dari lembaga" in page and 'name="pick" value="bkm:' in page
    values = re.findall(r'name="pick" value="(bkm:\d+)"', page)
    client.post(url(t, "peserta/"), {"action": "pick", "pick": values})
    assert t.participants.filter(group="bkm").count() == 3
    client.post(
        url(t, "peserta/"),
        {"action": "guest", "tamu-name": "Kepala Dusun", "tamu-sex": "L", "tamu-group": "aparat"},
    )
    assert t.participants.filter(person=None, group="aparat").count() == 1
