"""Pages: public reads (gaps, prospectus, partner names), contacts only for the roles that need
them, writes for BKM / TIPP / facilitator / korkot, 404 outside one's regions and 403 inside
without the role; query counts pinned at two data sizes."""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from tridaya.accounts.tests.factories import user_with_role
from tridaya.documents.tests.factories import docx_all_text, open_docx
from tridaya.marketing.models import Pledge, PledgeState
from tridaya.marketing.selectors import funding_gaps
from tridaya.marketing.services import partners as partner_services
from tridaya.marketing.services import prospectus as prospectus_services
from tridaya.marketing.tests import factories as f

pytestmark = pytest.mark.django_db
BAJUR = "52.01.08.2006"


@pytest.fixture
def plan(bajur):
    return f.legalised_rplp(bajur, rows=2)


@pytest.fixture
def opd(bajur):
    partner = f.partner(bajur)
    partner_services.contact_add(
        actor=None, where=bajur, partner=partner, name="Baiq Nurhayati", phone="081999888777"
    )
    return partner


def client_for(role: str | None, code: str | None = BAJUR) -> Client:
    client = Client()
    if role:
        client.force_login(user_with_role(role, code))
    return client


def url(name: str, *args) -> str:
    return reverse(f"marketing:{name}", args=[BAJUR, *args])


def test_public_pages_show_money_not_contacts(bajur, plan, opd):
    f.commit(f.pledge(bajur, plan[1][0], opd, amount=30_000))
    anonymous = Client()
    home = anonymous.get(url("home"))
    assert home.status_code == 200 and "Rp 70.000" in home.content.decode()  # the gap
    gaps = anonymous.get(url("gaps")).content.decode()
    assert "Saluran drainase 1" in gaps and "Terdanai sebagian" in gaps
    partner_page = anonymous.get(url("partner", opd.pk)).content.decode()
    assert opd.name in partner_page
    assert "081999888777" not in partner_page and "Baiq Nurhayati" not in partner_page
    resident = client_for("resident").get(url("partner", opd.pk)).content.decode()
    assert "081999888777" not in resident
    tipp = client_for("tipp").get(url("partner", opd.pk)).content.decode()
    assert "081999888777" in tipp and "Baiq Nurhayati" in tipp


def test_gap_export_adds_up(bajur, plan, opd):
    f.commit(f.pledge(bajur, plan[1][0], opd, amount=30_000))
    response = Client().get(url("gaps_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[3] for r in rows[:-1]] == ["Saluran drainase 1", "Saluran drainase 2"]
    assert rows[-1][6] == 200_000 and rows[-1][12] == 70_000  # cost, gap
    assert sum(r[12] for r in rows[:-1]) == rows[-1][12]
    groups = openpyxl.load_workbook(io.BytesIO(response.content))["Per rencana dan kawasan"]
    (plan_row,) = [r for r in groups.iter_rows(min_row=2, values_only=True) if r[0] == "Rencana"]
    assert plan_row[3] == 200_000 and plan_row[6] == 30_000 and plan_row[9] == 70_000


def test_pledge_then_commit_through_the_pages(bajur, plan, opd):
    bkm = client_for("bkm")
    response = bkm.post(
        url("pledge_add"),
        {
            "target": f"row-{plan[1][0].pk}",
            "partner": opd.pk,
            "source": "apbd_kab",
            "amount": "Rp 25.000",
            "year": 2027,
            "pledged_on": "2026-12-01",
        },
    )
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and pledge.amount == 25_000
    response = bkm.post(
        url("pledge_move", pledge.pk, "komitmen"),
        {
            "commit-agreement_kind": "mou",
            "commit-agreement_file": f.pdf(),
            "commit-committed_on": "2026-12-05",
        },
    )
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.COMMITTED
    page = bkm.get(url("pledge", pledge.pk)).content.decode()
    assert "Draf MoU" in page
    letter = bkm.get(url("letter", pledge.pk, "mou"))
    body = docx_all_text(open_docx(letter.content))
    assert opd.name.upper() in body and "dua puluh lima ribu rupiah" in body


def test_over_commitment_without_reason_is_shown_on_the_field(bajur, plan, opd):
    pledge = f.pledge(bajur, plan[1][0], opd, amount=60_000)
    client_for("facilitator").post(
        url("pledge_move", pledge.pk, "komitmen"),
        {
            "commit-agreement_kind": "mou",
            "commit-agreement_file": f.pdf(),
            "commit-committed_on": "2026-12-05",
        },
        follow=True,
    )
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PLEDGED


@pytest.mark.parametrize(
    "role, code, expected",
    [
        (None, None, 302),  # login first
        ("resident", BAJUR, 403),
        ("upk", BAJUR, 403),
        ("bkm", BAJUR, 200),
        ("tipp", BAJUR, 200),
        ("facilitator", BAJUR, 200),
        ("city_coordinator", "52.01", 200),
        ("province_officer", "52", 403),
        ("bkm", "52.01.08.2007", 404),
        ("city_coordinator", "35.07", 404),
    ],
)
def test_who_may_record_pledges(bajur, terong_tawah, far_village, plan, role, code, expected):
    response = client_for(role, code).get(url("pledge_add"))
    assert response.status_code == expected


@pytest.mark.parametrize(
    "role, code, expected",
    [
        ("tipp", BAJUR, 403),  # the TIPP prepares pledges; commitments need BKM and up
        ("bkm", BAJUR, 302),
        ("facilitator", BAJUR, 302),
        ("city_coordinator", "52.01", 302),
        ("bkm", "52.01.08.2007", 404),
    ],
)
def test_who_may_commit(bajur, terong_tawah, plan, opd, role, code, expected):
    pledge = f.pledge(bajur, plan[1][0], opd)
    response = client_for(role, code).post(
        url("pledge_move", pledge.pk, "komitmen"),
        {
            "commit-agreement_kind": "mou",
            "commit-agreement_file": f.pdf(),
            "commit-committed_on": "2026-12-05",
        },
    )
    assert response.status_code == expected
    pledge.refresh_from_db()
    assert (pledge.state == PledgeState.COMMITTED) == (expected == 302)


def test_published_prospectus_is_public_a_draft_is_not(bajur, plan):
    prospectus = prospectus_services.prospectus_create(actor=None, version=plan[0])
    anonymous = Client()
    assert anonymous.get(url("prospectus", prospectus.pk)).status_code == 404
    assert client_for("bkm").get(url("prospectus", prospectus.pk)).status_code == 200
    prospectus_services.prospectus_publish(actor=None, prospectus=prospectus)
    page = anonymous.get(url("prospectus", prospectus.pk))
    assert page.status_code == 200 and "Saluran drainase 1" in page.content.decode()
    pdf = anonymous.get(url("prospectus_file", prospectus.pk, "pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = anonymous.get(url("prospectus_file", prospectus.pk, "docx") + "?sektor=drainase")
    assert docx.content.startswith(b"PK")


def test_rollup_of_the_regency(bajur, terong_tawah, plan, opd):
    f.commit(f.pledge(bajur, plan[1][0], opd, amount=30_000))
    page = Client().get(reverse("marketing:rollup", args=["52.01"])).content.decode()
    assert "APBD kabupaten/kota" in page
    # BLM 2 × 40.000 = 80.000; partners 30.000 -> 0,38
    assert 'id="leverage">0,38<' in page


def _more_data(village, count: int):
    version, rows = f.legalised_rplp(village, rows=count)
    partners = [f.partner(village, name=f"Mitra {village.code} {n}") for n in range(count)]
    for row, partner in zip(rows, partners, strict=True):
        f.commit(f.pledge(village, row, partner, amount=5_000))
        f.pledge(village, row, partner, amount=1_000)


@pytest.mark.parametrize(
    "name, queries", [("home", 8), ("gaps", 6), ("pledges", 3), ("partners", 4)]
)
def test_page_queries_do_not_grow(bajur, terong_tawah, django_assert_num_queries, name, queries):
    _more_data(bajur, 1)
    client = Client()
    with django_assert_num_queries(queries):
        assert client.get(url(name)).status_code == 200
    # More plans, partners and pledges in the village and the city: the same number.
    _more_data(terong_tawah, 3)
    extra = f.partner(bajur, name="Bank NTB Syariah", kind="bank")
    target = funding_gaps(BAJUR).rows[0].target.key
    f.commit(f.pledge(bajur, target, extra, amount=2_000))
    f.pledge(bajur, target, extra, amount=3_000)
    with django_assert_num_queries(queries):
        assert client.get(url(name)).status_code == 200


def test_regency_and_province_pages_link_the_rollup(bajur, plan):
    page = Client().get("/wilayah/52.01/").content.decode()
    assert reverse("marketing:rollup", args=["52.01"]) in page
    province = Client().get(reverse("marketing:rollup", args=["52"]))
    assert province.status_code == 200 and "Bajur" in province.content.decode()


def test_a_carried_pledge_names_the_row_of_the_superseded_version(bajur, opd):
    from tridaya.planning.services import versions as version_services
    from tridaya.planning.tests import factories as plan_factories

    version, (old_row,) = f.legalised_rplp(bajur, rows=1)
    carried = f.commit(f.pledge(bajur, old_row, opd, amount=30_000))
    amended = version_services.version_amend(
        actor=None, version=version, reason="Perubahan rencana setelah musyawarah warga"
    )
    plan_factories.legalise(amended)
    new_row = amended.investment_rows.get()
    fresh = f.pledge(bajur, new_row, opd, amount=5_000)
    client = client_for("bkm")
    page = client.get(url("pledge", carried.pk)).content.decode()
    assert 'id="carried"' in page
    carried_text = page.split('id="carried">', 1)[1].split("</dd>", 1)[0]
    assert f"versi {version.number} yang sudah diganti" in carried_text
    assert "Saluran drainase 1" in carried_text and "versi yang berlaku" in carried_text
    assert 'id="carried"' not in client.get(url("pledge", fresh.pk)).content.decode()
    listing = client.get(url("pledges")).content.decode()
    assert listing.count(f"dari versi {version.number} yang diganti") == 1
