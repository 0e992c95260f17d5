"""Mapping a problem or potential: the geometry is validated, measured in its UTM zone and placed
in its RT; one far outside the village is refused with a message that says how far and what to
check; status changes follow their order; survey submissions update by instance id; every
change is audited (photos: test_problem_photos.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.models import AuditEvent
from tridaya.cycle.tests.factories import meeting_input
from tridaya.mapping.errors import MappingError
from tridaya.mapping.models import GeometryKind, Problem, ProblemSource, ProblemStatus
from tridaya.mapping.services import problems as services
from tridaya.mapping.tests.factories import (
    line_in,
    point_in,
    problem,
    problem_values,
    rt_of,
    square_in,
    with_units,
)
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def test_a_drain_drawn_as_a_line_is_measured_in_metres_and_placed_in_its_rt(village):
    rt = rt_of(village, rw=3, number=2)
    drain = problem(village, geometry=line_in(rt, 0.001))
    assert drain.geometry_kind == GeometryKind.LINE
    # 0.001 degree of longitude at 8.6 degrees south is about 110 m.
    assert 108 < drain.length_m < 112
    assert drain.area_m2 is None
    assert drain.rt == rt
    assert drain.status == ProblemStatus.REPORTED


def test_an_area_is_measured_in_square_metres_and_a_point_has_no_size(village):
    rt = rt_of(village, rw=2, number=1)
    flood = problem(village, geometry=square_in(rt, 0.0005))
    assert flood.geometry_kind == GeometryKind.POLYGON
    assert 2900 < flood.area_m2 < 3100  # about 55 m x 55 m
    assert flood.area_ha == pytest.approx(flood.area_m2 / 10_000)
    well = problem(village, geometry=point_in(rt))
    assert well.geometry_kind == GeometryKind.POINT
    assert well.length_m is None and well.area_m2 is None


def test_a_location_far_outside_the_village_is_refused_with_how_far(village):
    swapped = {"type": "Point", "coordinates": [116.108, 8.633]}  # latitude sign lost
    with pytest.raises(ValidationError) as caught:
        problem(village, geometry=swapped)
    error = caught.value.error_dict["geometry"][0]
    assert error.code == MappingError.FAR_OUTSIDE
    message = " ".join(caught.value.messages)
    assert "km di luar batas Bajur" in message
    assert "lintang dan bujur tertukar" in message
    assert not Problem.objects.exists()


def test_just_outside_the_boundary_is_accepted(village):
    # The village spans 116.099..116.117; 300 m east of its edge is within the 1 km allowance.
    near = {"type": "Point", "coordinates": [116.1198, -8.633]}
    found = problem(village, geometry=near)
    assert found.rt is None  # outside every RT


def test_a_self_crossing_area_is_refused_naming_the_geometry(village):
    x, y = 116.105, -8.632
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + 0.001, y + 0.001], [x + 0.001, y], [x, y + 0.001], [x, y]]],
    }
    with pytest.raises(ValidationError) as caught:
        problem(village, geometry=bowtie)
    assert "geometry" in caught.value.error_dict
    assert "saling memotong" in " ".join(caught.value.messages)


def test_more_poor_households_than_households_is_refused(village):
    with pytest.raises(ValidationError) as caught:
        problem(village, households_affected=3, poor_households_affected=4)
    assert "poor_households_affected" in caught.value.error_dict


def test_the_meeting_must_be_of_the_same_village(village, terong_tawah):
    from tridaya.cycle import services as cycle_services

    other = cycle_services.meeting_record(
        actor=None, village=terong_tawah, data=meeting_input(kind="fgd")
    )
    with pytest.raises(ValidationError) as caught:
        problem(village, meeting=other)
    assert "meeting" in caught.value.error_dict
    own = cycle_services.meeting_record(actor=None, village=village, data=meeting_input(kind="fgd"))
    assert problem(village, meeting=own).meeting == own


def test_creating_and_updating_are_audited_with_what_changed(village):
    mapper = user_with_role("tipp", BAJUR)
    drain = problem(village, actor=mapper)
    created = AuditEvent.objects.get(action="mapping.problem_created")
    assert created.actor == mapper and created.region_code == BAJUR
    assert created.changes["title"] == [None, "Saluran tersumbat"]
    values = problem_values(title="Saluran tersumbat sampah", severity=5)
    services.problem_update(actor=mapper, problem=drain, geometry=drain.geometry, **values)
    updated = AuditEvent.objects.get(action="mapping.problem_updated")
    assert updated.changes == {
        "title": ["Saluran tersumbat", "Saluran tersumbat sampah"],
        "severity": [4, 5],
    }
    services.problem_update(actor=mapper, problem=drain, geometry=drain.geometry, **values)
    assert AuditEvent.objects.filter(action="mapping.problem_updated").count() == 1


def test_status_follows_its_order_and_says_what_may_come_next(village):
    verifier = user_with_role("bkm", BAJUR)
    report = problem(village)
    with pytest.raises(ValidationError) as caught:
        services.problem_set_status(actor=verifier, problem=report, status=ProblemStatus.HANDLED)
    assert caught.value.code == MappingError.BAD_STATUS
    assert "Terverifikasi" in caught.value.messages[0]
    for status in (ProblemStatus.VERIFIED, ProblemStatus.PLANNED, ProblemStatus.HANDLED):
        report = services.problem_set_status(actor=verifier, problem=report, status=status)
    assert report.status == ProblemStatus.HANDLED
    assert AuditEvent.objects.filter(action="mapping.problem_status_changed").count() == 3


def test_a_resident_may_not_map_and_a_ksm_may_not_verify(village):
    with pytest.raises(PermissionDenied):
        problem(village, actor=user_with_role("resident", BAJUR))
    report = problem(village, actor=user_with_role("tipp", BAJUR))
    with pytest.raises(PermissionDenied):
        services.problem_set_status(
            actor=user_with_role("upl", BAJUR), problem=report, status=ProblemStatus.VERIFIED
        )


def test_a_survey_submission_updates_its_problem_by_instance_id(village):
    rt = rt_of(village)
    values = problem_values()
    first, created = services.problem_upsert(
        actor=None, village=village, source_ref="uuid:abc", geometry=point_in(rt), **values
    )
    assert created and first.source == ProblemSource.SURVEY
    again, created = services.problem_upsert(
        actor=None, village=village, source_ref="uuid:abc", geometry=point_in(rt), **values
    )
    assert not created and again.pk == first.pk
    assert AuditEvent.objects.filter(action="mapping.problem_updated").count() == 0
    edited, _created = services.problem_upsert(
        actor=None,
        village=village,
        source_ref="uuid:abc",
        geometry=point_in(rt),
        **problem_values(severity=2),
    )
    assert edited.severity == 2
    assert Problem.objects.count() == 1


def test_deleting_keeps_an_audit_row_with_what_was_there(village):
    report = problem(village)
    services.problem_delete(actor=user_with_role("facilitator", BAJUR), problem=report)
    assert not Problem.objects.exists()
    event = AuditEvent.objects.get(action="mapping.problem_deleted")
    assert event.changes["title"] == ["Saluran tersumbat", None]
