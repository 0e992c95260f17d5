"""The API of the schedule, beneficiaries, handover, asset O&M records and handled volumes:
public reads without names, writes under the same policy as the pages, service refusals as 400
with the Indonesian message, pinned query counts on the reads."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.institutions.tests.factories import ksm_with
from tridaya.regions.tests.factories import BAJUR
from tridaya.works.models import FunctionalityCheck, IuranPayment, OmPlan
from tridaya.works.tests.factories import complete, kpp_of, package

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(bajur):
    return package(bajur, ksm=ksm_with(bajur))


def api(name, work):
    return reverse(f"api-works-{name}", args=[BAJUR, work.pk])


@pytest.fixture
def facilitator_client():
    client = APIClient()
    client.force_authenticate(user_with_role("facilitator", BAJUR))
    return client


def test_schedule_reads_publicly_and_a_manager_changes_it(work, facilitator_client):
    public = APIClient()
    items = public.get(api("schedule", work)).json()
    assert [(i["start_week"], i["end_week"]) for i in items] == [(1, 2), (3, 4)]
    body = {"items": [{"id": items[0]["id"], "start_week": 1, "end_week": 3}]}
    assert public.put(api("schedule", work), body, format="json").status_code in (401, 403, 404)
    bad = {"items": [{"id": items[0]["id"], "start_week": 2, "end_week": 9}]}
    refused = facilitator_client.put(api("schedule", work), bad, format="json")
    assert refused.status_code == 400 and "minggu harus antara 1 dan 4" in str(refused.json())
    ok = facilitator_client.put(api("schedule", work), body, format="json")
    assert ok.status_code == 200 and ok.json()[0]["end_week"] == 3


def test_beneficiary_names_never_reach_the_public(
    work, facilitator_client, django_assert_num_queries
):
    made = facilitator_client.post(
        api("beneficiaries", work), {"name": "Sahnan", "sex": "L", "mbr": True}, format="json"
    )
    assert made.status_code == 201
    with django_assert_num_queries(4):
        public = APIClient().get(api("beneficiaries", work)).json()
    assert public["people"] is None and public["summary"]["named"] == 1
    assert public["summary"]["named_mbr"] == 1 and "Sahnan" not in str(public)
    named = facilitator_client.get(api("beneficiaries", work)).json()
    assert [p["name"] for p in named["people"]] == ["Sahnan"]


def test_handover_then_om_records_over_the_api(bajur, work, facilitator_client):
    from tridaya.finance.tests.factories import opened

    opened(bajur)
    kpp = kpp_of(bajur)
    body = {"number": "07/BAST", "date": "2026-04-01", "recipient": "kpp", "kpp": kpp.pk}
    early = facilitator_client.post(api("handover", work), body, format="json")
    assert early.status_code == 400 and "belum selesai 100%" in str(early.json())
    complete(work)
    made = facilitator_client.post(api("handover", work), body, format="json")
    assert made.status_code == 201 and made.json()["recipient"] == kpp.name
    plan = {"year": 2026, "use_plan": "u", "revenue_plan": 0, "spending_plan": 10,
            "maintenance_schedule": "m"}  # fmt: skip
    assert facilitator_client.post(api("om-plans", work), plan, format="json").status_code == 201
    check = {"year": 2027, "checked_on": "2027-04-01", "exists": True, "good_condition": False,
             "functioning": True, "used": True, "upgraded": False}  # fmt: skip
    checked = facilitator_client.post(api("checks", work), check, format="json")
    assert checked.status_code == 201 and checked.json()["score"] == 70
    cost = {"date": "2026-06-01", "description": "cat ulang", "cost": -5}
    assert facilitator_client.post(api("maintenance", work), cost, format="json").status_code == 400
    fee = {"date": "2026-06-05", "amount": 90_000, "payers": "RT 01"}
    assert facilitator_client.post(api("iuran", work), fee, format="json").status_code == 201
    assert APIClient().post(api("iuran", work), fee, format="json").status_code in (401, 403, 404)
    asset = APIClient().get(api("asset", work)).json()
    assert asset["bast_number"] == "07/BAST" and asset["checks"][0]["score"] == 70
    assert [i["amount"] for i in asset["iuran"]] == [90_000]
    assert OmPlan.objects.count() == FunctionalityCheck.objects.count() == 1
    assert IuranPayment.objects.get().voucher_id > 0


def test_handled_volumes_over_the_api(bajur, facilitator_client):
    from tridaya.mapping.tests.factories import profile, rt_of, volumes_at, with_units

    village = with_units(bajur)
    rt = rt_of(village)
    profile(rt, share=Decimal("0.8"))
    work = package(village, ksm=ksm_with(village))
    body = {
        "rt": rt.pk,
        "year": 2026,
        "code": "4a",
        "amount": str(volumes_at(Decimal("0.8"))["4a"]),
    }
    early = facilitator_client.post(api("handled", work), body, format="json")
    assert early.status_code == 400 and "sesudah paket selesai" in str(early.json())
    complete(work)
    assert facilitator_client.post(api("handled", work), body, format="json").status_code == 201
    rows = APIClient().get(api("handled", work)).json()
    assert [(r["rt"], r["code"]) for r in rows] == [(rt.pk, "4a")]


def test_an_om_plan_without_its_amounts_records_zero(bajur, work, facilitator_client):
    """The schema leaves the planned amounts optional; the service used to need them (a server
    error found by the API fuzzer)."""
    from tridaya.finance.tests.factories import opened

    opened(bajur)
    complete(work)
    body = {"number": "07/BAST", "date": "2026-04-01", "recipient": "kpp", "kpp": kpp_of(bajur).pk}
    assert facilitator_client.post(api("handover", work), body, format="json").status_code == 201
    plan = {"year": 2026, "use_plan": "u", "maintenance_schedule": "m"}
    response = facilitator_client.post(api("om-plans", work), plan, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["revenue_plan"], response.json()["spending_plan"]) == (0, 0)


def test_a_package_status_filter_of_the_wrong_kind_is_a_400(bajur, work):
    """An unknown `?status=` used to be ignored silently (every package listed)."""
    url = f"/api/v1/villages/{BAJUR}/works/packages/"
    response = APIClient().get(url + "?status=bukan")
    assert response.status_code == 400 and "status" in response.json()
    assert APIClient().get(url + f"?status={work.status}").json()[0]["id"] == work.pk
