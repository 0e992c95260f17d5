"""One API class per operation; see the package docstring for the policy."""

from __future__ import annotations

from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.policy import authorize, can
from tridaya.institutions import selectors, services
from tridaya.institutions.api.serializers import (
    PERSONAL_INPUT,
    BKMInput,
    BKMMemberInput,
    BKMMemberOutput,
    BKMOutput,
    ElectionInput,
    ElectionOutput,
    KPPInput,
    KPPMemberInput,
    KPPMemberOutput,
    KPPOutput,
    KSMInput,
    KSMMemberInput,
    KSMOutput,
    MemberOutput,
    PersonFullOutput,
    PersonInput,
    PersonPublicOutput,
    PokjaInput,
    PokjaMemberInput,
    PokjaMemberOutput,
    PokjaOutput,
    TIPPInput,
    TIPPMemberInput,
    TIPPMemberOutput,
    TIPPOutput,
    UPStaffInput,
    UPStaffOutput,
    UPUnitInput,
    UPUnitOutput,
)
from tridaya.institutions.models import (
    BKM,
    KSM,
    TIPP,
    BKMMember,
    KPPMember,
    KSMMember,
    Person,
    PokjaMember,
    TIPPMember,
    UPStaff,
)
from tridaya.institutions.personal_data import log_person_niks
from tridaya.institutions.policy import MANAGE, VIEW, VIEW_PEOPLE, VIEW_PERSONAL_DATA
from tridaya.regions.models import Region
from tridaya.regions.pages import village_or_404

# Views ----------------------------------------------------------------------------------------


class VillageAPI(APIView):
    """Loads the village of the URL; `check_manage` guards every write."""

    def village(self, code: str) -> Region:
        village = village_or_404(code)
        authorize(self.request.user, VIEW, village)
        return village

    def check_manage(self, village: Region) -> None:
        if not self.request.user.is_authenticated:
            self.permission_denied(self.request)
        authorize(self.request.user, MANAGE, village)

    def valid(self, serializer_class, village: Region | None = None, **kwargs) -> dict:
        extra = {"village": village} if village is not None else {}
        data = serializer_class(data=self.request.data, **extra, **kwargs)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)


def _person_output(request, village: Region):
    personal = can(request.user, VIEW_PERSONAL_DATA, village)
    return PersonFullOutput if personal else PersonPublicOutput


class PeopleRegisterAPI(VillageAPI):
    """The register of the village's people is not public: 401 anonymous, then
    `institutions.view_people` over the village (404 outside the user's regions, 403 inside
    them without the role), for reads and writes alike."""

    def village(self, code: str) -> Region:
        if not self.request.user.is_authenticated:
            self.permission_denied(self.request)
        village = village_or_404(code)
        authorize(self.request.user, VIEW_PEOPLE, village)
        return village


class PeopleAPI(PeopleRegisterAPI):
    """GET: the village's people (`?q=` searches names). POST: record a person."""

    # Paginated by hand in `get`; named here so the schema documents the page envelope.
    pagination_class = PageNumberPagination

    @extend_schema(responses=PersonFullOutput(many=True))
    def get(self, request, code: str):
        village = self.village(code)
        personal = can(request.user, VIEW_PERSONAL_DATA, village)
        people = selectors.people_of(
            village, query=request.query_params.get("q", "")[:100], search_nik=personal
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(people, request, view=self)
        if personal:
            log_person_niks(request.user, page or [], place="api:people")
        output = _person_output(request, village)
        return paginator.get_paginated_response(output(page, many=True).data)

    @extend_schema(request=PersonInput, responses={201: PersonFullOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        data = self.valid(PersonInput)
        if not can(request.user, VIEW_PERSONAL_DATA, village):
            for name in PERSONAL_INPUT:
                data.pop(name, None)
        person = services.person_create(actor=request.user, village=village, **data)
        output = _person_output(request, village)
        return Response(output(person).data, status=status.HTTP_201_CREATED)


class PersonAPI(PeopleRegisterAPI):
    """GET: one person. PATCH: change them (personal fields only for roles that may see them)."""

    def person(self, code: str, pk: int) -> tuple[Region, Person]:
        village = self.village(code)
        return village, get_object_or_404(Person, pk=pk, village=village)

    @extend_schema(responses=PersonFullOutput)
    def get(self, request, code: str, pk: int):
        village, person = self.person(code, pk)
        if can(request.user, VIEW_PERSONAL_DATA, village):
            log_person_niks(request.user, [person], place="api:person")
        return Response(_person_output(request, village)(person).data)

    @extend_schema(request=PersonInput, responses=PersonFullOutput)
    def patch(self, request, code: str, pk: int):
        village, person = self.person(code, pk)
        self.check_manage(village)
        data = self.valid(PersonInput, partial=True)
        if not can(request.user, VIEW_PERSONAL_DATA, village):
            for name in PERSONAL_INPUT:
                data.pop(name, None)
        values = {name: getattr(person, name) for name in services.PERSON_FIELDS}
        person = services.person_update(actor=request.user, person=person, **{**values, **data})
        return Response(_person_output(request, village)(person).data)


class BKMAPI(VillageAPI):
    """GET: the BKM with every member's term. PUT: create it or change its name and date."""

    def _output(self, bkm: BKM) -> dict:
        members = list(selectors.bkm_members(bkm))
        return BKMOutput(bkm, context={"members": members}).data

    @extend_schema(responses=BKMOutput)
    def get(self, request, code: str):
        bkm = get_object_or_404(BKM, village=self.village(code))
        return Response(self._output(bkm))

    @extend_schema(request=BKMInput, responses=BKMOutput)
    def put(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        bkm = services.bkm_save(actor=request.user, village=village, **self.valid(BKMInput))
        return Response(self._output(bkm))


class BKMMemberCreateAPI(VillageAPI):
    @extend_schema(request=BKMMemberInput, responses={201: BKMMemberOutput})
    def post(self, request, code: str):
        village = self.village(code)
        bkm = get_object_or_404(BKM, village=village)
        self.check_manage(village)
        member = services.bkm_member_add(
            actor=request.user, bkm=bkm, **self.valid(BKMMemberInput, village)
        )
        return Response(BKMMemberOutput(member).data, status=status.HTTP_201_CREATED)


class ElectionsAPI(VillageAPI):
    """GET: the BKM's elections, newest first, candidates by votes. POST: record one."""

    @extend_schema(responses=ElectionOutput(many=True))
    def get(self, request, code: str):
        bkm = get_object_or_404(BKM, village=self.village(code))
        return Response(ElectionOutput(selectors.elections_of(bkm), many=True).data)

    @extend_schema(request=ElectionInput, responses={201: ElectionOutput})
    def post(self, request, code: str):
        village = self.village(code)
        bkm = get_object_or_404(BKM, village=village)
        self.check_manage(village)
        election = services.election_record(
            actor=request.user, bkm=bkm, **self.valid(ElectionInput, village)
        )
        election = selectors.elections_of(bkm).get(pk=election.pk)
        return Response(ElectionOutput(election).data, status=status.HTTP_201_CREATED)


class UPUnitsAPI(VillageAPI):
    @extend_schema(responses=UPUnitOutput(many=True))
    def get(self, request, code: str):
        return Response(UPUnitOutput(selectors.up_units_of(self.village(code)), many=True).data)

    @extend_schema(request=UPUnitInput, responses={201: UPUnitOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        unit = services.up_unit_create(
            actor=request.user, village=village, **self.valid(UPUnitInput)
        )
        return Response(UPUnitOutput(unit).data, status=status.HTTP_201_CREATED)


class UPStaffCreateAPI(VillageAPI):
    @extend_schema(request=UPStaffInput, responses={201: UPStaffOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        staff = services.up_staff_add(actor=request.user, **self.valid(UPStaffInput, village))
        return Response(UPStaffOutput(staff).data, status=status.HTTP_201_CREATED)


class TIPPAPI(VillageAPI):
    """GET: the TIPP, its confirmation and gender balance, and its members. PUT: its dates."""

    @extend_schema(responses=TIPPOutput)
    def get(self, request, code: str):
        team = selectors.tipp_view(self.village(code))
        if team.tipp is None:
            return Response(
                {"detail": _("Desa ini belum membentuk TIPP.")}, status=status.HTTP_404_NOT_FOUND
            )
        return Response(TIPPOutput(team).data)

    @extend_schema(request=TIPPInput, responses=TIPPOutput)
    def put(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        services.tipp_save(actor=request.user, village=village, **self.valid(TIPPInput))
        return Response(TIPPOutput(selectors.tipp_view(village)).data)


class TIPPMemberCreateAPI(VillageAPI):
    @extend_schema(request=TIPPMemberInput, responses={201: TIPPMemberOutput})
    def post(self, request, code: str):
        village = self.village(code)
        tipp = get_object_or_404(TIPP, village=village)
        self.check_manage(village)
        member = services.tipp_member_add(
            actor=request.user, tipp=tipp, **self.valid(TIPPMemberInput, village)
        )
        return Response(TIPPMemberOutput(member).data, status=status.HTTP_201_CREATED)


class PokjasAPI(VillageAPI):
    @extend_schema(responses=PokjaOutput(many=True))
    def get(self, request, code: str):
        return Response(PokjaOutput(selectors.pokjas_of(self.village(code)), many=True).data)

    @extend_schema(request=PokjaInput, responses={201: PokjaOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        pokja = services.pokja_create(actor=request.user, village=village, **self.valid(PokjaInput))
        return Response(PokjaOutput(pokja).data, status=status.HTTP_201_CREATED)


class PokjaMemberCreateAPI(VillageAPI):
    @extend_schema(request=PokjaMemberInput, responses={201: PokjaMemberOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        member = services.pokja_member_add(
            actor=request.user, **self.valid(PokjaMemberInput, village)
        )
        return Response(PokjaMemberOutput(member).data, status=status.HTTP_201_CREATED)


class KSMsAPI(VillageAPI):
    """GET: the village's KSM with members. POST: form a KSM with at least three members."""

    @extend_schema(responses=KSMOutput(many=True))
    def get(self, request, code: str):
        return Response(KSMOutput(selectors.ksms_of(self.village(code)), many=True).data)

    @extend_schema(request=KSMInput, responses={201: KSMOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        ksm = services.ksm_create(
            actor=request.user, village=village, **self.valid(KSMInput, village)
        )
        return Response(KSMOutput(ksm).data, status=status.HTTP_201_CREATED)


class KSMMemberCreateAPI(VillageAPI):
    @extend_schema(request=KSMMemberInput, responses={201: MemberOutput})
    def post(self, request, code: str, pk: int):
        village = self.village(code)
        ksm = get_object_or_404(KSM, pk=pk, village=village)
        self.check_manage(village)
        member = services.ksm_member_add(
            actor=request.user, ksm=ksm, **self.valid(KSMMemberInput, village)
        )
        return Response(MemberOutput(member).data, status=status.HTTP_201_CREATED)


class KPPsAPI(VillageAPI):
    @extend_schema(responses=KPPOutput(many=True))
    def get(self, request, code: str):
        return Response(KPPOutput(selectors.kpps_of(self.village(code)), many=True).data)

    @extend_schema(request=KPPInput, responses={201: KPPOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        kpp = services.kpp_create(
            actor=request.user, village=village, **self.valid(KPPInput, village)
        )
        return Response(KPPOutput(kpp).data, status=status.HTTP_201_CREATED)


class KPPMemberCreateAPI(VillageAPI):
    @extend_schema(request=KPPMemberInput, responses={201: KPPMemberOutput})
    def post(self, request, code: str):
        village = self.village(code)
        self.check_manage(village)
        member = services.kpp_member_add(actor=request.user, **self.valid(KPPMemberInput, village))
        return Response(KPPMemberOutput(member).data, status=status.HTTP_201_CREATED)


class MemberDeleteAPI(VillageAPI):
    """DELETE one membership of this village; each subclass names the model, the path from it
    to the village, and the service that removes it."""

    model: type
    village_path: str

    def remove(self, *, actor, member) -> None:
        raise NotImplementedError

    @extend_schema(responses={204: None})
    def delete(self, request, code: str, pk: int):
        village = self.village(code)
        member: Model = get_object_or_404(self.model, pk=pk, **{self.village_path: village})
        self.check_manage(village)
        self.remove(actor=request.user, member=member)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BKMMemberDeleteAPI(MemberDeleteAPI):
    model, village_path = BKMMember, "bkm__village"

    def remove(self, *, actor, member) -> None:
        services.bkm_member_remove(actor=actor, member=member)


class UPStaffDeleteAPI(MemberDeleteAPI):
    model, village_path = UPStaff, "unit__village"

    def remove(self, *, actor, member) -> None:
        services.up_staff_remove(actor=actor, staff=member)


class TIPPMemberDeleteAPI(MemberDeleteAPI):
    model, village_path = TIPPMember, "tipp__village"

    def remove(self, *, actor, member) -> None:
        services.tipp_member_remove(actor=actor, member=member)


class PokjaMemberDeleteAPI(MemberDeleteAPI):
    model, village_path = PokjaMember, "pokja__village"

    def remove(self, *, actor, member) -> None:
        services.pokja_member_remove(actor=actor, member=member)


class KSMMemberDeleteAPI(MemberDeleteAPI):
    """Refused with a 400 when the KSM would keep fewer than three members."""

    model, village_path = KSMMember, "ksm__village"

    def remove(self, *, actor, member) -> None:
        services.ksm_member_remove(actor=actor, member=member)


class KPPMemberDeleteAPI(MemberDeleteAPI):
    model, village_path = KPPMember, "kpp__village"

    def remove(self, *, actor, member) -> None:
        services.kpp_member_remove(actor=actor, member=member)
