import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tridaya.regions import importer
from tridaya.regions.importer import DEFAULT_DIR, RegionImportError, import_regions
from tridaya.regions.models import Kind, Level, Region, VillageProfile

SMALL = {
    "provinces.csv": "code,name\n52,Nusa Tenggara Barat\n",
    "regencies.csv": "code,province_code,name\n52.01,52,Kabupaten Lombok Barat\n"
    "52.71,52,Kota Mataram\n",
    "districts.csv": "code,regency_code,name\n52.01.08,52.01,Labuapi\n",
    "villages.csv": "code,district_code,name\n52.01.08.2006,52.01.08,Bajur\n"
    "52.01.08.1001,52.01.08,Contoh Kelurahan\n",
}


def write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.mark.slow
@pytest.mark.django_db
def test_full_official_import_counts_and_is_idempotent():
    first = import_regions()
    assert first.created == {1: 38, 2: 514, 3: 7285, 4: 83762}
    counts = {lvl: Region.objects.filter(level=lvl).count() for lvl in Level}
    assert counts == {
        Level.PROVINCE: 38,
        Level.REGENCY: 514,
        Level.DISTRICT: 7285,
        Level.VILLAGE: 83762,
    }
    assert Region.objects.filter(kind=Kind.KELURAHAN).count() == 8496
    assert Region.objects.filter(kind=Kind.DESA).count() == 75252
    assert Region.objects.filter(kind=Kind.DESA_ADAT).count() == 14
    bajur = Region.objects.get(code="52.01.08.2006")
    assert (bajur.name, bajur.parent_id, bajur.kind) == ("Bajur", "52.01.08", Kind.DESA)

    second = import_regions()
    assert second.created_total == 0
    assert second.renamed == 0
    assert second.unchanged == 91599


@pytest.mark.django_db
def test_newer_file_renames_and_adds_without_touching_linked_data(tmp_path):
    import_regions(directory=write(tmp_path / "v1", SMALL))
    bajur = Region.objects.get(code="52.01.08.2006")
    VillageProfile.objects.create(village=bajur, population=4630)

    newer = dict(SMALL)
    newer["villages.csv"] = (
        "code,district_code,name\n52.01.08.2006,52.01.08,Bajur Baru\n"
        "52.01.08.1001,52.01.08,Contoh Kelurahan\n52.01.08.2013,52.01.08,Desa Pemekaran\n"
    )
    result = import_regions(directory=write(tmp_path / "v2", newer))

    assert result.renamed == 1
    assert result.created_total == 1
    bajur.refresh_from_db()
    assert bajur.name == "Bajur Baru"
    assert bajur.profile.population == 4630
    assert Region.objects.get(code="52.01.08.2013").parent_id == "52.01.08"


@pytest.mark.django_db
def test_kinds_follow_the_code(tmp_path):
    import_regions(directory=write(tmp_path, SMALL))
    assert Region.objects.get(code="52.71").kind == Kind.KOTA
    assert Region.objects.get(code="52.01").kind == Kind.KABUPATEN
    assert Region.objects.get(code="52.01.08.1001").kind == Kind.KELURAHAN


MALFORMED = {
    "bad header": (
        "villages.csv",
        "kode,district_code,name\n52.01.08.2006,52.01.08,Bajur\n",
        "villages.csv:1: kepala kolom",
    ),
    "unknown parent": (
        "villages.csv",
        "code,district_code,name\n52.01.09.2001,52.01.09,Entah\n",
        "villages.csv:2: kode induk '52.01.09' tidak dikenal",
    ),
    "duplicate code": (
        "districts.csv",
        "code,regency_code,name\n52.01.08,52.01,Labuapi\n52.01.08,52.01,Lagi\n",
        "districts.csv:3: kode '52.01.08' ganda",
    ),
    "bad code form": (
        "regencies.csv",
        "code,province_code,name\n52.1,52,Kabupaten Salah\n",
        "regencies.csv:2: kode '52.1' tidak berbentuk",
    ),
    "code outside parent": (
        "villages.csv",
        "code,district_code,name\n52.01.07.2001,52.01.08,Salah Induk\n",
        "villages.csv:2: kode '52.01.07.2001' tidak berada di bawah induk",
    ),
    "missing column": ("provinces.csv", "code,name\n52\n", "provinces.csv:2: 1 kolom"),
    "bad village kind": (
        "villages.csv",
        "code,district_code,name\n52.01.08.5001,52.01.08,X\n",
        "villages.csv:2: kode desa",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_file_is_refused_with_file_line_reason_and_nothing_written(tmp_path, case):
    import_regions(directory=write(tmp_path / "ok", SMALL))
    before = sorted(Region.objects.values_list("code", "name"))
    filename, text, expected = MALFORMED[case]
    bad = dict(SMALL)
    bad[filename] = text
    if filename != "provinces.csv":
        # A valid new row elsewhere proves the whole import is refused, not just the bad row.
        bad["provinces.csv"] += "53,Nusa Tenggara Timur\n"

    with pytest.raises(RegionImportError) as exc:
        import_regions(directory=write(tmp_path / "bad", bad))

    assert expected in str(exc.value)
    assert sorted(Region.objects.values_list("code", "name")) == before


@pytest.mark.django_db
def test_command_reports_errors_and_writes_nothing(tmp_path):
    bad = dict(SMALL, **{"villages.csv": "code,district_code,name\n52.01.08.2006,52.01.99,X\n"})
    with pytest.raises(CommandError) as exc:
        call_command("import_regions", path=write(tmp_path, bad))
    assert "villages.csv:2" in str(exc.value)
    assert "tidak ada yang ditulis" in str(exc.value)
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_missing_file_is_named(tmp_path):
    partial = write(tmp_path, {k: v for k, v in SMALL.items() if k != "districts.csv"})
    with pytest.raises(RegionImportError) as exc:
        import_regions(directory=partial)
    assert "districts.csv" in str(exc.value)
    assert not Region.objects.exists()


def test_shipped_data_keeps_its_licence_and_attribution():
    assert (DEFAULT_DIR / "LICENSE-ODbL.md").exists()
    readme = (DEFAULT_DIR / "README.md").read_text(encoding="utf-8")
    assert "ODbL" in readme and "idn-area-data" in readme


@pytest.mark.django_db
def test_second_run_with_the_same_files_reads_nothing(tmp_path, monkeypatch):
    """`make run` imports every time: unchanged files (same checksum) are not read again."""
    directory = write(tmp_path, SMALL)
    out = io.StringIO()
    call_command("import_regions", path=directory, stdout=out)
    assert "Baru: 6" in out.getvalue()

    def must_not_read(*args, **kwargs):
        raise AssertionError("the files were read again")

    monkeypatch.setattr(importer, "read_all", must_not_read)
    out = io.StringIO()
    call_command("import_regions", path=directory, stdout=out)
    assert "sudah sesuai berkas" in out.getvalue()
    assert importer.import_regions_unless_in_place(directory=directory) is None


@pytest.mark.django_db
def test_changed_files_deleted_regions_or_force_import_again(tmp_path):
    directory = write(tmp_path, SMALL)
    assert importer.import_regions_unless_in_place(directory=directory) is not None
    assert importer.import_regions_unless_in_place(directory=directory) is None

    write(directory, {"villages.csv": SMALL["villages.csv"] + "52.01.08.2013,52.01.08,Baru\n"})
    added = importer.import_regions_unless_in_place(directory=directory)
    assert added is not None and added.created_total == 1
    assert importer.import_regions_unless_in_place(directory=directory) is None

    Region.objects.filter(code="52.01.08.2013").delete()
    again = importer.import_regions_unless_in_place(directory=directory)
    assert again is not None and again.created_total == 1

    forced = importer.import_regions_unless_in_place(directory=directory, force=True)
    assert forced is not None and forced.unchanged == 7
