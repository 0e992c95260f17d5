"""The plans API: public reading, the write matrix (401 / 404 / 403), the same refusals as the
services (coded 400s), the strict price import, the price impact, and pinned query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tridaya.accounts.models import Role
from tridaya.accounts.tests.factories import user_with_role
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import PriceItem
from tridaya.planning.tests import factories as f
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH

pytestmark = pytest.mark.django_db

VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)
WRITE = {
    "national": (201, 201, 201),
    "province": (403, 403, 404),
    "regency": (201, 201, 404),
    "village_bkm": (201, 404, 404),
    "village_resident": (403, 404, 404),
    "anonymous": (401, 401, 401),
}


@pytest.fixture
def drafts(users, bajur, terong_tawah, far_village):
    return {v.code: f.ready_rplp(v) for v in (bajur, terong_tawah, far_village)}


def api(users, viewer) -> APIClient:
    client = APIClient()
    if viewer != "anonymous":
        client.force_authenticate(users[viewer])
    return client


def base(code, version):
    return f"/api/v1/villages/{code}/plans/{version.plan_id}/versions/{version.number}/"


ROW = {
    "year": 2027,
    "domain": "L",
    "component": "Jalan rabat",
    "volume": "50",
    "unit": "m",
    "unit_cost": 200_000,
    "funding": {"blm": 9_000_000, "swadaya": 1_000_000},
}


@pytest.mark.parametrize("viewer", sorted(WRITE))
def test_adding_an_investment_row_follows_the_policy(users, drafts, viewer):
    client = api(users, viewer)
    got = tuple(
        client.post(base(code, drafts[code]) + "items/", ROW, format="json").status_code
        for code in VILLAGES
    )
    assert got == WRITE[viewer]


@pytest.mark.parametrize("viewer", sorted(WRITE))
def test_reading_is_public(users, drafts, viewer):
    client = api(users, viewer)
    for code in VILLAGES:
        body = client.get(base(code, drafts[code])).json()
        assert body["total"] == 100_000 and body["poverty"]["budget_share"] == "100%"


def test_a_refusal_carries_its_code(users, drafts):
    client = api(users, "village_bkm")
    url = base(BAJUR, drafts[BAJUR])
    response = client.post(url + "transitions/", {"action": "revise"}, format="json")
    assert response.status_code == 400
    assert response.json()["codes"] == [PlanningError.WRONG_STATE]
    bad = {**ROW, "funding": {"blm": 1}}
    response = client.post(url + "items/", bad, format="json")
    assert response.status_code == 400 and "Rp 10.000.000" in str(response.json())


def test_the_whole_path_to_legalisation_through_the_api(bajur, drafts):
    url = base(BAJUR, drafts[BAJUR])
    tipp = APIClient()
    tipp.force_authenticate(user_with_role(Role.TIPP, BAJUR))
    meeting = f.uji_publik_meeting(bajur)
    assert (
        tipp.post(
            url + "transitions/", {"action": "public_test", "meeting": meeting.pk}, format="json"
        ).status_code
        == 200
    )
    point = tipp.post(
        url + "feedback/", {"raised_by": "Pak Amir", "point": "Lampu?"}, format="json"
    ).json()
    tipp.patch(url + f"feedback/{point['id']}/", {"answer": "Tahun 2029."}, format="json")
    assert (
        tipp.post(url + "transitions/", {"action": "revise"}, format="json").json()["state"]
        == "revisi"
    )
    for role in (Role.BKM, Role.VILLAGE_APPARATUS):
        signer = APIClient()
        signer.force_authenticate(user_with_role(role, BAJUR))
        assert (
            signer.post(url + "transitions/", {"action": "sign"}, format="json").status_code == 200
        )
    pokja = APIClient()
    pokja.force_authenticate(user_with_role(Role.CITY_COORDINATOR, "52.01"))
    pokja.post(url + "transitions/", {"action": "sign"}, format="json")
    body = pokja.post(url + "transitions/", {"action": "legalise"}, format="json").json()
    assert body["state"] == "sah"
    assert [s["kind"] for s in body["signoffs"]] == ["bkm", "lurah", "pokja_teknis"]
    response = tipp.post(url + "items/", ROW, format="json")
    assert response.status_code == 400 and response.json()["codes"] == [
        PlanningError.VERSION_LOCKED
    ]


def test_rab_through_the_api(bajur):
    version = f.first_version(f.rtplp(bajur))
    client = APIClient()
    client.force_authenticate(user_with_role(Role.TIPP, BAJUR))
    created = client.post(
        base(BAJUR, version) + "activities/", {"name": "Sumur resapan", "year": 2027}, format="json"
    )
    assert created.status_code == 201
    rab_url = base(BAJUR, version) + f"activities/{created.json()['id']}/rab/"
    for volume, price in (("2.5", 333_333), ("1", 1)):
        client.post(
            rab_url,
            {"volume": volume, "description": "Batu", "unit": "m3", "unit_price": price},
            format="json",
        )
    body = client.get(rab_url).json()
    assert [i["amount"] for i in body["rab_items"]] == [833_333, 1]
    assert body["rab_total"] == 833_334 and body["funding"]["blm"] == 833_334


def test_price_import_and_impact_through_the_api(bajur):
    regency = bajur.parent.parent
    plist = f.price_list(regency)
    client = APIClient()
    client.force_authenticate(user_with_role(Role.CITY_COORDINATOR, regency.code))
    url = f"/api/v1/regions/{regency.code}/price-lists/{plist.pk}/"
    bad = SimpleUploadedFile("h.csv", b"kode,uraian,satuan,harga\nB.1,Semen,zak,-5\n")
    response = client.post(url + "import/", {"file": bad}, format="multipart")
    assert response.status_code == 400
    assert response.json()["problems"][0]["row"] == 2
    good = b'kode,uraian,satuan,harga\nB.1,Semen,zak,72.500\nB.2,Pasir,m3,"Rp 250.000"\n'
    body = client.post(
        url + "import/", {"file": SimpleUploadedFile("h.csv", good)}, format="multipart"
    ).json()
    assert (body["created"], body["updated"]) == (2, 0)
    again = client.post(
        url + "import/", {"file": SimpleUploadedFile("h.csv", good)}, format="multipart"
    ).json()
    assert (again["created"], again["unchanged"]) == (0, 2)
    item = PriceItem.objects.get(code="B.1")
    activity = f.activity(f.first_version(f.rtplp(bajur)))
    from decimal import Decimal

    from tridaya.planning.services import rab

    rab.rab_item_add(
        actor=None,
        activity=activity,
        data=rab.RABItemInput(volume=Decimal("10"), price_item_id=item.pk),
    )
    impact = APIClient().get(url + f"items/{item.pk}/impact/?price=80000").json()
    assert impact == [
        {
            "activity": activity.pk,
            "name": activity.name,
            "village": BAJUR,
            "version": 1,
            "lines": 1,
            "total_before": 725_000,
            "total_after": 800_000,
            "editable": True,
        }
    ]


def test_api_query_counts_do_not_grow(bajur, django_assert_num_queries):
    version = f.ready_rplp(bajur)
    client = APIClient()
    url = base(BAJUR, version)
    # 13: one of them reads the households surveyed per RT, the bound of the reach
    with django_assert_num_queries(13):
        client.get(url)
    for i in range(4):
        program = f.program(version, f"P{i}", problems=[f.plan_problem(bajur, f"M{i}")])
        f.row(version, prog=program, component=f"R{i}")
    with django_assert_num_queries(13):
        client.get(url)
    with django_assert_num_queries(4):
        client.get(f"/api/v1/villages/{BAJUR}/plans/")
