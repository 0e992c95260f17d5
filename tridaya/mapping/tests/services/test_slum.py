"""RT profiles and slum volumes: saved with the criteria set in force, a negative volume or one
above its denominator refused naming the field, handled volumes kept for re-scoring, changes
audited; hectares and metres stored exactly (the template import: test_slum_import.py)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.models import AuditEvent
from tridaya.mapping.errors import MappingError
from tridaya.mapping.models import RTProfile, SlumVolume
from tridaya.mapping.selectors import slum as selectors_slum
from tridaya.mapping.services import slum as services_slum
from tridaya.mapping.tests.factories import figures, profile, rt_of, volumes_at, with_units
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def test_a_profile_is_saved_with_its_volumes_and_the_set_in_force(village):
    rt = rt_of(village)
    saved = profile(rt, share=D("0.8"))
    assert saved.criteria_set.code == "permen-pupr-14-2018"
    assert saved.volumes.count() == 16
    assert SlumVolume.objects.get(profile=saved, code="3a").volume == D("80.00")
    row = selectors_slum.score_row(rt, saved, selectors_slum.criteria_of(saved.criteria_set))
    assert row.score.total == 80 and row.score.class_label == "Kumuh berat"


def test_a_volume_above_its_denominator_is_refused_naming_the_field(village):
    rt = rt_of(village)
    volumes = volumes_at(D("0.5"))
    volumes["4b"] = D("2500")  # ideal drainage is 2,000 m
    volumes["1a"] = D("-3")
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(actor=None, rt=rt, year=2026, volumes=volumes, **figures())
    errors = caught.value.error_dict
    assert set(errors) == {"volume_4b", "volume_1a"}
    assert errors["volume_4b"][0].code == MappingError.BAD_VOLUMES
    assert "melebihi panjang drainase ideal (m) 2000" in errors["volume_4b"][0].message
    assert not RTProfile.objects.exists()


def test_shrinking_a_denominator_below_a_stored_volume_is_refused(village):
    rt = rt_of(village)
    profile(rt, share=D("0.9"))
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(actor=None, rt=rt, year=2026, **figures(households=50))
    assert {"volume_3a", "volume_3b", "volume_5a"} <= set(caught.value.error_dict)


def test_more_households_than_people_is_refused(village):
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(
            actor=None, rt=rt_of(village), year=2026, **figures(population=90)
        )
    assert "households" in caught.value.error_dict


def test_handled_volumes_are_kept_and_rescored(village):
    rt = rt_of(village)
    saved = profile(rt, share=D("0.8"))
    services_slum.rt_profile_save(
        actor=None, rt=rt, year=2026, handled={"4b": D("1600"), "4c": D("1600")}, **figures()
    )
    row = selectors_slum.score_row(rt, saved, selectors_slum.criteria_of(saved.criteria_set))
    assert row.rescore is not None
    assert row.rescore.after.by_code["4b"].percentage == D("0.00")
    assert row.rescore.after.total == 70
    assert row.rescore.contribution > 0


def test_changes_are_audited_per_volume_and_unchanged_saves_write_nothing(village):
    rt = rt_of(village)
    editor = user_with_role("tipp", BAJUR)
    profile(rt, actor=editor)
    assert AuditEvent.objects.filter(action="mapping.rt_profile_created").count() == 1
    volumes = {"2b": D("450")}
    services_slum.rt_profile_save(actor=editor, rt=rt, year=2026, volumes=volumes, **figures())
    event = AuditEvent.objects.get(action="mapping.rt_profile_updated")
    assert event.changes == {"volume_2b": ["300", "450"]}
    services_slum.rt_profile_save(actor=editor, rt=rt, year=2026, volumes=volumes, **figures())
    assert AuditEvent.objects.filter(action="mapping.rt_profile_updated").count() == 1


def test_a_resident_may_not_edit_and_another_village_is_out_of_sight(village, terong_tawah):
    from django.http import Http404

    with pytest.raises(PermissionDenied):
        profile(rt_of(village), actor=user_with_role("resident", BAJUR))
    with pytest.raises(Http404):
        profile(rt_of(village), actor=user_with_role("bkm", terong_tawah.code))


# --- Precision: hectares with 6 decimals, metres with 2 (issue 11, item 2) ---------------------

PRECISE = {
    "area_ha": D("0.512731"),
    "buildings": 40,
    "population": 160,
    "households": 40,
    "road_length_m": D("412.75"),
    "drainage_length_m": D("300.25"),
}


def _scores(rt, saved):
    row = selectors_slum.score_row(rt, saved, selectors_slum.criteria_of(saved.criteria_set))
    return {code: (str(item.percentage), item.score) for code, item in row.score.by_code.items()}


def test_hectares_and_metres_are_stored_exactly_and_scored_at_the_band_edges(village):
    rt = rt_of(village)
    volumes = volumes_at(D(0), PRECISE) | {
        "1b": D("0.389174"),  # 75.90 % -> 3 (0.39 / 0.51 would be 76.47 % -> 5)
        "4a": D("0.389650"),  # 75.995 % -> 76.00 % -> 5
        "2a": D("103.16"),  # 24.99 % -> 0
        "2b": D("412.75"),  # equal to its denominator: 100 % -> 5
        "4b": D("210.50"),
    }
    saved = services_slum.rt_profile_save(actor=None, rt=rt, year=2026, volumes=volumes, **PRECISE)
    saved.refresh_from_db()
    assert saved.area_ha == D("0.512731") and saved.road_length_m == D("412.75")
    assert saved.volumes.get(code="1b").volume == D("0.389174")
    scores = _scores(rt, saved)
    assert scores["1b"] == ("75.90", 3)
    assert scores["4a"] == ("76.00", 5)
    assert scores["2a"] == ("24.99", 0)
    assert scores["2b"] == ("100.00", 5)
    assert scores["4b"] == ("70.11", 3)
    volumes = {"1b": D("0.261467"), "4a": D("0.261468")}  # 50.99 % -> 1, 51.00 % -> 3
    saved = services_slum.rt_profile_save(actor=None, rt=rt, year=2026, volumes=volumes, **PRECISE)
    assert _scores(rt, saved)["1b"] == ("50.99", 1)
    assert _scores(rt, saved)["4a"] == ("51.00", 3)


def test_more_decimals_than_stored_are_refused_naming_the_value_never_rounded(village):
    rt = rt_of(village)
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(
            actor=None,
            rt=rt,
            year=2026,
            volumes={"1b": D("0.3891745")},
            handled={"1b": D("0.1000001")},
            **{**PRECISE, "road_length_m": D("412.755")},
        )
    errors = {field: e[0].message for field, e in caught.value.error_dict.items()}
    assert set(errors) == {"road_length_m"}
    assert "412,755 memakai 3 angka di belakang koma, paling banyak 2" in errors["road_length_m"]
    assert "(412,76)" in errors["road_length_m"]
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(
            actor=None,
            rt=rt,
            year=2026,
            volumes={"1b": D("0.3891745")},
            handled={"1b": D("0.1000001")},
            **PRECISE,
        )
    errors = {field: e[0].message for field, e in caught.value.error_dict.items()}
    assert set(errors) == {"volume_1b", "handled_1b"}
    assert errors["volume_1b"].startswith("Kriteria 1b: 0,3891745 memakai 7 angka")
    assert not RTProfile.objects.exists()
