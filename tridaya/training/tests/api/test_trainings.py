"""The training API does what the pages do, through the same services: plan, record, score,
close; with pinned query counts on the lists."""

import pytest

from tridaya.institutions.tests.factories import people
from tridaya.regions.tests.factories import BAJUR
from tridaya.training.models import Training
from tridaya.training.tests.factories import CORE, enrol, training

pytestmark = pytest.mark.django_db


def test_a_whole_training_through_the_api(api, bajur):
    response = api.post(
        f"/api/v1/regions/{BAJUR}/trainings/",
        {
            "title": "Pelatihan dasar",
            "place": "Aula Kantor Desa",
            "starts_on": "2026-04-07",
            "ends_on": "2026-04-10",
            "modules": ["konsep_plpbk", "peran_pelaku"],
            "target_groups": ["bkm"],
            "cost_program": 5_000_000,
            "plan_sessions": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    t = response.json()
    assert [s["module"] for s in t["sessions"]] == ["konsep_plpbk", "peran_pelaku"]
    ids = []
    for person in people(bajur, 2):
        r = api.post(
            f"/api/v1/trainings/{t['id']}/participants/",
            {"person": person.pk, "group": "bkm"},
            format="json",
        )
        assert r.status_code == 201
        ids.append(r.json()["id"])
    for session in t["sessions"]:
        r = api.put(
            f"/api/v1/trainings/{t['id']}/sessions/{session['id']}/attendance/",
            {"present": ids},
            format="json",
        )
        assert r.json()["attendance_recorded"] is True
    r = api.put(
        f"/api/v1/trainings/{t['id']}/scores/",
        {
            "module": "konsep_plpbk",
            "kind": "pre",
            "scores": [
                {"participant": ids[0], "score": "40"},
                {"participant": ids[1], "score": "60"},
            ],
        },
        format="json",
    )
    assert r.json() == {"changed": 2}
    api.put(
        f"/api/v1/trainings/{t['id']}/scores/",
        {
            "module": "konsep_plpbk",
            "kind": "post",
            "scores": [{"participant": ids[0], "score": 90}],
        },
        format="json",
    )
    results = api.get(f"/api/v1/trainings/{t['id']}/results/").json()
    first = next(r for r in results if r["id"] == ids[0])
    assert first["modules"][0]["gain"] == "50.0" and first["eligible"] is True
    closed = api.post(f"/api/v1/trainings/{t['id']}/close/").json()
    assert len(closed["issued"]) == 2
    detail = api.get(f"/api/v1/trainings/{t['id']}/").json()
    assert detail["status"] == "done"
    assert detail["scores"]["modules"][0]["avg_gain"] == "50.0"
    assert detail["participants"] == {
        "total": 2,
        "men": detail["participants"]["men"],
        "women": detail["participants"]["women"],
        "poor": detail["participants"]["poor"],
        "complete": 2,
        "eligible": 2,
    }


def test_refusals_come_back_as_400_with_the_message(api, bajur):
    t = training(bajur, ("konsep_plpbk",), plan=False)
    response = api.post(
        f"/api/v1/trainings/{t.pk}/sessions/", {"date": "2027-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "di luar tanggal pelatihan" in str(response.json())
    response = api.post(f"/api/v1/trainings/{t.pk}/close/")
    assert response.status_code == 400 and "belum punya sesi" in str(response.json())


def test_lists_have_a_fixed_query_count(api, bajur, django_assert_num_queries):
    for _ in range(2):
        enrol(training(bajur, CORE[:1]), people(bajur, 2), "bkm")
    with django_assert_num_queries(4):
        assert api.get(f"/api/v1/regions/{BAJUR}/trainings/").status_code == 200
    for _ in range(3):
        enrol(training(bajur, CORE[:2]), people(bajur, 3), "upk")
    with django_assert_num_queries(4):
        data = api.get(f"/api/v1/regions/{BAJUR}/trainings/").json()
    assert data["count"] == Training.objects.count() == 5
