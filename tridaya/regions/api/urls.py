"""/api/v1/ endpoints of regions: regions, village profiles, RW/RT units and a region's audit
trail. Included by `tridaya/api_urls.py`; the URL names are global (no namespace), as the API
schema and the tests know them."""

from django.urls import path

from tridaya.regions.api import views as regions_api

urlpatterns = [
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
