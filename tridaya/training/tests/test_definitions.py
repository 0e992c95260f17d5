"""The curriculum file: loaded once per version with its modules and question bank, checked for
mistakes with messages naming the file, module and question, and refused when a loaded version's
file changes."""

import shutil
from pathlib import Path

import pytest

from tridaya.training.definitions import (
    CURRICULA_DIR,
    CurriculumFileError,
    current_curriculum,
    file_codes,
    sync_curricula,
)
from tridaya.training.models import JPL_MINUTES, Curriculum, Module, Question, QuestionKind

DEFAULT = CURRICULA_DIR / "plpbk-inti-1.toml"


@pytest.mark.django_db
def test_default_curriculum_loads_nine_modules_six_of_them_core():
    [curriculum] = sync_curricula()
    modules = list(curriculum.modules.order_by("order"))
    assert [m.code for m in modules if m.is_core] == [
        "konsep_plpbk",
        "peran_pelaku",
        "siklus_plpbk",
        "pemetaan_swadaya",
        "penyusunan_rencana",
        "pendanaan_blm",
    ]
    assert {m.code for m in modules if not m.is_core} == {
        "pemasaran",
        "ppm",
        "operasi_pemeliharaan",
    }
    for module in modules:
        assert sum(step["minutes"] for step in module.steps) == module.jpl * JPL_MINUTES
        assert module.objectives and module.indicators and module.target_groups
        assert module.questions.count() == 5
        module.full_clean()


@pytest.mark.django_db
def test_question_keys_are_stored_as_indexes():
    sync_curricula()
    first = Question.objects.get(module__code="konsep_plpbk", order=1)
    assert first.kind == QuestionKind.MULTIPLE_CHOICE
    assert first.choices[first.answer] == "Penataan Lingkungan Permukiman Berbasis Komunitas"
    assert first.answer_label == "a"
    true_false = Question.objects.get(module__code="konsep_plpbk", order=4)
    assert true_false.choices == ["Benar", "Salah"]
    assert true_false.answer_label == "Salah"


@pytest.mark.django_db
def test_loading_twice_creates_nothing_new():
    sync_curricula()
    sync_curricula()
    assert Curriculum.objects.count() == 1
    assert Module.objects.count() == 9
    assert Question.objects.count() == 45


@pytest.mark.django_db
def test_current_curriculum_loads_the_files_when_the_database_is_empty():
    assert not Curriculum.objects.exists()
    curriculum = current_curriculum()
    assert curriculum is not None and curriculum.code == "plpbk-inti"


@pytest.mark.django_db
def test_a_changed_file_of_a_loaded_version_is_refused(tmp_path: Path):
    shutil.copy(DEFAULT, tmp_path / DEFAULT.name)
    sync_curricula(tmp_path)
    changed = DEFAULT.read_text(encoding="utf-8")
    changed = changed.replace('title = "Siklus PLPBK"', 'title = "Siklus PLPBK (revisi)"')
    (tmp_path / DEFAULT.name).write_text(changed, encoding="utf-8")
    with pytest.raises(CurriculumFileError, match="naikkan 'version'"):
        sync_curricula(tmp_path)


@pytest.mark.django_db
def test_a_new_version_loads_beside_the_old_and_becomes_current(tmp_path: Path):
    shutil.copy(DEFAULT, tmp_path / DEFAULT.name)
    text = DEFAULT.read_text(encoding="utf-8").replace("version = 1", "version = 2", 1)
    (tmp_path / "plpbk-inti-2.toml").write_text(text, encoding="utf-8")
    sync_curricula(tmp_path)
    found = current_curriculum("plpbk-inti")
    assert found is not None and found.version == 2


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "broken.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('stage = "persiapan"', 'stage = "musim_hujan"', "konsep_plpbk: tahap tidak dikenal"),
        (
            'targets = ["bkm", "upk", "upl", "ups", "tipp", "aparat"]',
            'targets = ["bkm", "lurah"]',
            "konsep_plpbk: kelompok sasaran tidak dikenal lurah",
        ),
        ("minutes = 30,", "minutes = 35,", "konsep_plpbk: langkah berjumlah 185 menit"),
        ('answer = "a"', 'answer = "e"', "konsep_plpbk: soal 1: kunci jawaban 'e'"),
        ('answer = "salah"', 'answer = "mungkin"', "konsep_plpbk: soal 4: kunci jawaban"),
    ],
)
def test_mistakes_in_a_file_are_named_and_nothing_is_loaded(tmp_path, old, new, message):
    directory = _broken(tmp_path, old, new)
    with pytest.raises(CurriculumFileError) as error:
        sync_curricula(directory)
    assert "broken.toml" in str(error.value)
    assert message in str(error.value)
    assert not Curriculum.objects.exists()


def test_module_codes_are_read_from_the_files_without_the_database():
    codes = dict(file_codes())
    assert codes["pendanaan_blm"] == "Pendanaan BLM: pencairan, penggunaan dan LPJ"
    assert len(codes) == 9
