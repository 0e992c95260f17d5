import pytest
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.cycle.models import SignOffKind, StepStatus
from tridaya.cycle.tests.factories import enrolled, program
from tridaya.regions.tests.factories import BAJUR, TERONG_TAWAH


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def crew(bajur, terong_tawah):
    return {
        "bkm": user_with_role("bkm", BAJUR),
        "aparat": user_with_role("village_apparatus", BAJUR),
        "fasilitator": user_with_role("facilitator", BAJUR),
        "korkot": user_with_role("city_coordinator", "52.01"),
        "other_bkm": user_with_role("bkm", TERONG_TAWAH),
    }


RKM_MEETING = {
    "kind": "rkm",
    "step": "sosialisasi",
    "agenda": "Kesiapan warga",
    "held_on": "2026-03-05",
    "place": "Balai Desa",
    "men": 40,
    "women": 10,
    "decisions": ["Warga siap."],
}


@pytest.mark.django_db
def test_enrol_through_the_api_is_for_officers(crew, bajur):
    program(code="plpbk-2026")
    assert (
        api(crew["bkm"])
        .post(f"/api/v1/villages/{BAJUR}/cycle/", {"program": "plpbk-2026"})
        .status_code
        == 403
    )
    response = api(crew["korkot"]).post(
        f"/api/v1/villages/{BAJUR}/cycle/", {"program": "plpbk-2026"}
    )
    assert response.status_code == 201
    assert response.json()["current_step"] == "sosialisasi"


@pytest.mark.django_db
def test_the_whole_step_flow_through_the_api(crew, bajur):
    enrolled(bajur)
    base = f"/api/v1/villages/{BAJUR}/cycle/steps/sosialisasi/"
    meeting = {**RKM_MEETING, "kind": "lokakarya"}
    assert (
        api(crew["fasilitator"])
        .post(f"/api/v1/villages/{BAJUR}/meetings/", meeting, format="json")
        .status_code
        == 201
    )
    for user, kind in (
        ("bkm", SignOffKind.SUBMITTED),
        ("aparat", SignOffKind.ACKNOWLEDGED),
        ("fasilitator", SignOffKind.VERIFIED),
    ):
        assert api(crew[user]).post(base + "signoffs/", {"kind": kind}).status_code == 201
    response = api(crew["fasilitator"]).post(base + "complete/")
    assert response.status_code == 200
    assert response.json()["status"] == StepStatus.DONE
    cycle = api().get(f"/api/v1/villages/{BAJUR}/cycle/").json()
    assert cycle["current_step"] == "rkm"
    assert [b["rule"] for b in cycle["blockers"]] == [
        "meeting_held",
        "attendance_min",
        "women_share",
        "poor_share",
    ]


@pytest.mark.django_db
def test_refusals_are_400_with_the_reason(crew, bajur):
    enrolled(bajur)
    base = f"/api/v1/villages/{BAJUR}/cycle/steps/sosialisasi/"
    response = api(crew["fasilitator"]).post(base + "complete/")
    assert response.status_code == 400
    assert "Belum ada Lokakarya" in response.json()["non_field_errors"][0]
    response = api(crew["fasilitator"]).post(base + "signoffs/", {"kind": "verified"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_other_village_bkm_gets_404_and_anonymous_401(crew, bajur):
    enrolled(bajur)
    base = f"/api/v1/villages/{BAJUR}/cycle/steps/sosialisasi/"
    assert api(crew["other_bkm"]).post(base + "signoffs/", {"kind": "submitted"}).status_code == 404
    assert api().post(base + "signoffs/", {"kind": "submitted"}).status_code == 401
    assert (
        api(crew["other_bkm"])
        .post(f"/api/v1/villages/{BAJUR}/meetings/", RKM_MEETING, format="json")
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_meeting_attendees_hidden_from_the_public(crew, bajur):
    enrolled(bajur)
    meeting = {
        **RKM_MEETING,
        "attendance_mode": "list",
        "attendees": [{"name": "Inaq Sinar", "sex": "P", "is_poor": True}],
    }
    created = (
        api(crew["bkm"]).post(f"/api/v1/villages/{BAJUR}/meetings/", meeting, format="json").json()
    )
    assert created["women"] == 1 and created["attendees"][0]["name"] == "Inaq Sinar"
    public = api().get(f"/api/v1/villages/{BAJUR}/meetings/{created['id']}/").json()
    assert public["attendees"] is None and public["women"] == 1


@pytest.mark.django_db
def test_meeting_list_query_count_is_constant(crew, bajur, django_assert_num_queries):
    enrolled(bajur)
    client = api(crew["bkm"])
    client.post(f"/api/v1/villages/{BAJUR}/meetings/", RKM_MEETING, format="json")
    with django_assert_num_queries(4):
        client.get(f"/api/v1/villages/{BAJUR}/meetings/")
    for _ in range(5):
        client.post(f"/api/v1/villages/{BAJUR}/meetings/", RKM_MEETING, format="json")
    with django_assert_num_queries(4):
        assert len(client.get(f"/api/v1/villages/{BAJUR}/meetings/").json()) == 6
