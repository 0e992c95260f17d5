"""The regions admin writes through the services: RT changes and deletes are checked and
audited, and an RT that holds data elsewhere is not deleted."""

import pytest
from django.core.exceptions import ValidationError

from tridaya.accounts.tests.factories import UserFactory
from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.regions import services
from tridaya.regions.errors import RegionError
from tridaya.regions.models import RT

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _inline_data(rw, rts, delete=()):
    data = {
        "village": rw.village_id,
        "number": rw.number,
        "name": rw.name,
        "boundary": "",
        "rts-TOTAL_FORMS": str(len(rts)),
        "rts-INITIAL_FORMS": str(len(rts)),
        "rts-MIN_NUM_FORMS": "0",
        "rts-MAX_NUM_FORMS": "1000",
    }
    for i, rt in enumerate(rts):
        data.update({f"rts-{i}-id": rt.pk, f"rts-{i}-rw": rw.pk, f"rts-{i}-number": rt.number})
        data[f"rts-{i}-boundary"] = ""
        if rt in delete:
            data[f"rts-{i}-DELETE"] = "on"
    return data


def test_deleting_an_rt_in_the_admin_goes_through_the_service(admin_client, bajur):
    rw = services.rw_save(actor=None, village=bajur, number=9)
    keep = services.rt_save(actor=None, rw=rw, number=1)
    gone = services.rt_save(actor=None, rw=rw, number=2)
    response = admin_client.post(
        f"/admin/regions/rw/{rw.pk}/change/", _inline_data(rw, [keep, gone], delete=[gone])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(RT.objects.filter(rw=rw)) == [keep]
    event = AuditEvent.objects.get(action="regions.rt_deleted")
    assert event.changes == {"rw": [9, None], "number": [2, None]}
    assert event.region_code == bajur.code


def test_an_rw_is_not_deleted_in_the_admin(admin_client, bajur):
    rw = services.rw_save(actor=None, village=bajur, number=9)
    assert admin_client.get(f"/admin/regions/rw/{rw.pk}/delete/").status_code == 403


def test_an_rt_holding_data_of_another_app_is_refused_naming_it(bajur, users):
    from tridaya.mapping.models import Household  # a later app's rows, unknown to regions

    rw = services.rw_save(actor=None, village=bajur, number=9)
    rt = services.rt_save(actor=None, rw=rw, number=3)
    Household.objects.create(village=bajur, rt=rt, head_name="Amaq Sahnan", head_sex="L", members=3)
    with pytest.raises(DomainError) as error:
        services.rt_delete(actor=users["village_bkm"], rt=rt)
    assert error.value.code == RegionError.RT_IN_USE
    assert "1 rumah tangga" in error.value.messages[0].lower()
    assert RT.objects.filter(pk=rt.pk).exists()
    assert not AuditEvent.objects.filter(action="regions.rt_deleted").exists()


def test_rt_delete_checks_the_policy(bajur, users):
    from django.core.exceptions import PermissionDenied

    rw = services.rw_save(actor=None, village=bajur, number=9)
    rt = services.rt_save(actor=None, rw=rw, number=4)
    with pytest.raises(PermissionDenied):
        services.rt_delete(actor=users["village_resident"], rt=rt)
    services.rt_delete(actor=users["village_bkm"], rt=rt)
    assert not RT.objects.filter(pk=rt.pk).exists()


def test_the_rw_and_its_rt_lines_are_saved_together(admin_client, bajur):
    """An RT line the service refuses (a point for a boundary) leaves the RW's new name unsaved
    too: the admin saves both through one service, outside its own transaction."""
    from tridaya.regions.models import RW

    rw = services.rw_save(actor=None, village=bajur, number=9, name="Lama")
    rt = services.rt_save(actor=None, rw=rw, number=3)
    data = _inline_data(rw, [rt]) | {"name": "Baru"}
    data["rts-0-boundary"] = '{"type": "Point", "coordinates": [116.3, -8.6]}'
    with pytest.raises(ValidationError, match="Point tidak diterima"):
        admin_client.post(f"/admin/regions/rw/{rw.pk}/change/", data)
    assert RW.objects.get(pk=rw.pk).name == "Lama"
    assert RT.objects.get(pk=rt.pk).boundary is None
    response = admin_client.post(
        f"/admin/regions/rw/{rw.pk}/change/", _inline_data(rw, [rt]) | {"name": "Baru"}
    )
    assert response.status_code == 302
    assert RW.objects.get(pk=rw.pk).name == "Baru"
