"""RPLP / RTPLP pages: the policy matrix (public reading, 404 outside the user's regions, 403
inside them without the role, login first), the forms through the services, the RAB page, the
price lists with their strict import report and price-change impact, and pinned query counts
that do not grow with the data."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tridaya.accounts.models import Role
from tridaya.accounts.tests.factories import user_with_role
from tridaya.planning.models import PriceItem, RABItem, VersionState
from tridaya.planning.services import versions
from tridaya.planning.tests import factories as f
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH

pytestmark = pytest.mark.django_db

VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)
# Who may open the edit pages of a plan (village codes in VILLAGES order).
EDITORS = {
    "national": (200, 200, 200),
    "province": (403, 403, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
}


@pytest.fixture
def village_plans(users, bajur, terong_tawah, far_village):
    """Each village with an RPLP draft (a program and a row) and an RTPLP with an activity."""
    found = {}
    for village in (bajur, terong_tawah, far_village):
        version = f.ready_rplp(village)
        rt_version = f.first_version(f.rtplp(village))
        activity = f.activity(rt_version)
        f.rab_line(activity)
        found[village.code] = (version, rt_version, activity)
    return found


def url(code, version, tail=""):
    return f"/wilayah/{code}/perencanaan/rencana/{version.plan_id}/v{version.number}/{tail}"


def login(client, users, viewer):
    if viewer != "anonymous":
        client.force_login(users[viewer])
    return client


@pytest.mark.parametrize(
    "viewer", ["national", "province", "regency", "village_bkm", "village_resident", "anonymous"]
)
def test_plans_are_public(client, users, village_plans, viewer):
    c = login(client, users, viewer)
    for code in VILLAGES:
        rplp, rtplp, activity = village_plans[code]
        assert c.get(f"/wilayah/{code}/perencanaan/rencana/").status_code == 200
        assert c.get(url(code, rplp)).status_code == 200
        assert c.get(url(code, rtplp, f"kegiatan/{activity.pk}/")).status_code == 200
        assert c.get(url(code, rplp, "dokumen.xlsx")).status_code == 200


@pytest.mark.parametrize("tail", ["ubah/", "program/tambah/", "investasi/tambah/"])
@pytest.mark.parametrize("viewer", sorted(EDITORS))
def test_edit_pages_follow_the_policy(client, users, village_plans, viewer, tail):
    c = login(client, users, viewer)
    got = tuple(c.get(url(code, village_plans[code][0], tail)).status_code for code in VILLAGES)
    assert got == EDITORS[viewer]


def test_anonymous_is_sent_to_login_from_an_edit_page(client, village_plans):
    response = client.get(url(BAJUR, village_plans[BAJUR][0], "ubah/"))
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_a_resident_sees_no_edit_buttons_and_cannot_post(client, users, village_plans):
    version = village_plans[BAJUR][0]
    client.force_login(users["village_resident"])
    html = client.get(url(BAJUR, version)).content.decode()
    assert "Tambah program" not in html and "Ubah isi" not in html
    response = client.post(url(BAJUR, version, "tindakan/"), {"action": "revise"})
    assert response.status_code == 403
    response = client.post(url(BAJUR, version, "ubah/"), {"vision": "x", "start_year": 2027})
    assert response.status_code == 403


def test_the_tipp_adds_a_program_and_a_row_through_the_forms(client, bajur, village_plans):
    version = village_plans[BAJUR][0]
    problem = f.plan_problem(bajur, "Sampah di sungai", households=25, poor=9)
    client.force_login(user_with_role(Role.TIPP, BAJUR))
    response = client.post(
        url(BAJUR, version, "program/tambah/"),
        {
            "domain": "L",
            "name": "Pengelolaan sampah",
            "years": ["2027", "2028"],
            "problems": [problem.pk],
        },
    )
    assert response.status_code == 302
    program = version.programs.get(name="Pengelolaan sampah")
    assert program.years == [2027, 2028]
    response = client.post(
        url(BAJUR, version, "investasi/tambah/"),
        {
            "year": "2028",
            "domain": "L",
            "program": program.pk,
            "component": "Bank sampah",
            "quantity": "1",
            "volume": "2",
            "unit": "unit",
            "unit_cost": "Rp 12.500.000",
            "fund_blm": "20.000.000",
            "fund_swadaya": "5.000.000",
            "people": "120",
            "women": "60",
            "mbr": "40",
            "households": "30",
            "poor_households": "9",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get(url(BAJUR, version)).content.decode()
    assert "Rp 25.100.000" in html  # 100.000 from the fixture + 25.000.000


def test_a_row_whose_sources_do_not_add_up_is_shown_again_with_the_reason(client, village_plans):
    version = village_plans[BAJUR][0]
    client.force_login(user_with_role(Role.TIPP, BAJUR))
    response = client.post(
        url(BAJUR, version, "investasi/tambah/"),
        {
            "year": "2027",
            "domain": "L",
            "component": "Jalan",
            "quantity": "1",
            "volume": "10",
            "unit": "m",
            "unit_cost": "100.000",
            "fund_blm": "900.000",
        },
    )
    assert response.status_code == 200
    assert "harus sama dengan volume × biaya satuan (Rp 1.000.000)" in response.content.decode()


def test_rab_items_from_the_price_list_and_typed_add_up(client, bajur, village_plans):
    _rplp, rtplp, activity = village_plans[BAJUR]
    regency = bajur.parent.parent
    item = f.price_item(f.price_list(regency), price=275_500)
    client.force_login(user_with_role(Role.TIPP, BAJUR))
    action = url(BAJUR, rtplp, f"kegiatan/{activity.pk}/tindakan/")
    client.post(action, {"action": "rab_add", "price_item": item.pk, "volume": "4"})
    client.post(
        action,
        {
            "action": "rab_add",
            "description": "Pasangan batu",
            "volume": "1,5",
            "unit": "m3",
            "unit_price": "Rp 850.000",
        },
    )
    activity.refresh_from_db()
    assert activity.rab_total == 1_500_000 + 1_102_000 + 1_275_000
    html = client.get(url(BAJUR, rtplp, f"kegiatan/{activity.pk}/")).content.decode()
    assert "Rp 3.877.000" in html and "Galian tanah biasa" in html


def test_a_legalised_version_shows_no_edit_forms_and_refuses_edits(client, village_plans):
    version = f.legalise(village_plans[BAJUR][0])
    client.force_login(user_with_role(Role.TIPP, BAJUR))
    html = client.get(url(BAJUR, version)).content.decode()
    assert "tidak dapat diubah" in html and "Tambah program" not in html
    response = client.get(url(BAJUR, version, "program/tambah/"), follow=True)
    assert "sudah disahkan dan tidak dapat diubah" in response.content.decode()


def test_the_compare_page_shows_what_changed(client, village_plans):

    old = f.legalise(village_plans[BAJUR][0])
    new = versions.version_amend(
        actor=None, version=old, reason="Tambahan program ekonomi setelah musrenbang."
    )
    f.program(new, "Pelatihan menjahit", domain="E")
    html = client.get(
        f"/wilayah/{BAJUR}/perencanaan/rencana/{old.plan_id}/beda/?dari=1&ke=2"
    ).content.decode()
    assert "Ditambah:" in html and "E. Pelatihan menjahit" in html


def test_version_page_query_count_does_not_grow(client, bajur, django_assert_num_queries):
    version = f.ready_rplp(bajur)
    rtplp = f.first_version(f.rtplp(bajur))

    def grow(n):
        for i in range(n):
            program = f.program(version, f"Program {i}", problems=[f.plan_problem(bajur, f"M{i}")])
            f.row(version, prog=program, component=f"Baris {i}")
            activity = f.activity(rtplp, f"Kegiatan {i}")
            f.rab_line(activity)
            f.rab_line(activity, description="Beton")

    grow(1)
    client.get(url(BAJUR, version))  # the criteria set of the slum scores is parsed once
    # (one query reads the households surveyed per RT, the bound of the reach)
    with django_assert_num_queries(22):
        assert client.get(url(BAJUR, version)).status_code == 200
    with django_assert_num_queries(23):
        assert client.get(url(BAJUR, rtplp)).status_code == 200
    grow(4)
    # (one query reads the households surveyed per RT, the bound of the reach)
    with django_assert_num_queries(22):
        assert client.get(url(BAJUR, version)).status_code == 200
    with django_assert_num_queries(23):
        assert client.get(url(BAJUR, rtplp)).status_code == 200


def test_plans_list_query_count_does_not_grow(client, bajur, django_assert_num_queries):
    f.ready_rplp(bajur)
    with django_assert_num_queries(4):
        client.get(f"/wilayah/{BAJUR}/perencanaan/rencana/")
    for i in range(3):
        f.rtplp(bajur, area=f.kawasan(bajur, name=f"Kawasan {i}"))
    with django_assert_num_queries(4):
        client.get(f"/wilayah/{BAJUR}/perencanaan/rencana/")


# --- Price lists -----------------------------------------------------------------------------


def test_a_bad_price_file_is_refused_whole_with_a_report(client, bajur):
    regency = bajur.parent.parent
    plist = f.price_list(regency)
    client.force_login(user_with_role(Role.CITY_COORDINATOR, regency.code))
    content = (
        b"kode;uraian;satuan;harga\n"
        b"A.1;Galian tanah;m3;150.000\n"
        b"A.2;;m3;12,5\n"
        b"A.1;Urugan pasir;m3;200000\n"
    )
    response = client.post(
        f"/wilayah/{regency.code}/perencanaan/harga/{plist.pk}/",
        {"file": SimpleUploadedFile("hspk.csv", content, content_type="text/csv")},
    )
    html = response.content.decode()
    assert "Baris 3, kolom uraian: Kosong; wajib diisi." in html
    assert "Baris 3, kolom harga: &#x27;12,5&#x27; bukan harga rupiah bulat yang sah" in html
    assert "Baris 4, kolom kode: Kode A.1 sudah dipakai di baris 2." in html
    assert PriceItem.objects.count() == 0


def test_a_price_change_shows_which_activities_it_moves(client, bajur):
    from tridaya.planning.services import rab

    regency = bajur.parent.parent
    item = f.price_item(f.price_list(regency), price=100_000)
    draft = f.first_version(f.rtplp(bajur))
    activity = f.activity(draft, "Saluran A")
    rab.rab_item_add(
        actor=None,
        activity=activity,
        data=rab.RABItemInput(volume=Decimal("3"), price_item_id=item.pk),
    )
    client.force_login(user_with_role(Role.CITY_COORDINATOR, regency.code))
    page = f"/wilayah/{regency.code}/perencanaan/harga/{item.price_list_id}/{item.pk}/"
    html = client.post(page, {"action": "preview", "price": "120.000"}).content.decode()
    assert "Saluran A" in html and "Rp 300.000 → Rp 360.000" in html
    client.post(page, {"action": "save", "price": "120.000"})
    item.refresh_from_db()
    assert item.price == 120_000
    activity.refresh_from_db()
    assert activity.rab_total == 300_000  # unchanged until applied
    client.force_login(user_with_role(Role.TIPP, BAJUR))
    client.post(page, {"action": "apply", "version": draft.pk})
    activity.refresh_from_db()
    assert activity.rab_total == 360_000
    assert RABItem.objects.get().unit_price == 120_000
    assert draft.state == VersionState.DRAFT


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("national", 302),
        ("regency", 302),
        ("province", 302),
        ("village_bkm", 403),
        ("village_resident", 403),
        ("anonymous", 302),
    ],
)
def test_price_lists_are_public_but_kept_by_officers(client, users, bajur, viewer, expected):
    regency = bajur.parent.parent
    c = login(client, users, viewer)
    assert c.get(f"/wilayah/{regency.code}/perencanaan/harga/").status_code == 200
    response = c.post(
        f"/wilayah/{regency.code}/perencanaan/harga/", {"name": "HSPK uji", "year": 2026}
    )
    assert response.status_code == expected
    if viewer == "anonymous":
        assert response["Location"].startswith("/akun/masuk/")
    created = regency.price_lists.filter(name="HSPK uji").exists()
    assert created == (viewer in ("national", "regency", "province"))
