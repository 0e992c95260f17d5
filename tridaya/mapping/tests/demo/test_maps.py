"""The demo seed of the map part: 60 problems and potentials, RT profiles with slum volumes for
every Bajur RT and three layers, the same on every run (a second run changes and audits
nothing), with a spread of slum classes so every page has something to show."""

import pytest

from tridaya.core.models import AuditEvent
from tridaya.cycle import services as cycle_services
from tridaya.cycle.models import MeetingKind
from tridaya.cycle.tests.factories import meeting_input
from tridaya.mapping.demo import maps as demo_maps
from tridaya.mapping.models import Layer, Problem, ProblemKind, RTProfile, SlumVolume
from tridaya.mapping.selectors import slum as selectors_slum
from tridaya.regions import demo as regions_demo

pytestmark = pytest.mark.django_db


def test_demo_seed_is_complete_deterministic_and_idempotent(bajur, terong_tawah):
    regions_demo.seed(lambda _message: None)
    demo_maps.seed(lambda _message: None)
    assert Problem.objects.filter(village=bajur, kind=ProblemKind.PROBLEM).count() == 36
    assert Problem.objects.filter(village=bajur, kind=ProblemKind.POTENTIAL).count() == 24
    assert RTProfile.objects.filter(village=bajur, year=2026).count() == 16
    assert SlumVolume.objects.filter(profile__village=bajur).count() == 16 * 16
    assert Layer.objects.filter(village=bajur).count() == 3
    first = {p.source_ref: (p.title, p.geometry, p.rt_id) for p in Problem.objects.all()}
    events = AuditEvent.objects.count()

    demo_maps.seed(lambda _message: None)
    assert AuditEvent.objects.count() == events
    assert {p.source_ref: (p.title, p.geometry, p.rt_id) for p in Problem.objects.all()} == first

    edited = Problem.objects.get(source_ref="demo:1")
    Problem.objects.filter(pk=edited.pk).update(title="Diubah di halaman")
    demo_maps.seed(lambda _message: None)
    assert Problem.objects.get(pk=edited.pk).title == "Diubah di halaman"  # made once

    # Once the cycle has recorded the RPK meeting, every fourth demo problem points to it.
    rpk = cycle_services.meeting_record(
        actor=None, village=bajur, data=meeting_input(kind=MeetingKind.FGD)
    )
    demo_maps.link_meetings(lambda _message: None)
    assert Problem.objects.filter(meeting=rpk).count() == 15
    events = AuditEvent.objects.count()
    demo_maps.link_meetings(lambda _message: None)
    assert AuditEvent.objects.count() == events

    page = selectors_slum.slum_page(bajur, 2026)
    classes = {row.score.slum_class.value for row in page.rows if row.score}
    assert {"tidak", "ringan", "berat"} <= classes
    assert all(row.status == "scored" for row in page.rows)
    assert page.area.rescore is not None  # some volumes were handled with swadaya
