"""The XLSForms a village downloads: each converts with pyxform without error or warning, carries
the village's RW and RT as choice lists (RT filtered by RW), Indonesian labels with an English
translation, and asks exactly the questions the importer reads."""

import io
import re

import pytest
from openpyxl import load_workbook

from tridaya.mapping.importers.forms import FORMS
from tridaya.mapping.importers.xlsform import build_xlsform, check_xlsform
from tridaya.mapping.tests.factories import with_survey_units


@pytest.fixture
def village(bajur):
    return with_survey_units(bajur)


def sheet_rows(content: bytes, name: str) -> list[dict]:
    sheet = load_workbook(io.BytesIO(content), read_only=True)[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


@pytest.mark.django_db
@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_form_converts_with_pyxform(village, form):
    built = build_xlsform(FORMS[form], village)
    xml = check_xlsform(built.content)  # raises on any pyxform error or warning
    assert built.filename.endswith("_52010820 06.xlsx".replace(" ", ""))
    for question in FORMS[form].questions():
        assert re.search(rf'nodeset="/[^"]*/{question.name}"', xml), question.name
    assert "itext" in xml and 'lang="English (en)"' in xml and 'lang="Bahasa Indonesia (id)"' in xml


@pytest.mark.django_db
@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_village_rw_and_rt_are_choice_lists(village, form):
    built = build_xlsform(FORMS[form], village)
    choices = sheet_rows(built.content, "choices")
    rts = [c for c in choices if c["list_name"] == "rt"]
    rws = [c for c in choices if c["list_name"] == "rw"]
    assert len(rws) == 4 and len(rts) == 16
    assert {"name": "rw02_rt03", "rw": "rw02"}.items() <= rts[6].items()
    assert rts[6]["label::Bahasa Indonesia (id)"] == "RT 03 / RW 02"
    survey = {row["name"]: row for row in sheet_rows(built.content, "survey")}
    assert survey["rt"]["choice_filter"] == "rw=${rw}"


@pytest.mark.django_db
def test_labels_are_indonesian_with_an_english_translation(village):
    built = build_xlsform(FORMS["household"], village)
    survey = {row["name"]: row for row in sheet_rows(built.content, "survey")}
    row = survey["survey_date"]
    assert row["label::Bahasa Indonesia (id)"] == "Tanggal survei"
    assert row["label::English (en)"] == "Survey date"
    assert survey["crit_meals"]["label::English (en)"].startswith("Eats only one or two meals")
    settings = sheet_rows(built.content, "settings")[0]
    assert settings["form_id"] == "tridaya_rumah_tangga_52010820 06".replace(" ", "")
    assert settings["default_language"] == "Bahasa Indonesia (id)"


@pytest.mark.django_db
def test_the_rt_profile_form_asks_one_volume_per_slum_criterion(village):
    built = build_xlsform(FORMS["rt_profile"], village)
    names = [row["name"] for row in sheet_rows(built.content, "survey")]
    volumes = [name for name in names if name and name.startswith("volume_")]
    assert len(volumes) == 16 and volumes[0] == "volume_1a" and volumes[-1] == "volume_7b"


@pytest.mark.django_db
def test_a_village_without_rt_gets_no_form(bajur):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        build_xlsform(FORMS["household"], bajur)
    assert caught.value.code == "xlsform_no_units"
