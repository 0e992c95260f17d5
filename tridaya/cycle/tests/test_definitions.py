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
    old_cycle = enrolled(bajur)  # enrolled with the newest shipped version
    shipped = old_cycle.template.version
    old_titles = list(old_cycle.steps.values_list("title", flat=True))
    folder = tmp_path / "templates"
    folder.mkdir()
    name = f"plpbk-{shipped}.toml"
    shutil.copy(TEMPLATES_DIR / name, folder / name)

    changed = (
        (folder / name).read_text().replace('title = "Pembentukan TIPP"', 'title = "TIPP baru"')
    )
    (folder / name).write_text(changed)
    with pytest.raises(ValidationError) as exc:
        sync_templates(folder)
    assert "naikkan 'version'" in str(exc.value)

    (folder / name).unlink()
    newer = changed.replace(f"version = {shipped}", f"version = {shipped + 1}")
    (folder / f"plpbk-{shipped + 1}.toml").write_text(newer)
    sync_templates(folder)
    latest = CycleTemplate.objects.get(code="plpbk", version=shipped + 1)
    assert "TIPP baru" in [d["title"] for d in step_definitions(latest)]
    assert list(old_cycle.steps.values_list("title", flat=True)) == old_titles
    old_cycle.refresh_from_db()
    assert old_cycle.template.version == shipped


@pytest.mark.django_db
def test_current_template_loads_the_files_on_demand():
    assert not CycleTemplate.objects.exists()
    template = current_template("plpbk")
    assert template.version == 3
    assert len(step_definitions(template)) == 22
    gates = {d["code"]: d["gates"] for d in step_definitions(template)}
    assert {"rule": "output", "name": "training_core_complete"} in gates["pelatihan"]
    assert {"rule": "output", "name": "planning_rplp_legalised"} in gates["rplp_legal"]
    # Version 3: the marketing, finance and works apps' outputs gate their steps.
    expected = {
        "pembangunan": "works_packages_built",
        "serah_terima_kpp": "works_handed_over",
        "pemeliharaan": "works_om_checked",
        "strategi_pemasaran": "marketing_prospectus_published",
        "komitmen_pendanaan": "marketing_funding_committed",
        "pencairan_blm": "finance_tranche_disbursed",
        "lpj": "finance_lpj_accepted",
        "audit": "finance_audit_recorded",
    }
    for step, output in expected.items():
        assert {"rule": "output", "name": output} in gates[step], step
