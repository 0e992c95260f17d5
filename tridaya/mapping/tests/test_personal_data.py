"""The household a person heads in the personal data rights: exported with the person, named no
more after erasure, and each showing of the head's full NIK in the access log."""

import pytest

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.models import PersonalDataView
from tridaya.core.personal_data import nik_digest, subject_match
from tridaya.institutions.services.personal_data import person_data_export, person_erase
from tridaya.institutions.tests.factories import next_nik, person
from tridaya.mapping.models import Household
from tridaya.mapping.tests.factories import household, with_units
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def test_the_household_with_the_same_nik_is_exported_and_pseudonymised(village):
    nik = next_nik()
    head = person(village, name="Amaq Jumawal", nik=nik)
    home = household(village, head_name="Amaq Jumawal", head_nik=nik)
    other = household(village, head_name="Inaq Rahmah", head_nik=next_nik())
    officer = user_with_role("national_admin", None)
    data = person_data_export(actor=officer, person=head)
    rows = next(s for s in data["bagian"] if s["kunci"] == "mapping.households")["baris"]
    assert [row["NIK kepala keluarga"] for row in rows] == [nik]
    person_erase(actor=officer, person=head, reason="Permintaan tertulis warga, 3 Desember 2026")
    home = Household.objects.get(pk=home.pk)
    assert home.head_name.startswith("Warga terhapus #") and home.head_nik == ""
    assert Household.objects.get(pk=other.pk).head_name == "Inaq Rahmah"


def test_the_household_pages_log_each_full_nik_shown(client, village):
    nik = next_nik()
    home = household(village, head_nik=nik)
    client.force_login(user_with_role("bkm", BAJUR))
    base = f"/wilayah/{BAJUR}/pemetaan/kk"
    for url in (f"{base}/daftar/", f"{base}/{home.pk}/", f"{base}/ekspor.csv"):
        assert nik in client.get(url).content.decode()
    logged = PersonalDataView.objects.filter(**subject_match(nik_digest(nik)))
    assert sorted(logged.values_list("place", flat=True)) == [
        "mapping:household_detail",
        "mapping:household_export",
        "mapping:household_list",
    ]
    assert set(logged.values_list("object_type", flat=True)) == {"mapping.household"}
    client.force_login(user_with_role("resident", BAJUR))
    client.get(f"{base}/daftar/")
    assert PersonalDataView.objects.count() == 3  # no NIK shown, nothing logged
