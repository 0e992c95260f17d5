"""Photos of a problem carry the time and place their EXIF records; a file that is not a photo
is refused; every photo added is audited."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tridaya.core.models import AuditEvent
from tridaya.mapping.errors import MappingError
from tridaya.mapping.services import problem_photos as services
from tridaya.mapping.tests.factories import problem, with_units


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), "brown")
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (8.0, 37.0, 58.8), 3: "E", 4: (116.0, 6.0, 28.8)}
    exif[0x8769] = {36867: "2026:07:12 09:30:00"}  # no offset: the village's zone (WITA)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_a_photo_keeps_the_place_and_time_its_exif_records(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = problem(village)
    upload = SimpleUploadedFile("IMG_2026_Budi.jpg", _jpeg_with_exif(), "image/jpeg")
    photo = services.photo_add(actor=None, problem=report, image=upload, caption="Saluran")
    assert str(photo.latitude) == "-8.633000" and str(photo.longitude) == "116.108000"
    assert photo.taken_at == dt.datetime(2026, 7, 12, 1, 30, tzinfo=dt.UTC)  # 09:30 WITA
    assert "Budi" not in photo.image.name  # the stored name says nothing about the sender
    assert AuditEvent.objects.filter(action="mapping.problem_photo_added").exists()


def test_a_file_that_is_not_a_photo_is_refused(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("catatan.jpg", b"bukan gambar", "image/jpeg")
    with pytest.raises(ValidationError) as caught:
        services.photo_add(actor=None, problem=problem(village), image=upload)
    assert caught.value.code == MappingError.PHOTO_UNREADABLE
