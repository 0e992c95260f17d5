"""A legalised version never changes afterwards (issue 11, item 1): after a new problem is mapped,
households are surveyed and RT slum volumes are recorded, the legalised version's page, API and
its PDF / DOCX / XLSX are exactly what they were, while a new draft version shows the new facts.
Versions legalised before snapshots existed are frozen at their first read."""

import io
import re
from decimal import Decimal as D

import pytest
from django.db import DatabaseError, transaction
from pypdf import PdfReader

from tridaya.core.models import AuditEvent, Job
from tridaya.mapping.tests import factories as mapping_f
from tridaya.planning.models import PlanDocumentFile, PlanSnapshot, VersionState
from tridaya.planning.services import snapshots, versions
from tridaya.planning.tests import factories as f
from tridaya.regions.models import RT

pytestmark = pytest.mark.django_db

FORMATS = ("pdf", "docx", "xlsx")


def url(version, tail=""):
    return (
        f"/wilayah/{version.plan.village_id}/perencanaan/rencana/{version.plan_id}/"
        f"v{version.number}/{tail}"
    )


def api_url(version) -> str:
    return (
        f"/api/v1/villages/{version.plan.village_id}/plans/{version.plan_id}/versions/"
        f"{version.number}/"
    )


def page_html(client, version) -> str:
    """The page, without the per-response CSRF token."""
    response = client.get(url(version))
    assert response.status_code == 200
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "", response.text)


def download(client, version, fmt) -> bytes:
    return download_url(client, url(version, f"dokumen.{fmt}"))


def download_url(client, address) -> bytes:
    response = client.get(address)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def unanswered_section(html: str) -> str:
    start = html.index('id="kemiskinan"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def legalised(bajur, settings, tmp_path):
    """Bajur with RT boundaries and slum profiles, a mapped problem answered by the RPLP's
    program, and that RPLP legalised."""
    settings.MEDIA_ROOT = tmp_path
    village = mapping_f.with_units(bajur)
    rts = list(RT.objects.filter(village=village).order_by("rw__number", "number"))
    for index, rt in enumerate(rts):
        mapping_f.profile(rt, share=D("0.1") * (index % 4))
    answered = mapping_f.problem(village, title="Saluran tersumbat", households_affected=12)
    version = f.first_version(f.rplp(village))
    f.program(version, problems=[answered])
    f.row(version)
    from tridaya.planning.services import plans

    plans.version_update_texts(
        actor=None, version=version, data=plans.VersionTexts(vision="Bajur bersih")
    )
    f.legalise(version)
    version.refresh_from_db()
    return version, rts, answered


def test_a_legalised_version_shows_and_serves_the_same_after_the_data_changes(client, legalised):
    version, rts, answered = legalised
    before_html = page_html(client, version)
    before_api = client.get(api_url(version)).json()
    before_files = {fmt: download(client, version, fmt) for fmt in FORMATS}
    assert "Sampah menumpuk" not in pdf_text(before_files["pdf"])

    # The facts change: a new problem of poor households, the answered problem now reaches more
    # households, a household survey, and heavier slum volumes in every RT.
    village = version.plan.village
    mapping_f.problem(
        village, title="Sampah menumpuk", households_affected=30, poor_households_affected=25
    )
    mapping_f.problem(
        village, title="Jalan rusak", households_affected=3, poor_households_affected=1
    )
    from tridaya.mapping.services import problems as problem_services

    problem_services.problem_update(
        actor=None,
        problem=answered,
        geometry=answered.geometry,
        **mapping_f.problem_values(households_affected=90, poor_households_affected=70),
    )
    # Surveyed in another RT than the answered problem's, so its reach (capped by the households
    # surveyed in its own RT, mapping.selectors.reach) stays at the 90 the problem now names.
    surveyed_rt = next(rt for rt in rts if rt.pk != answered.rt_id)
    for _n in range(3):
        mapping_f.household(village, rt=surveyed_rt, poor_criteria=12)
    for rt in rts:
        mapping_f.profile(rt, share=D("0.9"))

    assert page_html(client, version) == before_html
    assert client.get(api_url(version)).json() == before_api
    for fmt in FORMATS:
        assert download(client, version, fmt) == before_files[fmt], fmt
    assert PlanDocumentFile.objects.filter(version=version).count() == 3

    # A new draft version of the plan shows the new facts.
    draft = versions.version_amend(
        actor=None, version=version, reason="Masalah baru dari pemetaan ulang 2027."
    )
    draft_html = page_html(client, draft)
    assert "Sampah menumpuk" in unanswered_section(draft_html)
    assert "Sampah menumpuk" not in unanswered_section(page_html(client, version))
    draft_pdf = pdf_text(download(client, draft, "pdf"))
    assert "Sampah menumpuk" in draft_pdf
    assert "90 KK" in draft_html and "90 KK" not in page_html(client, version)
    assert download(client, version, "pdf") == before_files["pdf"]


def test_legalisation_takes_the_snapshot_and_queues_the_documents(legalised):
    version, _rts, _answered = legalised
    snapshot = PlanSnapshot.objects.get(version=version)
    assert snapshot.at_legalisation
    titles = [p["title"] for p in snapshot.data["problems"]]
    assert "Saluran tersumbat" in titles
    assert {f["properties"]["class"] for f in snapshot.data["map"]["rts"]} - {""}
    job = Job.objects.get(kind=snapshots.RENDER_DOCUMENTS_JOB)
    assert job.params == {"version": version.pk}
    snapshots.render_documents(job, version=version.pk)
    assert sorted(
        PlanDocumentFile.objects.filter(version=version).values_list("fmt", flat=True)
    ) == [
        "docx",
        "pdf",
        "xlsx",
    ]


def test_the_database_refuses_to_change_a_snapshot(legalised):
    version, _rts, _answered = legalised
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanSnapshot.objects.filter(version=version).update(data={})


def test_a_version_legalised_before_snapshots_is_frozen_at_its_first_read(client, legalised):
    version, _rts, _answered = legalised
    PlanSnapshot.objects.filter(version=version).delete()  # as if legalised before the upgrade
    first = page_html(client, version)
    snapshot = PlanSnapshot.objects.get(version=version)
    assert not snapshot.at_legalisation
    assert AuditEvent.objects.filter(action="planning.version_frozen").count() == 1
    mapping_f.problem(version.plan.village, title="Sampah menumpuk", poor_households_affected=9)
    assert page_html(client, version) == first
    assert version.state == VersionState.LEGALISED


def test_a_draft_document_is_rendered_as_a_job_whose_progress_the_page_polls(
    client, bajur, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    draft = f.ready_rplp(bajur)
    page = client.get(url(draft)).text
    prepare = url(draft, "dokumen.docx/susun/")
    assert f'hx-post="{prepare}"' in page and 'id="dokumen-sedang"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(prepare, headers={"HX-Request": "true"})
    assert response.status_code == 200
    job = Job.objects.get(kind="planning.render_draft_document")
    assert job.status == "done" and job.params == {"version": draft.pk, "fmt": "docx"}
    # The progress the page polled now shows the finished file.
    polled = client.get(url(draft, f"dokumen/{job.pk}/"), headers={"HX-Request": "true"}).text
    link = url(draft, f"dokumen/{job.pk}/") + "?unduh=1"
    assert link in polled and "hx-trigger" not in polled
    content = download_url(client, link)
    assert content[:2] == b"PK"  # a DOCX is a zip
    # The job is not reachable through another plan's version.
    other = f.first_version(f.rtplp(bajur))
    assert client.get(url(other, f"dokumen/{job.pk}/")).status_code == 404


def test_a_queued_draft_job_answers_with_a_polling_progress_bar(client, bajur):
    draft = f.ready_rplp(bajur)
    response = client.post(url(draft, "dokumen.pdf/susun/"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    job = Job.objects.get(kind="planning.render_draft_document")
    assert job.status == "queued"
    assert 'hx-trigger="every 1s"' in response.text and 'role="progressbar"' in response.text
    assert client.get(url(draft, f"dokumen/{job.pk}/") + "?unduh=1").status_code == 404
