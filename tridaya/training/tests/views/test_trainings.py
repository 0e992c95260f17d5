"""The training pages as people use them: lists, a training's summary, creating and closing
it, roll-ups and XLSX, with pinned query counts that do not grow with the data."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tridaya.institutions.tests.factories import people, person
from tridaya.regions.tests.factories import BAJUR
from tridaya.training.models import (
    Certificate,
    Participant,
    Training,
    TrainingStatus,
)
from tridaya.training.services.certificates import training_close
from tridaya.training.services.follow_ups import follow_up_add
from tridaya.training.tests.conftest import grow
from tridaya.training.tests.factories import (
    CORE,
    attend_all,
    curriculum,
    enrol,
    score_all,
    training,
)
from tridaya.training.tests.views.conftest import add_training, assert_constant, pdf_text, url

pytestmark = pytest.mark.django_db


def test_village_index_lists_trainings_and_the_core_gaps(client, held, django_assert_num_queries):
    page = assert_constant(
        client,
        django_assert_num_queries,
        f"/wilayah/{BAJUR}/pelatihan/",
        18,
        lambda: add_training(held),
    )
    assert "Pelatihan dasar PLPBK" in page
    assert "Belum ada anggota UPL yang tercatat" in page or "UPL" in page
    assert "Buat pelatihan" not in page  # anonymous


def test_detail_is_public_with_counts_chart_and_no_names(client, held, django_assert_num_queries):
    def more():
        grow(held, held.region, 0)
        follow_up_add(
            actor=None, training=held, action="Sosialisasi", owner="BKM", due_on=dt.date(2026, 5, 1)
        )

    page = assert_constant(client, django_assert_num_queries, url(held), 9, more)
    assert "Kenaikan nilai rata-rata" in page
    assert '"pre": [50.0, 50.0' in page  # the chart's data
    assert "Lalu Kaur Perencanaan" not in page  # names are not public
    assert "Selesai" in page and "30 JPL" in page


def test_rollup_query_count_does_not_grow_with_villages(
    client, held, terong_tawah, django_assert_num_queries
):
    def more():
        add_training(held)
        t = training(terong_tawah)
        enrol(t, people(terong_tawah, 3), "bkm")
        attend_all(t)
        training_close(actor=None, training=t)

    page = assert_constant(
        client, django_assert_num_queries, "/wilayah/52.01.08/pelatihan/", 23, more
    )
    assert "Rekap pelatihan" in page and "Desa Terong Tawah" in page


def test_facilitator_creates_a_training_with_sessions_planned(client, facilitator, bajur):
    curriculum()  # loaded by `load_curricula`; the page only reads
    client.force_login(facilitator)
    response = client.get(f"/wilayah/{BAJUR}/pelatihan/baru/")
    assert response.status_code == 200
    form = response.context["form"]
    data = {
        "title": "Pelatihan dasar Desa Bajur",
        "curriculum": form.fields["curriculum"].initial,
        "modules": list(CORE),
        "target_groups": ["bkm", "upk", "aparat"],
        "starts_on": "2026-04-07",
        "ends_on": "2026-04-10",
        "place": "Aula Kantor Desa Bajur",
        "cost_program": "Rp 7.500.000",
        "cost_swadaya": "1.250.000",
        "plan_sessions": "on",
    }
    response = client.post(f"/wilayah/{BAJUR}/pelatihan/baru/", data)
    t = Training.objects.get()
    assert response.status_code == 302 and response["Location"] == url(t, "peserta/")
    assert (t.cost_program, t.cost_swadaya) == (7_500_000, 1_250_000)
    assert t.sessions.count() == 6


def test_a_refused_training_shows_the_reason_on_the_form(client, facilitator, bajur):
    curriculum()
    client.force_login(facilitator)
    form = client.get(f"/wilayah/{BAJUR}/pelatihan/baru/").context["form"]
    response = client.post(
        f"/wilayah/{BAJUR}/pelatihan/baru/",
        {
            "title": "X",
            "curriculum": form.fields["curriculum"].initial,
            "modules": ["konsep_plpbk"],
            "starts_on": "2026-04-10",
            "ends_on": "2026-04-07",
            "place": "Balai",
        },
    )
    assert response.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.content.decode()


def test_closing_from_the_page_issues_certificates_and_the_pdf_has_the_code(
    client, facilitator, bajur
):
    client.force_login(facilitator)
    t = training(bajur, ("konsep_plpbk",))
    enrol(t, [person(bajur, name="Baiq Sumiati")], "upk")
    attend_all(t)
    response = client.post(url(t, "tindakan/"), {"action": "close"}, follow=True)
    assert "1 sertifikat terbit" in response.content.decode()
    certificate = Certificate.objects.get()
    response = client.get(url(t, f"sertifikat/{certificate.pk}.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Baiq Sumiati" in text and certificate.display_code in text
    assert f"/sertifikat/{certificate.code}/" in text


def test_closing_with_missing_attendance_says_which_session(client, facilitator, bajur):
    client.force_login(facilitator)
    t = training(bajur, ("konsep_plpbk",))
    enrol(t, people(bajur, 1), "bkm")
    page = client.post(url(t, "tindakan/"), {"action": "close"}, follow=True).content.decode()
    assert "Kehadiran belum dicatat untuk sesi 1 (Konsep PLPBK dan Tridaya" in page
    assert Training.objects.get(pk=t.pk).status == TrainingStatus.PLANNED


def test_training_xlsx_has_participants_scores_and_gains(client, facilitator, held):
    client.force_login(facilitator)
    response = client.get(url(held, "hasil.xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Peserta", "Nilai per modul", "Nilai per unsur", "Sesi", "RKTL"]
    sheet = book["Peserta"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["No", "Nama", "Unsur"]
    gains = header.index("Rata-rata kenaikan") + 1
    assert {sheet.cell(row=r, column=gains).value for r in range(2, sheet.max_row + 1)} == {30}


def test_rollup_xlsx(client, held):
    response = client.get("/wilayah/52.01.08/pelatihan/rekap.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    summary = {row[0].value: row[1].value for row in book["Ringkasan"].iter_rows(min_row=2)}
    assert summary["Pelatihan selesai"] == 1
    assert summary["Orang dilatih"] == 5
    assert summary["Rata-rata kenaikan nilai (poin)"] == 30
    assert summary["Biaya dari program (Rp)"] == 7_500_000
    groups = {r[0].value: r[3].value for r in book["Orang dilatih per unsur"].iter_rows(min_row=2)}
    assert groups == {"BKM": 3, "UPK": 1, "Aparat kelurahan/desa": 1}
    assert client.get(f"/wilayah/{BAJUR}/pelatihan/rekap.xlsx").status_code == 404


def test_english_pages_use_the_catalogue(client, held):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(url(held)).content.decode()
    assert "Average score gain" in page and "Session schedule" in page
    assert "Kenaikan nilai rata-rata" not in page and "Jadwal sesi" not in page
    page = client.get(f"/wilayah/{BAJUR}/pelatihan/kapasitas/").content.decode()
    assert "No UPL member is recorded yet, so nobody has completed the module" in page


def test_participant_count_matches(held):
    assert Participant.objects.filter(training=held).count() == 5


@pytest.mark.parametrize(
    ("suffix", "queries"),
    [
        ("sesi/", 12),
        ("sesi/{session}/kehadiran/", 10),
        ("sertifikat/", 12),
        ("rktl/", 7),
    ],
)
def test_other_training_pages_have_a_fixed_query_count(
    client, facilitator, bajur, django_assert_num_queries, suffix, queries
):
    client.force_login(facilitator)
    t = training(bajur)
    enrol(t, people(bajur, 2), "bkm")
    path = url(t, suffix.format(session=t.sessions.first().pk))

    def more():
        enrol(t, people(bajur, 6), "upk")
        attend_all(t)
        score_all(t, 40, 70)
        for n in range(3):
            follow_up_add(actor=None, training=t, action=f"Aksi {n}", owner="BKM", due_on=t.ends_on)
        if suffix == "sertifikat/":  # an open training shows its session form (one query more)
            training_close(actor=None, training=t)

    assert_constant(client, django_assert_num_queries, path, queries, more)


def test_public_pages_have_a_fixed_query_count(client, held, django_assert_num_queries):
    certificate = Certificate.objects.filter(participant__training=held).first()
    with django_assert_num_queries(2):
        assert client.get("/pelatihan/kurikulum/plpbk-inti/").status_code == 200
    with django_assert_num_queries(4):
        assert client.get("/pelatihan/kurikulum/plpbk-inti/v1/ppm/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get(f"/sertifikat/{certificate.code}/").status_code == 200
