"""Reads of problems for later apps: the open problems a plan may answer (rejected ones left
out), problems by id within one village only, problems as plain shapes, and whether a shape lies
outside the village."""

import pytest
from shapely.geometry import Point

from tridaya.mapping.selectors import problems as sel
from tridaya.mapping.services import problems as services
from tridaya.mapping.tests.factories import point_in, problem, rt_of, with_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def test_open_problems_leave_out_rejected_ones_and_potentials(village, terong_tawah):
    rt = rt_of(village)
    kept = problem(village, geometry=point_in(rt), title="Jalan rusak")
    rejected = problem(village, geometry=point_in(rt), title="Bukan masalah")
    services.problem_set_status(actor=None, problem=rejected, status=sel.ProblemStatus.REJECTED)
    potential = problem(village, geometry=point_in(rt), kind=sel.ProblemKind.POTENTIAL)
    assert list(sel.open_problems(village)) == [kept]
    assert list(sel.open_problems(village.code, kind=None)) == [kept, potential]
    assert list(sel.open_problems(with_units(terong_tawah))) == []
    # By id: only the village's own.
    assert sel.problems_by_ids(village, [kept.pk, rejected.pk]) == [kept, rejected]
    assert sel.problems_by_ids(terong_tawah, [kept.pk]) == []
    shapes = sel.problem_shapes(village)
    assert [(s.id, s.kind, s.households, s.rt_id) for s in shapes] == [
        (kept.pk, "masalah", 12, rt.pk),
        (potential.pk, "potensi", 12, rt.pk),
    ]
    assert shapes[0].geometry == kept.geometry


def test_a_shape_far_from_the_village_is_outside(village, django_assert_num_queries):
    extent = sel.village_extent(village)
    centre = extent.area.centroid
    assert not sel.is_outside_village(extent, Point(centre.x, centre.y))
    with django_assert_num_queries(0):
        assert sel.is_outside_village(extent, Point(centre.x + 1, centre.y))


def test_a_problem_of_another_village_is_not_found_as_a_domain_error(village, terong_tawah):
    from django.http import Http404

    from tridaya.core.errors import NotFound
    from tridaya.mapping import pages

    found = problem(village, geometry=point_in(rt_of(village)))
    assert sel.problem_for_village(village, found.pk) == found
    with pytest.raises(NotFound):
        sel.problem_for_village(with_units(terong_tawah), found.pk)
    with pytest.raises(Http404):  # what the pages and the API answer
        pages.problem_or_404(terong_tawah, found.pk)
