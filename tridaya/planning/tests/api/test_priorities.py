"""The prioritisation and kawasan API: a whole round driven by an integrator (criteria, options,
scores, online and paper ballots, close, results), the coded refusal of a closed round, the
kawasan endpoints (draw, criteria, choose, import, derive), who may call what, and pinned query
counts on the lists."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.planning.models import PriorityArea, PriorityRound, RoundStatus
from tridaya.planning.services import kawasan as kaw
from tridaya.planning.services import ranking
from tridaya.planning.tests.factories import grid_rts, meeting, problem, round_with, span
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH

pytestmark = pytest.mark.django_db
API = f"/api/v1/villages/{BAJUR}"
VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)


def api_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def tipp(bajur):
    return user_with_role("tipp", BAJUR)


def _round_with_options(client, bajur) -> tuple[str, dict, dict]:
    """A round made through the API with a mapped problem and a program as its options."""
    rembug = meeting(bajur)
    response = client.post(
        f"{API}/priority-rounds/",
        {
            "title": "Prioritas 2026",
            "method": "approval",
            "meeting": rembug.pk,
            "criteria": [
                {"label": "Urgensi", "weight": 60, "key": "urgensi"},
                {"label": "KK miskin", "weight": 40, "key": "miskin", "basis": "poor_households"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    pk = response.data["round"]["id"]
    url = f"{API}/priority-rounds/{pk}/"
    mapped = problem(bajur, "Banjir RW 03", households=40, poor=30)
    response = client.post(
        url + "options/",
        {
            "problems": [mapped.pk],
            "program": {
                "title": "Pelatihan menjahit",
                "domain": "E",
                "households": 20,
                "poor_households": 15,
            },  # fmt: skip
        },
        format="json",
    )
    assert response.status_code == 201
    options = {o["title"]: o["id"] for o in response.data["options"]}
    crit = {c["key"]: c["id"] for c in response.data["criteria"]}
    return url, options, crit


def test_a_whole_round_through_the_api(bajur, tipp, users):
    client = api_for(tipp)
    url, options, crit = _round_with_options(client, bajur)
    client.post(url + "scores/")  # fill KK miskin from the data: 5 and ceil(5 × 15 / 30) = 3
    response = client.put(
        url + "scores/",
        [
            {"option": options["Banjir RW 03"], "criterion": crit["urgensi"], "score": 5},
            {"option": options["Pelatihan menjahit"], "criterion": crit["urgensi"], "score": 2},
        ],
        format="json",
    )
    weighted = response.data["results"]["result"]["weighted"]["items"]
    assert [(i["title"], i["working"]) for i in weighted] == [
        ("Banjir RW 03", "60%×5 + 40%×5 = 5,00"),
        ("Pelatihan menjahit", "60%×2 + 40%×3 = 2,40"),
    ]
    assert client.post(url + "open/").status_code == 200
    resident = users["village_resident"]
    response = api_for(resident).post(
        url + "ballots/", {"choices": [options["Pelatihan menjahit"]]}, format="json"
    )
    assert response.status_code == 201 and response.data["kind"] == "daring"
    response = client.post(
        url + "ballots/",
        {"paper": True, "count": 4, "choices": list(options.values()), "note": "Kotak 1"},
        format="json",
    )
    assert response.status_code == 201 and response.data["count"] == 4
    # The resident sees only their own ballot; the TIPP the paper entries (and its own, none).
    assert [b["kind"] for b in api_for(resident).get(url + "ballots/").data] == ["daring"]
    assert [b["kind"] for b in client.get(url + "ballots/").data] == ["kertas"]
    response = client.post(url + "close/")
    assert response.status_code == 200
    results = api_for().get(url + "results/").data
    assert results["frozen"] is True and results["recount_matches"] is True
    tallies = [(t["title"], t["points"]) for t in results["result"]["vote"]["tallies"]]
    assert tallies == [("Pelatihan menjahit", 5), ("Banjir RW 03", 4)]
    assert "KK miskin" in results["tie_rule"]

    # Every later change is refused with the code programs branch on.
    response = client.put(
        url + "scores/",
        [{"option": options["Banjir RW 03"], "criterion": crit["urgensi"], "score": 1}],
        format="json",
    )
    assert response.status_code == 400 and response.data["codes"] == ["planning_round_closed"]
    response = api_for(resident).post(
        url + "ballots/", {"choices": [options["Banjir RW 03"]]}, format="json"
    )
    assert response.status_code == 400 and response.data["codes"] == ["planning_round_closed"]


def test_anonymous_reads_but_must_log_in_to_write(bajur):
    round_ = round_with(bajur)
    client = api_for()
    assert client.get(f"{API}/priority-rounds/").status_code == 200
    assert client.get(f"{API}/priority-rounds/{round_.pk}/").status_code == 200
    assert client.get(f"{API}/kawasan/").status_code == 200
    assert client.post(f"{API}/priority-rounds/", {"title": "X"}).status_code == 401
    assert client.post(f"{API}/priority-rounds/{round_.pk}/open/").status_code == 401
    assert client.post(f"{API}/priority-rounds/{round_.pk}/ballots/", {}).status_code == 401
    assert client.post(f"{API}/kawasan/", {}).status_code == 401


CREATE = {
    "national": (201, 201, 201),
    "province": (403, 403, 404),
    "regency": (201, 201, 404),
    "village_bkm": (201, 404, 404),
    "village_resident": (403, 404, 404),
}


@pytest.mark.parametrize("viewer", sorted(CREATE))
def test_creating_a_round_policy(users, viewer):
    client = api_for(users[viewer])
    got = tuple(
        client.post(
            f"/api/v1/villages/{code}/priority-rounds/", {"title": "Uji"}, format="json"
        ).status_code
        for code in VILLAGES
    )
    assert got == CREATE[viewer]


VOTE = {
    # Online ballots: the village's own people only. Officers guide the vote but hold no vote:
    # the national admin sees every village (403), the others their own region (403 / 404).
    "national": (403, 403, 403),
    "province": (403, 403, 404),
    "regency": (403, 403, 404),
    "village_bkm": (201, 404, 404),
    "village_resident": (201, 404, 404),
}


@pytest.mark.parametrize("viewer", sorted(VOTE))
def test_casting_an_online_ballot_policy(users, bajur, terong_tawah, far_village, viewer):
    rounds = {v.code: round_with(v, method="approval", voting=True) for v in
              (bajur, terong_tawah, far_village)}  # fmt: skip
    client = api_for(users[viewer])
    got = []
    for code in VILLAGES:
        first = rounds[code].options.order_by("position").first()
        got.append(
            client.post(
                f"/api/v1/villages/{code}/priority-rounds/{rounds[code].pk}/ballots/",
                {"choices": [first.pk]},
                format="json",
            ).status_code
        )
    assert tuple(got) == VOTE[viewer]


def test_round_list_and_detail_query_counts_do_not_grow(bajur, django_assert_num_queries):
    client = api_for()
    round_ = round_with(bajur, voting=True)
    with django_assert_num_queries(3):
        client.get(f"{API}/priority-rounds/")
    with django_assert_num_queries(5):
        client.get(f"{API}/priority-rounds/{round_.pk}/")
    for _ in range(3):
        round_with(bajur)
    from tridaya.planning.tests.factories import keys

    k = keys(round_)
    for _ in range(3):
        ranking.ballot_paper_add(actor=None, round_=round_, count=1, choices=[k["Jalan"]])
    with django_assert_num_queries(3):
        assert len(client.get(f"{API}/priority-rounds/").data) == 4
    with django_assert_num_queries(5):
        assert client.get(f"{API}/priority-rounds/{round_.pk}/").status_code == 200


def test_kawasan_through_the_api(bajur, tipp):
    grid_rts(bajur)
    client = api_for(tipp)
    response = client.post(
        f"{API}/kawasan/", {"name": "Tengah", "geometry": span(0.5, 2.5)}, format="json"
    )
    assert response.status_code == 201
    pk = response.data["id"]
    assert [r["share_pct"] for r in response.data["indicators"]["rts"]] == ["50.0", "100.0", "50.0"]
    response = client.post(
        f"{API}/kawasan/{pk}/choose/",
        {"decision_rationale": "Disepakati warga di rembug desa."},
        format="json",
    )
    assert response.status_code == 400
    assert response.data["codes"] == ["planning_kawasan_criteria_missing"]
    response = client.put(
        f"{API}/kawasan/{pk}/criteria/",
        {
            "slum_rationale": "Genangan.",
            "land_status": "jelas",
            "spatial_conformity": "sesuai",
            "land_rationale": "Milik warga.",
            "strategic_value": "tinggi",
            "socio_economic": "rendah",
            "other_rationale": "Dekat pasar.",
        },
        format="json",
    )
    assert response.data["land_is_legal"] is True and response.data["missing_criteria"] == []
    response = client.post(
        f"{API}/kawasan/{pk}/choose/",
        {"decision_rationale": "Disepakati warga di rembug desa."},
        format="json",
    )
    assert response.status_code == 200 and response.data["status"] == "ditetapkan"
    response = client.patch(f"{API}/kawasan/{pk}/", {"name": "Baru"}, format="json")
    assert response.status_code == 400
    assert response.data["codes"] == ["planning_kawasan_chosen_is_frozen"]


def test_kawasan_import_through_the_api_is_all_or_nothing(bajur, tipp):
    grid_rts(bajur)
    client = api_for(tipp)

    def upload(*features):
        body = json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()
        return SimpleUploadedFile("kawasan.geojson", body, content_type="application/geo+json")

    good = {"type": "Feature", "properties": {"nama": "Barat"}, "geometry": span(0, 1)}
    bad = {"type": "Feature", "properties": {"nama": "Titik"},
           "geometry": {"type": "Point", "coordinates": [116.1, -8.64]}}  # fmt: skip
    response = client.post(
        f"{API}/kawasan/import/", {"file": upload(good, bad)}, format="multipart"
    )
    assert response.status_code == 400 and "planning_kawasan_bad_import" in response.data["codes"]
    assert not PriorityArea.objects.exists()
    response = client.post(f"{API}/kawasan/import/", {"file": upload(good)}, format="multipart")
    assert response.status_code == 201 and response.data["created"] == ["Barat"]
    response = client.post(f"{API}/kawasan/import/", {"file": upload(good)}, format="multipart")
    assert response.data["unchanged"] == ["Barat"] and PriorityArea.objects.count() == 1


def test_kawasan_list_query_count_does_not_grow(bajur, django_assert_num_queries):
    grid_rts(bajur)
    kaw.area_create(actor=None, village=bajur, name="A", geometry=span(0, 1))
    client = api_for()
    with django_assert_num_queries(3):
        client.get(f"{API}/kawasan/")
    for n in range(1, 4):
        kaw.area_create(actor=None, village=bajur, name=f"B{n}", geometry=span(n, n + 1))
    with django_assert_num_queries(3):
        assert len(client.get(f"{API}/kawasan/").data) == 4


def test_derive_through_the_api(bajur, tipp):
    rts = grid_rts(bajur)
    from tridaya.planning.services import priorities as prio

    round_ = prio.round_create(actor=None, village=bajur, title="Putaran")
    prio.options_add_problems(
        actor=None, round_=round_, problems=[problem(bajur, "Banjir", rt=rts[1])]
    )
    response = api_for(tipp).post(
        f"{API}/kawasan/derive/", {"round": round_.pk, "top": 1}, format="json"
    )
    assert response.status_code == 201
    assert [r["label"] for r in response.data["indicators"]["rts"]] == ["RT 02 / RW 01"]
    assert PriorityRound.objects.get().status == RoundStatus.DRAFT
