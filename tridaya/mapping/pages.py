"""What the pages and the API of pemetaan swadaya share: the objects of a URL, or a 404 (the
selectors raise `NotFound`, never Http404), and problems as GeoJSON with the
address of their page (selectors build no URLs)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from tridaya.core.pages import found_or_404
from tridaya.mapping.models import Household, ImportBatch, Layer, Problem, ProblemPhoto
from tridaya.mapping.selectors import households as households_sel
from tridaya.mapping.selectors import layers as layers_sel
from tridaya.mapping.selectors import problems as problems_sel
from tridaya.mapping.selectors import slum as slum_sel
from tridaya.regions.models import RT, Region
from tridaya.regions.pages import village_or_404

__all__ = [
    "batch_or_404",
    "found_or_404",
    "household_or_404",
    "layer_or_404",
    "photo_or_404",
    "problem_collection",
    "problem_feature",
    "problem_or_404",
    "rt_or_404",
    "slum_rt_or_404",
    "village_or_404",
]


def rt_or_404(village: Region, rt_id: int) -> RT:
    return found_or_404(households_sel.rt_of, village, rt_id)


def household_or_404(village: Region, pk: int) -> Household:
    return found_or_404(households_sel.household_of, village, pk)


def batch_or_404(village: Region, pk: int) -> ImportBatch:
    return found_or_404(households_sel.batch_of, village, pk)


def layer_or_404(village: Region, pk: int) -> Layer:
    return found_or_404(layers_sel.layer_for_village, village, pk)


def problem_or_404(village: Region, pk: int) -> Problem:
    return found_or_404(problems_sel.problem_for_village, village, pk)


def photo_or_404(village: Region, problem_pk: int, photo_pk: int) -> ProblemPhoto:
    return found_or_404(problems_sel.photo_for_village, village, problem_pk, photo_pk)


def slum_rt_or_404(village: Region, rt_pk: int) -> RT:
    return found_or_404(slum_sel.rt_of_village, village, rt_pk)


def problem_feature(problem: Problem, village_code: str) -> dict:
    return {
        "type": "Feature",
        "geometry": problem.geometry,
        "properties": {
            "id": problem.pk,
            "layer": "problems",
            "kind": problem.kind,
            "kind_label": problem.get_kind_display(),
            "domain": problem.domain,
            "sector": problem.sector,
            "sector_label": problem.get_sector_display(),
            "title": problem.title,
            "severity": problem.severity,
            "status": problem.status,
            "status_label": problem.get_status_display(),
            "rt": problems_sel.rt_label(problem.rt),
            "households_affected": problem.households_affected,
            "poor_households_affected": problem.poor_households_affected,
            "length_m": problem.length_m,
            "area_m2": problem.area_m2,
            "url": reverse("mapping:problem", args=[village_code, problem.pk]),
        },
    }


def problem_collection(problems: Iterable[Problem], village_code: str) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [problem_feature(p, village_code) for p in problems],
    }
