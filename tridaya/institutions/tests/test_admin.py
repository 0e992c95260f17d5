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


def _members_data(ksm, members, extra=()):
    data = {
        "name": ksm.name,
        "activity": "",
        "leader": ksm.leader_id or "",
        "formed_on": "",
        "members-TOTAL_FORMS": str(len(members) + len(extra)),
        "members-INITIAL_FORMS": str(len(members)),
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for index, member in enumerate(members):
        data |= {
            f"members-{index}-id": member.pk,
            f"members-{index}-ksm": ksm.pk,
            f"members-{index}-person": member.person_id,
        }
    for offset, person in enumerate(extra):
        data |= {
            f"members-{len(members) + offset}-ksm": ksm.pk,
            f"members-{len(members) + offset}-person": person.pk,
        }
    return data


def test_the_ksm_and_its_member_lines_are_saved_together(admin_client, bajur):
    """A line the service refuses (taking out the leader) leaves the KSM's new name and the
    added member unsaved too: the admin saves them through one service, outside its own
    transaction. A member added on the same form may become the leader."""
    from django.core.exceptions import ValidationError

    from tridaya.institutions.tests.factories import person

    ksm = ksm_with(bajur, 3)
    members = list(ksm.members.order_by("id"))
    assert ksm.leader_id == members[0].person_id
    newcomer = person(bajur)
    data = _members_data(ksm, members, [newcomer]) | {"name": "KSM Baru", "members-0-DELETE": "on"}
    with pytest.raises(ValidationError, match="ketua"):
        admin_client.post(f"/admin/institutions/ksm/{ksm.pk}/change/", data)
    assert KSM.objects.get().name == ksm.name
    assert ksm.members.count() == 3
    response = admin_client.post(
        f"/admin/institutions/ksm/{ksm.pk}/change/", data | {"leader": newcomer.pk}
    )
    assert response.status_code == 302
    ksm.refresh_from_db()
    assert (ksm.name, ksm.leader_id) == ("KSM Baru", newcomer.pk)
    assert sorted(ksm.members.values_list("person_id", flat=True)) == sorted(
        [members[1].person_id, members[2].person_id, newcomer.pk]
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"institutions.ksm_member_added", "institutions.ksm_member_removed"} <= actions


def test_a_bkm_added_in_the_admin_is_saved_with_its_members(admin_client, bajur):
    """A new BKM and its first member line are saved by one service (the line refers to a BKM
    that the service creates) and audited as the BKM page audits them."""
    from tridaya.institutions.models import BKM
    from tridaya.institutions.tests.factories import person

    member = person(bajur)
    data = {
        "village": bajur.code,
        "name": "BKM Bajur Sejahtera",
        "established_on": "2025-08-01",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-person": member.pk,
        "members-0-position": "koordinator",
        "members-0-term_start": "2025-09-01",
        "members-0-term_end": "2028-08-31",
        "members-0-declaration_date": "2025-08-28",
        "members-0-no_party_declaration": "on",
    }
    response = admin_client.post("/admin/institutions/bkm/add/", data)
    assert response.status_code == 302
    bkm = BKM.objects.get()
    assert list(bkm.members.values_list("person_id", flat=True)) == [member.pk]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"institutions.bkm_saved", "institutions.bkm_member_added"} <= actions
