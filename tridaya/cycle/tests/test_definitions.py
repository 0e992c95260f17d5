import shutil

import pytest
from django.core.exceptions import ValidationError

from tridaya.cycle.definitions import (
    TEMPLATES_DIR,
    check_definition,
    current_template,
    read_file,
    step_definitions,
    sync_templates,
)
from tridaya.cycle.models import CycleTemplate
from tridaya.cycle.tests.factories import enrolled


def test_shipped_template_has_the_five_stages_of_plpbk():
    data = read_file(TEMPLATES_DIR / "plpbk-1.toml")
    assert [s["code"] for s in data["stages"]] == [
        "persiapan",
        "perencanaan",
        "pemasaran",
        "pelaksanaan",
        "keberlanjutan",
    ]
    codes = [step["code"] for stage in data["stages"] for step in stage["steps"]]
    for required in (
        "rkm",
        "tipp",
        "pelatihan",
        "rpk",
        "pemetaan_swadaya",
        "kawasan_prioritas",
        "uji_publik",
        "rplp_legal",
        "rtplp",
        "lpj",
        "audit",
        "serah_terima_kpp",
    ):
        assert required in codes


def minimal(**step):
    return {
        "code": "x",
        "version": 1,
        "name": "X",
        "default_signoffs": {
            "submitted": ["bkm"],
            "acknowledged": ["village_apparatus"],
            "verified": ["facilitator"],
        },
        "stages": [{"code": "s", "title": "S", "steps": [{"code": "a", "title": "A", **step}]}],
    }


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"gates": [{"rule": "magic"}]}, "aturan gerbang tidak dikenal 'magic'"),
        ({"gates": [{"rule": "meeting_held"}]}, "perlu 'kind'"),
        ({"gates": [{"rule": "meeting_held", "kind": "pesta"}]}, "jenis pertemuan tidak dikenal"),
        ({"gates": [{"rule": "output", "name": "nothing"}]}, "keluaran tidak terdaftar"),
        ({"signoffs": {"verified": ["lurah_agung"]}}, "peran tidak dikenal lurah_agung"),
        ({"title": ""}, "tanpa judul"),
    ],
)
def test_bad_templates_are_refused_with_the_reason(step, message):
    with pytest.raises(ValidationError) as exc:
        check_definition(minimal(**step), "uji.toml")
    assert message in str(exc.value) and "uji.toml" in str(exc.value)


@pytest.mark.django_db
def test_a_changed_loaded_version_is_refused_and_a_new_version_leaves_running_cycles_alone(
    tmp_path, bajur, terong_tawah
):
    folder = tmp_path / "templates"
    folder.mkdir()
    shutil.copy(TEMPLATES_DIR / "plpbk-1.toml", folder / "plpbk-1.toml")
    sync_templates(folder)
    old_cycle = enrolled(bajur)
    old_titles = list(old_cycle.steps.values_list("title", flat=True))

    changed = (
        (folder / "plpbk-1.toml")
        .read_text()
        .replace('title = "Pembentukan TIPP"', 'title = "TIPP baru"')
    )
    (folder / "plpbk-1.toml").write_text(changed)
    with pytest.raises(ValidationError) as exc:
        sync_templates(folder)
    assert "naikkan 'version'" in str(exc.value)

    (folder / "plpbk-1.toml").unlink()
    (folder / "plpbk-2.toml").write_text(changed.replace("version = 1", "version = 2"))
    sync_templates(folder)
    assert CycleTemplate.objects.filter(code="plpbk").count() == 2
    v2 = CycleTemplate.objects.get(code="plpbk", version=2)
    assert "TIPP baru" in [d["title"] for d in step_definitions(v2)]
    assert list(old_cycle.steps.values_list("title", flat=True)) == old_titles
    assert old_cycle.template.version == 1


@pytest.mark.django_db
def test_current_template_loads_the_files_on_demand():
    assert not CycleTemplate.objects.exists()
    template = current_template("plpbk")
    assert template.version == 1
    assert len(step_definitions(template)) == 22
