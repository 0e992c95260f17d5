"""The marketing API: public reads, contacts for the roles that need them, pledges through their
states with coded refusals, the OpenAPI schema, pinned query counts."""

import pytest
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.marketing.models import Pledge, PledgeState
from tridaya.marketing.services import partners as partner_services
from tridaya.marketing.tests import factories as f

pytestmark = pytest.mark.django_db
BAJUR = "52.01.08.2006"


def api(role=None, code=BAJUR) -> APIClient:
    client = APIClient()
    if role:
        client.force_authenticate(user_with_role(role, code))
    return client


@pytest.fixture
def plan(bajur):
    return f.legalised_rplp(bajur, rows=2)


def test_sources_and_gaps_are_public(bajur, plan):
    sources = api().get("/api/v1/funding-sources/").json()
    assert len(sources) == 13
    gaps = api().get("/api/v1/regions/52.01/funding-gaps/").json()
    assert gaps["totals"]["cost"] == 200_000 and gaps["totals"]["gap"] == 100_000
    assert gaps["rows"][0]["status"] == "sebagian"


def test_pledge_lifecycle_through_the_api(bajur, plan):
    partner = f.partner(bajur)
    bkm = api("bkm")
    created = bkm.post(
        f"/api/v1/villages/{BAJUR}/pledges/",
        {
            "target": f"row-{plan[1][0].pk}",
            "partner": partner.pk,
            "source": "apbd_kab",
            "amount": 30_000,
            "year": 2027,
            "pledged_on": "2026-12-01",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    wrong = bkm.post(
        f"/api/v1/villages/{BAJUR}/pledges/{pk}/realise/",
        {"amount": 1, "realised_on": "2027-01-01", "evidence_file": f.pdf()},
    )
    assert wrong.status_code == 400 and wrong.json()["codes"] == ["marketing_pledge_wrong_state"]
    committed = bkm.post(
        f"/api/v1/villages/{BAJUR}/pledges/{pk}/commit/",
        {"agreement_kind": "mou", "agreement_file": f.pdf(), "committed_on": "2026-12-10"},
    )
    assert committed.status_code == 200 and committed.json()["state"] == "komitmen"
    tipp = api("tipp").post(
        f"/api/v1/villages/{BAJUR}/pledges/{pk}/revert/", {"reason": "Dicatat keliru oleh TIPP"}
    )
    assert tipp.status_code == 403
    assert Pledge.objects.get().state == PledgeState.COMMITTED
    outsider = api("bkm", "52.01.08.2007").get(f"/api/v1/villages/{BAJUR}/pledges/")
    assert outsider.status_code == 200  # public read
    assert api().post(f"/api/v1/villages/{BAJUR}/pledges/", {}).status_code in (401, 403)


@pytest.mark.parametrize(
    "role, code, expected",
    [
        (None, None, (401, 403)),
        ("resident", BAJUR, (403,)),
        ("bkm", BAJUR, (200,)),
        ("city_coordinator", "52.01", (200,)),
        ("province_officer", "52", (200,)),
        ("bkm", "52.01.08.2007", (404,)),
    ],
)
def test_contacts_only_for_roles_that_need_them(bajur, terong_tawah, role, code, expected):
    partner = f.partner(bajur)
    partner_services.contact_add(
        actor=None, where=bajur, partner=partner, name="Lalu Hamdi", phone="08123"
    )
    response = api(role, code).get(f"/api/v1/villages/{BAJUR}/partners/{partner.pk}/contacts/")
    assert response.status_code in expected
    if response.status_code == 200:
        assert response.json()[0]["phone"] == "08123"
    listed = api(role, code).get(f"/api/v1/villages/{BAJUR}/partners/").json()
    assert "08123" not in str(listed) and listed[0]["name"] == partner.name


def test_duplicate_partner_is_a_400_with_its_code(bajur):
    f.partner(bajur)
    response = api("facilitator").post(
        f"/api/v1/villages/{BAJUR}/partners/",
        {
            "name": "DINAS PERUMAHAN DAN PERMUKIMAN LOMBOK BARAT",
            "partner_type": "opd",
            "acts_in": "52.01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["codes"] == ["marketing_partner_duplicate"]


def test_gap_and_pledge_lists_pin_their_queries(bajur, terong_tawah, django_assert_num_queries):
    version, rows = f.legalised_rplp(bajur, rows=1)
    partner = f.partner(bajur)
    f.commit(f.pledge(bajur, rows[0], partner))
    client = api()
    with django_assert_num_queries(5):
        client.get("/api/v1/regions/52.01/funding-gaps/")
    with django_assert_num_queries(3):
        client.get(f"/api/v1/villages/{BAJUR}/pledges/")
    _v, more = f.legalised_rplp(terong_tawah, rows=3)
    for row in more:
        f.pledge(terong_tawah, row, partner)
    f.pledge(bajur, rows[0], f.partner(bajur, name="Bank NTB", kind="bank"))
    with django_assert_num_queries(5):
        client.get("/api/v1/regions/52.01/funding-gaps/")
    with django_assert_num_queries(3):
        client.get(f"/api/v1/villages/{BAJUR}/pledges/")


def test_schema_has_the_marketing_endpoints(db):
    schema = api().get("/api/schema/?format=json").json()
    assert "/api/v1/villages/{code}/pledges/{id}/commit/" in schema["paths"]
    assert "/api/v1/regions/{code}/funding-gaps/" in schema["paths"]


def test_the_marketing_summary_lists_its_sources_as_objects(bajur, plan, settings, tmp_path):
    """The summary of a region with a committed pledge (a server error until the fuzzer found
    it: the source lines were not serialisable)."""
    settings.MEDIA_ROOT = tmp_path
    f.commit(f.pledge(bajur, plan[1][0], f.partner(bajur)))
    response = api().get("/api/v1/regions/52.01/marketing-summary/")
    assert response.status_code == 200
    apbd = next(s for s in response.json()["sources"] if s["code"] == "apbd_kab")
    assert apbd["committed"] == 30_000 and apbd["realised"] == 0
