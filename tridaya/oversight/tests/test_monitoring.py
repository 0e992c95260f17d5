import pytest
from django.urls import reverse

from tridaya.accounts.tests.factories import user_with_role
from tridaya.oversight.models import Complaint, MonitoringReport
from tridaya.oversight.tests.factories import jpeg_with_exif
from tridaya.regions.tests.factories import BAJUR
from tridaya.works.tests.factories import package


@pytest.fixture
def work(bajur):
    return package(bajur)


def form(**extra):
    return {"observed_on": "2026-03-12", "work_happening": "on", "signboard_up": "on", **extra}


def test_resident_reports_and_a_problem_opens_a_linked_complaint(client, bajur, work):
    client.force_login(user_with_role("resident", BAJUR))
    url = reverse("oversight:monitoring", args=[BAJUR, work.pk])
    assert client.post(url, form(photo=jpeg_with_exif())).status_code == 302
    assert not Complaint.objects.exists()
    client.post(url, form(problem="on", note="Semen yang datang hanya separuh dari rencana."))
    reports = list(MonitoringReport.objects.order_by("pk"))
    assert len(reports) == 2 and reports[0].photo and reports[0].complaint is None
    complaint = reports[1].complaint
    assert complaint.klass == "masalah" and (complaint.link_type, complaint.link_id) == (
        "paket",
        work.pk,
    )
    page = client.get(url).content.decode()
    assert "Semen yang datang" in page and page.count("data-report=") == 2


@pytest.mark.parametrize(
    "viewer, status", [("anonymous", 302), ("village_resident", 302), ("regency", 302)]
)
def test_only_signed_in_roles_report(client, users, bajur, work, viewer, status):
    url = reverse("oversight:monitoring", args=[BAJUR, work.pk])
    if viewer != "anonymous":
        client.force_login(users[viewer])
    assert client.get(url).status_code == 200
    response = client.post(url, form())
    if viewer == "anonymous":
        assert response.status_code in (302, 403, 404) and not MonitoringReport.objects.exists()
    else:
        assert response.status_code == status and MonitoringReport.objects.count() == 1


def test_a_package_of_another_village_is_404(client, bajur, far_village):
    other = package(far_village)
    client.force_login(user_with_role("resident", BAJUR))
    assert client.get(reverse("oversight:monitoring", args=[BAJUR, other.pk])).status_code == 404


@pytest.mark.parametrize("paper, width_pt", [("a3", 841), ("a1", 1683)])
def test_papan_informasi_pdf_with_qr(client, work, paper, width_pt):
    response = client.get(reverse("oversight:papan", args=[BAJUR, paper]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    first = PdfReader(io.BytesIO(response.content)).pages[0]
    assert int(float(first.mediabox.width)) == width_pt
    text = first.extract_text()
    assert "Papan informasi" in text and "/wilayah/" + BAJUR + "/publik/" in text.replace("\n", "")
