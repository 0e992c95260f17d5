import pytest
from django.core.exceptions import ValidationError

from tridaya.core.definitions import DefinitionError, checksum, read_definition, sync_definitions
from tridaya.cycle.models import CycleTemplate


def _create(definition):
    return CycleTemplate.objects.create(
        code=definition.code,
        version=definition.version,
        name=definition.data["name"],
        definition=definition.data,
        checksum=definition.checksum,
    )


def test_checksum_ignores_key_order():
    assert checksum({"a": 1, "b": [1, 2]}) == checksum({"b": [1, 2], "a": 1})


def test_a_file_is_checked_once_while_it_is_unchanged(tmp_path):
    path = tmp_path / "x-1.toml"
    path.write_text('code = "x"\nversion = 1\nname = "X"\n')
    calls = []

    def check(data, source):
        calls.append(source)

    first = read_definition(path, check=check)
    again = read_definition(path, check=check)
    assert first is again and calls == ["x-1.toml"]
    assert (first.code, first.version) == ("x", 1)


def test_malformed_files_name_the_file(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("code = \n")
    with pytest.raises(DefinitionError, match="broken.toml"):
        read_definition(broken)
    missing = tmp_path / "missing.toml"
    missing.write_text('name = "tanpa kode"\n')
    with pytest.raises(DefinitionError, match="missing.toml: kunci 'code', 'version' tidak ada"):
        read_definition(missing)

    class AppError(ValidationError):
        pass

    def check(data, source):
        raise AppError(f"{source}: langkah ganda")

    fine = tmp_path / "fine.toml"
    fine.write_text('code = "x"\nversion = 1\n')
    with pytest.raises(AppError, match="fine.toml: langkah ganda"):
        read_definition(fine, check=check, error=AppError)


@pytest.mark.django_db
def test_sync_stores_once_and_refuses_a_changed_loaded_version(tmp_path):
    path = tmp_path / "uji-1.toml"
    path.write_text('code = "uji"\nversion = 1\nname = "Uji"\n')
    [row] = sync_definitions(tmp_path, model=CycleTemplate, create=_create)
    assert sync_definitions(tmp_path, model=CycleTemplate, create=_create) == [row]
    assert CycleTemplate.objects.filter(code="uji").count() == 1

    path.write_text('code = "uji"\nversion = 1\nname = "Uji berubah"\n')
    with pytest.raises(DefinitionError, match="uji versi 1 sudah dimuat.*naikkan 'version'"):
        sync_definitions(tmp_path, model=CycleTemplate, create=_create)
    path.write_text('code = "uji"\nversion = 2\nname = "Uji berubah"\n')
    sync_definitions(tmp_path, model=CycleTemplate, create=_create)
    assert sorted(CycleTemplate.objects.filter(code="uji").values_list("version", flat=True)) == [
        1,
        2,
    ]
