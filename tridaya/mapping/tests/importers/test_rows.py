"""The RT profile survey and the problem/potential report arrive through the same importer as
the household survey, and are stored through the services of the map part (RT profiles with
their slum volumes, problems with their geometry), so that a refusal there becomes a bad row of
the report, on the right column."""

import io

import pytest

from tridaya.mapping.importers import samples
from tridaya.mapping.models import (
    ImportMode,
    ImportStatus,
    Problem,
    ProblemSource,
    RTProfile,
    SurveyForm,
)
from tridaya.mapping.services import surveys as services_import
from tridaya.mapping.tests.factories import with_survey_units

PROFILE_HEADER = [
    "start", "end", "area/survey_date", "area/year", "area/rw", "area/rt",
    "figures/area_ha", "figures/buildings", "figures/population", "figures/households",
    "figures/road_length_m", "figures/drainage_length_m",
    "aspect_bangunan/volume_1a", "aspect_air_minum/volume_3a", "aspect_drainase/volume_4b",
    "meta/instanceID", "_uuid", "_submission_time",
]  # fmt: skip
PROBLEM_HEADER = [
    "SubmissionDate", "report-reported_on", "report-kind", "report-domain", "report-sector",
    "report-title", "report-description", "report-severity", "report-households_affected",
    "report-poor_households_affected", "place-rw", "place-rt", "place-shape",
    "place-point-Latitude", "place-point-Longitude", "place-point-Altitude",
    "place-point-Accuracy", "place-line", "place-area", "place-photo", "meta-instanceID", "KEY",
]  # fmt: skip


@pytest.fixture
def village(bajur):
    return with_survey_units(bajur)


def profile_row(uuid: str, rt: str, volume_1a: str = "12", households: str = "80") -> list[str]:
    return [
        "", "", "2026-03-02", "2026", rt.split("_")[0], rt, "3.5", "120", "310", households,
        "900", "700", volume_1a, "20", "150", f"uuid:{uuid}", uuid, "2026-03-02T10:00:00",
    ]  # fmt: skip


def run(village, form, header, rows, *, mode=ImportMode.STRICT, delimiter=","):
    content = samples.csv_bytes(header, rows, delimiter=delimiter)
    return services_import.survey_import(
        actor=None, village=village, form=form, file=io.BytesIO(content), mode=mode
    )


@pytest.mark.django_db
def test_rt_profiles_import_and_reimport(village):
    rows = [profile_row("p1", "rw01_rt01"), profile_row("p2", "rw02_rt03")]
    batch = run(village, SurveyForm.RT_PROFILE, PROFILE_HEADER, rows, delimiter=";")
    assert (batch.status, batch.created) == (ImportStatus.IMPORTED, 2)
    profile = RTProfile.objects.get(rt__rw__number=2, rt__number=3, year=2026)
    assert (profile.households, profile.buildings, profile.source) == (80, 120, "survei")
    volumes = {v.code: v.volume for v in profile.volumes.all()}
    assert volumes["1a"] == 12 and volumes["4b"] == 150
    again = run(village, SurveyForm.RT_PROFILE, PROFILE_HEADER, rows, delimiter=";")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


@pytest.mark.django_db
def test_a_volume_larger_than_its_denominator_is_a_bad_row(village):
    rows = [profile_row("p1", "rw01_rt01"), profile_row("p2", "rw01_rt02", volume_1a="500")]
    batch = run(village, SurveyForm.RT_PROFILE, PROFILE_HEADER, rows)
    assert batch.status == ImportStatus.REJECTED and not RTProfile.objects.exists()
    [issue] = batch.issues
    assert (issue["line"], issue["column"]) == (3, "aspect_bangunan/volume_1a")
    assert "1a" in issue["reason"]


@pytest.mark.django_db
def test_an_unknown_rt_in_a_profile_is_reported(village):
    batch = run(village, SurveyForm.RT_PROFILE, PROFILE_HEADER, [profile_row("p", "rw08_rt01")])
    assert batch.issues[0]["column"] == "area/rt"
    assert "tidak ada di Bajur" in batch.issues[0]["reason"]


def problem_row(key: str, shape: str, **cells) -> list[str]:
    values = {
        "SubmissionDate": "2026-03-05T02:00:00.000Z",
        "report-reported_on": "2026-03-04",
        "report-kind": "masalah",
        "report-domain": "L",
        "report-sector": "drainase",
        "report-title": "Saluran tersumbat",
        "report-description": "Banjir tiap hujan",
        "report-severity": "4",
        "report-households_affected": "12",
        "report-poor_households_affected": "5",
        "place-rw": "rw01",
        "place-rt": "rw01_rt01",
        "place-shape": shape,
        "meta-instanceID": f"uuid:{key}",
        "KEY": f"uuid:{key}",
        **cells,
    }
    return [values.get(name, "") for name in PROBLEM_HEADER]


LINE = "-8.6290 116.1000 0 5;-8.6295 116.1010 0 5;-8.6300 116.1015 0 5"
AREA = "-8.6290 116.1000 0 5;-8.6290 116.1010 0 5;-8.6300 116.1010 0 5;-8.6290 116.1000 0 5"


@pytest.mark.django_db
def test_problem_reports_import_with_their_geometry(village):
    rows = [
        problem_row("a", "titik", **{"place-point-Latitude": "-8.6300",
                                     "place-point-Longitude": "116.1050"}),
        problem_row("b", "garis", **{"place-line": LINE}),
        problem_row("c", "area", **{"place-area": AREA, "report-kind": "potensi",
                                    "report-domain": "E", "report-sector": "ekonomi"}),
    ]  # fmt: skip
    batch = run(village, SurveyForm.PROBLEM, PROBLEM_HEADER, rows)
    assert (batch.status, batch.created) == (ImportStatus.IMPORTED, 3), batch.issues
    kinds = dict(Problem.objects.values_list("source_ref", "geometry_kind"))
    assert kinds == {"a": "titik", "b": "garis", "c": "area"}
    line = Problem.objects.get(source_ref="b")
    assert line.source == ProblemSource.SURVEY and line.length_m > 100
    again = run(village, SurveyForm.PROBLEM, PROBLEM_HEADER, rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    rows[1] = problem_row("b", "garis", **{"place-line": LINE, "report-severity": "5"})
    edited = run(village, SurveyForm.PROBLEM, PROBLEM_HEADER, rows)
    assert (edited.updated, edited.unchanged) == (1, 2)
    assert Problem.objects.get(source_ref="b").severity == 5


@pytest.mark.django_db
def test_a_report_far_from_the_village_or_without_its_shape_is_a_bad_row(village):
    rows = [
        problem_row("far", "titik", **{"place-point-Latitude": "-7.25",
                                       "place-point-Longitude": "112.75"}),
        problem_row("noline", "garis"),
    ]  # fmt: skip
    batch = run(village, SurveyForm.PROBLEM, PROBLEM_HEADER, rows, mode=ImportMode.QUARANTINE)
    issues = {issue["line"]: issue for issue in batch.issues}
    assert issues[2]["column"] == "place-point-Latitude" and "km" in issues[2]["reason"]
    assert issues[3]["column"] == "place-line" and "wajib" in issues[3]["reason"]
    assert batch.quarantined == 2 and not Problem.objects.exists()
