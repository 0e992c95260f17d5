"""The upload module with real bytes: kinds told by content, ZIP caps, images re-encoded with
only the EXIF time and place kept, random stored names, and the upload form field's messages."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from tridaya.core.errors import DomainError
from tridaya.core.uploads import kinds
from tridaya.core.uploads.checks import check_gis_upload, check_table_upload, check_upload
from tridaya.core.uploads.errors import UploadError
from tridaya.core.uploads.fields import UploadField
from tridaya.core.uploads.images import reencode
from tridaya.core.uploads.kinds import Kind, sniff
from tridaya.core.uploads.names import random_name

MAKE, MODEL, SOFTWARE = 271, 272, 305
DATETIME_ORIGINAL, BODY_SERIAL = 36867, 42033
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def phone_jpeg() -> bytes:
    """A JPEG as a phone writes it: make, model, software, serial, time taken and GPS."""
    image = Image.new("RGB", (64, 48), "teal")
    exif = Image.Exif()
    exif[MAKE] = "Samsung"
    exif[MODEL] = "SM-A515F"
    exif[SOFTWARE] = "A515FXXU5"
    exif[ExifTags.IFD.Exif] = {DATETIME_ORIGINAL: "2026:07:12 09:30:00", BODY_SERIAL: "R58N1234"}
    exif[ExifTags.IFD.GPSInfo] = {1: "S", 2: (8.0, 37.0, 58.8), 3: "E", 4: (116.0, 6.0, 28.8)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def zipped(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_phone_photo_keeps_only_its_time_and_place():
    original = Image.open(io.BytesIO(phone_jpeg())).getexif()
    assert original[MAKE] == "Samsung"  # the test's input really carries them
    assert BODY_SERIAL in original.get_ifd(ExifTags.IFD.Exif)
    clean = reencode(io.BytesIO(phone_jpeg()), Kind.JPEG, keep_time_place=True, label="x")
    exif = Image.open(io.BytesIO(clean)).getexif()
    assert MAKE not in exif and MODEL not in exif and SOFTWARE not in exif
    assert set(exif.get_ifd(ExifTags.IFD.Exif)) == {DATETIME_ORIGINAL}
    assert exif.get_ifd(ExifTags.IFD.Exif)[DATETIME_ORIGINAL] == "2026:07:12 09:30:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert set(gps) == {1, 2, 3, 4} and gps[1] == "S"
    assert [float(x) for x in gps[2]] == [8.0, 37.0, 58.8]
    assert set(exif) <= {ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo}


def test_a_photo_whose_place_the_app_does_not_use_loses_all_metadata():
    clean = reencode(io.BytesIO(phone_jpeg()), Kind.JPEG, keep_time_place=False, label="x")
    with Image.open(io.BytesIO(clean)) as image:
        assert len(image.getexif()) == 0
        assert image.size == (64, 48)


def test_a_pdf_renamed_jpg_is_refused_as_a_photo_naming_the_file():
    field = UploadField()
    with pytest.raises(DomainError) as caught:
        field.clean(upload("foto-rapat.jpg", PDF))
    assert caught.value.code == UploadError.WRONG_KIND
    message = caught.value.messages[0]
    assert "foto-rapat.jpg" in message and "PDF" in message and "JPEG" in message


def test_a_jpeg_named_pdf_is_still_a_jpeg():
    assert (
        check_upload(upload("kuitansi.pdf", phone_jpeg()), accept=kinds.DOCUMENTS, group="document")
        == Kind.JPEG
    )


def test_a_zip_bomb_is_refused_by_its_ratio():
    bomb = zipped({"data.csv": b"0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(DomainError) as caught:
        check_upload(upload("ekspor.zip", bomb), accept=kinds.SURVEYS, group="survey")
    assert caught.value.code == UploadError.ZIP_RATIO
    assert "ekspor.zip" in caught.value.messages[0] and "data.csv" in caught.value.messages[0]


def test_too_many_entries_are_refused(settings):
    settings.TRIDAYA_UPLOAD_ZIP_MAX_ENTRIES = 5
    archive = zipped({f"media/{n}.jpg": b"x" for n in range(6)})
    with pytest.raises(DomainError) as caught:
        check_upload(upload("ekspor.zip", archive), accept=kinds.SURVEYS, group="survey")
    assert caught.value.code == UploadError.ZIP_TOO_MANY
    assert "6 berkas" in caught.value.messages[0]
    settings.TRIDAYA_UPLOAD_ZIP_MAX_ENTRIES = 6
    assert check_upload(upload("e.zip", archive), accept=kinds.SURVEYS, group="survey")


def test_a_zip_too_big_once_inflated_is_refused(settings):
    settings.TRIDAYA_UPLOAD_ZIP_MAX_TOTAL_MB = 1
    archive = zipped({"a.bin": bytes(700_000), "b.bin": bytes(700_000)}, zipfile.ZIP_STORED)
    with pytest.raises(DomainError) as caught:
        check_upload(upload("ekspor.zip", archive), accept=kinds.SURVEYS, group="survey")
    assert caught.value.code == UploadError.ZIP_TOO_BIG


def test_a_member_climbing_out_of_the_archive_is_refused():
    with pytest.raises(DomainError) as caught:
        check_upload(
            upload("e.zip", zipped({"../etc/x": b"1"})), accept=kinds.SURVEYS, group="survey"
        )
    assert caught.value.code == UploadError.ZIP_UNSAFE


def test_size_cap_from_settings(settings):
    settings.TRIDAYA_UPLOAD_MAX_MB = {**settings.TRIDAYA_UPLOAD_MAX_MB, "image": 1}
    big = upload("besar.jpg", b"\xff\xd8\xff" + bytes(1024 * 1024 + 1))
    with pytest.raises(DomainError) as caught:
        check_upload(big, accept=kinds.IMAGES, group="image")
    assert caught.value.code == UploadError.TOO_LARGE
    assert "besar.jpg" in caught.value.messages[0] and "1 MB" in caught.value.messages[0]


def office_files() -> tuple[bytes, bytes]:
    import docx
    import openpyxl

    word = io.BytesIO()
    docx.Document().save(word)
    book = io.BytesIO()
    openpyxl.Workbook().save(book)
    return word.getvalue(), book.getvalue()


def test_kinds_are_told_by_content():
    word, book = office_files()
    png = io.BytesIO()
    Image.new("RGB", (2, 2)).save(png, "PNG")
    webp = io.BytesIO()
    Image.new("RGB", (2, 2)).save(webp, "WEBP")
    samples = {
        Kind.JPEG: phone_jpeg(),
        Kind.PNG: png.getvalue(),
        Kind.WEBP: webp.getvalue(),
        Kind.PDF: PDF,
        Kind.DOCX: word,
        Kind.XLSX: book,
        Kind.ZIP: zipped({"form.csv": b"a,b\n1,2\n"}),
        Kind.SHAPEFILE: zipped({"x.shp": b"\x00\x00\x27\x0a", "x.dbf": b"\x03"}),
        Kind.GPKG: b"SQLite format 3\x00" + bytes(100),
        Kind.GEOJSON: b'\xef\xbb\xbf {"type": "FeatureCollection", "features": []}',
        Kind.KML: b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"></kml>',
        Kind.CSV: b"nama,rt\nBu Siti,3\n",
    }
    for kind, data in samples.items():
        assert sniff(io.BytesIO(data)) == kind, kind
    assert sniff(io.BytesIO(b"MZ\x90\x00\x03" + bytes(60))) is None  # a Windows program
    assert sniff(io.BytesIO(b"<html><script>alert(1)</script>")) is None


def test_a_table_whose_name_and_content_disagree_is_refused():
    _word, book = office_files()
    with pytest.raises(DomainError) as caught:
        check_table_upload(upload("hspk.csv", book))
    assert "hspk.csv" in caught.value.messages[0] and ".xlsx" in caught.value.messages[0]
    assert check_table_upload(upload("hspk.xlsx", book)) == Kind.XLSX


def test_a_gis_file_must_be_what_its_name_says():
    geojson = b'{"type": "FeatureCollection", "features": []}'
    assert check_gis_upload(upload("batas.geojson", geojson), fmt="geojson") == Kind.GEOJSON
    with pytest.raises(DomainError):
        check_gis_upload(upload("batas.kml", geojson), fmt="kml")
    with pytest.raises(DomainError):
        check_gis_upload(upload("batas.zip", zipped({"a.csv": b"x"})), fmt="shp")


def test_stored_names_are_random_and_keep_only_a_plain_suffix():
    first = random_name("pertemuan/52.01/7", "upload.jpg")
    second = random_name("pertemuan/52.01/7", "upload.jpg")
    assert first != second and first.startswith("pertemuan/52.01/7/") and first.endswith(".jpg")
    assert len(first.rsplit("/", 1)[1]) == 32 + 4
    assert random_name("x", "a.p/hp").count("/") == 1


def test_every_stored_file_field_has_a_serving_rule(monkeypatch):
    from tridaya.core.uploads import serving

    assert serving.check_declared() == []
    rules = serving.declared()
    assert len(rules) == 12  # the list in docs/deployment.md
    monkeypatch.delitem(serving._rules, ("finance.Voucher", "evidence"))
    errors = serving.check_declared()
    assert [e.msg for e in errors] == ["finance.Voucher.evidence has no file serving rule"]


def test_stored_file_fields_use_the_upload_field():
    from django.apps import apps
    from django.db import models

    from tridaya.core.uploads.fields import UploadFileField

    plain = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("tridaya.")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and not isinstance(field, UploadFileField)
    ]
    assert plain == []
