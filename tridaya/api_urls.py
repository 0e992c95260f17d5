"""/api/v1/: every app's REST endpoints."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

from tridaya.cycle import api as cycle_api
from tridaya.institutions import api as institutions_api
from tridaya.regions import api as regions_api

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("regions/", regions_api.RegionList.as_view(), name="api-regions"),
    path("regions/<str:code>/", regions_api.RegionDetail.as_view(), name="api-region"),
    path(
        "regions/<str:code>/audit-events/",
        regions_api.RegionAuditEvents.as_view(),
        name="api-region-audit",
    ),
    path(
        "villages/<str:code>/profile/",
        regions_api.VillageProfileAPI.as_view(),
        name="api-village-profile",
    ),
    path(
        "villages/<str:code>/units/", regions_api.VillageUnits.as_view(), name="api-village-units"
    ),
    path("villages/<str:code>/cycle/", cycle_api.VillageCycleAPI.as_view(), name="api-cycle"),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/",
        cycle_api.StepAPI.as_view(),
        name="api-step",
    ),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/signoffs/",
        cycle_api.SignStepAPI.as_view(),
        name="api-step-sign",
    ),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/signoffs/<int:signoff_id>/withdraw/",
        cycle_api.WithdrawSignOffAPI.as_view(),
        name="api-signoff-withdraw",
    ),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/override/",
        cycle_api.OverrideGateAPI.as_view(),
        name="api-step-override",
    ),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/complete/",
        cycle_api.CompleteStepAPI.as_view(),
        name="api-step-complete",
    ),
    path("villages/<str:code>/meetings/", cycle_api.MeetingListAPI.as_view(), name="api-meetings"),
    path(
        "villages/<str:code>/meetings/<int:meeting_id>/",
        cycle_api.MeetingDetailAPI.as_view(),
        name="api-meeting",
    ),
    # Institutions: people, BKM (members, elections), UP-UP, TIPP, Pokja, KSM, KPP.
    path(
        "villages/<str:code>/people/",
        institutions_api.PeopleAPI.as_view(),
        name="api-people",
    ),
    path(
        "villages/<str:code>/people/<int:pk>/",
        institutions_api.PersonAPI.as_view(),
        name="api-person",
    ),
    path(
        "villages/<str:code>/bkm/",
        institutions_api.BKMAPI.as_view(),
        name="api-bkm",
    ),
    path(
        "villages/<str:code>/bkm/members/",
        institutions_api.BKMMemberCreateAPI.as_view(),
        name="api-bkm-members",
    ),
    path(
        "villages/<str:code>/bkm/members/<int:pk>/",
        institutions_api.BKMMemberDeleteAPI.as_view(),
        name="api-bkm-member",
    ),
    path(
        "villages/<str:code>/bkm/elections/",
        institutions_api.ElectionsAPI.as_view(),
        name="api-bkm-elections",
    ),
    path(
        "villages/<str:code>/up-units/",
        institutions_api.UPUnitsAPI.as_view(),
        name="api-up-units",
    ),
    path(
        "villages/<str:code>/up-units/staff/",
        institutions_api.UPStaffCreateAPI.as_view(),
        name="api-up-staff",
    ),
    path(
        "villages/<str:code>/up-units/staff/<int:pk>/",
        institutions_api.UPStaffDeleteAPI.as_view(),
        name="api-up-staff-member",
    ),
    path(
        "villages/<str:code>/tipp/",
        institutions_api.TIPPAPI.as_view(),
        name="api-tipp",
    ),
    path(
        "villages/<str:code>/tipp/members/",
        institutions_api.TIPPMemberCreateAPI.as_view(),
        name="api-tipp-members",
    ),
    path(
        "villages/<str:code>/tipp/members/<int:pk>/",
        institutions_api.TIPPMemberDeleteAPI.as_view(),
        name="api-tipp-member",
    ),
    path(
        "villages/<str:code>/pokja/",
        institutions_api.PokjasAPI.as_view(),
        name="api-pokjas",
    ),
    path(
        "villages/<str:code>/pokja/members/",
        institutions_api.PokjaMemberCreateAPI.as_view(),
        name="api-pokja-members",
    ),
    path(
        "villages/<str:code>/pokja/members/<int:pk>/",
        institutions_api.PokjaMemberDeleteAPI.as_view(),
        name="api-pokja-member",
    ),
    path(
        "villages/<str:code>/ksm/",
        institutions_api.KSMsAPI.as_view(),
        name="api-ksms",
    ),
    path(
        "villages/<str:code>/ksm/<int:pk>/members/",
        institutions_api.KSMMemberCreateAPI.as_view(),
        name="api-ksm-members",
    ),
    path(
        "villages/<str:code>/ksm/members/<int:pk>/",
        institutions_api.KSMMemberDeleteAPI.as_view(),
        name="api-ksm-member",
    ),
    path(
        "villages/<str:code>/kpp/",
        institutions_api.KPPsAPI.as_view(),
        name="api-kpps",
    ),
    path(
        "villages/<str:code>/kpp/members/",
        institutions_api.KPPMemberCreateAPI.as_view(),
        name="api-kpp-members",
    ),
    path(
        "villages/<str:code>/kpp/members/<int:pk>/",
        institutions_api.KPPMemberDeleteAPI.as_view(),
        name="api-kpp-member",
    ),
]
