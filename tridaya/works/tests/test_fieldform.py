"""The progress report XLSForm converts with pyxform and lists the village's packages; its ODK
Central and KoBoToolbox exports come back through mapping's survey importer as submitted
progress entries with their photos, idempotently, refusing rows the services refuse."""

import datetime as dt
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from tridaya.accounts.tests.factories import user_with_role
from tridaya.institutions.tests.factories import ksm_with
from tridaya.mapping.importers import samples
from tridaya.mapping.importers.xlsform import check_xlsform
from tridaya.mapping.models import ImportMode, ImportStatus
from tridaya.mapping.services import surveys
from tridaya.mapping.tests.factories import with_survey_units
from tridaya.regions.tests.factories import BAJUR
from tridaya.works.fieldform import FORM, package_choice_name, xlsform_for
from tridaya.works.models import EntryStatus, Photo, ProgressEntry
from tridaya.works.photos import jpeg_with_exif
from tridaya.works.services.packages import reporter_add
from tridaya.works.tests.factories import LAT, LON, legalised_activities, package

pytestmark = pytest.mark.django_db

ODK_HEADER = [
    "SubmissionDate", "progress-package", "progress-date", "progress-percent", "progress-slot",
    "progress-photo", "progress-note", "progress-submit", "meta-instanceID", "KEY",
]  # fmt: skip
KOBO_HEADER = [
    "start", "end", "progress/package", "progress/date", "progress/percent", "progress/slot",
    "progress/photo", "progress/note", "progress/submit", "meta/instanceID", "_uuid",
    "_submission_time",
]  # fmt: skip


@pytest.fixture
def works(bajur):
    village = with_survey_units(bajur)
    ksm = ksm_with(village, name="KSM Maju")
    first, second = legalised_activities(village, names=("Saluran drainase", "Jalan setapak"))
    mine = package(village, ksm=ksm, activity=first)
    other = package(village, ksm=ksm_with(village, name="KSM Lain"), activity=second)
    reporter = user_with_role("ksm", BAJUR)
    reporter_add(actor=None, ksm=ksm, user=reporter)
    return village, mine, other, reporter


def jpeg(*, lon=LON, lat=LAT) -> bytes:
    return jpeg_with_exif(lon, lat, dt.datetime(2026, 3, 10, 9, 30))


def odk_row(key: str, work, *, percent="20", slot="0", photo="a.jpg", submit="ya") -> list[str]:
    return [
        "2026-03-10T02:00:00.000Z", package_choice_name(work.pk), "2026-03-10", percent, slot,
        photo, "galian selesai", submit, f"uuid:{key}", f"uuid:{key}",
    ]  # fmt: skip


def odk_zip(rows, photos: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("tridaya_progres_pembangunan.csv", samples.csv_bytes(ODK_HEADER, rows))
        for name, data in photos.items():
            archive.writestr(f"media/{name}", data)
    return out.getvalue()


def run(village, content: bytes, actor=None, mode=ImportMode.STRICT):
    return surveys.survey_import(
        actor=actor, village=village, form=FORM, file=io.BytesIO(content), mode=mode
    )


def media_files(settings) -> list:
    return [p for p in (settings.MEDIA_ROOT / "works").rglob("*") if p.is_file()]


def test_the_xlsform_converts_with_pyxform_and_lists_the_village_packages(works):
    village, mine, other, _reporter = works
    built = xlsform_for(village)
    xml = check_xlsform(built.content)  # raises on any pyxform error or warning
    for name in ("package", "date", "percent", "slot", "photo", "note", "submit"):
        assert re.search(rf'nodeset="/[^"]*/{name}"', xml), name
    assert 'type="binary"' in xml  # the photo
    sheet = load_workbook(io.BytesIO(built.content), read_only=True)["choices"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r[0] == "package"]
    assert [(r[1], r[2]) for r in rows] == [
        (package_choice_name(mine.pk), "Saluran drainase"),
        (package_choice_name(other.pk), "Jalan setapak"),
    ]
    assert built.filename == "tridaya_progres_pembangunan_5201082006.xlsx"


def test_an_odk_zip_becomes_submitted_entries_and_a_second_import_changes_nothing(works):
    village, mine, _other, reporter = works
    content = odk_zip([odk_row("k1", mine)], {"a.jpg": jpeg()})
    batch = run(village, content, actor=reporter)
    assert (batch.status, batch.created) == (ImportStatus.IMPORTED, 1), batch.issues
    entry = ProgressEntry.objects.get(package=mine)
    assert (entry.status, entry.percent, entry.instance_id) == (
        EntryStatus.SUBMITTED,
        20,
        "k1",
    )
    assert entry.photos.get().slot == 0 and entry.created_by == reporter
    again = run(village, content, actor=reporter)
    assert (again.created, again.unchanged) == (0, 1)
    assert ProgressEntry.objects.count() == 1 and Photo.objects.count() == 1


def test_a_kobo_zip_takes_the_photo_from_its_submission_folder(works):
    village, mine, _other, reporter = works
    row = ["", "", package_choice_name(mine.pk), "2026-03-10", "15", "0", "foto.jpg", "",
           "tidak", "uuid:s1", "s1", "2026-03-10T10:00:00"]  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("ekspor.csv", samples.csv_bytes(KOBO_HEADER, [row], delimiter=";"))
        archive.writestr("s1/foto.jpg", jpeg())
    batch = run(village, out.getvalue(), actor=reporter)
    assert batch.created == 1, batch.issues
    assert ProgressEntry.objects.get().status == EntryStatus.DRAFT  # "tidak": not submitted


def test_a_photo_far_away_rejects_a_strict_import_and_leaves_no_file(works, settings):
    village, mine, _other, reporter = works
    rows = [odk_row("k1", mine), odk_row("k2", mine, percent="25", photo="b.jpg")]
    content = odk_zip(rows, {"a.jpg": jpeg(), "b.jpg": jpeg(lon=LON + 0.05)})
    batch = run(village, content, actor=reporter)
    assert batch.status == ImportStatus.REJECTED
    assert [(i["line"], i["column"]) for i in batch.issues] == [(3, "progress-photo")]
    assert "m dari lokasi" in batch.issues[0]["reason"] or "jauh" in batch.issues[0]["reason"]
    assert not ProgressEntry.objects.exists() and media_files(settings) == []


def test_quarantine_keeps_the_good_rows_and_refuses_another_ksm_package(works, settings):
    village, mine, other, reporter = works
    rows = [odk_row("k1", mine), odk_row("k2", other, photo="b.jpg")]
    content = odk_zip(rows, {"a.jpg": jpeg(), "b.jpg": jpeg()})
    batch = run(village, content, actor=reporter, mode=ImportMode.QUARANTINE)
    assert (batch.status, batch.created, batch.quarantined) == (ImportStatus.PARTIAL, 1, 1)
    assert batch.issues[0]["column"] == "progress-package"
    assert "tidak berwenang" in batch.issues[0]["reason"]
    assert list(ProgressEntry.objects.values_list("package_id", flat=True)) == [mine.pk]
    assert len(media_files(settings)) == 1


def test_a_missing_evidence_slot_is_a_bad_row_and_its_photo_is_removed(works, settings):
    village, mine, _other, reporter = works
    content = odk_zip([odk_row("k1", mine, percent="60", slot="tidak")], {"a.jpg": jpeg()})
    batch = run(village, content, actor=reporter, mode=ImportMode.QUARANTINE)
    assert batch.bad_rows == 1 and "0%" in batch.issues[0]["reason"]
    assert not ProgressEntry.objects.exists() and media_files(settings) == []


def test_a_csv_without_photos_and_an_unknown_package_are_bad_rows(works):
    village, mine, _other, reporter = works
    row = odk_row("k1", mine)
    unknown = odk_row("k2", mine)
    unknown[1] = "paket_999999"
    content = samples.csv_bytes(ODK_HEADER, [row, unknown])
    batch = run(village, content, actor=reporter)
    assert batch.status == ImportStatus.REJECTED
    reasons = {i["column"]: i["reason"] for i in batch.issues}
    assert "ZIP" in reasons["progress-photo"] and "paket tidak ada" in reasons["progress-package"]


def test_only_a_ksm_imports_the_progress_form(works):
    from django.core.exceptions import PermissionDenied

    village, mine, _other, _reporter = works
    resident = user_with_role("resident", BAJUR)
    content = odk_zip([odk_row("k1", mine)], {"a.jpg": jpeg()})
    with pytest.raises(PermissionDenied):
        run(village, content, actor=resident)
    assert not ProgressEntry.objects.exists()


def test_mapping_import_history_names_the_works_form_by_its_label(works, client):
    village, mine, _other, reporter = works
    batch = run(village, odk_zip([odk_row("k1", mine)], {"a.jpg": jpeg()}), actor=reporter)
    facilitator = user_with_role("facilitator", village.code)
    client.force_login(facilitator)
    label = surveys.form_label(FORM)
    assert label != FORM
    base = f"/wilayah/{village.code}/pemetaan/survei/"
    listing = client.get(base).content.decode()
    detail = client.get(f"{base}impor/{batch.pk}/").content.decode()
    for page in (listing, detail):
        assert label in page
        assert f">{FORM}<" not in page and f"{FORM} ·" not in page
