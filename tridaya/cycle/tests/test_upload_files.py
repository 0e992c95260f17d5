"""Meeting photos and step documents: random stored names (the uploader's file name never
reaches a public URL), photos without the phone's metadata, served through the file view to
everyone like the meeting page, and a document checked by content."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tridaya.core.uploads.errors import UploadError
from tridaya.cycle import services
from tridaya.cycle.models import Step
from tridaya.cycle.tests.factories import enrolled, meeting_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(bajur, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cycle = enrolled(bajur)
    step = cycle.steps.get(code="rkm")
    Step.objects.filter(cycle=cycle, order__lt=step.order).update(status="done")
    return services.meeting_record(actor=None, village=bajur, step=step, data=meeting_input())


def phone_photo() -> bytes:
    exif = Image.Exif()
    exif[271], exif[272] = "Xiaomi", "Redmi Note 12"
    out = io.BytesIO()
    Image.new("RGB", (32, 24), "olive").save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_meeting_photo_gets_a_random_name_no_metadata_and_a_public_link(client, meeting):
    upload = SimpleUploadedFile("Rembug Pak Budi 0812345.jpg", phone_photo())
    photo = services.meeting_photo_add(actor=None, meeting=meeting, image=upload)
    assert "Budi" not in photo.image.name and "0812345" not in photo.image.name
    assert photo.image.url.startswith("/berkas/pertemuan/") and photo.image.name.endswith(".jpg")
    response = client.get(photo.image.url)  # public, like the meeting page
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as served:
        assert len(served.getexif()) == 0


def test_a_step_document_gets_a_random_name_and_must_be_a_document(meeting):
    step = meeting.step
    doc = services.document_upload(
        actor=None,
        step=step,
        kind="ba",
        title="Berita acara",
        file=SimpleUploadedFile("BA Rembug - tanda tangan Siti.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    assert "Siti" not in doc.file.name and doc.file.name.endswith(".pdf")
    with pytest.raises(ValidationError) as caught:
        services.document_upload(
            actor=None,
            step=step,
            kind="ba",
            title="Program",
            file=SimpleUploadedFile("berita-acara.pdf", b"MZ\x90\x00" + bytes(64)),
        )
    assert UploadError.WRONG_KIND in str(caught.value.error_dict["file"][0].code)
    assert "berita-acara.pdf" in " ".join(caught.value.messages)
