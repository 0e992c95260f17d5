"""REST endpoints of RT profiles and slum scores: the criteria set, every RT of a village for a
year with its score, one RT profile (read and save), and the aggregate of the village or of a
kawasan (any set of its RTs). Scores are computed, never stored."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.api import query_ids, query_int
from tridaya.core.policy import authorize
from tridaya.mapping import pages, scoring
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.models import precision_validator
from tridaya.mapping.policy import EDIT_SLUM_DATA, VIEW_MAP
from tridaya.mapping.selectors import slum as sel
from tridaya.mapping.services import slum as services

YEAR = OpenApiParameter(
    "year",
    int,
    description="tahun (2000-2100); bawaan: tahun terakhir yang ada",
)


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def score_json(score: scoring.SlumScore | None) -> dict | None:
    if score is None:
        return None
    return {
        "total": score.total,
        "class": score.slum_class.value,
        "class_label": score.class_label,
        "average": _dec(score.average),
        "aspects": [{"key": a.aspect.key, "average": _dec(a.average)} for a in score.aspects],
        "criteria": {
            code: {
                "volume": _dec(item.volume),
                "denominator": _dec(item.denominator),
                "percentage": _dec(item.percentage),
                "score": item.score,
            }
            for code, item in score.by_code.items()
        },
    }


def rescore_json(rescore: scoring.Rescore | None) -> dict | None:
    if rescore is None:
        return None
    return {"after": score_json(rescore.after), "contribution": _dec(rescore.contribution)}


PROFILE_FIELDS = services.PROFILE_FIELDS


def row_json(row: sel.RTRow, year: int) -> dict:
    profile = row.profile
    return {
        "rt": {"id": row.rt.pk, "rw": row.rt.rw.number, "rt": row.rt.number, "label": row.label},
        "year": year,
        "status": row.status,
        "profile": (
            {name: _dec(getattr(profile, name)) for name in PROFILE_FIELDS} if profile else None
        ),
        "volumes": {code: _dec(v) for code, v in row.volumes.items()},
        "handled": {code: _dec(v) for code, v in row.handled.items()},
        "score": score_json(row.score),
        "rescore": rescore_json(row.rescore),
        "errors": row.errors,
    }


def area_json(area: sel.AreaScore) -> dict:
    indicators = area.indicators
    return {
        "rts": [r.rt.pk for r in area.rows],
        "score": score_json(area.score),
        "rescore": rescore_json(area.rescore),
        "indicators": (
            {
                "water_access_pct": _dec(indicators.water_access_pct),
                "sanitation_access_pct": _dec(indicators.sanitation_access_pct),
                "slum_area_ha": _dec(indicators.slum_area_ha),
                "households": _dec(indicators.households),
                "area_ha": _dec(indicators.area_ha),
            }
            if indicators
            else None
        ),
    }


def _year(request) -> int | None:
    return query_int(request, "year", minimum=2000, maximum=2100)


class SlumCriteriaAPI(APIView):
    """GET: the criteria set in force: aspects, criteria, units, denominators, bands."""

    @extend_schema(responses={200: dict})
    def get(self, request):
        row = current_criteria_set()
        cset = criteria_of(row)
        return Response(
            {
                "code": cset.code,
                "version": cset.version,
                "name": cset.name,
                "score_bands": [{"min": _dec(m), "score": s} for m, s in cset.score_bands],
                "class_bands": [{"min": m, "class": c.value} for m, c in cset.class_bands],
                "aspects": [
                    {
                        "key": a.key,
                        "title": a.title,
                        "criteria": [
                            {
                                "code": c.code,
                                "title": c.title,
                                "unit": c.unit,
                                "denominator": c.denominator,
                            }
                            for c in a.criteria
                        ],
                    }
                    for a in cset.aspects
                ],
            }
        )


class RTProfilesAPI(APIView):
    """GET: every RT of the village for the year, with its profile, volumes and score (or why it
    has none), and the village aggregate with the 100-0-100 indicators (public)."""

    @extend_schema(
        operation_id="villages_rt_profiles_list", parameters=[YEAR], responses={200: dict}
    )
    def get(self, request, code: str):
        village = pages.village_or_404(code)
        authorize(request.user, VIEW_MAP, village)
        page = sel.slum_page(village, _year(request))
        return Response(
            {
                "year": page.year,
                "criteria_set": str(page.criteria_set),
                "rts": [row_json(row, page.year) for row in page.rows],
                "village": area_json(page.area),
            }
        )


def _decimal(name: str, **kwargs) -> serializers.DecimalField:
    """A decimal with the precision rule of the form and the imports (`precision_problem`)."""
    return serializers.DecimalField(
        max_digits=None, decimal_places=None, validators=[precision_validator(name)], **kwargs
    )


class RTProfileInput(serializers.Serializer):
    area_ha = _decimal("area_ha", min_value=Decimal(0))
    buildings = serializers.IntegerField(min_value=0)
    population = serializers.IntegerField(min_value=0)
    households = serializers.IntegerField(min_value=0)
    road_length_m = _decimal("road_length_m", min_value=Decimal(0))
    drainage_length_m = _decimal("drainage_length_m", min_value=Decimal(0))
    volumes = serializers.DictField(
        child=_decimal("volume", allow_null=True),
        required=False,
        default=dict,
        help_text="{'1a': 12, '1b': 0.389174, ...} (paling banyak 6 desimal); null menghapus",
    )
    handled = serializers.DictField(child=_decimal("volume"), required=False, default=dict)


class RTProfileAPI(APIView):
    """GET: one RT's profile for a year with its score. PUT: save it (roles that edit slum
    data); a negative volume or one above its denominator is refused naming the field."""

    def _rt(self, code: str, rt_pk: int):
        village = pages.village_or_404(code)
        return village, pages.slum_rt_or_404(village, rt_pk)

    def _answer(self, village, rt, year: int) -> Response:
        profile = sel.rt_profile(rt, year)
        if profile is None:
            raise Http404
        row = sel.score_row(rt, profile, criteria_of(profile.criteria_set))
        return Response(row_json(row, year))

    @extend_schema(operation_id="villages_rt_profile_retrieve", responses={200: dict})
    def get(self, request, code: str, rt_pk: int, year: int):
        village, rt = self._rt(code, rt_pk)
        authorize(request.user, VIEW_MAP, rt)
        return self._answer(village, rt, year)

    @extend_schema(request=RTProfileInput, responses={200: dict})
    def put(self, request, code: str, rt_pk: int, year: int):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village, rt = self._rt(code, rt_pk)
        authorize(request.user, EDIT_SLUM_DATA, rt)
        data = RTProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.rt_profile_save(actor=request.user, rt=rt, year=year, **data.validated_data)
        return self._answer(village, rt, year)


class SlumScoresAPI(APIView):
    """GET: the aggregate score of the village, or of a kawasan given as `rt` ids (repeat the
    parameter), on the sums of the RTs' volumes and denominators."""

    @extend_schema(
        parameters=[YEAR, OpenApiParameter("rt", int, many=True, description="id RT")],
        responses={200: dict},
    )
    def get(self, request, code: str):
        village = pages.village_or_404(code)
        authorize(request.user, VIEW_MAP, village)
        rt_ids = query_ids(request, "rt")
        page = sel.slum_page(village, _year(request), rt_ids=rt_ids)
        return Response({"year": page.year, **area_json(page.area)})
