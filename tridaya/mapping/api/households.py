"""REST endpoints of a village's households, under /api/v1/villages/<code>/.

- `households/summary/`: counts per village and RT (public, like the page: they name nobody).
- `households/` and `households/<id>/`: the households, for `mapping.view_households` (401
  anonymous, 404 outside the user's regions, 403 inside them without the role). `head_name`,
  `head_nik` and `head_sex` are in the output only for `mapping.view_household_personal_data`.
  Writes (POST, PATCH, DELETE) need `mapping.manage_households`; they call the same services as
  the pages, so the poverty status is computed the same way.
- `survey-imports/`: upload a KoBo/ODK export (multipart: `form`, `mode`, `file`) and list the
  imports; `survey-imports/<id>/` is one import's report. For `mapping.import_surveys`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.api import IdField, body_dict, query_choice, query_int
from tridaya.core.choices import Sex
from tridaya.core.policy import authorize, can
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadSerializerField
from tridaya.mapping import pages
from tridaya.mapping.importers.household_form import HOUSING_SELECTS
from tridaya.mapping.models import (
    CRITERIA_FIELDS,
    Household,
    ImportBatch,
    ImportMode,
    SurveyForm,
)
from tridaya.mapping.models.households import MAX_MEMBERS
from tridaya.mapping.personal_data import log_household_niks
from tridaya.mapping.policy import (
    IMPORT_SURVEYS,
    MANAGE_HOUSEHOLDS,
    VIEW_HOUSEHOLD_PERSONAL_DATA,
    VIEW_HOUSEHOLD_STATS,
    VIEW_HOUSEHOLDS,
)
from tridaya.mapping.selectors import households as selectors
from tridaya.mapping.services import households as services
from tridaya.mapping.services import surveys as services_import
from tridaya.regions.models import RT, Region

# Output --------------------------------------------------------------------------------------


class StatsOutput(serializers.Serializer):
    households = serializers.IntegerField()
    people = serializers.IntegerField()
    women = serializers.IntegerField()
    disabled = serializers.IntegerField()
    poor = serializers.IntegerField()
    safe_water = serializers.IntegerField()
    safe_sanitation = serializers.IntegerField()
    poor_share = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class RTStatsOutput(serializers.Serializer):
    rt_id = serializers.IntegerField(source="rt.pk")
    rt = serializers.CharField(source="rt.__str__")
    stats = StatsOutput()


class SummaryOutput(serializers.Serializer):
    village = serializers.CharField(source="village.code")
    total = StatsOutput()
    profile_households = serializers.IntegerField(allow_null=True)
    coverage = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    rts = RTStatsOutput(many=True)


class HouseholdOutput(serializers.ModelSerializer):
    rt_label = serializers.CharField(source="rt.__str__")
    criteria = serializers.SerializerMethodField()

    class Meta:
        model = Household
        fields = [
            "id",
            "rt",
            "rt_label",
            "members",
            "women",
            "disabled",
            *[name for name, _label, _choices in HOUSING_SELECTS],
            "criteria",
            "criteria_met",
            "is_poor",
            "location",
            "surveyed_on",
            "source",
            "instance_id",
        ]

    def get_criteria(self, household: Household) -> dict[str, bool]:
        return {name: getattr(household, name) for name in CRITERIA_FIELDS}


class HouseholdPersonalOutput(HouseholdOutput):
    class Meta(HouseholdOutput.Meta):
        fields = [*HouseholdOutput.Meta.fields, "head_name", "head_nik", "head_sex"]


class ImportBatchOutput(serializers.ModelSerializer):
    class Meta:
        model = ImportBatch
        fields = [
            "id",
            "form",
            "source_format",
            "filename",
            "mode",
            "status",
            "rows",
            "created",
            "updated",
            "unchanged",
            "bad_rows",
            "quarantined",
            "unknown_columns",
            "issues",
            "issues_truncated",
            "seconds",
            "created_at",
        ]


# Input ---------------------------------------------------------------------------------------


class HouseholdInput(serializers.Serializer):
    rt = IdField(help_text="id RT di desa ini")
    head_name = serializers.CharField(max_length=120)
    head_nik = serializers.RegexField(r"^[0-9]{16}$", required=False, allow_blank=True, default="")
    head_sex = serializers.ChoiceField(choices=Sex.choices)
    members = serializers.IntegerField(min_value=1, max_value=MAX_MEMBERS)
    women = serializers.IntegerField(min_value=0, default=0)
    disabled = serializers.IntegerField(min_value=0, default=0)
    criteria = serializers.DictField(
        child=serializers.BooleanField(), required=False, default=dict,
        help_text="kriteria BPS yang berlaku, mis. {\"crit_floor_area\": true}",
    )  # fmt: skip
    location = serializers.JSONField(required=False, allow_null=True, default=None)
    surveyed_on = serializers.DateField(required=False, allow_null=True, default=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, _label, choices in HOUSING_SELECTS:
            self.fields[name] = serializers.ChoiceField(
                choices=choices.choices, required=False, allow_blank=True, default=""
            )

    def to_kwargs(self, village: Region) -> dict:
        data = dict(self.validated_data)
        data["rt"] = get_object_or_404(RT, pk=data["rt"], village=village)
        return data


class SurveyImportInput(serializers.Serializer):
    form = serializers.ChoiceField(choices=SurveyForm.choices)
    mode = serializers.ChoiceField(choices=ImportMode.choices, default=ImportMode.STRICT)
    # The upload page's check (the command line has no size limit).
    file = UploadSerializerField(accept=kinds.SURVEYS, group="survey")


# Views ---------------------------------------------------------------------------------------


class VillageHouseholdsAPI(APIView):
    """Loads the village; `check` guards each operation (401 anonymous, then the policy)."""

    def village(self, code: str) -> Region:
        return pages.village_or_404(code)

    def check(self, action: str, obj) -> None:
        if not self.request.user.is_authenticated:
            self.permission_denied(self.request)
        authorize(self.request.user, action, obj)

    def output(self, village: Region):
        personal = can(self.request.user, VIEW_HOUSEHOLD_PERSONAL_DATA, village)
        return HouseholdPersonalOutput if personal else HouseholdOutput


class HouseholdSummaryAPI(VillageHouseholdsAPI):
    """GET: counts of households, people, women and poor households, per village and RT."""

    @extend_schema(responses=SummaryOutput)
    def get(self, request, code: str):
        village = self.village(code)
        authorize(request.user, VIEW_HOUSEHOLD_STATS, village)
        return Response(SummaryOutput(selectors.village_households(village)).data)


class HouseholdsAPI(VillageHouseholdsAPI):
    """GET: the village's households (`?rt=<id>`, `?poor=true|false`, `?q=` name or NIK for the
    roles that see them). POST: record a household."""

    # Paginated by hand in `get`; named here so the schema documents the page envelope.
    pagination_class = PageNumberPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("rt", int),
            OpenApiParameter("poor", bool),
            OpenApiParameter("q", str),
        ],
        responses=HouseholdPersonalOutput(many=True),
    )
    def get(self, request, code: str):
        village = self.village(code)
        self.check(VIEW_HOUSEHOLDS, village)
        personal = can(request.user, VIEW_HOUSEHOLD_PERSONAL_DATA, village)
        params = request.query_params
        rt = None
        rt_id = query_int(request, "rt", minimum=1)
        if rt_id is not None:
            rt = get_object_or_404(RT, pk=rt_id, village=village)
        poor_choice = query_choice(request, "poor", ["true", "1", "false", "0"])
        poor = {"true": True, "1": True, "false": False, "0": False}.get(poor_choice)
        found = selectors.households_of(
            village, rt=rt, poor=poor, query=params.get("q", "")[:100], search_personal=personal
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        if personal:
            log_household_niks(request.user, page or [], place="api:households")
        return paginator.get_paginated_response(self.output(village)(page, many=True).data)

    @extend_schema(request=HouseholdInput, responses={201: HouseholdPersonalOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check(VIEW_HOUSEHOLDS, village)
        self.check(MANAGE_HOUSEHOLDS, village)
        data = HouseholdInput(data=request.data)
        data.is_valid(raise_exception=True)
        household = services.household_create(
            actor=request.user, village=village, **data.to_kwargs(village)
        )
        return Response(self.output(village)(household).data, status=status.HTTP_201_CREATED)


class HouseholdAPI(VillageHouseholdsAPI):
    """GET: one household. PATCH: change it (fields not sent keep their value). DELETE."""

    def household(self, code: str, pk: int) -> tuple[Region, Household]:
        village = self.village(code)
        self.check(VIEW_HOUSEHOLDS, village)
        return village, pages.household_or_404(village, pk)

    @extend_schema(responses=HouseholdPersonalOutput)
    def get(self, request, code: str, pk: int):
        village, household = self.household(code, pk)
        if can(request.user, VIEW_HOUSEHOLD_PERSONAL_DATA, village):
            log_household_niks(request.user, [household], place="api:household")
        return Response(self.output(village)(household).data)

    @extend_schema(request=HouseholdInput, responses=HouseholdPersonalOutput)
    def patch(self, request, code: str, pk: int):
        village, household = self.household(code, pk)
        self.check(MANAGE_HOUSEHOLDS, household)
        current = {
            "rt": household.rt_id,
            "head_name": household.head_name,
            "head_nik": household.head_nik,
            "head_sex": household.head_sex,
            "members": household.members,
            "women": household.women,
            "disabled": household.disabled,
            "criteria": {name: getattr(household, name) for name in CRITERIA_FIELDS},
            "location": household.location,
            "surveyed_on": household.surveyed_on,
            **{name: getattr(household, name) for name, _label, _c in HOUSING_SELECTS},
        }
        incoming = body_dict(request.data)
        if "criteria" in incoming and isinstance(incoming["criteria"], dict):
            incoming["criteria"] = {**current["criteria"], **incoming["criteria"]}
        data = HouseholdInput(data={**current, **incoming})
        data.is_valid(raise_exception=True)
        household = services.household_update(
            actor=request.user, household=household, **data.to_kwargs(village)
        )
        return Response(self.output(village)(household).data)

    @extend_schema(responses={204: None})
    def delete(self, request, code: str, pk: int):
        _village, household = self.household(code, pk)
        self.check(MANAGE_HOUSEHOLDS, household)
        services.household_delete(actor=request.user, household=household)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SurveyImportsAPI(VillageHouseholdsAPI):
    """GET: the village's imports, newest first. POST (multipart): import one export file; the
    answer is its report (201), or 400 when the file cannot be read at all."""

    # Paginated by hand in `get`; named here so the schema documents the page envelope.
    pagination_class = PageNumberPagination

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=ImportBatchOutput(many=True))
    def get(self, request, code: str):
        village = self.village(code)
        self.check(IMPORT_SURVEYS, village)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.import_batches(village), request, view=self)
        return paginator.get_paginated_response(ImportBatchOutput(page, many=True).data)

    @extend_schema(request=SurveyImportInput, responses={201: ImportBatchOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check(IMPORT_SURVEYS, village)
        data = SurveyImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            batch = services_import.survey_import(
                actor=request.user,
                village=village,
                form=data.validated_data["form"],
                file=upload.file,
                filename=upload.name,
                mode=data.validated_data["mode"],
            )
        except ValidationError as exc:
            codes = (
                [e.code for e in exc.error_list if e.code] if not hasattr(exc, "error_dict") else []
            )
            return Response(
                {"file": exc.messages, "codes": codes}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(ImportBatchOutput(batch).data, status=status.HTTP_201_CREATED)


class SurveyImportAPI(VillageHouseholdsAPI):
    """GET: one import's report."""

    @extend_schema(responses=ImportBatchOutput)
    def get(self, request, code: str, pk: int):
        village = self.village(code)
        self.check(IMPORT_SURVEYS, village)
        batch = get_object_or_404(ImportBatch, pk=pk, village=village)
        return Response(ImportBatchOutput(batch).data)
