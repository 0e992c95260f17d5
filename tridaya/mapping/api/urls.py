"""/api/v1/ endpoints of mapping: pemetaan swadaya: problems and potentials, the village map,
layers, RT profiles, slum scores, households and survey imports. Included by
`tridaya/api_urls.py`; the URL names are global (no namespace), as the API schema and the tests
know them."""

from django.urls import path

from tridaya.mapping.api import households as households_api
from tridaya.mapping.api import layers as mapping_layers_api
from tridaya.mapping.api import problems as mapping_problems_api
from tridaya.mapping.api import slum as mapping_slum_api

urlpatterns = [
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
