import pytest

from tridaya.accounts.tests.factories import UserFactory
from tridaya.core.models import AuditEvent
from tridaya.institutions.models import KSM, Person
from tridaya.institutions.tests.factories import ksm_with, populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_admin_screen_opens(admin_client, bajur):
    populate(bajur, 2)
    for name in ("person", "bkm", "election", "upunit", "tipp", "pokja", "ksm", "kpp"):
        assert admin_client.get(f"/admin/institutions/{name}/").status_code == 200, name


def test_a_person_added_in_the_admin_is_audited_without_the_nik(admin_client, bajur):
    response = admin_client.post(
        "/admin/institutions/person/add/",
        {"village": bajur.code, "name": "Sahnan", "sex": "L", "nik": "5201080101900001"},
    )
    assert response.status_code == 302
    assert Person.objects.get().nik == "5201080101900001"
    event = AuditEvent.objects.get(action="institutions.person_created")
    assert event.changes["nik"] == [None, "***"]


def test_the_admin_says_a_ksm_keeps_three_members(admin_client, bajur):
    ksm = ksm_with(bajur, 3)
    data = {
        "name": ksm.name,
        "activity": "",
        "leader": ksm.leader_id,
        "formed_on": "",
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "3",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for index, member in enumerate(ksm.members.order_by("id")):
        data |= {
            f"members-{index}-id": member.pk,
            f"members-{index}-ksm": ksm.pk,
            f"members-{index}-person": member.person_id,
        }
    response = admin_client.post(
        f"/admin/institutions/ksm/{ksm.pk}/change/", {**data, "members-2-DELETE": "on"}
    )
    assert response.status_code == 200
    assert "KSM harus beranggota sedikitnya 3 orang." in response.content.decode()
    assert KSM.objects.get().members.count() == 3


def test_nothing_is_deleted_in_the_admin(admin_client, bajur):
    populate(bajur, 2)
    person = Person.objects.first()
    assert admin_client.get(f"/admin/institutions/person/{person.pk}/delete/").status_code == 403
    ksm = KSM.objects.first()
    assert admin_client.get(f"/admin/institutions/ksm/{ksm.pk}/delete/").status_code == 403
