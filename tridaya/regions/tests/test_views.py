import pytest

from tridaya.core.models import AuditEvent
from tridaya.regions import services
from tridaya.regions.tests.factories import BAJUR, region


def box(west, south, size=0.001):
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def add_units(village, rws: int, rts_per_rw: int, start: int = 1):
    for n in range(start, start + rws):
        rw = services.rw_save(
            actor=None,
            village=village,
            number=n,
            name=f"Dusun {n}",
            boundary=box(116.10 + n * 0.002, -8.63),
        )
        for m in range(1, rts_per_rw + 1):
            services.rt_save(
                actor=None,
                rw=rw,
                number=m,
                boundary=box(116.10 + n * 0.002, -8.63 + m * 0.0002, 0.0002),
            )


@pytest.mark.django_db
def test_village_home_shows_profile_map_data_and_units(client, bajur):
    services.profile_update(
        actor=None, village=bajur, population=4630, households=1236, poor_households=318
    )
    add_units(bajur, rws=2, rts_per_rw=3)
    page = client.get(f"/wilayah/{BAJUR}/").content.decode()
    assert "Desa Bajur" in page
    assert "4.630" in page and "1.236" in page
    assert 'id="village-map-data"' in page
    assert page.count('"kind": "rt"') == 6 and page.count('"kind": "rw"') == 2
    assert "Kecamatan Labuapi" in page and "Kabupaten Lombok Barat" in page


@pytest.mark.django_db
def test_village_home_query_count_does_not_grow_with_units(
    client, bajur, django_assert_num_queries
):
    add_units(bajur, rws=1, rts_per_rw=1)
    # The page's 4 and the cycle's status panel (is the village enrolled?).
    with django_assert_num_queries(5):
        client.get(f"/wilayah/{BAJUR}/")
    add_units(bajur, rws=5, rts_per_rw=8, start=2)
    with django_assert_num_queries(5):
        assert client.get(f"/wilayah/{BAJUR}/").status_code == 200


@pytest.mark.django_db
def test_region_page_lists_children_with_constant_queries(client, bajur, django_assert_num_queries):
    with django_assert_num_queries(3):
        page = client.get("/wilayah/52.01.08/").content.decode()
    assert "Desa Bajur" in page
    for n in range(2010, 2030):
        region(f"52.01.08.{n}")
    with django_assert_num_queries(3):
        page = client.get("/wilayah/52.01.08/").content.decode()
    assert "52.01.08.2029" in page


@pytest.mark.django_db
def test_signed_in_pages_add_a_fixed_number_of_queries(
    client, users, bajur, django_assert_num_queries
):
    add_units(bajur, rws=2, rts_per_rw=2)
    client.force_login(users["village_bkm"])
    # session, user, role assignments, the user's places in the menu, then the page's 5.
    with django_assert_num_queries(9):
        assert client.get(f"/wilayah/{BAJUR}/").status_code == 200


@pytest.mark.django_db
def test_search_by_name_and_by_code(client, bajur, far_village):
    by_name = client.get("/wilayah/?q=baj").content.decode()
    assert "Desa Bajur" in by_name and "52.01.08.2006" in by_name
    by_code = client.get("/wilayah/?q=52.01.08").content.decode()
    assert "Kecamatan Labuapi" in by_code and "Tulungrejo" not in by_code
    nothing = client.get("/wilayah/?q=zzzz").content.decode()
    assert "Tidak ada wilayah yang cocok" in nothing


@pytest.mark.django_db
def test_search_htmx_returns_only_the_results(client, bajur):
    response = client.get("/wilayah/?q=bajur", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Desa Bajur" in html and "<nav" not in html


@pytest.mark.django_db
def test_unknown_region_is_404(client, db):
    assert client.get("/wilayah/99.99/").status_code == 404
    assert client.get("/wilayah/52.01.08.9999/").status_code == 404


@pytest.mark.django_db
def test_profile_form_saves_through_the_service_and_is_audited(client, users, bajur):
    client.force_login(users["village_bkm"])
    response = client.post(
        f"/wilayah/{BAJUR}/profil/ubah/",
        {
            "population": "4700",
            "households": "1240",
            "poor_households": "320",
            "area_ha": "268.4",
            "latitude": "",
            "longitude": "",
            "boundary": "",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="regions.profile_updated")
    assert event.actor == users["village_bkm"]
    assert event.region_code == BAJUR
    assert event.changes["population"] == [None, 4700]


@pytest.mark.django_db
def test_profile_form_explains_bad_input(client, users, bajur):
    client.force_login(users["village_bkm"])
    response = client.post(
        f"/wilayah/{BAJUR}/profil/ubah/",
        {
            "population": "100",
            "households": "10",
            "poor_households": "20",
            "boundary": '{"type": "Point", "coordinates": [116.1, -8.6]}',
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "KK miskin tidak boleh lebih banyak dari jumlah KK" in html
    assert "Jenis geometri Point tidak diterima" in html
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_units_page_adds_rw_and_rt(client, users, bajur):
    client.force_login(users["village_bkm"])
    client.post(
        f"/wilayah/{BAJUR}/rt-rw/",
        {"unit": "rw", "rw-number": "1", "rw-name": "Utara", "rw-boundary": ""},
    )
    rw = bajur.rws.get()
    response = client.post(
        f"/wilayah/{BAJUR}/rt-rw/",
        {
            "unit": "rt",
            "rt-rw": rw.pk,
            "rt-number": "3",
            "rt-boundary": str(box(116.1, -8.63)).replace("'", '"'),
        },
    )
    assert response.status_code == 302
    assert list(bajur.rts.values_list("number", flat=True)) == [3]
    assert bajur.rts.get().boundary["type"] == "Polygon"


@pytest.mark.django_db
def test_english_switch(client, bajur):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/wilayah/{BAJUR}/").content.decode()
    assert 'lang="en"' in page


@pytest.mark.django_db
def test_demo_seed_is_idempotent_down_to_the_audit_trail(bajur, terong_tawah):
    from tridaya.regions import demo

    demo.seed(lambda message: None)
    events = AuditEvent.objects.count()
    demo.seed(lambda message: None)
    assert AuditEvent.objects.count() == events
