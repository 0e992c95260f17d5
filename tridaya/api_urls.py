"""/api/v1/: every app's REST endpoints."""

from django.urls import include, path
from rest_framework.authtoken.views import obtain_auth_token

from tridaya.cycle import api as cycle_api
from tridaya.institutions import api as institutions_api
from tridaya.mapping.api import households as households_api
from tridaya.mapping.api import layers as mapping_layers_api
from tridaya.mapping.api import problems as mapping_problems_api
from tridaya.mapping.api import slum as mapping_slum_api
from tridaya.regions import api as regions_api
from tridaya.training import api as training_api

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

# Pemetaan swadaya: problems and potentials (GeoJSON), the village map, layers, RT profiles and
# slum scores.
urlpatterns += [
    path(
        "villages/<str:code>/problems/",
        mapping_problems_api.ProblemsAPI.as_view(),
        name="api-problems",
    ),
    path(
        "villages/<str:code>/problems/<int:pk>/",
        mapping_problems_api.ProblemAPI.as_view(),
        name="api-problem",
    ),
    path(
        "villages/<str:code>/problems/<int:pk>/status/",
        mapping_problems_api.ProblemStatusAPI.as_view(),
        name="api-problem-status",
    ),
    path(
        "villages/<str:code>/map/",
        mapping_problems_api.VillageMapAPI.as_view(),
        name="api-village-map",
    ),
    path(
        "villages/<str:code>/layers/",
        mapping_layers_api.LayersAPI.as_view(),
        name="api-layers",
    ),
    path(
        "villages/<str:code>/layers/<int:pk>/",
        mapping_layers_api.LayerAPI.as_view(),
        name="api-layer",
    ),
    path("slum-criteria/", mapping_slum_api.SlumCriteriaAPI.as_view(), name="api-slum-criteria"),
    path(
        "villages/<str:code>/rt-profiles/",
        mapping_slum_api.RTProfilesAPI.as_view(),
        name="api-rt-profiles",
    ),
    path(
        "villages/<str:code>/rt-profiles/<int:rt_pk>/<int:year>/",
        mapping_slum_api.RTProfileAPI.as_view(),
        name="api-rt-profile",
    ),
    path(
        "villages/<str:code>/slum-scores/",
        mapping_slum_api.SlumScoresAPI.as_view(),
        name="api-slum-scores",
    ),
    # Planning: prioritisation rounds, kawasan prioritas, RPLP / RTPLP, RAB and price lists.
    path("", include("tridaya.planning.api.urls")),
]

# Capacity building: curricula, trainings (sessions, attendance, participants, scores, closing,
# follow-up plan), capacity maps, roll-ups and certificate checks.
urlpatterns += [
    path("curricula/", training_api.CurriculaAPI.as_view(), name="api-curricula"),
    path(
        "regions/<str:code>/trainings/",
        training_api.RegionTrainingsAPI.as_view(),
        name="api-region-trainings",
    ),
    path(
        "regions/<str:code>/training-summary/",
        training_api.RollupAPI.as_view(),
        name="api-training-summary",
    ),
    path(
        "villages/<str:code>/capacity/",
        training_api.CapacityAPI.as_view(),
        name="api-village-capacity",
    ),
    path("trainings/<int:pk>/", training_api.TrainingDetailAPI.as_view(), name="api-training"),
    path(
        "trainings/<int:pk>/sessions/",
        training_api.SessionCreateAPI.as_view(),
        name="api-training-sessions",
    ),
    path(
        "trainings/<int:pk>/sessions/<int:session_id>/attendance/",
        training_api.AttendanceAPI.as_view(),
        name="api-training-attendance",
    ),
    path(
        "trainings/<int:pk>/participants/",
        training_api.ParticipantCreateAPI.as_view(),
        name="api-training-participants",
    ),
    path(
        "trainings/<int:pk>/participants/<int:participant_id>/",
        training_api.ParticipantDeleteAPI.as_view(),
        name="api-training-participant",
    ),
    path(
        "trainings/<int:pk>/scores/",
        training_api.ScoresAPI.as_view(),
        name="api-training-scores",
    ),
    path(
        "trainings/<int:pk>/results/",
        training_api.ResultsAPI.as_view(),
        name="api-training-results",
    ),
    path("trainings/<int:pk>/close/", training_api.CloseAPI.as_view(), name="api-training-close"),
    path(
        "trainings/<int:pk>/reopen/", training_api.ReopenAPI.as_view(), name="api-training-reopen"
    ),
    path(
        "trainings/<int:pk>/cancel/", training_api.CancelAPI.as_view(), name="api-training-cancel"
    ),
    path(
        "trainings/<int:pk>/follow-ups/",
        training_api.FollowUpsAPI.as_view(),
        name="api-training-follow-ups",
    ),
    path(
        "trainings/<int:pk>/follow-ups/<int:follow_up_id>/",
        training_api.FollowUpAPI.as_view(),
        name="api-training-follow-up",
    ),
    path(
        "certificates/<str:code>/",
        training_api.CertificateVerifyAPI.as_view(),
        name="api-certificate",
    ),
    path(
        "certificates/<str:code>/revoke/",
        training_api.CertificateRevokeAPI.as_view(),
        name="api-certificate-revoke",
    ),
]

# Pemetaan swadaya: households (personal fields only for allowed roles) and survey imports.
urlpatterns += [
    path(
        "villages/<str:code>/households/summary/",
        households_api.HouseholdSummaryAPI.as_view(),
        name="api-household-summary",
    ),
    path(
        "villages/<str:code>/households/",
        households_api.HouseholdsAPI.as_view(),
        name="api-households",
    ),
    path(
        "villages/<str:code>/households/<int:pk>/",
        households_api.HouseholdAPI.as_view(),
        name="api-household",
    ),
    path(
        "villages/<str:code>/survey-imports/",
        households_api.SurveyImportsAPI.as_view(),
        name="api-survey-imports",
    ),
    path(
        "villages/<str:code>/survey-imports/<int:pk>/",
        households_api.SurveyImportAPI.as_view(),
        name="api-survey-import",
    ),
]
