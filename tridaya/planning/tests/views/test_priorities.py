"""Prioritisation and kawasan pages as people use them: the TIPP builds, scores and closes a round
through the forms; the public sees the results with their arithmetic and the tie rule; a closed
round refuses changes with a message; pinned query counts that do not grow with the data; who
may open which page (404 outside the user's regions, 403 inside without the role, login first)."""

from __future__ import annotations

import pytest

from tridaya.accounts.tests.factories import user_with_role
from tridaya.planning.models import Ballot, PriorityArea, PriorityRound, RoundStatus
from tridaya.planning.services import kawasan as kaw
from tridaya.planning.services import ranking
from tridaya.planning.tests.factories import (
    fill_criteria,
    grid_rts,
    keys,
    meeting,
    problem,
    round_with,
    span,
)
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH

pytestmark = pytest.mark.django_db
BASE = f"/wilayah/{BAJUR}/perencanaan"
VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)


@pytest.fixture
def tipp(bajur):
    return user_with_role("tipp", BAJUR)


@pytest.fixture
def rounds(users, bajur, terong_tawah, far_village):
    return {v.code: round_with(v) for v in (bajur, terong_tawah, far_village)}


def test_tipp_builds_scores_votes_and_closes_a_round_through_the_pages(client, tipp, bajur):
    client.force_login(tipp)
    rembug = meeting(bajur)
    drainase = problem(bajur, "Drainase RW 03", households=40, poor=30, severity=5)
    jalan = problem(bajur, "Jalan RT 02", households=12, poor=4, severity=3)
    response = client.post(
        f"{BASE}/prioritas/",
        {"title": "Prioritas 2026", "method": "borda", "max_score": 5, "meeting": rembug.pk},
    )
    round_ = PriorityRound.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{round_.pk}/")
    url = f"{BASE}/prioritas/{round_.pk}/"

    # Criteria: two, weights 70 + 30 (the default six are replaced).
    data = {
        "action": "criteria",
        "kriteria-TOTAL_FORMS": 2,
        "kriteria-INITIAL_FORMS": 0,
        "kriteria-0-label": "Urgensi",
        "kriteria-0-weight": 70,
        "kriteria-0-basis": "severity",
        "kriteria-1-label": "Biaya",
        "kriteria-1-weight": 30,
        "kriteria-1-basis": "manual",
    }
    assert client.post(url + "ubah/", data).status_code == 302
    assert [(c.label, c.weight) for c in round_.criteria.order_by("position")] == [
        ("Urgensi", 70),
        ("Biaya", 30),
    ]
    data["kriteria-1-weight"] = 20
    page = client.post(url + "ubah/", data, follow=True).content.decode()
    assert "Bobot kriteria berjumlah 90%, harus tepat 100%" in page

    client.post(url + "pilihan/", {"action": "problems", "problems": [drainase.pk, jalan.pk]})
    client.post(url + "nilai/", {"action": "fill"})
    k = keys(round_)
    biaya = round_.criteria.get(label="Biaya")
    urgensi = round_.criteria.get(label="Urgensi")
    response = client.post(
        url + "nilai/",
        {
            f"s_{k['Drainase RW 03']}_{urgensi.pk}": 5,
            f"s_{k['Drainase RW 03']}_{biaya.pk}": 2,
            f"s_{k['Jalan RT 02']}_{urgensi.pk}": 3,
            f"s_{k['Jalan RT 02']}_{biaya.pk}": 5,
        },
    )
    assert response.status_code == 302
    client.post(url + "tindakan/", {"action": "open"})
    response = client.post(
        url + "suara/",
        {
            "action": "paper",
            "kertas-rank_1": k["Jalan RT 02"],
            "kertas-rank_2": k["Drainase RW 03"],
            "kertas-count": 7,
            "kertas-note": "Kotak RW 03",
        },
    )
    assert response.status_code == 302
    client.post(url + "suara/", {"action": "vote", "suara-rank_1": k["Drainase RW 03"]})
    assert client.post(url + "tindakan/", {"action": "close"}).status_code == 302
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED

    page = client.get(url).content.decode()
    # Vote: Jalan 7 × 1 = 7; Drainase 1 × 1 = 1.  Weighted: Drainase 70%×5 + 30%×2 = 4,10.
    assert "7×1 = 7" in page and "1×1 = 1" in page
    assert "70%×5 + 30%×2 = 4,10" in page and "70%×3 + 30%×5 = 3,60" in page
    assert "Aturan jika seri:" in page and "KK miskin" in page
    assert "hasilnya sama dengan yang dibekukan" in page

    # A closed round refuses changes, with the reason in plain words.
    page = client.post(
        url + "nilai/", {f"s_{k['Jalan RT 02']}_{biaya.pk}": 1}, follow=True
    ).content.decode()
    assert "sudah ditutup" in page
    assert round_.criteria.get(label="Biaya").scores.get(option_id=k["Jalan RT 02"]).score == 5


def test_resident_casts_an_online_ballot_and_can_replace_it(client, users, bajur):
    round_ = round_with(bajur, method="approval", voting=True)
    k = keys(round_)
    client.force_login(users["village_resident"])
    url = f"{BASE}/prioritas/{round_.pk}/suara/"
    page = client.get(url).content.decode()
    assert "Suara Anda (daring)" in page and "Surat suara kertas" not in page
    client.post(url, {"action": "vote", "suara-choices": [k["Jalan"], k["Sanitasi"]]})
    client.post(url, {"action": "vote", "suara-choices": [k["Drainase"]]})
    ballot = Ballot.objects.get(round=round_)
    assert ballot.choices == [k["Drainase"]] and ballot.voter == users["village_resident"]
    # Residents cannot enter paper ballots.
    response = client.post(
        url, {"action": "paper", "kertas-choices": [k["Jalan"]], "kertas-count": 3}
    )
    assert response.status_code == 403
    assert Ballot.objects.count() == 1


def test_round_page_query_count_does_not_grow(client, bajur, django_assert_num_queries):
    round_ = round_with(bajur, voting=True)
    url = f"{BASE}/prioritas/{round_.pk}/"
    with django_assert_num_queries(7):
        client.get(url)
    k = keys(round_)
    for _ in range(4):
        ranking.ballot_paper_add(actor=None, round_=round_, count=2, choices=[k["Jalan"]])
        voter = user_with_role("resident", BAJUR)
        ranking.ballot_cast(actor=voter, round_=round_, choices=[k["Sanitasi"], k["Drainase"]])
    ranking.scores_fill_from_data(actor=None, round_=round_)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_rounds_list_query_count_does_not_grow(client, bajur, django_assert_num_queries):
    round_with(bajur)
    with django_assert_num_queries(3):
        client.get(f"{BASE}/prioritas/")
    for _ in range(3):
        round_with(bajur, voting=True)
    with django_assert_num_queries(3):
        page = client.get(f"{BASE}/prioritas/").content.decode()
    assert page.count("Prioritas 2026") == 4


def test_kawasan_pages_query_counts_do_not_grow(client, bajur, django_assert_num_queries):
    rts = grid_rts(bajur)
    first = kaw.area_create(actor=None, village=bajur, name="A", geometry=span(0, 1))
    with django_assert_num_queries(5):
        client.get(f"{BASE}/kawasan/")
    with django_assert_num_queries(6):
        client.get(f"{BASE}/kawasan/{first.pk}/")
    for n in range(1, 4):
        kaw.area_create(actor=None, village=bajur, name=f"B{n}", geometry=span(n, n + 1))
        problem(bajur, f"Masalah {n}", rt=rts[n])
    with django_assert_num_queries(5):
        page = client.get(f"{BASE}/kawasan/").content.decode()
    assert page.count("Calon</span>") == 4
    with django_assert_num_queries(6):
        assert client.get(f"{BASE}/kawasan/{first.pk}/").status_code == 200


def test_tipp_draws_fills_criteria_and_chooses_a_kawasan(client, tipp, bajur):
    grid_rts(bajur)
    client.force_login(tipp)
    import json

    response = client.post(
        f"{BASE}/kawasan/baru/",
        {"name": "Tengah", "geometry": json.dumps(span(0.5, 2.5))},
    )
    area = PriorityArea.objects.get()
    assert response.status_code == 302
    url = f"{BASE}/kawasan/{area.pk}/"
    page = client.post(
        url + "tindakan/",
        {"action": "choose", "decision_rationale": "Disepakati musyawarah."},
        follow=True,
    ).content.decode()
    assert "lengkapi kriteria kondisi kekumuhan, legalitas lahan, pertimbangan lain" in page
    client.post(
        url + "tindakan/",
        {
            "action": "criteria",
            "slum_rationale": "Genangan tiap musim hujan.",
            "land_status": "jelas",
            "spatial_conformity": "sesuai",
            "land_rationale": "Milik warga.",
            "strategic_value": "tinggi",
            "socio_economic": "sedang",
            "other_rationale": "Dekat pasar.",
        },
    )
    client.post(
        url + "tindakan/", {"action": "choose", "decision_rationale": "Disepakati musyawarah."}
    )
    area.refresh_from_db()
    assert area.is_chosen
    page = client.get(f"{BASE}/kawasan/").content.decode()
    assert "Ditetapkan" in page and "RT 02 / RW 01: 100,0%" in page


def test_drawing_outside_the_village_puts_the_error_on_the_boundary_field(client, tipp, bajur):
    grid_rts(bajur)
    client.force_login(tipp)
    import json

    from tridaya.planning.tests.factories import box

    page = client.post(
        f"{BASE}/kawasan/baru/",
        {"name": "Laut", "geometry": json.dumps(box(116.5, -8.9, 116.51, -8.89))},
    ).content.decode()
    assert "Kawasan berada di luar Desa Bajur" in page
    assert not PriorityArea.objects.exists()


MANAGE = {
    # viewer: status for Bajur, Terong Tawah, far village on a manager's page
    "national": (200, 200, 200),
    "province": (403, 403, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
}


@pytest.mark.parametrize("viewer", sorted(MANAGE))
@pytest.mark.parametrize("page", ["ubah/", "pilihan/", "nilai/"])
def test_round_manager_pages_policy(client, users, rounds, viewer, page):
    client.force_login(users[viewer])
    got = tuple(
        client.get(f"/wilayah/{code}/perencanaan/prioritas/{rounds[code].pk}/{page}").status_code
        for code in VILLAGES
    )
    assert got == MANAGE[viewer]


BALLOT = {
    # Voters are the village's own people; managers enter paper ballots.
    "national": (200, 200, 200),
    "province": (403, 403, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (200, 404, 404),
}


@pytest.mark.parametrize("viewer", sorted(BALLOT))
def test_ballot_page_policy(client, users, rounds, viewer):
    client.force_login(users[viewer])
    got = tuple(
        client.get(f"/wilayah/{code}/perencanaan/prioritas/{rounds[code].pk}/suara/").status_code
        for code in VILLAGES
    )
    assert got == BALLOT[viewer]


@pytest.mark.parametrize("viewer", sorted(MANAGE))
def test_kawasan_drawing_page_policy(client, users, bajur, terong_tawah, far_village, viewer):
    client.force_login(users[viewer])
    got = tuple(
        client.get(f"/wilayah/{code}/perencanaan/kawasan/baru/").status_code for code in VILLAGES
    )
    assert got == MANAGE[viewer]


def test_public_pages_are_public_and_changes_need_a_login(client, rounds, bajur):
    grid_rts(bajur)
    area = kaw.area_create(actor=None, village=bajur, name="A", geometry=span(0, 1))
    round_ = rounds[BAJUR]
    for url in (
        f"{BASE}/prioritas/",
        f"{BASE}/prioritas/{round_.pk}/",
        f"{BASE}/kawasan/",
        f"{BASE}/kawasan/{area.pk}/",
    ):
        assert client.get(url).status_code == 200, url
    for url in (
        f"{BASE}/prioritas/{round_.pk}/ubah/",
        f"{BASE}/prioritas/{round_.pk}/suara/",
        f"{BASE}/kawasan/baru/",
        f"{BASE}/kawasan/impor/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], url
    response = client.post(f"{BASE}/prioritas/", {"title": "X", "method": "borda", "max_score": 5})
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    response = client.post(f"{BASE}/kawasan/{area.pk}/tindakan/", {"action": "delete"})
    assert response.status_code == 302 and PriorityArea.objects.filter(pk=area.pk).exists()


def test_bkm_of_bajur_cannot_close_the_neighbours_round(client, users, rounds):
    client.force_login(users["village_bkm"])
    neighbour = rounds[TERONG_TAWAH]
    ranking.voting_open(actor=None, round_=neighbour)
    response = client.post(
        f"/wilayah/{TERONG_TAWAH}/perencanaan/prioritas/{neighbour.pk}/tindakan/",
        {"action": "close"},
    )
    assert response.status_code == 404
    neighbour.refresh_from_db()
    assert neighbour.status == RoundStatus.VOTING


def test_a_closed_kawasan_choice_needs_the_round_page_link_to_derive(client, tipp, bajur):
    """From a closed round the TIPP makes a candidate of the RTs of its top problem."""
    rts = grid_rts(bajur)
    round_ = round_with(bajur, [("A", 1), ("B", 1)])
    from tridaya.planning.models import PriorityOption

    k = keys(round_)
    PriorityOption.objects.filter(pk=k["A"]).update(problem=problem(bajur, "A", rt=rts[2]))
    ranking.voting_open(actor=None, round_=round_)
    ranking.ballot_paper_add(actor=None, round_=round_, count=2, choices=[k["A"]])
    ranking.round_close(actor=None, round_=round_)
    client.force_login(tipp)
    response = client.post(
        f"{BASE}/prioritas/{round_.pk}/tindakan/", {"action": "derive", "top": "1"}
    )
    area = PriorityArea.objects.get()
    assert response["Location"].endswith(f"/kawasan/{area.pk}/")
    assert [r["label"] for r in area.indicators["rts"]] == ["RT 03 / RW 01"]
    fill_criteria(area)


def test_english_pages_come_from_the_catalogue(client, bajur):
    round_ = round_with(bajur, [("A", 5), ("B", 5)], method="approval", voting=True)
    k = keys(round_)
    ranking.ballot_paper_add(actor=None, round_=round_, count=2, choices=[k["A"], k["B"]])
    ranking.round_close(actor=None, round_=round_)
    client.cookies["django_language"] = "en"
    page = client.get(f"{BASE}/prioritas/{round_.pk}/").content.decode()
    assert "Result of the vote" in page and "Tie rule:" in page
    assert "fully tied; broken by listing order" in page  # computed when shown, not stored
    assert "Hasil pemungutan suara" not in page and "Aturan jika seri" not in page
    grid_rts(bajur)
    kaw.area_create(actor=None, village=bajur, name="Tengah", geometry=span(0, 2))
    page = client.get(f"{BASE}/kawasan/").content.decode()
    assert "Candidate areas side by side" in page and "Perbandingan calon kawasan" not in page
