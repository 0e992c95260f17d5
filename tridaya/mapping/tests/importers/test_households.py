"""Importing household survey exports: KoBoToolbox CSV (`,` and `;`) and XLSX, ODK Central CSV;
format detection, idempotency by instance id, edits, strict and quarantine modes, and the
report of every bad row with its line, column and reason in Indonesian (at scale:
test_households_chunks.py)."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from tridaya.core.models import AuditEvent
from tridaya.institutions.models import Person
from tridaya.institutions.tests.factories import person
from tridaya.mapping.importers import samples
from tridaya.mapping.models import (
    CRITERIA_FIELDS,
    Household,
    ImportBatch,
    ImportMode,
    ImportStatus,
    QuarantinedRow,
    SourceFormat,
    SurveyForm,
)
from tridaya.mapping.services import surveys as services_import
from tridaya.mapping.tests.factories import export, household, run_import, with_survey_units

FORMATS = [
    pytest.param({"kind": "kobo", "delimiter": ","}, SourceFormat.KOBO_CSV, id="kobo-csv-comma"),
    pytest.param(
        {"kind": "kobo", "delimiter": ";"}, SourceFormat.KOBO_CSV, id="kobo-csv-semicolon"
    ),
    pytest.param({"kind": "kobo", "xlsx": True}, SourceFormat.KOBO_XLSX, id="kobo-xlsx"),
    pytest.param({"kind": "odk", "delimiter": ","}, SourceFormat.ODK_CSV, id="odk-central-csv"),
]


@pytest.fixture
def village(bajur):
    return with_survey_units(bajur)


def do_import(village, header, rows, how: dict, **kwargs):
    options = {k: v for k, v in how.items() if k != "kind"}
    return run_import(village, header, rows, **options, **kwargs)


def column(header, name):
    """The index of the first column whose last path segment is `name`."""
    for index, title in enumerate(header):
        if title.replace("-", "/").rsplit("/", 1)[-1] == name:
            return index
    raise KeyError(name)


def set_cell(header, rows, line, name, value):
    """Change the cell of question `name` on file line `line` (the header is line 1)."""
    rows[line - 2][column(header, name)] = value


# Housing answers under which the criteria they settle hold (HOUSING_RULES).
HARDSHIP = {"sanitation": "none", "electricity": "none", "water_source": "surface",
            "cooking_fuel": "firewood"}  # fmt: skip


def set_criteria(header, rows, line, names=CRITERIA_FIELDS):
    """The criteria `names` hold on line `line`, with housing answers that agree."""
    for name in names:
        set_cell(header, rows, line, name, "ya")
    for name, value in HARDSHIP.items():
        set_cell(header, rows, line, name, value)


@pytest.mark.django_db
@pytest.mark.parametrize(("how", "fmt"), FORMATS)
def test_each_format_imports(village, how, fmt):
    header, rows = export(village, 40, kind=how["kind"])
    batch = do_import(village, header, rows, how)
    assert (batch.status, batch.source_format, batch.rows, batch.created) == (
        ImportStatus.IMPORTED, fmt, 40, 40,
    )  # fmt: skip
    assert batch.unknown_columns == [] and batch.issues == []
    assert Household.objects.filter(village=village).count() == 40
    located = Household.objects.exclude(location=None).first()
    assert located.location["type"] == "Point"
    for saved in Household.objects.all()[:10]:
        saved.full_clean()  # imported rows obey the model's rules and constraints
        assert saved.head_name and saved.head_sex in ("L", "P")
        assert saved.head_id is None  # the register has no one with these NIKs
        assert saved.is_poor == (saved.criteria_met >= 9)
    assert not Person.objects.filter(village=village).exists()  # heads are not registered


@pytest.mark.django_db
def test_the_same_submissions_from_kobo_and_odk_are_the_same_households(village):
    header, rows = export(village, 30, kind="kobo", seed=11)
    run_import(village, header, rows)
    header, rows = export(village, 30, kind="odk", seed=11)
    again = run_import(village, header, rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 30)


@pytest.mark.django_db
@pytest.mark.parametrize(("how", "fmt"), FORMATS)
def test_a_repeated_file_changes_nothing(village, how, fmt):
    header, rows = export(village, 25, kind=how["kind"])
    do_import(village, header, rows, how)
    stamps = dict(Household.objects.values_list("pk", "updated_at"))
    people = Person.objects.count()
    again = do_import(village, header, rows, how)
    assert (again.status, again.created, again.updated, again.unchanged) == (
        ImportStatus.IMPORTED, 0, 0, 25,
    )  # fmt: skip
    assert dict(Household.objects.values_list("pk", "updated_at")) == stamps
    assert Person.objects.count() == people


@pytest.mark.django_db
def test_an_edited_submission_updates_its_household(village):
    header, rows = export(village, 10)
    run_import(village, header, rows)
    target = Household.objects.get(instance_id=rows[3][column(header, "_uuid")])
    set_criteria(header, rows, 5, CRITERIA_FIELDS[:10])
    set_cell(header, rows, 5, "head_name", "Nama Diperbaiki")
    set_cell(header, rows, 5, "members", "7")
    batch = run_import(village, header, rows)
    assert (batch.created, batch.updated, batch.unchanged) == (0, 1, 9)
    target.refresh_from_db()
    assert (target.members, target.is_poor, target.import_batch_id) == (7, True, batch.pk)
    assert target.criteria_met >= 10
    assert target.head_name == "Nama Diperbaiki"


@pytest.mark.django_db
def test_an_odk_edit_names_the_submission_it_replaces(village):
    header, rows = export(village, 5, kind="odk")
    run_import(village, header, rows)
    old = rows[0][column(header, "KEY")]
    target = Household.objects.get(instance_id=old.removeprefix("uuid:"))
    header = [*header, "meta-deprecatedID"]
    rows = [[*row, ""] for row in rows]
    rows[0][column(header, "KEY")] = rows[0][column(header, "instanceID")] = "uuid:edited-1"
    rows[0][-1] = old
    set_cell(header, rows, 2, "members", "9")
    batch = run_import(village, header, rows)
    assert (batch.created, batch.updated) == (0, 1)
    target.refresh_from_db()
    assert (target.instance_id, target.members) == ("edited-1", 9)


BAD_CELLS = [
    ("rt", "rw09_rt01", "RT 01 / RW 09 tidak ada di Bajur"),
    ("survey_date", "15/03/2026", "tanggal tidak sah"),
    ("women", "12", "lebih dari jumlah anggota keluarga"),
    ("members", "0", "jumlah anggota harus 1 sampai 99 orang"),
    ("members", "empat", "bukan bilangan bulat"),
    ("head_nik", "52010812", "NIK harus 16 angka"),
    ("crit_meals", "", "wajib diisi"),
    ("crit_meals", "mungkin", "jawab ya atau tidak"),
    ("water_source", "sumur", "pilihan tidak dikenal"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("how", "fmt"), FORMATS)
@pytest.mark.parametrize(("name", "value", "reason"), BAD_CELLS)
def test_one_bad_row_and_a_strict_import_writes_nothing(village, how, fmt, name, value, reason):
    header, rows = export(village, 12, kind=how["kind"])
    set_cell(header, rows, 7, name, value)
    people = Person.objects.count()
    batch = do_import(village, header, rows, how)
    assert batch.status == ImportStatus.REJECTED
    assert (batch.rows, batch.bad_rows, batch.created) == (12, 1, 0)
    assert not Household.objects.exists() and Person.objects.count() == people
    [issue] = batch.issues
    assert issue["line"] == 7
    assert issue["column"] == header[column(header, name)]
    assert reason in issue["reason"]
    assert AuditEvent.objects.filter(action="mapping.survey_rejected").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["kobo", "odk"])
def test_coordinates_far_outside_or_broken_are_reported(village, kind):
    header, rows = export(village, 6, kind=kind)
    lat = column(header, "_location_latitude" if kind == "kobo" else "Latitude")
    if kind == "kobo":
        set_cell(header, rows, 2, "location", "116.1 -8.63 0 5")  # longitude first
        rows[0][lat : lat + 2] = ["116.1", "-8.63"]
        set_cell(header, rows, 3, "location", "")
        rows[1][lat : lat + 2] = ["-8.63", "abc"]
    else:
        rows[0][lat : lat + 2] = ["116.1", "-8.63"]
        rows[1][lat : lat + 2] = ["-8.63", "abc"]
    batch = run_import(village, header, rows)
    reasons = {issue["line"]: issue["reason"] for issue in batch.issues}
    assert batch.status == ImportStatus.REJECTED
    assert "di luar jangkauan" in reasons[2] or "jauh di luar" in reasons[2]
    assert "bukan angka" in reasons[3]


@pytest.mark.django_db
def test_a_criterion_contradicting_a_housing_answer_is_a_bad_row_with_the_reason(village):
    header, rows = export(village, 6)
    set_cell(header, rows, 3, "sanitation", "private_septic")
    set_cell(header, rows, 3, "crit_toilet", "ya")
    set_cell(header, rows, 5, "electricity", "none")
    set_cell(header, rows, 5, "crit_electricity", "tidak")
    batch = run_import(village, header, rows)
    assert batch.status == ImportStatus.REJECTED and not Household.objects.exists()
    issues = {(i["line"], i["column"]): i for i in batch.issues}
    assert sorted(issues) == [(3, "poverty/crit_toilet"), (5, "poverty/crit_electricity")]
    assert (
        "sanitasi (jamban) dijawab 'Jamban sendiri dengan tangki septik'"
        in (issues[(3, "poverty/crit_toilet")]["reason"])
    )
    assert issues[(5, "poverty/crit_electricity")]["value"] == "tidak"


@pytest.mark.django_db
def test_every_bad_row_is_listed_with_its_physical_line(village):
    header, rows = export(village, 8)
    set_cell(header, rows, 3, "head_name", "Nama\ndua baris")  # a quoted cell over two lines
    set_cell(header, rows, 5, "members", "-1")
    set_cell(header, rows, 8, "rt", "rt99")
    batch = run_import(village, header, rows)
    assert [issue["line"] for issue in batch.issues] == [6, 9]
    assert batch.bad_rows == 2


@pytest.mark.django_db
def test_quarantine_keeps_good_rows_and_sets_bad_ones_aside(village):
    header, rows = export(village, 10)
    set_cell(header, rows, 4, "women", "20")
    set_cell(header, rows, 9, "rt", "rw07_rt01")
    batch = run_import(village, header, rows, mode=ImportMode.QUARANTINE)
    assert (batch.status, batch.created, batch.bad_rows, batch.quarantined) == (
        ImportStatus.PARTIAL, 8, 2, 2,
    )  # fmt: skip
    kept = QuarantinedRow.objects.filter(batch=batch).order_by("line")
    assert [row.line for row in kept] == [4, 9]
    assert kept[0].cells == rows[2] and "women" in kept[0].issues[0]["column"]
    # The corrected rows import and release the quarantine; nothing is counted twice.
    set_cell(header, rows, 4, "women", "2")
    set_cell(header, rows, 9, "rt", "rw01_rt01")
    fixed = run_import(village, header, rows)
    assert (fixed.status, fixed.created, fixed.unchanged) == (ImportStatus.IMPORTED, 2, 8)
    assert not QuarantinedRow.objects.filter(resolved_by__isnull=True).exists()
    assert Household.objects.count() == 10


@pytest.mark.django_db
def test_unknown_columns_are_reported_not_dropped_silently(village):
    header, rows = export(village, 3)
    header = [*header, "head/favourite_food", "catatan_relawan"]
    rows = [[*row, "sate", "ok"] for row in rows]
    batch = run_import(village, header, rows)
    assert batch.status == ImportStatus.IMPORTED
    assert batch.unknown_columns == ["head/favourite_food", "catatan_relawan"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["kobo", "odk"])
def test_split_geopoint_columns_are_known_and_fill_an_empty_location(village, kind):
    """KoBo's `group/_location_latitude ... _precision` and ODK Central's `group-location-Latitude
    ... -Accuracy` belong to the geopoint `location`: never reported as unknown, and read when
    the combined cell is empty (issue 11, item 5)."""
    header, rows = export(village, 4, kind=kind)
    names = [n for n in header if "location" in n]
    if kind == "kobo":
        assert names == [
            "area/location",
            "area/_location_latitude",
            "area/_location_longitude",
            "area/_location_altitude",
            "area/_location_precision",
        ]
        set_cell(header, rows, 2, "location", "")
    else:
        assert names == [f"area-location-{p}" for p in samples.ODK_PARTS]
    lat = column(header, "_location_latitude" if kind == "kobo" else "Latitude")
    rows[0][lat : lat + 4] = ["-8.6331", "116.1052", "12.5", "4.0"]
    header = [*header, "area/_catatan_latitude", "catatan_relawan"]
    rows = [[*row, "1", "ok"] for row in rows]
    batch = run_import(village, header, rows)
    assert batch.status == ImportStatus.IMPORTED and batch.issues == []
    assert batch.unknown_columns == ["area/_catatan_latitude", "catatan_relawan"]
    key = rows[0][column(header, "_uuid" if kind == "kobo" else "KEY")].removeprefix("uuid:")
    first = Household.objects.get(instance_id=key)
    assert first.location["coordinates"][:2] == [116.1052, -8.6331]


@pytest.mark.django_db
def test_duplicates_inside_a_file_are_bad_rows(village):
    header, rows = export(village, 4)
    rows.append(list(rows[0]))
    set_cell(header, rows, 4, "head_nik", rows[1][column(header, "head_nik")] or "5201080000000001")
    set_cell(header, rows, 3, "head_nik", rows[2][column(header, "head_nik")])
    batch = run_import(village, header, rows, mode=ImportMode.QUARANTINE)
    reasons = {issue["line"]: issue["reason"] for issue in batch.issues}
    assert "sudah ada di baris 2" in reasons[6]
    assert "NIK sama dengan kepala KK di baris 3" in reasons[4]


@pytest.mark.django_db
def test_a_nik_heading_another_household_is_refused(village):
    existing = household(village, head_nik="5201080000000077")
    header, rows = export(village, 2)
    set_cell(header, rows, 2, "head_nik", "5201080000000077")
    batch = run_import(village, header, rows)
    assert batch.status == ImportStatus.REJECTED
    assert f"KK #{existing.pk}" in batch.issues[0]["reason"]


@pytest.mark.django_db
def test_a_known_person_without_household_becomes_the_head(village):
    known = person(village, name="Warga Lama", nik="5201080000000088", is_poor=False)
    header, rows = export(village, 1)
    set_cell(header, rows, 2, "head_nik", "5201080000000088")
    set_criteria(header, rows, 2)
    run_import(village, header, rows)
    saved = Household.objects.get()
    assert (saved.head_id, saved.head_nik, saved.is_poor) == (known.pk, "5201080000000088", True)
    known.refresh_from_db()
    assert known.is_poor is True  # the registered person's status follows the household's


@pytest.mark.django_db
def test_an_edit_links_and_unlinks_the_registered_person(village):
    known = person(village, name="Warga Lama", nik="5201080000000099")
    header, rows = export(village, 3)
    run_import(village, header, rows)
    set_cell(header, rows, 3, "head_nik", "5201080000000099")
    run_import(village, header, rows)
    edited = Household.objects.get(instance_id=rows[1][column(header, "_uuid")])
    assert edited.head_id == known.pk
    set_cell(header, rows, 3, "head_nik", "")
    run_import(village, header, rows)
    edited.refresh_from_db()
    assert (edited.head_id, edited.head_nik) == (None, "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"nama;umur\nBudi;4\n", "import_unknown_format"),
        (b"", "import_empty"),
        (b"_uuid,head/members\nabc,3\n", "import_missing_columns"),
        (b"PK\x03\x04 not really a workbook", "import_bad_xlsx"),
        ("_submission_time,rt\n2026-01-01,\xff\n".encode("latin-1"), "import_not_utf8"),
    ],
)
def test_unreadable_files_are_refused_and_leave_no_trace(village, content, code):
    with pytest.raises(ValidationError) as caught:
        services_import.survey_import(
            actor=None, village=village, form=SurveyForm.HOUSEHOLD, file=io.BytesIO(content)
        )
    assert caught.value.code == code
    assert not ImportBatch.objects.exists() and not Household.objects.exists()


@pytest.mark.django_db
def test_only_importers_may_import(village, users):
    header, rows = export(village, 2)
    with pytest.raises(PermissionDenied):
        run_import(village, header, rows, actor=users["village_resident"])
    batch = run_import(village, header, rows, actor=users["village_bkm"])
    assert batch.actor == users["village_bkm"]
    event = AuditEvent.objects.get(action="mapping.survey_imported")
    assert event.actor == users["village_bkm"] and event.changes["created"] == [None, 2]


@pytest.mark.django_db
def test_the_command_imports_with_the_same_service(village, tmp_path):
    header, rows = export(village, 5)
    path = tmp_path / "kobo.csv"
    path.write_bytes(samples.csv_bytes(header, rows, delimiter=";"))
    out = io.StringIO()
    call_command("import_survey", village.code, str(path), "--no-progress", stdout=out)
    assert "5 baru" in out.getvalue()
    set_cell(header, rows, 3, "members", "x")
    path.write_bytes(samples.csv_bytes(header, rows, delimiter=";"))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_survey", village.code, str(path), "--no-progress", stdout=out)
    assert "baris 3" in out.getvalue()


@pytest.mark.django_db
def test_the_import_sets_linked_people_poor_through_the_register_with_one_audit_event(village):
    known = [
        person(village, name=f"Warga {n}", nik=f"52010800000001{n:02d}", is_poor=False)
        for n in range(3)
    ]
    header, rows = export(village, 5)
    for index, someone in enumerate(known):
        set_cell(header, rows, 2 + index, "head_nik", someone.nik)
        set_criteria(header, rows, 2 + index)
    batch = run_import(village, header, rows)
    assert batch.created == 5
    assert all(p.is_poor for p in Person.objects.filter(pk__in=[p.pk for p in known]))
    events = AuditEvent.objects.filter(action="institutions.household_heads_marked")
    assert events.count() == 1  # one event for the import, not one per person or chunk
    changes = events.get().changes
    assert changes["source"] == [None, f"survei #{batch.pk}"]
    assert sorted(changes["became_poor"][1]) == sorted(p.pk for p in known)
    # Imported again unchanged: nobody's status changes, so no further event.
    run_import(village, header, rows)
    assert events.count() == 1
