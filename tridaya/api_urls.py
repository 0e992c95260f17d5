"""/api/v1/: every app's REST endpoints."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

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
]
